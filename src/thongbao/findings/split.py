"""One document per unit: :func:`split_by_unit`."""

from __future__ import annotations

from thongbao.errors import DocumentValidationError, InputProblem
from thongbao.findings.model import Finding, FindingSet, Unit
from thongbao.models import Recipients
from thongbao.vietnamese import fold

__all__ = ["split_by_unit"]


def _for_unit(fs: FindingSet, unit: Unit) -> FindingSet:
    findings = [
        f if f.unit is None else Finding(category=f.category, text=f.text)
        for f in fs.findings
        if f.unit is None or unit.matches(f.unit)
    ]
    # The collective addressee (request_to / units_phrase) becomes the unit itself, first in Nơi nhận.
    collective = {fold(t) for t in (fs.request_to, fs.units_phrase) if t}
    to = [unit.name, *(t for t in fs.recipients.to if fold(t) not in collective and fold(t) != fold(unit.name))]
    recipients = Recipients.model_validate({**dict(fs.recipients), "to": to})
    summary = fs.unit_summary.replace("{unit}", unit.name) if fs.unit_summary else fs.summary
    return fs.model_validate(
        {
            **dict(fs),
            "number": None,
            "summary": summary,
            "units": [unit],
            "units_phrase": None,
            "request_to": unit.name,
            "findings": findings,
            "recipients": recipients,
        }
    )


def split_by_unit(fs: FindingSet) -> list[FindingSet]:
    """One finding set per unit concerned, in order, each a document addressed to that unit.

    Each keeps the general findings (those about no unit) and takes its unit's findings as its own
    (no longer tagged with the unit: the whole document is about it), its figures (a one-row table,
    no totals), ``request_to`` = the unit's name, the unit first in Nơi nhận in place of the collective
    addressee (``request_to`` / ``units_phrase`` when listed there), the trích yếu ``unit_summary``
    (``{unit}`` replaced) if given, and a blank number (each document gets its own when issued).
    A finding set about no particular unit comes back as the only element. A unit with nothing to
    write (no general finding, none of its own, no figures) is a :class:`DocumentValidationError`.
    """
    units = fs.all_units
    if not units:
        return [fs]
    empty = [
        InputProblem(
            f"units[{i}]",
            unit.name,
            "schema",
            "nothing to write to this unit: no general finding, none of its own, no figures",
            "không có nội dung cho đơn vị này: không có kết quả chung, kết quả riêng hoặc số liệu",
        )
        for i, unit in enumerate(units)
        if not unit.figures and not any(f.unit is None or unit.matches(f.unit) for f in fs.findings)
    ]
    if empty:
        raise DocumentValidationError(empty)
    return [_for_unit(fs, unit) for unit in units]
