#!/usr/bin/env python3
"""Convert NewsFANEGold (Alotaibi & Lee 2014) to sahifa's NER training format.

Source
  repo    : github.com/bvanaken/visbert (a third-party copy of the corpus)
  commit  : 8c0f4a8b8eb821dca6d947206c3e3cbad9cda693 ("data directory", 2021-12-20;
            the data was removed again in later commits, so read this commit explicitly)
  path    : data/Finegrained/WikiFANE_2014_Gold_standard/NewsFANE_Gold_2014_170K.txt
            (Readme.txt and License.txt beside it)
  authors : Fahd Alotaibi and Mark Lee, "A Hybrid Approach to Features Representation for
            Fine-grained Arabic Named Entity Recognition", COLING 2014.
  licence : Creative Commons Attribution-ShareAlike 3.0 Unported (License.txt beside the data).
            The converted file is an Adaptation: it stays CC BY-SA 3.0, with attribution.
  note    : the newswire text of NewsFANEGold is the text of ANERcorp (Benajiba et al. 2007),
            re-annotated with 50 fine-grained classes; see PROVENANCE.md.
  (WikiFANE_Gold_2014_500K.txt in the same folder is >4 MiB and absent from the snapshot.)

Input format: `TOKEN<TAB>LABEL`, BIO over fine-grained classes, blank line between sentences;
tokens carry a U+200E LEFT-TO-RIGHT MARK prefix, the file starts with a BOM. The text is
orthographically normalised by the corpus authors (hamza-less alef, final ي for ى).

Label mapping (fine-grained -> ours)
  PER : Politician Athlete Artist Other_PER Religious_PER Scientist Businessperson Lawyer
        Engineer Police
  ORG : Government Non-Governmental Commercial Educational Media Sports Religious_ORG
        Entertainment Medical-Science
  GPE : Nation Population-Center State-or-Province County-or-District
  LOC : Continent GPE-Cluster (regions: الشرق الاوسط, الشام, ...) Water-Body
        Land-Region-Natural Building-Grounds Airport Path
  O   : Group (ethnic/religious groups: العرب, المسلمين -> our gold kind `other`),
        Subarea-Facility (mostly generic: المئذنة, قاعة الوضوء), Celestial, vehicles
        (Land Air Water), weapons (Projectile Shooting), products (Book Movie Software
        Hardware Food Drug Plant)
  An I- tag that does not continue an entity of the same type starts a new one (B-).

Tokenisation adjustment: a stand-alone conjunction token `و` (the corpus splits it off in
places) is joined to the following word, which keeps its label, because sahifa's tokeniser
keeps clitics attached (`والرئيس` is one token).

Usage: convert_newsfane.py <visbert snapshot git dir> [out.tsv]
       (default out: /work/nerdata/newsfane.tsv)
"""
import subprocess
import sys
from collections import Counter

COMMIT = "8c0f4a8b8eb821dca6d947206c3e3cbad9cda693"
PATH = "data/Finegrained/WikiFANE_2014_Gold_standard/NewsFANE_Gold_2014_170K.txt"

MAP = {}
for k in ("Politician Athlete Artist Other_PER Religious_PER Scientist Businessperson "
          "Lawyer Engineer Police").split():
    MAP[k] = "PER"
for k in ("Government Non-Governmental Commercial Educational Media Sports Religious_ORG "
          "Entertainment Medical-Science").split():
    MAP[k] = "ORG"
for k in "Nation Population-Center State-or-Province County-or-District".split():
    MAP[k] = "GPE"
for k in ("Continent GPE-Cluster Water-Body Land-Region-Natural Building-Grounds Airport "
          "Path").split():
    MAP[k] = "LOC"


def read_sentences(text):
    sents, cur = [], []
    for line in text.splitlines():
        line = line.replace("\u200e", "").replace("\ufeff", "").strip()
        if not line:
            if cur:
                sents.append(cur)
                cur = []
            continue
        tok, lab = line.split("\t")
        cur.append((tok.strip(), lab.strip()))
    if cur:
        sents.append(cur)
    return sents


def map_labels(sent):
    out, prev = [], "O"
    for tok, lab in sent:
        if lab == "O" or "-" not in lab:
            new = "O"
        else:
            bio, fine = lab.split("-", 1)
            ty = MAP.get(fine)
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
    """Attach a stand-alone و to the next token (keeping the next token's label)."""
    out, i = [], 0
    while i < len(sent):
        tok, lab = sent[i]
        if tok == "و" and i + 1 < len(sent) and sent[i + 1][0][:1].isalpha():
            nxt, nlab = sent[i + 1]
            out.append(("و" + nxt, nlab))
            i += 2
            continue
        out.append((tok, lab))
        i += 1
    # joining can leave an I- after O only if و sat inside an entity; repair BIO
    fixed, prev = [], "O"
    for tok, lab in out:
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            lab = "B-" + lab[2:]
        fixed.append((tok, lab))
        prev = lab
    return fixed


def write_tsv(sents, out_path):
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


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    git_dir = sys.argv[1]
    out_path = sys.argv[2] if len(sys.argv) > 2 else "/work/nerdata/newsfane.tsv"
    raw = subprocess.run(["git", "-C", git_dir, "show", f"{COMMIT}:{PATH}"],
                         check=True, capture_output=True).stdout.decode("utf-8")
    sents = [join_waw(map_labels(s)) for s in read_sentences(raw)]
    write_tsv(sents, out_path)


if __name__ == "__main__":
    main()
