"""thongbao: Vietnamese administrative documents (văn bản hành chính) per Nghị định 30/2020/NĐ-CP.

Describe a document with the models, render it to DOCX/PDF, and check any DOCX or PDF::

    from thongbao import Notice, render_docx, check_docx

    notice = Notice.from_file("examples/hung-yen-skhcn-2023-notice.yaml")
    report = check_docx(render_docx(notice))
    assert report.ok

Everything a user needs is importable from here; the subpackages are the layers behind it
(``rules`` → ``models`` → ``render`` / ``check``).
"""

# thongbao.api.render is not re-exported: a function named ``render`` here would hide the
# ``thongbao.render`` subpackage (``import thongbao.render.libreoffice as lo`` would fail).
from thongbao.api import OutputError, layout_name, load_document, render_docx, render_files
from thongbao.check import Finding, Report, RuleOverrides, UnreadableDocument, check_docx
from thongbao.check.pdf import check_pdf
from thongbao.errors import DocumentValidationError, InputProblem, ThongbaoError
from thongbao.findings import FindingSet, load_table, split_by_unit
from thongbao.models import (
    AdministrativeDocument,
    Agency,
    Archive,
    AuthorityLine,
    Basis,
    Circulation,
    Contact,
    DashList,
    DocumentNumber,
    DrafterMark,
    Enumeration,
    Heading,
    IssueDate,
    Issuer,
    Notice,
    Paragraph,
    Recipients,
    Secrecy,
    SignatureBlock,
    SigningAuthority,
    Table,
    Urgency,
)
from thongbao.render.engine import TemplateEnvironment, TemplateError, default_environment
from thongbao.render.pdf_output import render_pdf
from thongbao.rules import ND30

__version__ = "0.1.0"

__all__ = [
    "ND30",
    "AdministrativeDocument",
    "Agency",
    "Archive",
    "AuthorityLine",
    "Basis",
    "Circulation",
    "Contact",
    "DashList",
    "DocumentNumber",
    "DocumentValidationError",
    "DrafterMark",
    "Enumeration",
    "Finding",
    "FindingSet",
    "Heading",
    "InputProblem",
    "IssueDate",
    "Issuer",
    "Notice",
    "OutputError",
    "Paragraph",
    "Recipients",
    "Report",
    "RuleOverrides",
    "Secrecy",
    "SignatureBlock",
    "SigningAuthority",
    "Table",
    "TemplateEnvironment",
    "TemplateError",
    "ThongbaoError",
    "UnreadableDocument",
    "Urgency",
    "__version__",
    "check_docx",
    "check_pdf",
    "default_environment",
    "layout_name",
    "load_document",
    "load_table",
    "render_docx",
    "render_files",
    "render_pdf",
    "split_by_unit",
]
