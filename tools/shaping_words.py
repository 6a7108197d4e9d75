#!/usr/bin/env python3
"""Vendor the words of a corpus with GNU FriBidi's shaped visual form, for tests/shaping_fribidi.rs.

usage: shaping_words.py CORPUS.jsonl.gz OUT.tsv.gz

Every distinct word (a run of Arabic letters, harakat and tatweel) of the titles and bodies of
CORPUS (JSON Lines, gzip, one article a line) is written with what `fribidi --nobreak --nopad --rtl`
shows for it (joining forms, lam-alef ligatures; the U+FEFF FriBidi leaves where it removed an
alef is dropped): one `word<TAB>visual` line each, sorted, gzip-compressed. Needs libfribidi-bin.
The test reads only OUT, never FriBidi.
"""
import gzip, json, re, subprocess, sys

WORD = re.compile('[\u0621-\u065f\u0670\u0640]+')


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    corpus, out = sys.argv[1:]
    words = set()
    with gzip.open(corpus, 'rt', encoding='utf-8') as f:
        for line in f:
            art = json.loads(line)
            for key in ('title', 'body'):
                words.update(w for w in WORD.findall(art.get(key) or '') if re.search('[\u0621-\u064a]', w))
    words = sorted(words)
    shown = subprocess.run(['fribidi', '--nobreak', '--nopad', '--rtl'], input='\n'.join(words) + '\n',
                           capture_output=True, text=True, check=True).stdout.split('\n')
    with gzip.open(out, 'wt', encoding='utf-8', compresslevel=9) as f:
        for w, v in zip(words, shown):
            f.write(f"{w}\t{v.replace(chr(0xfeff), '')}\n")
    print(f'{len(words)} words -> {out}')


if __name__ == '__main__':
    main()
