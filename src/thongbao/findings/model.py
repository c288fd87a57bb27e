"""The finding set: structured results of an activity (làm việc, kiểm tra…) that become a document.

A :class:`FindingSet` is an :class:`~thongbao.models.AdministrativeDocument` whose content is not
written as body blocks but as data: the documents it implements (:class:`Reference`), the activity
and its period (:class:`Activity`), the units concerned (:class:`Unit`, with figures described by
:class:`Metric`), the findings by :class:`Category`, and the closing request. The connective
wording that turns this data into prose lives in the templates (``templates/findings/``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from thongbao.findings.figures import FigureError, parse_figure
from thongbao.models.base import Model, Text, accepts, rule_error, string_form
from thongbao.models.body import Block
from thongbao.models.document import AdministrativeDocument
from thongbao.models.numbering import DocumentNumber, DocumentTypeKey, lookup_document_type
from thongbao.rules import ND30, AmbiguousDocumentType
from thongbao.vietnamese import fold, short_date, short_date_range

__all__ = [
    "CATEGORY_LABELS",
    "Activity",
    "Category",
    "Finding",
    "FindingSet",
    "Metric",
    "MetricFormat",
    "Reference",
    "Unit",
    "coerce_findings",
    "parse_category",
]

FINDING_SET_TYPES = ("thong_bao", "bao_cao")

MetricFormat = Literal["number", "vnd", "percent"]


def problem(en: str, vi: str) -> PydanticCustomError:
    """A shape error with both messages (rule ``schema``), as :class:`DocumentValidationError` reads it."""
    return PydanticCustomError("nd30", "{en} / {vi}", {"rule": "schema", "en": en, "vi": vi})


# ---------------------------------------------------------------------------------------------
# Categories
# ---------------------------------------------------------------------------------------------


class Category(StrEnum):
    """What a finding is about; the templates print each group with its own wording."""

    RESULTS = "results"  # Kết quả đạt được
    DIFFICULTIES = "difficulties"  # Khó khăn, hạn chế
    CAUSES = "causes"  # Nguyên nhân
    RECOMMENDATIONS = "recommendations"  # Kiến nghị, giải pháp, đề xuất


CATEGORY_LABELS: dict[Category, str] = {
    Category.RESULTS: "Kết quả đạt được",
    Category.DIFFICULTIES: "Khó khăn, hạn chế",
    Category.CAUSES: "Nguyên nhân",
    Category.RECOMMENDATIONS: "Kiến nghị, giải pháp, đề xuất",
}
"""The Vietnamese name of each category (accepted as input, with or without diacritics)."""

# Accepted names, folded (no diacritics, lower case, words only). A name may also chain several of
# them, with any punctuation or "và" between, when they all mean the same category ("Khó khăn, hạn chế").
_ALIASES: dict[str, Category] = {
    **dict.fromkeys(
        [
            "results",
            "result",
            "achievements",
            "ket qua",
            "ket qua dat duoc",
            "nhung ket qua dat duoc",
            "uu diem",
            "thanh tich",
            "mat duoc",
        ],
        Category.RESULTS,
    ),
    **dict.fromkeys(
        [
            "difficulties",
            "difficulty",
            "limitations",
            "shortcomings",
            "kho khan",
            "han che",
            "ton tai",
            "vuong mac",
            "bat cap",
            "mat han che",
            "nhuoc diem",
            "kho khan vuong mac",
        ],
        Category.DIFFICULTIES,
    ),
    **dict.fromkeys(["causes", "cause", "reasons", "nguyen nhan", "nguyen nhan cua han che"], Category.CAUSES),
    **dict.fromkeys(
        [
            "recommendations",
            "recommendation",
            "solutions",
            "solution",
            "proposals",
            "proposal",
            "kien nghi",
            "giai phap",
            "de xuat",
            "de nghi",
            "nhiem vu giai phap",
        ],
        Category.RECOMMENDATIONS,
    ),
}
_LONGEST_ALIAS = max(len(a.split()) for a in _ALIASES)


def _segment(words: tuple[str, ...]) -> set[Category] | None:
    """The categories of a sequence of aliases covering ``words`` exactly (None: no such cover)."""
    if not words:
        return set()
    for size in range(min(_LONGEST_ALIAS, len(words)), 0, -1):
        category = _ALIASES.get(" ".join(words[:size]))
        if category is not None:
            rest = _segment(words[size:])
            if rest is not None:
                return {category, *rest}
    return None


def parse_category(value: str) -> Category | None:
    """The category named by ``value`` (``Kết quả đạt được``, ``kho khan han che``, ``results``…)."""
    words = tuple(w for w in re.findall(r"[a-z0-9]+", fold(value)) if w not in ("va", "and"))
    found = _segment(words)
    if found is not None and len(found) == 1:
        return found.pop()
    return None


def _accepted_categories() -> str:
    return "; ".join(f"{c.value} ({label})" for c, label in CATEGORY_LABELS.items())


# ---------------------------------------------------------------------------------------------
# Parts
# ---------------------------------------------------------------------------------------------

_SHORT_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")

DateInput = Annotated[
    dt.date,
    accepts(
        string_form(
            "The Vietnamese way, day/month/year.",
            pattern=r"^\s*[0-9]{1,2}\s*[/.-]\s*[0-9]{1,2}\s*[/.-]\s*[0-9]{4}\s*$",
            examples=("13/4/2023",),
        )
    ),
]
"""A date of a finding set: ``2023-04-13`` or ``13/4/2023`` (see :func:`_date_input`)."""


def _date_input(value: Any) -> Any:
    """Accept ``2023-04-13`` and the Vietnamese way, ``13/4/2023``; a date that does not exist is named."""
    if isinstance(value, str):
        ymd: tuple[str, ...] | None = None
        if m := _SHORT_DATE.match(value):
            ymd = (m[3], m[2], m[1])
        elif m := _ISO_DATE.match(value):
            ymd = m.groups()
        if ymd is not None:
            year, month, day = (int(g) for g in ymd)
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise rule_error(
                    "ND30-INPUT-DATE", f"{value!r} does not exist", f"ngày {value!r} không có thật"
                ) from None
        raise rule_error(
            "ND30-INPUT-DATE",
            f"{value!r} is not a date (YYYY-MM-DD or D/M/YYYY)",
            f"{value!r} không phải ngày (YYYY-MM-DD hoặc D/M/YYYY)",
        )
    return value


class Reference(Model):
    """A document the activity implements or relies on, cited the Vietnamese way.

    ``Reference(document_type="Kế hoạch", number="50/KH-SKHCN", date="2023-04-13",
    issuer="Sở Khoa học và Công nghệ")`` cites as
    ``Kế hoạch số 50/KH-SKHCN ngày 13/4/2023 của Sở Khoa học và Công nghệ``; its ``summary``
    (trích yếu) follows the citation in the text.
    """

    document_type: Text = Field(description="Tên loại: Kế hoạch, Quyết định, Nghị quyết, Công văn…")
    number: Annotated[
        DocumentNumber,
        accepts(
            string_form(
                "Số and ký hiệu as cited.", pattern=r"^\s*(số)?\s*[0-9]+\s*/\s*\S", examples=("50/KH-SKHCN",)
            )
        ),
    ] | None = Field(default=None, description="Số, ký hiệu: '50/KH-SKHCN' or {number: 50, symbol: KH-SKHCN}.")
    date: DateInput | None = Field(default=None, description="Ngày ban hành (2023-04-13 or 13/4/2023).")
    issuer: Text | None = Field(default=None, description="Cơ quan ban hành, as the text names it.")
    summary: Text | None = Field(default=None, description="Trích yếu, as it follows the citation.")

    @field_validator("document_type")
    @classmethod
    def _type_name(cls, value: str) -> str:
        # One of the 29 types is written with its name (``HĐ`` → Hợp đồng, ``HD`` → Hướng dẫn); any
        # other type (Luật, Nghị định…) is kept as given; a spelling that could be several is refused.
        try:
            return ND30.document_type(value).name
        except AmbiguousDocumentType:
            return lookup_document_type(value).name  # raises the ND30-INPUT-TYPE error
        except KeyError:
            return value

    @field_validator("number", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            raise problem(
                "give the number with its symbol, e.g. '50/KH-SKHCN'", "ghi số kèm ký hiệu, ví dụ '50/KH-SKHCN'"
            )
        if isinstance(value, str):
            number, sep, symbol = value.strip().removeprefix("số").strip().partition("/")
            if not sep or not number.strip().isdigit() or not symbol.strip():
                raise problem(
                    f"{value!r} is not a number and symbol such as '50/KH-SKHCN'",
                    f"{value!r} không phải số, ký hiệu dạng '50/KH-SKHCN'",
                )
            return {"number": int(number), "symbol": symbol.strip()}
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return _date_input(value)

    @field_validator("summary")
    @classmethod
    def _summary(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return value.rstrip(" .;") or None

    @property
    def cited(self) -> str:
        """``Kế hoạch số 50/KH-SKHCN ngày 13/4/2023 của Sở Khoa học và Công nghệ``."""
        parts = [self.document_type]
        if self.number is not None:
            parts.append(f"số {self.number.cited}")
        if self.date is not None:
            parts.append(f"ngày {short_date(self.date)}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        return " ".join(parts)


class Activity(Model):
    """What was done (làm việc, kiểm tra…), with whom, and when.

    The text reads ``Từ ngày 18-27/4/2023, <issuer> đã tiến hành <description> <preposition> <units>``.
    """

    description: Text = Field(description="e.g. 'các buổi trao đổi và làm việc trực tiếp', 'kiểm tra công tác …'.")
    preposition: Text = Field(default="với", description="Joins the units: với, tại, đối với…")
    start: DateInput | None = Field(default=None, description="First day (2023-04-18 or 18/4/2023).")
    end: DateInput | None = Field(default=None, description="Last day; omitted for a one-day activity.")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _dates(cls, value: Any) -> Any:
        return _date_input(value)

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.end is not None and self.start is None:
            raise rule_error(
                "ND30-INPUT-DATE", "the period has an end but no start", "có ngày kết thúc nhưng không có ngày bắt đầu"
            )
        if self.start is not None and self.end is not None and self.end < self.start:
            raise rule_error(
                "ND30-INPUT-DATE",
                f"the period ends ({self.end}) before it starts ({self.start})",
                f"ngày kết thúc ({self.end}) trước ngày bắt đầu ({self.start})",
            )
        return self

    @property
    def single_day(self) -> bool:
        return self.start is not None and (self.end is None or self.end == self.start)

    @property
    def period(self) -> str | None:
        """``18-27/4/2023``; ``28/4 đến ngày 05/5/2023``; ``18/4/2023`` (the text adds ``Từ ngày``)."""
        if self.start is None:
            return None
        return short_date_range(self.start, self.end or self.start)


def _figures(value: Any) -> Any:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        return value
    out: dict[Any, Any] = {}
    for key, raw in value.items():
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        try:
            out[key] = parse_figure(raw)[0]
        except FigureError as exc:
            raise problem(f"figure {key!r}: {exc.message_en}", f"số liệu {key!r}: {exc.message_vi}") from None
    return out


_Figure = Annotated[
    Decimal,
    accepts(
        string_form("A figure written the Vietnamese way: 1.248, 185.500.000, 98,5%.", examples=("1.248", "98,5%")),
        {"type": "null", "description": "No figure (left out)."},
    ),
]


class Unit(Model):
    """A unit concerned (đơn vị được làm việc, kiểm tra) and its figures by metric key."""

    json_shorthand: ClassVar[tuple[dict[str, Any], ...]] = (string_form("The unit's name (also its key)."),)

    name: Text = Field(description="Tên đơn vị, as the text names it: UBND xã Tân Hưng.")
    key: Text = Field(default="", description="Short key used by findings and tables; default: the name.")
    figures: dict[Text, _Figure] = Field(
        default_factory=dict, description="Số liệu: metric key (or label) -> number; percentages as 98.5."
    )

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"name": value, "key": value}
        if isinstance(value, Mapping) and not value.get("key"):
            return {**value, "key": value.get("name")}
        return value

    @field_validator("figures", mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        return _figures(value)

    def matches(self, name: str) -> bool:
        """Whether ``name`` designates this unit (its key or name, any case, with or without diacritics)."""
        wanted = fold(name)
        return wanted in (fold(self.key), fold(self.name))


class Metric(Model):
    """A column of figures: how it is labelled, formatted and totalled.

    ``format``: ``number`` (1.234.567), ``vnd`` (amounts in đồng) or ``percent`` (values given as
    percentages: 98.5 → 98,5%). A ``ratio_of: [a, b]`` metric is computed, a / b as a percentage,
    per unit and for the total. Numbers and amounts are totalled; a percentage only when it is a ratio.
    """

    json_shorthand: ClassVar[tuple[dict[str, Any], ...]] = (string_form("The metric's key (also its label)."),)

    key: Text = Field(description="Key used in unit figures and as the table's column name in data files.")
    label: Text = Field(default="", description="Column header; default: the key.")
    format: MetricFormat = "number"
    decimals: int | None = Field(default=None, ge=0, le=6, description="Decimals shown; default: as needed (1 for %).")
    ratio_of: tuple[Text, Text] | None = Field(default=None, description="[numerator, denominator] metric keys.")
    total: bool | None = Field(default=None, description="Show a total; default: yes unless a given percentage.")

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"key": value, "label": value}
        if isinstance(value, Mapping):
            value = dict(value)
            if not value.get("label"):
                value["label"] = value.get("key")
            if value.get("ratio_of") is not None and "format" not in value:
                value["format"] = "percent"
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.ratio_of is not None and self.format != "percent":
            raise problem("a ratio_of metric is a percentage", "chỉ tiêu tính tỷ lệ (ratio_of) phải là phần trăm")
        if self.total and self.format == "percent" and self.ratio_of is None:
            raise problem(
                f"percentages of {self.key!r} cannot be added up; give ratio_of to total them",
                f"không cộng được tỷ lệ {self.key!r}; dùng ratio_of để tính tỷ lệ chung",
            )
        return self

    @property
    def totalled(self) -> bool:
        if self.total is not None:
            return self.total
        return self.format != "percent" or self.ratio_of is not None

    def matches(self, name: str) -> bool:
        wanted = fold(name)
        return wanted in (fold(self.key), fold(self.label))


_CATEGORY_NAME = string_form(
    "The category's name in Vietnamese or English, with or without diacritics.",
    examples=tuple(CATEGORY_LABELS.values()),
)


class Finding(Model):
    """One finding: its category, its text (printed verbatim), and the unit it concerns, if any."""

    category: Annotated[Category, accepts(_CATEGORY_NAME)] = Field(
        description="results | difficulties | causes | recommendations (or Vietnamese)."
    )
    text: Text = Field(description="The finding as printed, one paragraph.")
    unit: Text | None = Field(default=None, description="Key or name of the unit concerned; none = all.")

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> Any:
        if isinstance(value, Category) or not isinstance(value, str):
            return value
        found = parse_category(value)
        if found is None:
            raise problem(
                f"unknown category {value!r}; use one of: {_accepted_categories()}",
                f"không có nhóm {value!r}; dùng một trong: {_accepted_categories()}",
            )
        return found


def coerce_findings(value: Any) -> Any:
    """``{results: [...], difficulties: [...]}`` or a list of findings; a string item is a text."""
    if isinstance(value, Mapping):
        out: list[Any] = []
        for category, items in value.items():
            for item in items if isinstance(items, list | tuple) else [items]:
                if isinstance(item, Mapping):
                    out.append({"category": category, **item})
                elif isinstance(item, Finding):
                    out.append(item)
                else:
                    out.append({"category": category, "text": item})
        return out
    return value


# ---------------------------------------------------------------------------------------------
# The finding set
# ---------------------------------------------------------------------------------------------


def _shorthand_schema(schema: dict[str, Any]) -> None:
    """``json_schema_extra`` of :class:`FindingSet`: the data-file forms of its fields (the table
    reference, findings by category, units and metrics keyed by name)."""
    props = schema["properties"]
    props["findings_table"] = {
        "title": "Findings Table",
        "description": "A .csv or .xlsx table of findings (and figures), relative to the file (docs/findings.md).",
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {"path": {"type": "string"}, "sheet": {"type": "string"}},
                "required": ["path"],
                "additionalProperties": False,
            },
        ],
    }
    item = {
        "anyOf": [
            {"type": "string", "description": "The finding's text."},
            {
                "type": "object",
                "description": "A finding of this category.",
                "properties": {
                    "text": {"type": "string"},
                    "unit": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    "category": _CATEGORY_NAME,
                },
                "required": ["text"],
                "additionalProperties": False,
            },
        ]
    }
    _widen(
        props["findings"],
        {
            "type": "object",
            "description": "Findings by category: {results: [...], 'Khó khăn, hạn chế': [...]}.",
            "propertyNames": _CATEGORY_NAME,
            "additionalProperties": {"anyOf": [item, {"type": "array", "items": item}]},
        },
    )
    for name in ("units", "metrics"):
        items = props[name]["items"]
        _widen(
            props[name],
            {
                "type": "object",
                "description": "Keyed by name: {key: name} or {key: {...}}.",
                "additionalProperties": items,
            },
        )


def _widen(prop: dict[str, Any], alternative: dict[str, Any]) -> None:
    """Make a property's schema ``anyOf`` its own type and ``alternative`` (keeping title, default…)."""
    own = {k: prop.pop(k) for k in list(prop) if k not in ("title", "description", "default")}
    prop["anyOf"] = [own, alternative]


