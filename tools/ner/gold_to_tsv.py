#!/usr/bin/env python3
"""Project sahifa's gold actor annotations onto token-level BIO labels (PER/ORG/GPE/LOC).

Input : tests/fixtures/extract/*.json (5 seed articles) and tests/fixtures/extract/unseen/*.json
        (80 articles: dev_*, final_*, held_*), each beside its .txt (schema: GOLD-README.md).
Output: /work/nerdata/gold_seeds.tsv and /work/nerdata/gold_unseen.tsv (all 80), plus
        gold_unseen_{dev,final,held}.tsv per split, so that the articles used to *evaluate*
        extraction (tests/extract_gold.rs) can be kept out of tagger training.
        Format: UTF-8, `TOKEN<TAB>LABEL`, blank line between sentences.

Which text is used
  Only the article proper, as annotated: the title line (first occurrence), body lines and
  `body_boilerplate_optional` lines. Lines listed in `body_boilerplate` (duplicated title, ad
  markers, related-article lists, appended other articles) and everything from
  `tail_boilerplate_from` on are dropped: their entities are not annotated.

Tokenisation (meant to match sahifa's own tokeniser)
  Split on whitespace (incl. U+00A0); strip zero-width/bidi marks; peel leading and trailing
  punctuation «»“”„"'()[]{}.,،:؛;!?؟… and dashes (- – — ‒ ―) off each chunk, one token per
  character (؟ added to the brief's list). Word-internal punctuation stays (العربية.نت).
  Clitics stay attached (والرئيس is one token). One sentence per line, lines split after
  every `.` token.

Matching
  Tokens and alias words are compared after normalisation: harakat and tatweel removed,
  أ إ آ ٱ -> ا, ؤ -> و, ئ -> ي, ى -> ي, ة -> ه. An alias is tokenised like the text and matched
  as a token sequence; the longest match at each position wins. The first token may carry
  proclitics in front of the alias's first word: (و|ف)? (ب|ل|ك)? and, when the alias word
  has no article, ال; لل stands for ل + ال. For person names the article is not allowed
  (so بيت never matches البيت), and for alias first words of 3 letters or less only و is
  allowed (so علي does not match فعلي); aliases of 1-2 letters must match exactly.

Label mapping: person -> PER, organization -> ORG, country -> GPE, place -> LOC, except that
  an alias (of a non-person actor) that is a country name or a capital city in
  assets/lexicon/countries.txt is GPE (باكو, موسكو, بروكسل, باريس whether the gold files it
  under the country, the EU or as a place; سنغافورة filed as a place). `other` actors (ethnic groups, competitions, ...) and `unnamed: true` actors are
  not matched at all, so a name inside them (كاراباخ in أرمن كاراباخ) is still labelled.

Aliases that are not names (skipped; rule documented in PROVENANCE.md and printed with -v)
  1. nisba adjectives: a word is a nisba if it is one of the forms generated from the
     countries lexicon (أذربيجاني, الأذربيجانية, أذريين, إماراتيا, ... + nisba_exceptions.txt),
     or - for non-person actors - if it ends in ي/ية/يون/يين/يان/اني and its base is a known
     name (countries lexicon, or a word of any country/place alias in the gold files:
     الأوروبية <- أوروبا, التهامية <- تهامة, الكوري <- كوريا) or a generic word (الجنوبي) or a
     people (كرد, عرب). Names in the countries/places/organizations lexicons and org heads are
     never nisbas; النبطية, الكاريبي, إشبيلية (no known base) stay names.
  2. generic words: a fixed list of collective/common nouns (السلطات الحكومة الجيش القوات
     الشرطة الأجهزة جهاز الأمن الإدارة النظام الدولة المعارضة المقاومة الخارجية الشرعية
     الانفصاليين
     الشمال الجنوب المنطقة العالم ...).
     An alias whose every word is a nisba or a generic word is skipped (السلطات الأوكرانية,
     الجيش الإسرائيلي, الحكومة الأذربيجانية, الروسية, الأمريكي, قوات حفظ السلام الروسية).
     Institutional heads (وزارة مجلس هيئة منظمة لجنة وكالة حزب ... from org_heads.txt) make a
     name: وزارة الدفاع الأذربيجانية is ORG - unless the head is indefinite and only
     indefinite nisbas follow (محكمة بريطانية -> skipped).
  3. a country/place alias that starts with a government head (حكومة/الحكومة, سلطات, سلطة,
     إدارة, نظام: حكومة أذربيجان, إدارة الرئيس
     الأميركي دونالد ترامب, للنظام السوري) is skipped as a whole; the proper noun inside is
     matched by its own alias.
  4. person aliases that are country nisbas (البرتغالي for Ronaldo) and a short hand-made
     list of common-word aliases (SKIP_ALIASES below: البابا, مكان, الحمر, القصر, ...).
  5. exceptions kept although they look like nisbas: الحوثيين/الحوثيون (a named movement).

Usage: gold_to_tsv.py [-v] [--repo /work/main] [--out /work/nerdata] [--sample N]
"""
import argparse
import glob
import json
import os
import random
import re
from collections import Counter, defaultdict

HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
PUNCT = set("«»“”„\"'()[]{}.,،:؛;!?؟…-–—‒―")
KIND2TYPE = {"person": "PER", "organization": "ORG", "country": "GPE", "place": "LOC"}

GENERIC = set("""
سلطات سلطه حكومه جيش قوات شرطه اجهزه جهاز امن امنيه عام داخلي وطني وطنيه اداره نظام دوله
شعب معارضه مقاومه خارجيه شرعيه شمال جنوب منطقه عالم بحريه مخابرات ميليشيات ميليشيا مليشيات
مسلحه قضائيه رئاسي رئاسيه رئاسه سلاح منزوعه محطه ثانيه مترو قصر حكومات انظمه بلاد
انفصاليون انفصاليين انفصاليه
""".split())
GENERIC_HEADS = set("سلطات سلطه حكومه اداره نظام".split())
SKIP_ALIASES = {
    # common words / epithets / titles that the gold lists as aliases
    "البابا", "مكان", "الحمر", "الراقي", "الرائد", "القصر", "المترو", "المحطه الثانيه",
    "مترو الانفاق", "#مترو_الانفاق", "هيئه المحلفين", "لهيئه المحلفين", "هيئه المحكمه",
    "المنطقه المنزوعه السلاح", "العالم العربي", "المنطقه العربيه",
}
KEEP_ALIASES = {"الحوثيين", "الحوثيون", "للحوثيين"}


def norm(s):
    s = INVISIBLE.sub("", s)
    s = HARAKAT.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    return s.replace("ؤ", "و").replace("ئ", "ي").replace("ى", "ي").replace("ة", "ه")


def tokenize(line):
    toks = []
    for chunk in line.split():
        chunk = INVISIBLE.sub("", chunk)
        if not chunk:
            continue
        lead, trail = [], []
        while chunk and chunk[0] in PUNCT:
            lead.append(chunk[0])
            chunk = chunk[1:]
        while chunk and chunk[-1] in PUNCT:
            trail.insert(0, chunk[-1])
            chunk = chunk[:-1]
        toks.extend(lead)
        if chunk:
            toks.append(chunk)
        toks.extend(trail)
    return toks


def sentences_of(line):
    toks, cur, out = tokenize(line), [], []
    for t in toks:
        cur.append(t)
        if t == ".":
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


