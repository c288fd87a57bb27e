#!/usr/bin/env bash
# The main job on the bundled example: render the seed THÔNG BÁO to DOCX and PDF, then check both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
OUT=${OUT:-out}
.venv/bin/thongbao render examples/hung-yen-skhcn-2023-notice.yaml -o "$OUT" --format both
.venv/bin/thongbao check "$OUT/hung-yen-skhcn-2023-notice.docx"
.venv/bin/thongbao check "$OUT/hung-yen-skhcn-2023-notice.pdf" --against "$OUT/hung-yen-skhcn-2023-notice.docx"
