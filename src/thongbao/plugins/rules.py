"""Rule data of a pack for the checker: nd30.toml with the pack's ``[overrides]`` and ``[rules]``.

The checker reads one :class:`~thongbao.rules.RuleSet`; :func:`rules_for` gives the one of a pack,
built with the same loader as ND30 so it is validated the same way. Merge semantics:

* ``[overrides.<table>]`` is merged key by key into nd30.toml's table (tables recursively; a list
  or a value replaces the old one): e.g. ``[overrides.elements.national_title] text = "…"``.
* ``[overrides.profiles]`` and ``[overrides.authorities]`` replace nd30.toml's tables as a whole
  (old profiles could not satisfy new element sizes; another format has its own signing prefixes).
* ``remove_elements = ["motto"]`` (in ``[overrides]``) drops elements the format does not have.
* ``[rules."<ID>"]`` adds rule records (new ids only; restate an nd30 rule in
  ``[overrides.rules."<ID>"]``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from thongbao.plugins.pack import PackError, TemplatePack
from thongbao.rules import ND30, RuleSet, build_rule_set, derive_rule_data

__all__ = ["merged_rule_data", "rules_for_pack"]


def merged_rule_data(pack: TemplatePack) -> dict[str, Any]:
    """nd30.toml's data with the pack's overrides, removals and rules applied (plain dicts)."""
    try:
        return derive_rule_data(ND30.raw, pack.overrides, remove_elements=pack.remove_elements, rules=pack.rules)
    except ValueError as exc:
        raise PackError(f"pack {pack.name!r}: {exc}") from None


@cache
def _cached(pack: TemplatePack) -> RuleSet:
    try:
        return build_rule_set(merged_rule_data(pack))
    except (KeyError, ValueError, TypeError) as exc:
        raise PackError(f"pack {pack.name!r} ({pack.origin}): its rule data is invalid: {exc}") from None


def rules_for_pack(pack: TemplatePack) -> RuleSet:
    """The checker's rule set for documents made with ``pack`` (ND30 itself for a pack without rules)."""
    if not pack.has_rules:
        return ND30
    return _cached(pack)
