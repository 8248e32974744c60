"""The office's review: the queue, sign-off and override, target adjustments, reminders, closing, downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from luoshi import REPORTS, LuoshiError
from luoshi_web import clock, roles
from luoshi_web.audit import trail
from luoshi_web.plans import access
from luoshi_web.plans.models import Adjustment, Period, Task, TaskUnit
from luoshi_web.reporting import reports, status
from luoshi_web.reporting.models import TaskStatus
from luoshi_web.reporting.views import download_response
from luoshi_web.review import signing, webhook
from luoshi_web.review.models import Reminder
from luoshi_web.units import scope
from luoshi_web.units.models import Unit


def _periods(user: Any) -> list[Period]:
    return list(
        Period.objects.filter(plan__in=access.plans_for(user).values("pk"), closed_at__isnull=True)
        .select_related("plan")
        .order_by("end")
    )


@roles.office_required
def queue(request: HttpRequest) -> HttpResponse:
    """Late reports, tasks behind schedule, disagreements with the judge, and reports awaiting sign-off."""
    periods = _periods(request.user)
    today = clock.today()
    statuses = list(
        TaskStatus.objects.filter(period__in=periods, task__withdrawn=False)
        .select_related("task", "period", "judged", "signed", "entry__unit")
        .order_by("period__end", "task__order")
    )
    reported = {(s.task_id, s.period_id) for s in statuses if s.state != TaskStatus.MISSING}
    late_periods = [p for p in periods if p.due < today]
    late = []
    if late_periods:
        tasks = list(Task.objects.filter(plan__in=[p.plan_id for p in late_periods], withdrawn=False).order_by("order"))
        leads: dict[int, list[Unit]] = {}
        for a in TaskUnit.objects.filter(task__in=tasks, role="lead").select_related("unit"):
            leads.setdefault(a.task_id, []).append(a.unit)
        for period in late_periods:
            for task in tasks:
                if task.plan_id == period.plan_id and (task.pk, period.pk) not in reported:
                    late.append({"task": task, "period": period, "units": leads.get(task.pk, [])})
    pending = [s for s in statuses if s.state == TaskStatus.SUBMITTED]
    return render(
        request,
        "review/queue.html",
        {
            "late": late,
            "behind": [s for s in pending if s.behind],
            "disagreements": [s for s in pending if s.disagreement],
            "pending": pending,
            "periods": periods,
        },
    )


def _task_and_period(request: HttpRequest, task_pk: int, period_pk: int) -> tuple[Task, Period]:
    task = access.get_task(request.user, task_pk)
    period = Period.objects.filter(pk=period_pk, plan_id=task.plan_id).first()
    if period is None:
        raise Http404("没有这个填报周期。")
    return task, period


@roles.office_required
@require_http_methods(["POST"])
def signoff(request: HttpRequest, task_pk: int, period_pk: int) -> HttpResponse:
    task, period = _task_and_period(request, task_pk, period_pk)
    try:
        verdict = signing.sign_off(
            task,
            period,
            value=request.POST.get("value", ""),
            note=request.POST.get("note", ""),
            version=int(request.POST.get("version") or 0),
            user=request.user,
        )
    except LuoshiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已签发{task.label}（{period.name}）：{verdict.get_value_display()}。")
    return redirect(reverse("reporting:task", args=[task.pk]) + f"#period-{period.pk}")


@roles.office_required
@require_http_methods(["POST"])
def adjust(request: HttpRequest, task_pk: int) -> HttpResponse:
    """Record an approved target adjustment and re-judge the task in every open period."""
    user: Any = request.user
    task = access.get_task(user, task_pk)
    post = request.POST
    try:
        approved_on = dt.date.fromisoformat(post.get("approved_on", ""))
    except ValueError:
        messages.error(request, "请填写批准日期（年-月-日）。")
        return redirect(reverse("reporting:task", args=[task.pk]))
    fields = {k: post.get(k, "").strip() for k in ("approved_by", "before", "after", "reason")}
    if not (fields["approved_by"] and fields["before"] and fields["reason"]):
        messages.error(request, "请填写批准机关、原目标和调整理由。")
        return redirect(reverse("reporting:task", args=[task.pk]))
    with transaction.atomic():
        adjustment = Adjustment.objects.create(
            task=task,
            approved_on=approved_on,
            deemed_done=bool(post.get("deemed_done")),
            recorded_by=user,
            **fields,
        )
        trail.record(
            request.user,
            "adjust",
            adjustment,
            after=trail.snapshot(adjustment),
            government_id=task.plan.government_id,
            summary=f"记录{task.label}目标调整（{fields['approved_by']}批准）",
        )
        for period in task.plan.periods.filter(closed_at__isnull=True):
            status.refresh(task, period, reopen=False)
    messages.success(request, "已记录目标调整。")
    return redirect(reverse("reporting:task", args=[task.pk]))


@roles.office_required
@require_http_methods(["POST"])
def remind(request: HttpRequest) -> HttpResponse:
    """Remind a unit (about one task, or about a period): shown in the app and pushed to the group robot."""
    post = request.POST
    user: Any = request.user
    task = access.get_task(request.user, int(post["task"])) if post.get("task", "").isdigit() else None
    governments = scope.governments_for(request.user)
    unit = (
        Unit.objects.filter(pk=post.get("unit") or 0, government__in=governments).select_related("government").first()
    )
    if unit is None:
        raise Http404("没有这个单位。")
    period = None
    if post.get("period", "").isdigit():
        period = Period.objects.filter(pk=post["period"], plan__government__in=governments).first()
    message = post.get("message", "").strip() or "请尽快报送进展情况。"
    reminder = Reminder.objects.create(
        government=unit.government, unit=unit, task=task, period=period, message=message[:2000], sent_by=user
    )
    pushed = webhook.push(f"【催办】{unit.name}：{message}")
    if pushed:
        reminder.webhook_result = pushed
        reminder.save(update_fields=["webhook_result"])
    trail.record(
        request.user,
        "remind",
        reminder,
        after={"unit": unit.name, "message": message, "webhook": pushed},
        government_id=unit.government_id,
        summary=f"催办{unit.name}",
    )
    messages.success(request, f"已催办{unit.name}。{pushed}")
    return redirect(reverse("reporting:task", args=[task.pk]) if task else reverse("review:queue"))


@roles.office_required
@require_http_methods(["POST"])
def close_period(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a period (optimistic locking on its version): no more reports, no more sign-offs."""
    period = Period.objects.filter(pk=pk, plan__in=access.plans_for(request.user).values("pk")).first()
    if period is None:
        raise Http404("没有这个填报周期。")
    version = int(request.POST.get("version") or 0)
    updated = Period.objects.filter(pk=pk, version=version, closed_at__isnull=True).update(
        closed_at=timezone.now(), closed_by=request.user, version=version + 1
    )
    if not updated:
        messages.error(request, "该填报周期已被关闭或修改，请刷新后再试。")
    else:
        trail.record(
            request.user,
            "close",
            period,
            before={"closed_at": None},
            after={"closed_at": timezone.now()},
            government_id=period.plan.government_id,
            summary=f"关闭填报周期“{period.name}”",
        )
        messages.success(request, f"已关闭“{period.name}”。")
    return redirect(reverse("reporting:plan", args=[period.plan_id]) + f"?period={period.pk}")