# ---------------------------------------------------------------- lexicons
class Lexicon:
    def __init__(self, repo):
        lex = os.path.join(repo, "assets", "lexicon")
        self.names, self.nisba, self.capitals, self.heads = set(), set(), set(), set()
        self.countries = set()
        for line in open(os.path.join(lex, "countries.txt"), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            f = [x.strip() for x in line.rstrip("\n").split("|")]
            f += [""] * (4 - len(f))
            for n in [f[0]] + f[1].split(","):
                if n.strip():
                    self.names.add(norm(n.strip()))
                    self.countries.add(norm(n.strip()))
            for c in f[3].split(","):
                if c.strip():
                    self.capitals.add(norm(c.strip()))
                    self.names.add(norm(c.strip()))
            for n in f[2].split(","):
                n = norm(n.strip())
                if not n:
                    continue
                for form in (n, n + "ه", n + "ون", n + "ين", n + "ان", n + "ا", n + "ات"):
                    self.nisba.add(form)
                    self.nisba.add("ال" + form)
        for line in open(os.path.join(lex, "nisba_exceptions.txt"), encoding="utf-8"):
            if line.startswith("#") or "|" not in line:
                continue
            self.nisba.add(norm(line.split("|")[0].strip()))
        for fn in ("places.txt", "organizations.txt"):
            for line in open(os.path.join(lex, fn), encoding="utf-8"):
                if line.startswith("#") or not line.strip():
                    continue
                parts = line.rstrip("\n").split("\t")
                for n in [parts[0]] + (parts[1].split(",") if len(parts) > 1 else []):
                    if n.strip():
                        self.names.add(norm(n.strip()))
        for line in open(os.path.join(lex, "org_heads.txt"), encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            self.heads.add(norm(line.split("\t")[0].strip()))
        self.nisba -= self.names


def strip_clitics(w):
    """Candidate bare forms of a normalised word: itself, without و/ف, ب/ل/ك, ال, لل."""
    out = [w]
    for p in ("و", "ف"):
        if w.startswith(p) and len(w) > 3:
            out.append(w[1:])
    for x in list(out):
        if x.startswith("لل") and len(x) > 4:
            out.append("ال" + x[2:])
        for p in ("ب", "ل", "ك"):
            if x.startswith(p) and len(x) > 3:
                out.append(x[1:])
    for x in list(out):
        if x.startswith("ال") and len(x) > 4:
            out.append(x[2:])
    return out


def bare(w):
    """Shortest plausible stem (article and proclitics removed)."""
    return min(strip_clitics(w), key=len)


NISBA_STEMS = set("كرد عرب اسلام انفصال مسلح".split())
NAME_STEMS = set()  # bare single-word country/place aliases of all gold files (see main)


def nisba_stems(f):
    """Possible base names of a nisba-looking form (article already stripped)."""
    for suf in ("انيين", "انيه", "اني", "يين", "يون", "يان", "يه", "ي"):
        if f.endswith(suf) and len(f) - len(suf) >= 2:
            st = f[:-len(suf)]
            return [st, st + "ا", st + "ه", st + "يا", st + "ي", "ال" + st]
    return []


def is_nisba(w, lex, person):
    w = w.lstrip("#")
    forms = strip_clitics(w)
    if any(f in lex.names or f in lex.heads for f in forms):
        return False
    if any(f in lex.nisba for f in forms):
        return True
    if person:
        return False
    for f in forms:
        for st in nisba_stems(f):
            if st in forms:
                continue
            if st in lex.names or st in NAME_STEMS or st in GENERIC or st in NISBA_STEMS:
                return True
    return False


def is_generic(w):
    return any(f in GENERIC for f in strip_clitics(w.lstrip("#")))


def classify_alias(alias, kind, lex):
    """Return (keep: bool, reason)."""
    toks = [t for t in tokenize(alias.replace("_", " ")) if t not in PUNCT]
    words = [norm(t) for t in toks]
    key = norm(alias)
    if not words:
        return False, "empty"
    if key in KEEP_ALIASES:
        return True, "exception"
    if key in SKIP_ALIASES or key.lstrip("#") in SKIP_ALIASES:
        return False, "common word/epithet (list)"
    whole = " ".join(words)
    bare_whole = [f for f in strip_clitics(whole.lstrip("#"))]
    if any(f in lex.names for f in bare_whole):
        return True, "lexicon name"
    person = kind == "person"
    if person:
        if len(words) == 1 and is_nisba(words[0], lex, False) and \
                any(f in lex.nisba for f in strip_clitics(words[0])):
            return False, "country nisba as epithet"
        return True, "person name"
    if kind in ("country", "place") and len(words) > 1 and \
            any(f in GENERIC_HEADS for f in strip_clitics(words[0])):
        return False, "government phrase (generic head)"
    flags = [is_nisba(w, lex, False) or is_generic(w) for w in words]
    if all(flags):
        return False, "nisba/generic words only"
    head_forms = strip_clitics(words[0])
    if any(f in lex.heads for f in head_forms) and not words[0].startswith(("ال", "لل")) \
            and len(words) > 1 and all(is_nisba(w, lex, False) and not w.startswith("ال")
                                       for w in words[1:]):
        return False, "indefinite head + nisba"
    return True, "name"


# ---------------------------------------------------------------- matching
def first_word_matches(tok, aw, person):
    """Does normalised token `tok` equal alias word `aw` with allowed proclitics?"""
    if tok == aw:
        return True
    if len(aw) <= 2:
        return False
    if len(aw) <= 3:
        return tok == "و" + aw
    prefixes = ["", "و", "ف"]
    prefixes = [a + b for a in prefixes for b in ("", "ب", "ل", "ك")]
    for p in prefixes:
        if p and tok == p + aw:
            return True
        if not person and not aw.startswith("ال") and tok == p + "ال" + aw:
            return True
    if aw.startswith("ال"):
        for p in ("", "و", "ف"):
            if tok == p + "لل" + aw[2:]:
                return True
    return False


class Matcher:
    def __init__(self):
        self.entries = []  # (alias word list, type, is_person)

    def add(self, alias, etype, person):
        toks = tokenize(alias)  # hashtags (#مكة_المكرمة) stay one token, as in the text
        while toks and toks[0] in PUNCT:
            toks = toks[1:]
        while toks and toks[-1] in PUNCT:
            toks = toks[:-1]
        if toks:
            self.entries.append(([norm(t) for t in toks], etype, person))

    def label(self, toks):
        ntoks = [norm(t) for t in toks]
        labels = ["O"] * len(toks)
        i = 0
        while i < len(toks):
            best = None
            for words, etype, person in self.entries:
                n = len(words)
                if i + n > len(toks):
                    continue
                if not first_word_matches(ntoks[i], words[0], person):
                    continue
                if ntoks[i + 1:i + n] != words[1:]:
                    continue
                if best is None or n > best[0] or (n == best[0] and etype != best[1]
                                                   and PRIO[etype] < PRIO[best[1]]):
                    best = (n, etype)
            if best:
                n, etype = best
                labels[i] = "B-" + etype
                for k in range(i + 1, i + n):
                    labels[k] = "I-" + etype
                i += n
            else:
                i += 1
        return labels


PRIO = {"PER": 0, "ORG": 1, "GPE": 2, "LOC": 3}


def article_lines(d, text):
    lines = text.split("\n")
    boiler = set(x.strip() for x in d.get("body_boilerplate") or [])
    tail = (d.get("tail_boilerplate_from") or "").strip() or None
    title = (d.get("title") or "").strip() or None
    title_done = False
    out = []
    for ln in lines:
        s = ln.strip().strip("\u00a0").strip()
        if not s:
            continue
        if tail and s == tail:
            break
        if title and not title_done and s == title:
            title_done = True
            out.append(s)
            continue
        if s in boiler:
            continue
        out.append(s)
    return out


def process(json_paths, lex, verbose, decisions):
    sents = []  # (file, tokens, labels)
    conflicts = Counter()
    for jp in json_paths:
        d = json.load(open(jp, encoding="utf-8"))
        txt = os.path.join(os.path.dirname(jp), d.get("file") or
                           os.path.basename(jp)[:-5] + ".txt")
        if not os.path.exists(txt):
            txt = jp[:-5] + ".txt"
        text = open(txt, encoding="utf-8").read()
        m = Matcher()
        seen = {}
        for a in d["actors"]:
            if a.get("unnamed") or a.get("kind") not in KIND2TYPE:
                continue
            for alias in dict.fromkeys([a["name"]] + (a.get("aliases") or [])):
                keep, why = classify_alias(alias, a["kind"], lex)
                decisions[(a["kind"], alias, keep, why)] += 1
                if not keep:
                    continue
                etype = KIND2TYPE[a["kind"]]
                if a["kind"] != "person" and any(
                        f in lex.capitals or f in lex.countries
                        for f in strip_clitics(norm(alias))):
                    etype = "GPE"
                k = norm(alias)
                if k in seen and seen[k] != etype:
                    conflicts[(alias, seen[k], etype)] += 1
                seen.setdefault(k, etype)
                m.add(alias, etype, a["kind"] == "person")
        for line in article_lines(d, text):
            for toks in sentences_of(line):
                sents.append((os.path.basename(jp), toks, m.label(toks)))
    if verbose and conflicts:
        print("alias listed under two types in one file (longest/priority PER>ORG>GPE>LOC):")
        for k, v in conflicts.items():
            print("  ", k, v)
    return sents


def write(sents, path):
    counts, ntok = Counter(), 0
    with open(path, "w", encoding="utf-8") as f:
        for _, toks, labs in sents:
            for t, l in zip(toks, labs):
                f.write(f"{t}\t{l}\n")
                ntok += 1
                if l.startswith("B-"):
                    counts[l[2:]] += 1
            f.write("\n")
    print(f"{path}: {len(sents)} sentences, {ntok} tokens, entities "
          + ", ".join(f"{k}={counts[k]}" for k in ("PER", "ORG", "GPE", "LOC")))


def show(toks, labs):
    out, i = [], 0
    while i < len(toks):
        if labs[i].startswith("B-"):
            ty, j = labs[i][2:], i + 1
            while j < len(toks) and labs[j] == "I-" + ty:
                j += 1
            out.append(f"[{' '.join(toks[i:j])}]{ty}")
            i = j
        else:
            out.append(toks[i])
            i += 1
    return " ".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", default=os.path.abspath(
        os.path.join(os.path.dirname(__file__), "..", "..")))
    ap.add_argument("--out", default="/work/nerdata")
    ap.add_argument("--sample", type=int, default=0, help="print N random labelled sentences")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-v", action="store_true", help="print alias decisions")
    args = ap.parse_args()
    lex = Lexicon(args.repo)
    base = os.path.join(args.repo, "tests", "fixtures", "extract")
    decisions = Counter()
    # The tuning splits only: tests/fixtures/extract/test/ is the frozen test split and never trains.
    tuning = glob.glob(os.path.join(base, "unseen", "*.json")) + glob.glob(os.path.join(base, "tune", "*.json"))
    for jp in glob.glob(os.path.join(base, "*.json")) + tuning:
        for a in json.load(open(jp, encoding="utf-8"))["actors"]:
            if a.get("kind") in ("country", "place") and not a.get("unnamed"):
                for al in [a["name"]] + (a.get("aliases") or []):
                    for w in al.replace("_", " ").split():
                        NAME_STEMS.update(strip_clitics(norm(w.lstrip("#"))))
    seeds = process(sorted(glob.glob(os.path.join(base, "*.json"))), lex, args.v, decisions)
    unseen_paths = sorted(glob.glob(os.path.join(base, "unseen", "*.json")))
    unseen = process(unseen_paths, lex, args.v, decisions)
    os.makedirs(args.out, exist_ok=True)
    write(seeds, os.path.join(args.out, "gold_seeds.tsv"))
    write(unseen, os.path.join(args.out, "gold_unseen.tsv"))
    by_split = defaultdict(list)
    for s in unseen:
        by_split[s[0].split("_")[0]].append(s)
    for split, ss in sorted(by_split.items()):
        write(ss, os.path.join(args.out, f"gold_unseen_{split}.tsv"))
    tune = process(sorted(glob.glob(os.path.join(base, "tune", "*.json"))), lex, args.v, decisions)
    write(tune, os.path.join(args.out, "gold_tune.tsv"))
    # The frozen test split, projected for reporting the tagger's score only: never a training file.
    test = process(sorted(glob.glob(os.path.join(base, "test", "*.json"))), lex, args.v, decisions)
    write(test, os.path.join(args.out, "gold_test.tsv"))
    if args.v:
        print("\nskipped aliases:")
        for (kind, alias, keep, why), n in sorted(decisions.items(), key=lambda x: x[0][3]):
            if not keep:
                print(f"  {kind:12} {why:34} {alias}")
    if args.sample:
        rnd = random.Random(args.seed)
        pool = [s for s in seeds + unseen if any(l != "O" for l in s[2])]
        for f, toks, labs in rnd.sample(pool, min(args.sample, len(pool))):
            print(f"\n{f}: {show(toks, labs)}")


if __name__ == "__main__":
    main()
