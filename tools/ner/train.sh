#!/usr/bin/env bash
# Rebuilds the name tagger shipped in assets/ner/tagger.bin, from the data recipe of this folder.
#   1. Fetch the corpora named in PROVENANCE.md (public GitHub snapshots) and convert them:
#        python3 tools/ner/convert_newsfane.py <newsfane snapshot>   -> $DATA/newsfane.tsv
#        python3 tools/ner/convert_aqmar.py <aqmar snapshot>         -> $DATA/aqmar.tsv
#   2. Project the project's own tuning gold (never the frozen test split) onto tokens:
#        python3 tools/ner/gold_to_tsv.py --out $DATA
#   3. Run this script. It trains with crfs (averaged perceptron, 10 epochs), converts the model to
#      the hashed form sahifa reads (weights under 2 pruned: 3x smaller, same F1), checks that both
#      give the same labels, and scores the tagger
#      on the frozen test split's projection (reported, never tuned on).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-/work/nerdata}
cargo build --release --example train_ner
./target/release/examples/train_ner --algo ap --iters 10 --minfreq 1 --prune 2 \
  --out "${TMPDIR:-/tmp}/tagger.crfsuite" --bin assets/ner/tagger.bin \
  --train "$DATA/newsfane.tsv" --train "$DATA/aqmar.tsv" \
  --weight "$DATA/gold_seeds.tsv=2" --weight "$DATA/gold_unseen.tsv=2" --weight "$DATA/gold_tune.tsv=2" \
  --dev "$DATA/gold_test.tsv"
