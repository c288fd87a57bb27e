"""The seed THÔNG BÁO through the Python API: load the data, render DOCX and PDF, check both.

    python examples/render_seed.py [OUT_DIR]        # default: out/

What a provincial app or a notebook does; ``scripts/example.sh`` does the same through the CLI.
"""

from __future__ import annotations

import sys
from pathlib import Path

from thongbao import check_docx, check_pdf, load_document, render_files

HERE = Path(__file__).resolve().parent


def main(out_dir: Path) -> int:
    notice = load_document(HERE / "hung-yen-skhcn-2023-notice.yaml")
    docx, pdf = render_files(notice, out_dir, stem="hung-yen-skhcn-2023-notice", formats=("docx", "pdf"))
    reports = [check_docx(docx), check_pdf(pdf, docx=docx)]
    for report in reports:
        print(report.format_text("vi"))
    return 0 if all(report.ok for report in reports) else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out")))
