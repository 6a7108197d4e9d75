#!/usr/bin/env bash
# Installs coldsweat 0.10.2 (PyPI; a Fever API server on Flask) into a venv for the Fever sync test
# (tests/sync_fever.rs), which starts and stops its own instance on 127.0.0.1. Idempotent.
# Env: SAHIFA_COLDSWEAT_VENV (default /opt/sahifa-coldsweat).
set -euo pipefail
VENV=${SAHIFA_COLDSWEAT_VENV:-/opt/sahifa-coldsweat}
say() { echo "coldsweat-up: $*" >&2; }
start=$(date +%s)
if [ -x "$VENV/bin/coldsweat" ]; then say "already in $VENV"; exit 0; fi
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
  [ "$(id -u)" = 0 ] || { say "python3-venv is missing and this is not root"; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q coldsweat==0.10.2
"$VENV/bin/coldsweat" --help >/dev/null
say "ready in $(( $(date +%s) - start )) s: $VENV/bin/coldsweat"
