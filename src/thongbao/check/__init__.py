"""Compliance checker (kiểm tra thể thức theo Nghị định 30/2020/NĐ-CP).

    from thongbao.check import check_docx
    report = check_docx(Path("thong-bao.docx"))          # or bytes, or a binary file object
    report.ok, report.errors, report.warnings           # Finding tuples
    print(report.format_text("en")); report.to_json()

Each :class:`Finding` has ``rule`` (id in nd30.toml), ``severity``, ``element``
(``national_title``, ``body``, ``page`` …), ``location`` ("table 1, row 1, column 2, paragraph 1",
"header (default), paragraph 1", "paragraph 17"), ``excerpt`` (≤ 60 characters), ``found``,
``expected`` and ``message(lang)``. Unreadable input raises :class:`UnreadableDocument` (bilingual
reason); the file is never written.

Rules are data (``thongbao/rules/nd30.toml``: id, source, severity, vi/en message, element
typography, patterns); each rule id has one check function registered with
``@rule("ND30-…")`` (:mod:`thongbao.check.registry`, built-ins in :mod:`thongbao.check.checks`).
Elements are found by content and position (:mod:`thongbao.check.locate`), whether the header is
a table, tabs and line breaks, or text boxes.

**Template packs** change expectations with ``extra_rules``: a :class:`RuleOverrides` (or a
mapping with its keys, or a ``TemplatePack``, or a ready ``RuleSet``)::

    check_docx(data, extra_rules=RuleOverrides(
        overrides={"elements": {"national_title": {"text": "ĐẢNG CỘNG SẢN VIỆT NAM",
                                                   "accepted_texts": [], "size": [15, 15]}}},
        remove_elements=("motto",),
        rules={"DANG-X": {"source": "HD 36", "severity": "error", "vi": "…", "en": "…"}},
        checks={"DANG-X": my_check},          # fn(ctx: CheckContext) -> Iterable[Issue]
        disable=frozenset({"ND30-PROFILE"}),
        severities={"ND30-ENDING": "error"},
    ))
    check_docx(data, rules=thongbao.plugins.rules_for("dang"))   # a pack's merged rule set

``overrides`` merges into nd30.toml key by key (``profiles``/``authorities`` replace the whole
table), as a pack's ``[overrides]`` does; see :mod:`thongbao.check.overrides`. What the checks
read from the data, so what a pack can change: each element's ``text``/``accepted_texts``,
``size``, ``bold``, ``italic``, ``case``, ``align``, ``rule_length``/``rule_tolerance``, ``label``
(``Số:``), ``prefix`` (``V/v``), ``space_before_pt`` and ``rule`` (the id its findings are reported
under, e.g. ``DANG-TD``); an element may also give ``rule_mark = "*"``: the separator line expected
under it instead of a measured rule (Party documents: ``*`` under the body's name, ``-----`` under
the trích yếu). Also ``[patterns]`` (number, date, recipients, archive, drafter, appendix…),
``[texts]``, ``[authorities]`` (signing prefixes and their order), ``[document_types]``,
``[urgency]``/``[secrecy]``/``[circulation]``, ``[page]``, ``[font]``, ``[body]``, ``[profiles]``,
``[samples]`` (elements a Mẫu leaves out) and the heuristics of ``[checker]``.

The package also exports the DOCX reader and the safety layer it stands on.
"""

from thongbao.check.engine import check_document, check_docx
from thongbao.check.overrides import RuleOverrides
from thongbao.check.reader import (
    Border,
    Cell,
    CellRef,
    Document,
    Drawing,
    Field,
    FontRef,
    HeaderFooter,
    Indent,
    Line,
    ListLabel,
    Location,
    Note,
    Paragraph,
    ParagraphProps,
    Row,
    Run,
    RunFonts,
    RunProps,
    Section,
    Spacing,
    Story,
    Table,
    TextBoxRef,
    read_docx,
)
from thongbao.check.registry import CheckContext, Issue, registered_rules, rule
from thongbao.check.report import Finding, Report
from thongbao.check.safety import Limits, Package, UnreadableDocument, open_docx_package

__all__ = [
    "Border",
    "Cell",
    "CellRef",
    "CheckContext",
    "Document",
    "Drawing",
    "Field",
    "Finding",
    "FontRef",
    "HeaderFooter",
    "Indent",
    "Issue",
    "Limits",
    "Line",
    "ListLabel",
    "Location",
    "Note",
    "Package",
    "Paragraph",
    "ParagraphProps",
    "Report",
    "Row",
    "RuleOverrides",
    "Run",
    "RunFonts",
    "RunProps",
    "Section",
    "Spacing",
    "Story",
    "Table",
    "TextBoxRef",
    "UnreadableDocument",
    "check_document",
    "check_docx",
    "open_docx_package",
    "read_docx",
    "registered_rules",
    "rule",
]
