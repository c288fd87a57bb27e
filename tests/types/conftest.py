"""tests/types has no __init__.py (a package named ``types`` would shadow the standard library's),
so put tests/ on the path for the shared helpers (docx_props)."""

import sys
from pathlib import Path

TESTS = str(Path(__file__).resolve().parents[1])
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)
