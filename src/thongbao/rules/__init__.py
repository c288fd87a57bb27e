"""Decree 30/2020/NĐ-CP rules as data (thể thức và kỹ thuật trình bày văn bản hành chính).

The rules live in ``nd30.toml`` beside this module; this module only types them. Models,
renderer, template linter and checker all read :data:`ND30`, so a fix to a rule is one edit
to the TOML file.
"""

from __future__ import annotations

import copy
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

Severity = Literal["error", "warning"]
Lang = Literal["vi", "en"]

__all__ = [
    "ND30",
    "AmbiguousDocumentType",
    "AuthorityInfo",
    "DocumentTypeInfo",
    "ElementStyle",
    "Lang",
    "PageRules",
    "Rule",
    "RuleSet",
    "Severity",
    "SizeProfile",
    "build_rule_set",
    "derive_rule_data",
    "load_rules",
]

MM_PER_INCH = 25.4
TWIPS_PER_MM = 1440 / MM_PER_INCH


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: a stable id (``ND30-PAGE-MARGIN``), where it comes from, and its message."""

    id: str
    source: str
    severity: Severity
    vi: str
    en: str

    def message(self, lang: Lang = "vi") -> str:
        """The rule's statement in Vietnamese (default) or English."""
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True, slots=True)
class ElementStyle:
    """Typography of one element of the format (thành phần thể thức), spec §3."""

    key: str
    rule: str
    size: tuple[float, float]
    bold: bool | None = None
    italic: bool | None = None
    case: Literal["upper", "normal"] | None = None
    align: Literal["left", "center", "right", "justify"] | None = None
    text: str | None = None
    accepted_texts: tuple[str, ...] = ()
    box: int | None = None
    rule_length: tuple[float, float] | None = None
    rule_tolerance: float = 0.0
    rule_target: float | None = None
    label: str | None = None
    prefix: str | None = None
    space_before_pt: float | None = None
    source: str = ""

    def size_ok(self, pt: float) -> bool:
        """Whether ``pt`` is a lawful size for this element."""
        return self.size[0] - 0.01 <= pt <= self.size[1] + 0.01


@dataclass(frozen=True, slots=True)
class SizeProfile:
    """A consistent set of sizes (bộ cỡ chữ thống nhất) the generator renders, e.g. ``13/14/14``."""

    name: str
    sizes: Mapping[str, float]

    def __getitem__(self, element: str) -> float:
        return self.sizes[element]


@dataclass(frozen=True, slots=True)
class PageRules:
    """Page setup (khổ giấy, lề), spec §1. Lengths in mm."""

    width_mm: float
    height_mm: float
    size_tolerance_mm: float
    margin_tolerance_mm: float
    margins_mm: Mapping[str, tuple[float, float]]
    default_margins_mm: Mapping[str, float]
    header_distance_mm: float
    footer_distance_mm: float

    @staticmethod
    def mm_to_twips(mm: float) -> int:
        return round(mm * TWIPS_PER_MM)

    @staticmethod
    def twips_to_mm(twips: float) -> float:
        return twips / TWIPS_PER_MM


@dataclass(frozen=True, slots=True)
class DocumentTypeInfo:
    """A document type of Điều 7 (tên loại văn bản) with its Phụ lục III abbreviation."""

    key: str
    name: str
    abbreviation: str | None
    layout: str

    @property
    def title(self) -> str:
        """The type name as printed in ô 5a, e.g. ``THÔNG BÁO``."""
        from thongbao.vietnamese import upper

        return upper(self.name)

    @property
    def has_type_name(self) -> bool:
        """Công văn is the only type without a printed type name (spec §3 row 7)."""
        return self.key != "cong_van"


