"""Reports of a stored plan for a period (downloads, the unit's template): the stored plan, its latest reports and verdicts → a ``luoshi.ReportRequest`` → the core's report.

Which reports exist, their formats and layouts are the core's registry (``luoshi.REPORTS``); this
module only gathers, in a bounded number of queries, what a report needs: each task with its units,
the lead's latest progress (co-units' inputs appended) and the verdict that counts (the office's
sign-off, else the judge's).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from luoshi import (
    REPORTS,
    LuoshiError,
    Part,
    Plan,
    ReportRequest,
    Source,
    SupervisionDetails,
    TaskVerdict,
    UnitTask,
    summary_figures,
)
from luoshi_web import bridge, memo
from luoshi_web.plans.assignments import roles_for_units, unit_names_by_task
from luoshi_web.plans.models import Period, Task
from luoshi_web.plans.models import Plan as StoredPlan
from luoshi_web.prepared import Prepared
from luoshi_web.reporting.models import ProgressEntry, TaskStatus
from luoshi_web.units.models import Unit
from luoshi_web.units.scope import unit_and_groups


def offered() -> list[dict[str, Any]]:
    """Every report and format offered for download, as the plan page lists them."""
    from luoshi import FORMAT_LABELS

    return [
        {
            "what": report.name,
            "title": report.title,
            "needs_unit": report.needs_unit,
            "formats": [{"fmt": fmt, "label": f"{report.title}（{FORMAT_LABELS[fmt]}）"} for fmt in report.formats],
        }
        for report in REPORTS.values()
        if not report.needs_supervision  # a 督办单 is downloaded from its notice's page
    ]


def gather(plan: StoredPlan, period: Period) -> tuple[ReportRequest, list[list[Task]]]:
    """The stored plan as a report request for ``period``, and the stored tasks of each part, in order."""
    tasks = list(
        Task.objects.filter(plan=plan, withdrawn=False)
        .select_related("part", "section__parent")
        .order_by("part__order", "order")
    )
    units = unit_names_by_task(task__plan=plan)
    newest: dict[tuple[int, int], ProgressEntry] = {}
    for entry in ProgressEntry.objects.filter(task__plan=plan, period=period).order_by("-version"):
        newest.setdefault((entry.task_id, entry.unit_id), entry)
    texts: dict[int, list[tuple[bool, str]]] = defaultdict(list)
    for (task_id, _), entry in newest.items():
        texts[task_id].append((entry.role != "lead", entry.text))
    statuses = {
        s.task_id: s
        for s in TaskStatus.objects.filter(period=period, task__plan=plan).select_related("judged", "signed")
    }
    parts: list[Part] = []
    stored: list[list[Task]] = []
    progress: dict[int, dict[int, str]] = {}
    verdicts: dict[int, list[TaskVerdict | None]] = {}
    for index, part in enumerate(plan.parts.all().order_by("order")):
        part_tasks = [t for t in tasks if t.part_id == part.pk]
        core_tasks = []
        progress[index], verdicts[index] = {}, []
        for i, task in enumerate(part_tasks):
            section, subsection = bridge.sections_of(task)
            core_tasks.append(
                bridge.core_task(
                    task, lead=units[task.pk]["lead"], co=units[task.pk]["co"], section=section, subsection=subsection
                )
            )
            if texts.get(task.pk):
                progress[index][i] = "\n".join(text for _, text in sorted(texts[task.pk], key=lambda p: p[0]))
            status = statuses.get(task.pk)
            verdict = status.verdict if status else None
            verdicts[index].append(bridge.core_verdict(verdict) if verdict is not None else None)
        parts.append(bridge.core_part(part, plan, core_tasks))
        stored.append(part_tasks)
    core = Plan(
        source=Source(plan.source_name or plan.title, plan.source_sha256, plan.source_format), parts=tuple(parts)
    )
    request = ReportRequest(
        plan=core,
        parts=tuple(range(len(parts))),
        verdicts=verdicts,
        progress=progress,
        as_of=period.end,
        period=period.name,
        title=plan.title,
    )
    return request, stored


def summary_for(plan: StoredPlan, period: Period, state: tuple[Any, ...] | None = None) -> dict[str, Any] | None:
    """The 小结's figures for a plan and period (its headline, counts and denominators), as the download has them.

    The same core function builds the downloaded 小结, so the page, the API and the files agree. Kept in the
    cache under the state of the plan and the period (``plan_state``, or ``state`` when the caller has it):
    computed again only after a change.
    """

    def compute() -> dict[str, Any] | None:
        request, _ = gather(plan, period)
        try:
            parts = REPORTS["summary"].select_parts(request.plan)
        except LuoshiError:
            return None
        return summary_figures(replace(request, parts=parts))

    return memo.remembered("summary", state or plan_state(plan, period), compute)


def plan_state(plan: StoredPlan, period: Period) -> tuple[Any, ...]:
    """What a plan's figures for a period depend on: its tasks, their units, the period and its statuses.

    Reports, verdicts and sign-offs update their status row; a re-import or an edit updates its task (a
    change of its units too); a unit renamed bumps its version, a merge removes the old one.
    """
    return (plan.pk, plan.version, period.pk, period.version, *_plan_state(plan.pk, plan.government_id, period.pk))


# ``plan_state``'s one query, compiled once per process (``prepared``).
_plan_state = Prepared(
    lambda plan_id, government_id, period_id: (
        memo.fingerprint(Task.objects.filter(plan_id=plan_id), ("MAX", "updated_at")),
        memo.fingerprint(Unit.objects.filter(government_id=government_id), ("SUM", "version")),
        memo.fingerprint(TaskStatus.objects.filter(period_id=period_id), ("MAX", "updated_at")),
    )
)


def year_state(plans: Iterable[StoredPlan], period_ids: list[int]) -> tuple[Any, ...]:
    """``plan_state`` for several periods (of one plan or several): what the marks of the plans' tasks in them
    depend on (the periods and their statuses: every report, verdict and sign-off updates its status
    row), and the plans' tasks and units (the review queue's filters). One query."""
    plans = sorted(plans, key=lambda p: p.pk)
    governments = sorted({p.government_id for p in plans})
    return (
        *((p.pk, p.version) for p in plans),
        *_year_state([p.pk for p in plans], governments, list(period_ids)),
    )


# ``year_state``'s one query, its lists of ids each one parameter, compiled once per process (``prepared``).
_year_state = Prepared(
    lambda plan_ids, government_ids, period_ids: (
        memo.fingerprint(TaskStatus.objects.filter(memo.ids_in("period_id", period_ids)), ("MAX", "updated_at")),
        memo.fingerprint(Period.objects.filter(memo.ids_in("pk", period_ids)), ("SUM", "version")),
        memo.fingerprint(Task.objects.filter(memo.ids_in("plan_id", plan_ids)), ("MAX", "updated_at")),
        memo.fingerprint(Unit.objects.filter(memo.ids_in("government_id", government_ids)), ("SUM", "version")),
    )
)


def unit_share(unit: Unit, tasks: list[Task]) -> list[UnitTask]:
    """The tasks ``unit`` leads or supports (also through a collective name it belongs to), as the core sees them."""
    found = roles_for_units(tasks, unit_and_groups(unit))
    return [
        UnitTask(
            id=str(t.pk),
            number=t.number or None,
            text=t.text,
            role="lead" if found[t.pk] == "lead" else "co",
            target=t.target or None,
        )
        for t in tasks
        if t.pk in found
    ]


def render(
    plan: StoredPlan,
    period: Period,
    what: str,
    fmt: str,
    unit: Unit | None = None,
    supervision: SupervisionDetails | None = None,
) -> tuple[bytes, str]:
    """The report's bytes and file name; ``LuoshiError`` when it cannot be built."""
    report = REPORTS[what]
    request, stored = gather(plan, period)
    if report.needs_supervision:
        if supervision is None:
            raise LuoshiError("督办单请在督办单页面下载。")
        request = replace(request, supervision=supervision)
    if report.needs_unit:
        if unit is None:
            raise LuoshiError("请选择单位。")
        request = replace(request, unit=unit.name, unit_tasks=unit_share(unit, [t for part in stored for t in part]))
    request = replace(request, parts=report.select_parts(request.plan))
    return report.render(request, fmt), report.name_for(request, fmt)
