"""The rule registry: one check function per rule id (``@rule("ND30-QH")``).

A check is a function ``(ctx: CheckContext) -> Iterable[Issue]``. It reads the document through
``ctx.layout`` (elements found by :mod:`thongbao.check.locate`) and the rule data through
``ctx.rules`` (never hard-coded values), and yields an :class:`Issue` per defect. The engine turns
issues into :class:`~thongbao.check.report.Finding` s with the rule's severity and messages.

An issue may name another rule id (``Issue.rule``): element checks report under the rule their
element names in the rule data (``[elements.national_title] rule = …``), so a template pack that
points an element at its own rule id gets its findings under that id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from thongbao.check.reader import Document, Paragraph
from thongbao.check.tuning import Tuning
from thongbao.rules import ElementStyle, RuleSet

if TYPE_CHECKING:
    from thongbao.check.locate import Item, Layout

__all__ = ["CheckContext", "CheckFn", "Issue", "registered_rules", "rule"]


@dataclass(frozen=True, slots=True)
class Issue:
    """A defect found by a check, before it becomes a :class:`Finding`.

    ``where`` is an :class:`~thongbao.check.locate.Item`, a paragraph or a location string;
    ``excerpt`` defaults to the item's or paragraph's text.
    """

    element: str
    where: Item | Paragraph | str | None = None
    found: str = ""
    expected: str = ""
    note_en: str = ""
    note_vi: str = ""
    rule: str | None = None
    excerpt: str | None = None
    found_vi: str = ""
    expected_vi: str = ""


class CheckContext:
    """What a check sees: the document, the rule set, the heuristics and the located layout."""

    def __init__(self, document: Document, rules: RuleSet, tuning: Tuning | None = None) -> None:
        self.document = document
        self.rules = rules
        self.tuning = tuning or Tuning.from_rules(rules)
        self.cache: dict[str, Any] = {}

    @cached_property
    def layout(self) -> Layout:
        from thongbao.check.locate import locate

        return locate(self.document, self.rules, self.tuning)

    def element(self, key: str) -> ElementStyle | None:
        """The typography of element ``key``; ``None`` when the rule set removed it."""
        return self.rules.elements.get(key)


CheckFn = Callable[[CheckContext], Iterable[Issue]]
_F = TypeVar("_F", bound=CheckFn)

_REGISTRY: dict[str, CheckFn] = {}


def rule(rule_id: str) -> Callable[[_F], _F]:
    """Register the check function of ``rule_id`` (one function per id; the last one wins)."""

    def decorate(fn: _F) -> _F:
        _REGISTRY[rule_id] = fn
        return fn

    return decorate


def registered_rules() -> Mapping[str, CheckFn]:
    """Rule id → check function, in registration order (the order findings are produced in)."""
    import thongbao.check.checks  # noqa: F401  (registers the built-in checks)

    return MappingProxyType(_REGISTRY)
