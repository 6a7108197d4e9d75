#!/usr/bin/env python3
"""Build an Arabic person-name gazetteer (given names and family names) from two MIT-licensed lists.

Sources
  1. Faker (github.com/joke2k/faker), MIT licence (LICENSE.txt, (c) 2012 Daniele Faraglia),
     commit 8ad78a632a4116e6392e6d5743524c683a2e02a1,
     faker/providers/person/{ar_AA,ar_DZ,ar_PS,ar_SA}/__init__.py: the tuples first_names_female,
     first_names_male, last_names (read with ast.literal_eval, nothing is executed).
  2. AKhateeb/arabic-names (github.com/AKhateeb/arabic-names), MIT licence (LICENSE, (c) 2018
     AKhateeb), commit 32d5ec88aabb1d1ce79034bfec1d26443124859a: male-first--names-in-arabic.txt,
     female-first-names-in-arabic.txt, last-names-in-arabic.txt.
  (No CC0 Wikidata-derived Arabic name list was found in a stored public repository; ParaNames
  ships its data as release assets, not in git.)

Output: /work/nerdata/person_names.txt, UTF-8, one normalised form per line, sorted, unique
(normalisation as in gold_to_tsv.py: harakat and tatweel removed, أإآٱ->ا, ؤ->و, ئ->ي, ى->ي, ة->ه).
Some entries have two words (تاج الدين, أبو قمر, آل الشيخ).

Dropped: forms of two letters or less; tribal genealogies of more than three words; words in assets/lexicon/stopwords.txt; country names,
capitals and nisba adjectives from the countries lexicon (the Faker family-name list has
أفغاني, مصري ... which would make every nisba look like a name); the title prefixes.
Many given names are also common words (أمل, جمال, أحلام, سلام); the list is a feature for the
tagger, not a decision.

Usage: names_faker_akhateeb.py <faker snapshot git dir> <arabic-names snapshot git dir> [out]
"""
import ast
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gold_to_tsv import Lexicon, norm  # noqa: E402

FAKER_COMMIT = "8ad78a632a4116e6392e6d5743524c683a2e02a1"
FAKER_FILES = [f"faker/providers/person/{l}/__init__.py" for l in ("ar_AA", "ar_DZ", "ar_PS", "ar_SA")]
FAKER_LISTS = ("first_names_female", "first_names_male", "last_names")
AKH_COMMIT = "32d5ec88aabb1d1ce79034bfec1d26443124859a"
AKH_FILES = ["male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt",
             "last-names-in-arabic.txt"]


def git_show(repo, commit, path):
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def arabic(s):
    return any("\u0600" <= c <= "\u06ff" for c in s)


def faker_names(repo):
    out = []
    for path in FAKER_FILES:
        tree = ast.parse(git_show(repo, FAKER_COMMIT, path))
        for node in ast.walk(tree):
            if isinstance(node, ast.AnnAssign):
                target, value = node.target, node.value
            elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            else:
                continue
            if getattr(target, "id", None) not in FAKER_LISTS or value is None:
                continue
            v = ast.literal_eval(value)
            out += [x for x in v if isinstance(x, str) and arabic(x)]
    return out


def akhateeb_names(repo):
    out = []
    for path in AKH_FILES:
        out += [x.strip().lstrip("\ufeff") for x in git_show(repo, AKH_COMMIT, path).splitlines()]
    return [x for x in out if x and arabic(x)]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    faker_repo, akh_repo = sys.argv[1], sys.argv[2]
    out_path = sys.argv[3] if len(sys.argv) > 3 else "/work/nerdata/person_names.txt"
    project = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    lex = Lexicon(project)
    stop = set()
    for line in open(os.path.join(project, "assets", "lexicon", "stopwords.txt"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            stop.add(norm(line.split("\t")[0].strip()))
    f, a = faker_names(faker_repo), akhateeb_names(akh_repo)
    names, dropped = set(), 0
    for raw in f + a:
        n = " ".join(norm(raw).split())
        bare = n[2:] if n.startswith("ال") else n
        if len(n) <= 2 or len(n.split()) > 3 or n in stop or n in lex.names or n in lex.nisba or bare in lex.nisba:
            dropped += 1
            continue
        names.add(n)
    with open(out_path, "w", encoding="utf-8") as fh:
        for n in sorted(names):
            fh.write(n + "\n")
    print(f"{out_path}: {len(names)} names (faker {len(f)}, arabic-names {len(a)} raw; "
          f"{dropped} dropped)")


if __name__ == "__main__":
    main()
