"""``extra_rules``: how a template pack (or a caller) changes what the checker expects.

:class:`RuleOverrides` holds, all optional:

* ``overrides``: nd30.toml values to read differently, merged key by key into the rule data
  (tables recursively; a list or a value replaces the old one), e.g.
  ``{"elements": {"national_title": {"text": "ĐẢNG CỘNG SẢN VIỆT NAM", "size": [15, 15]}}}``.
  ``profiles`` and ``authorities`` replace nd30.toml's tables as a whole (the same semantics as a
  pack's ``[overrides]``, see :mod:`thongbao.plugins.rules`); without new ``profiles``, an element
  whose size is overridden leaves the size profiles it no longer fits;
* ``remove_elements``: elements the format does not have (``["motto"]``): their checks and their
  ND30-STRUCTURE "missing" findings are skipped;
* ``rules``: new rule records ``{"DANG-TD": {"source", "severity", "vi", "en"}}``; point an
  element at one (``overrides.elements.national_title.rule = "DANG-TD"``) to report its findings
  under that id; ``overrides.elements.agency.rule_mark = "*"`` expects that separator line under
  the element instead of a rule measured against ``rule_length``;
* ``checks``: extra check functions ``{rule_id: fn(ctx) -> Iterable[Issue]}`` (see
  :mod:`thongbao.check.registry`); an id already registered replaces the built-in check;
* ``disable``: rule ids not to check;
* ``severities``: ``{rule_id: "warning"}`` to change a rule's severity.

``check_docx(..., extra_rules=…)`` takes a :class:`RuleOverrides`, a mapping with those keys
(a pack.toml's ``[overrides]``/``[rules]`` data has that shape; ``remove_elements`` may sit inside
``overrides``), a ready :class:`~thongbao.rules.RuleSet` (``thongbao.plugins.rules_for("dang")``),
or any object with ``overrides``/``rules``/``remove_elements`` attributes (a ``TemplatePack``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from thongbao.check.registry import CheckFn
from thongbao.rules import ND30, RuleSet, Severity, build_rule_set, derive_rule_data

__all__ = ["RuleOverrides", "resolve_rules"]

_KEYS = frozenset({"overrides", "rules", "remove_elements", "checks", "disable", "severities"})


def _frozen(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True, eq=False)
class RuleOverrides:
    """Changes to the rule data and checks for one kind of document (see the module docstring)."""

    overrides: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    remove_elements: tuple[str, ...] = ()
    checks: Mapping[str, CheckFn] = field(default_factory=lambda: MappingProxyType({}))
    disable: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RuleOverrides:
        unknown = set(data) - _KEYS
        if unknown:
            raise ValueError(f"extra_rules: unknown key(s) {sorted(unknown)}; expected some of {sorted(_KEYS)}")
        overrides = dict(data.get("overrides") or {})
        removed = tuple(data.get("remove_elements") or overrides.pop("remove_elements", ()) or ())
        overrides.pop("remove_elements", None)
        return cls(
            overrides=_frozen(overrides),
            rules=_frozen(data.get("rules")),
            remove_elements=removed,
            checks=_frozen(data.get("checks")),
            disable=frozenset(data.get("disable") or ()),
            severities=_frozen(data.get("severities")),
        )

    @classmethod
    def coerce(cls, value: object) -> RuleOverrides:
        """A :class:`RuleOverrides` from whatever ``extra_rules`` was given (not a RuleSet)."""
        if isinstance(value, RuleOverrides):
            return value
        if isinstance(value, Mapping):
            return cls.from_mapping(value)
        if hasattr(value, "overrides") or hasattr(value, "rules"):
            return cls.from_mapping({
                "overrides": getattr(value, "overrides", None) or {},
                "rules": getattr(value, "rules", None) or {},
                "remove_elements": tuple(getattr(value, "remove_elements", ()) or ()),
            })
        raise TypeError(f"extra_rules: cannot use a {type(value).__name__}")

    @property
    def changes_data(self) -> bool:
        return bool(self.overrides or self.rules or self.remove_elements or self.severities)

    def rule_set(self, base: RuleSet = ND30) -> RuleSet:
        """``base`` with these changes applied (validated by the nd30.toml loader)."""
        if not self.changes_data:
            return base
        if base is ND30:
            return self._on_nd30
        return self._apply(base)

    @cached_property
    def _on_nd30(self) -> RuleSet:
        return self._apply(ND30)

    def _apply(self, base: RuleSet) -> RuleSet:
        try:
            raw = derive_rule_data(base.raw, self.overrides, remove_elements=self.remove_elements, rules=self.rules)
        except ValueError as exc:
            raise ValueError(f"extra_rules: {exc}") from None
        if "profiles" not in self.overrides:
            _prune_profiles(raw)
        for rule_id, severity in self.severities.items():
            if rule_id not in raw["rules"]:
                raise ValueError(f"extra_rules: severities names unknown rule {rule_id!r}")
            raw["rules"][rule_id]["severity"] = severity
        return build_rule_set(raw)


def _prune_profiles(raw: dict[str, Any]) -> None:
    """A size override takes the element out of the size profiles it no longer fits (the profiles
    are nd30.toml's; give ``profiles`` in the overrides to replace them)."""
    elements = raw.get("elements", {})
    for sizes in raw.get("profiles", {}).get("sizes", {}).values():
        for k, size in list(sizes.items()):
            el = elements.get(k)
            if el is not None and "size" in el:
                lo, hi = el["size"]
                if not lo - 0.01 <= size <= hi + 0.01:
                    del sizes[k]


def resolve_rules(rules: RuleSet | None, extra_rules: object) -> tuple[RuleSet, RuleOverrides]:
    """The rule set to check with and the extra checks/disabled ids."""
    base = rules or ND30
    if extra_rules is None:
        return base, RuleOverrides()
    if isinstance(extra_rules, RuleSet):
        return extra_rules, RuleOverrides()
    extra = RuleOverrides.coerce(extra_rules)
    return extra.rule_set(base), extra
