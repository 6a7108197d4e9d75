#!/usr/bin/env python3
"""Convert the AQMAR Arabic Wikipedia NER corpus to sahifa's NER training format.

Source
  repo    : github.com/emad-elsaid/QA (a third-party copy of the 28 files of
            AQMAR_Arabic_NER_corpus-1.0.zip; the repo itself carries no licence)
  commit  : 450012b80b6b1f73d1b4d280ce8b75a9591dbed8 (2014-09-30)
  path    : data/corpus/*.txt (28 files: Atom.txt ... X_window_system.txt)
            (data/ANERCorp.txt in the same repo is NOT used: see PROVENANCE.md)
  authors : Behrang Mohit, Nathan Schneider, Rishav Bhowmick, Kemal Oflazer, Noah A. Smith,
            "Recall-Oriented Learning of Named Entities in Arabic Wikipedia", EACL 2012.
            Original distribution: http://www.cs.cmu.edu/~ark/ArabicNER/
  licence : Creative Commons Attribution-ShareAlike 3.0 Unported, granted by the authors on
            the corpus page (as quoted e.g. in mrwunderbar666/ner_tool_comparison
            corpora/aqmar/readme.md). The text is from Arabic Wikipedia (also CC BY-SA).
            The converted file is an Adaptation: it stays CC BY-SA 3.0, with attribution.

Input format: `TOKEN LABEL` (space), BIO, blank line between sentences. Labels PER, ORG, LOC,
MIS0..MIS3 (+ a dozen typos).

Label mapping
  PER -> PER, ORG -> ORG (also the typo I--ORG), LOC -> LOC (AQMAR does not separate GPE from
  LOC, so countries and cities stay LOC), MIS* and every other label -> O.
  An I- tag that does not continue an entity of the same type starts a new one (B-).
  Groups of people: AQMAR tags peoples/sects/dynasties as PER (المسلمين, العرب, الصليبيين,
  الفاطميين). sahifa's gold files them under `other` and NewsFANEGold as Group, both O here, so
  a one-token PER span with the article (after an optional proclitic) is set to O when its
  stem ends in ين/ون (plural) or it is in GROUP_WORDS - except the individuals in
  NOT_GROUPS (الحسين, المأمون): 259 spans.

Tokenisation adjustment: a stand-alone `و` token is joined to the following word (which keeps
its label), as sahifa's tokeniser keeps clitics attached.

Usage: convert_aqmar.py <emad-elsaid/QA snapshot git dir> [out.tsv]
       (default out: /work/nerdata/aqmar.tsv)
"""
import subprocess
import sys
from collections import Counter

COMMIT = "450012b80b6b1f73d1b4d280ce8b75a9591dbed8"
DIR = "data/corpus/"
FILES = """Atom Christiano_Ronaldo Computer Computer_Software Crusades Damascus Enrico_Fermi
Football Ibn_Tolun_Mosque Imam_Hussein_Shrine Internet Islamic_Golden_Age Islamic_History Light
Linux Nuclear_Power Periodic_Table Physics Portugal_football_team Raul_Gonzales Razi Real_Madrid
Richard_Stallman Soccer_Worldcup Solaris Summer_Olympics2004 Ummaya_Mosque X_window_system""".split()

FIX = {"I--ORG": "I-ORG"}

GROUP_WORDS = set("""العرب الشيعة السنة اليهود السلاجقة السلاف المجر الرومان الفرس الخوارج المغول
الزنادقة الفرنجة الافرنج الأساقفة الكاثوليك الفايكنكز الفايكينج الفايكنج الإنكليز الانجليز
الألمان الأطهار الروم الترك الأتراك الأكراد الأرمن الإفرنج النصارى""".split())
NOT_GROUPS = {"الحسين", "المأمون"}
def article_stem(tok):
    """`ال…` form of a token with the article after optional proclitics, else None."""
    if tok[:1] in ("و", "ف") and len(tok) > 3:
        tok = tok[1:]
    if tok.startswith("لل"):
        return "ال" + tok[2:]
    if tok[:1] in ("ب", "ل", "ك") and tok[1:3] == "ال":
        return tok[1:]
    if tok.startswith("ال"):
        return tok
    return None


def is_group(tok):
    stem = article_stem(tok)
    if stem is None or stem in NOT_GROUPS:
        return False
    return stem in GROUP_WORDS or stem.endswith(("ين", "ون"))


def drop_groups(sent):
    out = list(sent)
    for i, (tok, lab) in enumerate(out):
        nxt = out[i + 1][1] if i + 1 < len(out) else "O"
        if lab == "B-PER" and nxt != "I-PER" and is_group(tok):
            out[i] = (tok, "O")
    return out


def norm_label(lab):
    lab = FIX.get(lab, lab)
    if len(lab) > 2 and lab[:2] in ("B-", "I-") and lab[2:] in ("PER", "ORG", "LOC"):
        return lab[0], lab[2:]
    return "O", None


def read_sentences(text):
    sents, cur = [], []
    for line in text.splitlines():
        parts = line.replace("\u200e", "").replace("\ufeff", "").split()
        if len(parts) < 2:
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    return sents


def map_labels(sent):
    out, prev = [], "O"
    for tok, lab in sent:
        bio, ty = norm_label(lab)
        if ty is None:
            new = "O"
        elif bio == "I" and prev[2:] == ty:
            new = "I-" + ty
        else:
            new = "B-" + ty
        out.append((tok, new))
        prev = new
    return out


def join_waw(sent):
    out, i = [], 0
    while i < len(sent):
        tok, lab = sent[i]
        if tok == "و" and i + 1 < len(sent) and sent[i + 1][0][:1].isalpha():
            out.append(("و" + sent[i + 1][0], sent[i + 1][1]))
            i += 2
            continue
        out.append((tok, lab))
        i += 1
    fixed, prev = [], "O"
    for tok, lab in out:
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            lab = "B-" + lab[2:]
        fixed.append((tok, lab))
        prev = lab
    return fixed


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    git_dir = sys.argv[1]
    out_path = sys.argv[2] if len(sys.argv) > 2 else "/work/nerdata/aqmar.tsv"
    sents = []
    for name in FILES:
        raw = subprocess.run(["git", "-C", git_dir, "show", f"{COMMIT}:{DIR}{name}.txt"],
                             check=True, capture_output=True).stdout.decode("utf-8")
        sents.extend(drop_groups(join_waw(map_labels(s))) for s in read_sentences(raw))
    counts, ntok = Counter(), 0
    with open(out_path, "w", encoding="utf-8") as f:
        for s in sents:
            for tok, lab in s:
                f.write(f"{tok}\t{lab}\n")
                ntok += 1
                if lab.startswith("B-"):
                    counts[lab[2:]] += 1
            f.write("\n")
    print(f"{out_path}: {len(sents)} sentences, {ntok} tokens, entities "
          + ", ".join(f"{k}={counts[k]}" for k in ("PER", "ORG", "GPE", "LOC")))


if __name__ == "__main__":
    main()