class FindingSet(AdministrativeDocument):
    """A THÔNG BÁO or BÁO CÁO written from structured findings (see docs/findings.md).

    The document shell (issuer, number, date, trích yếu, signature, recipients, marks) is that of
    :class:`AdministrativeDocument`; ``body`` is not used: the findings layouts write the body.
    """

    model_config = ConfigDict(json_schema_extra=_shorthand_schema)

    document_type: DocumentTypeKey = Field(default="thong_bao", description="Thông báo (default) or Báo cáo.")
    body: tuple[Block, ...] = Field(
        default=(), max_length=0, description="Not used: the body is written from the findings."
    )
    basis: tuple[Reference, ...] = Field(default=(), description="Documents implemented (Thực hiện …).")
    activity: Activity | None = Field(default=None, description="What was done, with whom, when.")
    units: tuple[Unit, ...] = Field(default=(), description="Units concerned, with their figures.")
    units_phrase: Text | None = Field(
        default=None, description="How the text names the units together: 'Hội đồng KH&CN các huyện'."
    )
    domain: Text | None = Field(default=None, description="Field of work named in the text: 'KH&CN cấp huyện'.")
    request_to: Text | None = Field(
        default=None, description="Who is asked to act (đề nghị …): 'UBND các huyện, thị xã, thành phố'."
    )
    metrics: tuple[Metric, ...] = Field(default=(), description="Columns of the table of figures.")
    findings: tuple[Finding, ...] = Field(
        default=(), description="Findings by category, optionally per unit (at least one, or some figures)."
    )
    closing: Text | None = Field(
        default=None, description="What is requested at the end, after '<issuer> đề nghị <request_to>'."
    )
    unit_summary: Text | None = Field(
        default=None, description="Trích yếu of each per-unit document; '{unit}' is replaced by the unit's name."
    )

    @field_validator("document_type")
    @classmethod
    def _type(cls, value: str) -> str:
        if value not in FINDING_SET_TYPES:
            raise rule_error(
                "ND30-INPUT-TYPE",
                f"a finding set becomes a thông báo or a báo cáo, not {value!r}",
                f"tập kết quả chỉ lập thành thông báo hoặc báo cáo, không phải {value!r}",
            )
        return value

    @field_validator("findings", mode="before")
    @classmethod
    def _findings(cls, value: Any) -> Any:
        return coerce_findings(value)

    @field_validator("units", "metrics", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if isinstance(value, Mapping):  # {key: name} / {key: {...}}
            return [{"key": k, **v} if isinstance(v, Mapping) else {"key": k, "name": v} for k, v in value.items()]
        return value

    @model_validator(mode="after")
    def _references(self) -> Self:
        if not self.findings and not any(u.figures for u in self.units):
            raise problem(
                "there is nothing to write: give at least one finding (or figures)",
                "không có nội dung: cần ít nhất một kết quả (hoặc số liệu)",
            )
        keys: list[str] = []
        for unit in self.units:
            for name in {fold(unit.key), fold(unit.name)}:
                if name in keys:
                    raise problem(f"two units are called {unit.name!r}", f"hai đơn vị trùng tên {unit.name!r}")
                keys.append(name)
        if self.units:
            for i, finding in enumerate(self.findings):
                if finding.unit is not None and self.find_unit(finding.unit) is None:
                    raise problem(
                        f"findings[{i}].unit {finding.unit!r} is not one of the units",
                        f"findings[{i}].unit {finding.unit!r} không có trong danh sách đơn vị",
                    )
        seen: list[str] = []
        for metric in self.metrics:
            if fold(metric.key) in seen:
                raise problem(f"two metrics are called {metric.key!r}", f"hai chỉ tiêu trùng tên {metric.key!r}")
            seen.append(fold(metric.key))
        for metric in self.metrics:
            for part in metric.ratio_of or ():
                base = self.find_metric(part)
                if base is None or base.ratio_of is not None:
                    raise problem(
                        f"metric {metric.key!r}: {part!r} is not a metric it can be computed from",
                        f"chỉ tiêu {metric.key!r}: {part!r} không phải chỉ tiêu để tính",
                    )
        for unit in self.units:
            for name in unit.figures:
                known = self.find_metric(name)
                if self.metrics and known is None:
                    raise problem(
                        f"unit {unit.name!r}: {name!r} is not one of the metrics",
                        f"đơn vị {unit.name!r}: {name!r} không có trong danh sách chỉ tiêu",
                    )
                if known is not None and known.ratio_of is not None:
                    raise problem(
                        f"unit {unit.name!r}: {name!r} is computed (ratio_of), do not give it",
                        f"đơn vị {unit.name!r}: {name!r} được tính tự động, không nhập",
                    )
        return self

    # Lookups.
    def find_unit(self, name: str) -> Unit | None:
        """The unit designated by ``name`` (key or name, folded), among :attr:`all_units`."""
        return next((u for u in self.all_units if u.matches(name)), None)

    def find_metric(self, name: str) -> Metric | None:
        """The metric designated by ``name`` (key or label, folded), among :attr:`all_metrics`."""
        return next((m for m in self.all_metrics if m.matches(name)), None)

    @property
    def all_units(self) -> tuple[Unit, ...]:
        """The declared units or, when none are declared, those the findings name, in order."""
        if self.units:
            return self.units
        out: list[Unit] = []
        for finding in self.findings:
            if finding.unit is not None and not any(u.matches(finding.unit) for u in out):
                out.append(Unit(name=finding.unit))
        return tuple(out)

    @property
    def all_metrics(self) -> tuple[Metric, ...]:
        """The declared metrics or, when none are declared, one per figure key, in order."""
        if self.metrics:
            return self.metrics
        out: list[Metric] = []
        for unit in self.units:
            for name in unit.figures:
                if not any(m.matches(name) for m in out):
                    out.append(Metric(key=name))
        return tuple(out)

    def findings_of(self, category: Category, unit: Unit | None = None) -> tuple[Finding, ...]:
        """The findings of ``category`` about ``unit`` (``None``: those about no particular unit)."""
        out = []
        for finding in self.findings:
            if finding.category is not category:
                continue
            if finding.unit is None:
                if unit is None:
                    out.append(finding)
            elif unit is not None and unit.matches(finding.unit):
                out.append(finding)
        return tuple(out)

    @classmethod
    def from_file(cls, path: str | Path) -> Self:
        """Load a YAML/JSON file; a ``findings_table`` in it is read relative to the file."""
        from thongbao.findings.tables import load_finding_set

        fs = load_finding_set(path)
        return fs if isinstance(fs, cls) else cls.model_validate(dict(fs))

    def with_type(self, document_type: str) -> Self:
        """The same finding set written as another type (``bao_cao`` / ``Báo cáo`` / ``BC``)."""
        return self.model_validate({**dict(self), "document_type": document_type})
