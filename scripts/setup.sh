#!/usr/bin/env bash
# Set up everything thongbao needs on a fresh Debian/Ubuntu machine (idempotent):
# LibreOffice + Liberation fonts (system), then a virtualenv in .venv with the package and dev tools.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-deps.sh

PY=${PYTHON:-python3}
"$PY" - <<'PYCHECK'
import sys
if sys.version_info < (3, 11):
    sys.exit(f"thongbao needs Python >= 3.11, this is {sys.version.split()[0]}")
PYCHECK
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install --quiet -e ".[dev]"
echo "setup: ok (.venv ready)"