@dataclass(frozen=True, slots=True)
class AuthorityInfo:
    """A signing-authority prefix (thẩm quyền ký), spec §6."""

    prefix: str
    vi: str
    en: str
    may_follow: tuple[str, ...]
    closes_title: bool


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every ND30 rule and value, typed. Obtain it as :data:`ND30`."""

    rules: Mapping[str, Rule]
    elements: Mapping[str, ElementStyle]
    profiles: Mapping[str, SizeProfile]
    default_profile: str
    page: PageRules
    font_family: str
    pdf_font_substitutes: tuple[str, ...]
    font_color: str
    legacy_font_prefixes: tuple[str, ...]
    body_indent_cm: tuple[float, ...]
    body_indent_tolerance_cm: float
    body_space_between_min_pt: float
    body_line_spacing: tuple[float, float]
    body_ending: str
    patterns: Mapping[str, re.Pattern[str]]
    texts: Mapping[str, str]
    document_types: Mapping[str, DocumentTypeInfo]
    copy_types: Mapping[str, str]
    authorities: Mapping[str, AuthorityInfo]
    urgency_boxes_mm: Mapping[str, tuple[float, float]]
    urgency_accepted: Mapping[str, tuple[str, ...]]
    secrecy: tuple[str, ...]
    circulation: tuple[str, ...]
    raw: Mapping[str, Any] = field(repr=False)

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id; ``KeyError`` names the unknown id."""
        try:
            return self.rules[rule_id]
        except KeyError:
            raise KeyError(f"unknown ND30 rule id {rule_id!r}") from None

    @property
    def capitals_min_words(self) -> int:
        """Words from which a normal-case text with no lower-case letter counts as typed in capitals."""
        return int(self.raw["case"]["capitals_min_words"])

    def profile(self, name: str | None = None) -> SizeProfile:
        """A size profile by name (``13/14/14`` or ``12/13/13``); the default when ``None``."""
        return self.profiles[name or self.default_profile]

    def document_type(self, key_or_name: str) -> DocumentTypeInfo:
        """Look a type up by key (``thong_bao``), name (``Thông báo``) or abbreviation (``TB``).

        Three passes, each over every type, the first that finds something deciding:

        1. exact (after NFC and trimming): ``HĐ`` is Hợp đồng, ``HD`` Hướng dẫn, ``QyĐ`` Quy định;
        2. ignoring case, diacritics kept: ``hđ``, ``thông báo``, ``qyđ``;
        3. ignoring case and diacritics: ``Thong bao``, ``Giấy uỷ quyền`` (tone placed on the other vowel).

        ``KeyError`` when nothing matches; :class:`AmbiguousDocumentType` (a ``KeyError``) when a
        lenient pass matches more than one type (``hd`` without diacritics is both HD and HĐ), so
        that a type is never guessed.
        """
        from thongbao.vietnamese import fold

        wanted = unicodedata.normalize("NFC", key_or_name).strip()
        passes: tuple[Callable[[str], str], ...] = (lambda s: s, str.casefold, fold)
        for norm in passes:
            needle = norm(wanted)
            found = [info for info in self.document_types.values() if needle in _type_spellings(info, norm)]
            if len(found) == 1:
                return found[0]
            if found:
                raise AmbiguousDocumentType(key_or_name, tuple(found))
        raise KeyError(key_or_name)

    def type_by_abbreviation(self, abbreviation: str) -> DocumentTypeInfo | None:
        """Exact, case-sensitive lookup (``QyĐ`` is not ``QYĐ``)."""
        for info in self.document_types.values():
            if info.abbreviation == abbreviation:
                return info
        return None


class AmbiguousDocumentType(KeyError):
    """A document type spelled so loosely that it names several types (``hd``: HD or HĐ?)."""

    def __init__(self, value: str, candidates: tuple[DocumentTypeInfo, ...]) -> None:
        super().__init__(value)
        self.value = value
        self.candidates = candidates

    @property
    def choices(self) -> str:
        """``HD (Hướng dẫn), HĐ (Hợp đồng)``."""
        return ", ".join(f"{c.abbreviation} ({c.name})" if c.abbreviation else c.name for c in self.candidates)

    def __str__(self) -> str:
        return f"{self.value!r} could be any of: {self.choices}"


def _type_spellings(info: DocumentTypeInfo, norm: Callable[[str], str]) -> set[str]:
    spellings = {info.key, info.name} | ({info.abbreviation} if info.abbreviation else set())
    return {norm(s) for s in spellings}


def _range(value: Any) -> tuple[float, float]:
    lo, hi = value
    return (float(lo), float(hi))


def _element(key: str, data: Mapping[str, Any]) -> ElementStyle:
    return ElementStyle(
        key=key,
        rule=data["rule"],
        size=_range(data["size"]),
        bold=data.get("bold"),
        italic=data.get("italic"),
        case=data.get("case"),
        align=data.get("align"),
        text=data.get("text"),
        accepted_texts=tuple(data.get("accepted_texts", ())),
        box=data.get("box"),
        rule_length=_range(data["rule_length"]) if "rule_length" in data else None,
        rule_tolerance=float(data.get("rule_tolerance", 0.0)),
        rule_target=data.get("rule_target"),
        label=data.get("label"),
        prefix=data.get("prefix"),
        space_before_pt=data.get("space_before_pt"),
        source=data.get("source", ""),
    )


