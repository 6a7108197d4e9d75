#!/usr/bin/env bash
# Runs every cargo-fuzz target in turn for SECONDS each (default 1800), one job, niced, seeding each
# corpus with the bundled articles. Needs nightly and cargo-fuzz (`cargo install cargo-fuzz`).
# Prints, per target, the seconds run, the runs done and whether anything was found.
# Usage: tools/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-1800}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load layout clean extract)
for t in "${targets[@]}"; do
    corpus=fuzz/corpus/$t
    mkdir -p "$corpus"
    cp -n seeds/* "$corpus"/ 2>/dev/null || true
    cargo +nightly fuzz build -O "$t" >/dev/null
    log=fuzz/$t.log
    start=$(date +%s)
    rc=0
    nice -n 19 cargo +nightly fuzz run -O "$t" "$corpus" -- \
        -max_total_time="$secs" -rss_limit_mb=4096 -timeout=30 >"$log" 2>&1 || rc=$?
    took=$(($(date +%s) - start))
    runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 || true)
    echo "$t: ${took} s, ${runs:-no summary}, exit $rc$( [ $rc -eq 0 ] || echo ' (FINDING: see '"$log"' and fuzz/artifacts/'"$t"')')"
done
