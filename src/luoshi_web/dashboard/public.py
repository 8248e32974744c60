"""What the public page (政务公开) shows of a plan: signed-off statuses only, by section, with the headline counts.

Nothing internal reaches it: a task's standing and reason are the office's sign-off (a judge's verdict
nobody signed is not shown), the progress text only when the office marked it public, never a unit's
contact, a reminder or a disagreement. The page reads no user and no session, so a proxy may cache it.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest

from luoshi_web import memo
from luoshi_web.dashboard.stats import Tally
from luoshi_web.paging import PER_PAGE, page_of
from luoshi_web.plans.assignments import unit_names_by_task
from luoshi_web.plans.models import Period, Plan, Task, current_period
from luoshi_web.reporting import reports, standing
from luoshi_web.reporting.models import TaskStatus

# On the public page a task without a sign-off is not "未报送" (an internal state) but not yet published.
PUBLIC_LABELS = {**standing.LABELS, "missing": "暂未发布"}


def context(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    """The page's figures and rows, kept in the cache under the state of the plan's year (its tasks and
    units, its periods and their statuses: a sign-off updates its status row) and what the request asks
    (the period, the page): the same for every reader, as the page is."""
    all_periods = list(plan.periods.all())
    state = reports.year_state([plan], [p.pk for p in all_periods])
    period, number = request.GET.get("period", ""), request.GET.get("page", "")
    # What the request asks, as the page reads it (anything but digits is the default): no key per spelling.
    asked = (
        period if period.isdigit() else "",
        min(int(number), 10_000) if number.isdigit() else "",
        plan.public_progress,
    )

    def compute() -> dict[str, Any]:
        found = _context(request, plan)
        found.pop("plan")
        page = found.get("page")
        if page is not None:  # a page of numbers for the pager: a queryset is not kept
            found["page"] = (page.number, page.paginator.count, page.query)
        return found

    found = memo.remembered("public", (*state, *asked), compute)
    if "page" in found:
        number, count, query = found["page"]
        page = Paginator(range(count), PER_PAGE).get_page(number)
        page.query = query  # type: ignore[attr-defined]
        found = {**found, "page": page}
    return {**found, "plan": plan}


def _context(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    # The periods with anything signed off (else all of them, to say nothing is published yet).
    periods = list(Period.objects.filter(plan=plan, statuses__signed__isnull=False).distinct().order_by("end"))
    periods = periods or list(plan.periods.all())
    wanted = request.GET.get("period", "")
    period = next((p for p in periods if str(p.pk) == wanted), None) or current_period(periods)
    tasks = Task.objects.filter(plan=plan, withdrawn=False)
    if period is None:
        return {"plan": plan, "period": None, "periods": periods}
    tasks = standing.tasks_with_standing(tasks, period, signed_only=True)
    counts = {r["standing"]: r["n"] for r in standing.counts(tasks)}
    page = page_of(request, tasks.select_related("section__parent").order_by("order"))
    shown = list(page.object_list)
    signed = {
        s.task_id: s
        for s in TaskStatus.objects.filter(period=period, task__in=shown, signed__isnull=False).select_related(
            "signed", "entry"
        )
    }
    names = unit_names_by_task(task__in=shown, role="lead")
    rows = []
    for task in shown:
        status = signed.get(task.pk)
        code = getattr(task, "standing", "missing")
        rows.append(
            {
                "task": task,
                "section": task.section.parent if task.section and task.section.parent else task.section,
                "lead": names[task.pk]["lead"],
                "code": code,
                "label": PUBLIC_LABELS[code],
                "light": standing.light_of(code),
                "reason": "；".join(status.signed.reasons) if status and status.signed else "",
                "progress": status.entry.text if status and status.entry and plan.public_progress else "",
            }
        )
    tally = Tally(counts)
    published = tally.total - tally.get("missing")
    return {
        "plan": plan,
        "period": period,
        "periods": periods,
        "rows": rows,
        "page": page,
        "tally": tally,
        "published": published,
        "labels": [(s.code, PUBLIC_LABELS[s.code], s.light, tally.get(s.code)) for s in standing.STANDINGS],
    }