def _build(raw: Mapping[str, Any]) -> RuleSet:
    page = raw["page"]
    sides = ("top", "bottom", "left", "right")
    page_rules = PageRules(
        width_mm=page["width_mm"],
        height_mm=page["height_mm"],
        size_tolerance_mm=page["size_tolerance_mm"],
        margin_tolerance_mm=page["margin_tolerance_mm"],
        margins_mm=MappingProxyType({s: _range(page[f"margin_{s}_mm"]) for s in sides}),
        default_margins_mm=MappingProxyType({s: float(page[f"default_margin_{s}_mm"]) for s in sides}),
        header_distance_mm=page["header_distance_mm"],
        footer_distance_mm=page["footer_distance_mm"],
    )
    rules = {
        rid: Rule(id=rid, source=r["source"], severity=r["severity"], vi=r["vi"], en=r["en"])
        for rid, r in raw["rules"].items()
    }
    elements = {key: _element(key, data) for key, data in raw["elements"].items()}
    for el in elements.values():
        if el.rule not in rules:
            raise ValueError(f"element {el.key!r} names unknown rule {el.rule!r}")
    profiles = {
        name: SizeProfile(name=name, sizes=MappingProxyType({k: float(v) for k, v in sizes.items()}))
        for name, sizes in raw["profiles"]["sizes"].items()
    }
    for prof in profiles.values():
        for key, size in prof.sizes.items():
            if key in elements and not elements[key].size_ok(size):
                raise ValueError(f"profile {prof.name!r}: {key} = {size} pt is outside {elements[key].size}")
    doc_types = {
        d["key"]: DocumentTypeInfo(
            key=d["key"], name=d["name"], abbreviation=d.get("abbreviation"), layout=d["layout"]
        )
        for d in raw["document_types"]
    }
    authorities = {
        prefix: AuthorityInfo(
            prefix=prefix,
            vi=a["vi"],
            en=a["en"],
            may_follow=tuple(a["may_follow"]),
            closes_title=bool(a["closes_title"]),
        )
        for prefix, a in raw["authorities"].items()
    }
    body = raw["body"]
    font = raw["font"]
    return RuleSet(
        rules=MappingProxyType(rules),
        elements=MappingProxyType(elements),
        profiles=MappingProxyType(profiles),
        default_profile=raw["profiles"]["default"],
        page=page_rules,
        font_family=font["family"],
        pdf_font_substitutes=tuple(font["pdf_substitutes"]),
        font_color=font["color"],
        legacy_font_prefixes=tuple(font["legacy_prefixes"]),
        body_indent_cm=tuple(float(v) for v in body["indent_cm"]),
        body_indent_tolerance_cm=float(body["indent_tolerance_cm"]),
        body_space_between_min_pt=float(body["space_between_min_pt"]),
        body_line_spacing=_range(body["line_spacing"]),
        body_ending=body["ending"],
        patterns=MappingProxyType({k: re.compile(v) for k, v in raw["patterns"].items()}),
        texts=MappingProxyType(dict(raw["texts"])),
        document_types=MappingProxyType(doc_types),
        copy_types=MappingProxyType(dict(raw["copy_types"])),
        authorities=MappingProxyType(authorities),
        urgency_boxes_mm=MappingProxyType(
            {k: _range(v["box_mm"]) for k, v in raw["urgency"].items()}
        ),
        urgency_accepted=MappingProxyType(
            {k: tuple(v.get("accepted", [k])) for k, v in raw["urgency"].items()}
        ),
        secrecy=tuple(raw["secrecy"]["values"]),
        circulation=tuple(raw["circulation"]["values"]),
        raw=MappingProxyType(dict(raw)),
    )


#: Tables that an override replaces as a whole (old size profiles could not satisfy new element
#: sizes; another format has its own signing prefixes).
REPLACED_TABLES = ("profiles", "authorities")


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(dict(value) if isinstance(value, Mapping) else value)


def derive_rule_data(
    base: Mapping[str, Any],
    overrides: Mapping[str, Any],
    *,
    remove_elements: Iterable[str] = (),
    rules: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Rule data (nd30.toml's, as plain dicts) changed the way a template pack or ``extra_rules``
    changes it: ``overrides`` merged table by table (:data:`REPLACED_TABLES` replaced whole),
    ``remove_elements`` dropped, new ``rules`` records added. ``ValueError`` names an unknown
    element. Build the result with :func:`build_rule_set`."""
    raw: dict[str, Any] = copy.deepcopy(dict(base))
    rest = dict(overrides)
    for key in REPLACED_TABLES:
        if key in rest:
            raw[key] = copy.deepcopy(rest.pop(key))
    _merge(raw, rest)
    for element in remove_elements:
        if element not in raw["elements"]:
            raise ValueError(f"remove_elements names unknown element {element!r}")
        del raw["elements"][element]
    raw["rules"].update(copy.deepcopy({k: dict(v) for k, v in (rules or {}).items()}))
    return raw


def build_rule_set(raw: Mapping[str, Any]) -> RuleSet:
    """A :class:`RuleSet` from rule data, validated as nd30.toml is."""
    return _build(raw)


@cache
def load_rules() -> RuleSet:
    """Load and validate ``nd30.toml`` once per process."""
    text = resources.files(__package__).joinpath("nd30.toml").read_text(encoding="utf-8")
    return _build(tomllib.loads(text))


ND30: RuleSet = load_rules()