@roles.readers_required
def download(request: HttpRequest, plan_pk: int, period_pk: int, what: str, fmt: str) -> HttpResponse:
    """A report of the core's registry for a plan and period (a unit's template takes ``?unit=``)."""
    plan = access.get_plan(request.user, plan_pk)
    period = Period.objects.filter(pk=period_pk, plan=plan).first()
    report = REPORTS.get(what)
    if period is None or report is None or fmt not in report.formats or report.needs_notice:
        raise Http404("没有这个下载。")
    unit = None
    if report.needs_unit:
        wanted = request.GET.get("unit", "")
        unit = Unit.objects.filter(pk=int(wanted) if wanted.isdigit() else 0, government_id=plan.government_id).first()
        if unit is None:
            raise Http404("没有这个单位。")
    try:
        data, filename = reports.render(plan, period, what, fmt, unit=unit)
    except LuoshiError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("reporting:plan", args=[plan.pk]) + f"?period={period.pk}")
    return download_response(data, filename, fmt)


@roles.liaison_required
def reminders(request: HttpRequest) -> HttpResponse:
    """The unit's reminders; opening the page marks them read."""
    user: Any = request.user
    items = list(Reminder.objects.filter(unit_id=user.unit_id).select_related("task", "period", "sent_by")[:200])
    Reminder.objects.filter(unit_id=user.unit_id, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "review/reminders.html", {"reminders": items})
