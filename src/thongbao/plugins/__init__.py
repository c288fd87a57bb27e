"""Template packs (plugins): discovery, precedence, rule data for the checker, template linter.

A pack is a folder of ``.docx`` templates with a ``pack.toml`` declaring its layouts, the document
types they serve and optional rule data. Packs come from (highest precedence first):

1. explicit folders (``discover(folders=[...])``, ``thongbao templates --folder``);
2. installed distributions with an entry point in the group ``thongbao.templates`` whose object is
   the pack folder (a ``Path``/``importlib.resources`` folder), a :class:`TemplatePack`, or a
   callable returning one;
3. the built-in ND30 pack.

A clash inside one tier (same template file, same served document type, same pack name) raises
:class:`PackError` naming both packs unless one is selected (``select=[...]``). See
docs/template-authors.md.

>>> registry = discover()
>>> env = registry.environment()                     # search path: every pack, by precedence
>>> rules = rules_for("nd30")                       # the RuleSet the checker applies
"""

from __future__ import annotations

from thongbao.plugins.lint import STYLE_ELEMENTS, Problem, lint_docx
from thongbao.plugins.pack import (
    BUILTIN,
    PACK_FILE,
    LayoutInfo,
    PackError,
    TemplatePack,
    builtin_pack,
    load_pack,
)
from thongbao.plugins.registry import ENTRY_POINT_GROUP, Registry, discover, entry_point_packs
from thongbao.plugins.rules import merged_rule_data, rules_for_pack
from thongbao.rules import RuleSet

__all__ = [
    "BUILTIN",
    "ENTRY_POINT_GROUP",
    "PACK_FILE",
    "STYLE_ELEMENTS",
    "LayoutInfo",
    "PackError",
    "Problem",
    "Registry",
    "TemplatePack",
    "builtin_pack",
    "discover",
    "entry_point_packs",
    "lint_docx",
    "lint_template",
    "load_pack",
    "merged_rule_data",
    "rules_for",
]


def rules_for(pack: str | TemplatePack, *, registry: Registry | None = None) -> RuleSet:
    """The rule set the checker applies to documents made with ``pack`` (a name or a pack).

    The hook for the checker: ``check_docx(data, rules=rules_for("dang"))``. A pack without rule
    data gets ND30 itself.
    """
    if isinstance(pack, str):
        pack = (registry or discover()).pack(pack)
    return rules_for_pack(pack)


def lint_template(
    path: str, *, pack: str | TemplatePack | None = None, registry: Registry | None = None
) -> list[Problem]:
    """:func:`lint_docx` with a pack's rules, context keys and style map, and the registry's search
    path for include/extends targets (default: every installed pack)."""
    registry = registry or discover()
    chosen = registry.pack(pack) if isinstance(pack, str) else pack
    if chosen is None:
        return lint_docx(path, search_path=registry.search_path)
    return lint_docx(
        path,
        rules=rules_for_pack(chosen),
        context_keys=chosen.context_keys,
        style_elements=chosen.style_elements,
        search_path=registry.search_path,
    )
