"""Intake: a unit's filled template, or its reply in its own Word/Excel layout, back as progress entries.

``read_unit_file(data, filename, *, unit=None, tasks=None, plan=None) -> Intake`` is the entry point:
a luoshi template (recognised by its hidden metadata sheet) is read by task id; anything else goes
through ``luoshi.read.read_bytes`` and is read as a reply table. With ``tasks`` (the unit's tasks,
``unit_tasks(plan, unit)``) every row must be one of them. All or nothing: any unreadable file or
any row error raises ``LuoshiError`` (``IntakeError`` with ``.errors``, one Chinese line per row)
and no entry is returned. ``apply_entries(plan, intake.entries)`` puts the reports into the plan
for the judge and the renderers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from luoshi.intake.entries import Intake, IntakeError, ProgressEntry, apply_entries, normalise_status
from luoshi.intake.unit_tasks import UnitTask, find_task, task_id, unit_tasks, units_of
from luoshi.model import Plan


def read_unit_file(
    data: bytes,
    filename: str,
    *,
    unit: str | None = None,
    tasks: Sequence[UnitTask] | None = None,
    plan: Plan | None = None,
) -> Intake:
    """Read a unit's file (see the module docstring); ``plan`` with ``unit`` gives ``tasks``."""
    # Imported here: reading a file needs openpyxl and the readers; listing a unit's tasks does not.
    from luoshi.intake.reply import read_reply_document
    from luoshi.intake.template_reader import open_workbook, read_template, template_meta
    from luoshi.read import read_bytes, sniff_format

    if data and sniff_format(data, filename) == "xlsx":
        wb = open_workbook(data)
        meta = template_meta(wb)
        if meta is not None:
            if tasks is None and plan is not None and (owner := unit or meta.get("unit")):
                # The parts the template was made from (1-based in its ids), so unreported tasks are its own.
                parts = [int(p) - 1 for p in meta.get("parts", "").split(",") if p.strip().isdigit()]
                tasks = unit_tasks(plan, owner, parts=parts or None)
            return _observed(read_template(wb, meta, filename=filename, unit=unit, tasks=tasks))
    if tasks is None and plan is not None and unit:
        tasks = unit_tasks(plan, unit)
    doc = read_bytes(data, filename)
    return _observed(read_reply_document(doc, filename=filename, unit=unit, tasks=tasks))


def _observed(intake: Intake) -> Intake:
    """The entries with the figures the quantity reader finds in their progress text."""
    from luoshi.quantities.observations import to_observations

    return replace(
        intake,
        entries=tuple(
            replace(e, observations=tuple(to_observations(e.progress, period=intake.period))) for e in intake.entries
        ),
    )


__all__ = [
    "Intake",
    "IntakeError",
    "ProgressEntry",
    "UnitTask",
    "apply_entries",
    "find_task",
    "normalise_status",
    "read_unit_file",
    "task_id",
    "unit_tasks",
    "units_of",
]
