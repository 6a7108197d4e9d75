#!/usr/bin/env python3
"""Writes assets/lexicon/common_stems.txt: the word stems found in at least a share of the articles
of a news corpus (the ANT corpus, JSON Lines {title, body, source, ...}), i.e. the vocabulary of
news in general. Cleaning (src/article/story.rs) does not count these words as evidence that two
paragraphs are about the same thing: "وزير", "مليار", "الأمريكي" are shared by unrelated stories.

usage: common_stems.py CORPUS.jsonl.gz [--share 0.04] [--exclude selection.json] > common_stems.txt

The folding and stemming mirror src/article/normalize.rs (fold_arabic, words_key, stem).
"""
import gzip, json, re, sys, collections, unicodedata

def fold(s):
    out = []
    for c in s:
        o = ord(c)
        if c in 'أآإٱ':
            out.append('ا')
        elif c == 'ة':
            out.append('ه')
        elif c == 'ى':
            out.append('ي')
        elif o == 0x640 or 0x64B <= o <= 0x65F or o == 0x670:
            continue
        else:
            out.append(c)
    return ''.join(out)

def is_word_char(c):
    if c.isascii():
        return c.isalnum()
    o = ord(c)
    return 0x621 <= o <= 0x63A or 0x641 <= o <= 0x64A or 0x660 <= o <= 0x669 or c.isalnum()

def words(s):
    w, cur = [], []
    for c in fold(s):
        if is_word_char(c):
            cur.append(c if '\u0600' <= c <= '\u06ff' else c.lower())
        elif cur:
            w.append(''.join(cur)); cur = []
    if cur:
        w.append(''.join(cur))
    return w

PREFIXES = ["وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل"]
SUFFIXES = ["ها", "ات", "يه", "ه", "ون", "ين", "ي"]

def stem(w):
    s = w
    for p in PREFIXES:
        if s.startswith(p) and len(s) - len(p) >= 3:
            s = s[len(p):]
            break
    for x in SUFFIXES:
        if s.endswith(x) and len(s) - len(x) >= 3:
            return s[:-len(x)]
    return s

def main():
    args = sys.argv[1:]
    share = 0.04
    exclude = set()
    if '--share' in args:
        i = args.index('--share'); share = float(args[i + 1]); del args[i:i + 2]
    if '--exclude' in args:
        i = args.index('--exclude')
        for e in json.load(open(args[i + 1])):
            m = re.match(r'corpus line (\d+)', e.get('origin', ''))
            if m:
                exclude.add(int(m.group(1)))
        del args[i:i + 2]
    df = collections.Counter()
    n = 0
    for i, line in enumerate(gzip.open(args[0], 'rt')):
        if i in exclude:
            continue
        d = json.loads(line)
        n += 1
        df.update({stem(w) for w in words(d.get('title', '') + ' ' + d.get('body', '')) if len(w) >= 3 and not w.isdigit()})
    keep = sorted((s for s, c in df.items() if c >= share * n), key=lambda s: (-df[s], s))
    print(f"# Stems in at least {share:.0%} of {n} news articles (tools/common_stems.py; ANT corpus, Apache-2.0).")
    for s in keep:
        print(s)

main()
