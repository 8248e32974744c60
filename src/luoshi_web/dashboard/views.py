"""The home page each role lands on: the liaison's tasks, or the office's and leaders' overview of their plans."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from luoshi_web import roles
from luoshi_web.plans import access
from luoshi_web.plans.models import Period
from luoshi_web.reporting.models import TaskStatus


def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if roles.is_liaison(user):
        return redirect("reporting:mine")
    if not (roles.is_office(user) or roles.is_leader(user)):
        return render(request, "dashboard/no_role.html", status=403)
    plans = list(
        access.plans_for(user)
        .select_related("government")
        .annotate(task_count=Count("tasks"))
        .order_by("-year", "title")
    )
    periods = Period.objects.filter(plan__in=plans).order_by("plan", "end")
    latest: dict[int, Period] = {}
    for period in periods:
        if period.plan_id not in latest or latest[period.plan_id].closed_at is not None:
            latest[period.plan_id] = period
    lights: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for status in TaskStatus.objects.filter(period__in=list(latest.values()), task__withdrawn=False).select_related(
        "judged", "signed"
    ):
        lights[status.period_id][status.light] += 1
    rows = []
    for plan in plans:
        current = latest.get(plan.pk)
        counts = dict(lights[current.pk]) if current else {}
        if current:
            counts["grey"] = plan.task_count - sum(counts.values())
        rows.append({"plan": plan, "period": current, "lights": counts})
    queue = {}
    if roles.is_office(user):
        open_statuses = TaskStatus.objects.filter(period__in=[p for p in latest.values() if p.closed_at is None])
        queue = {
            "pending": open_statuses.filter(state=TaskStatus.SUBMITTED).count(),
            "disagreements": open_statuses.filter(state=TaskStatus.SUBMITTED, disagreement=True).count(),
        }
    return render(request, "dashboard/home.html", {"rows": rows, "queue": queue})
