#!/usr/bin/env bash
# The test suite: lint (ruff), types (mypy, strict) and pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests tools benchmarks examples
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
