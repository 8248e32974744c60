"""The office's review: the queue, sign-off and override, target adjustments, reminders, closing, downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from markupsafe import Markup

from luoshi import REPORTS, LuoshiError
from luoshi_web import clock, memo, roles
from luoshi_web.audit import trail
from luoshi_web.paging import page_of
from luoshi_web.plans import access
from luoshi_web.plans.assignments import assignments_by_task
from luoshi_web.plans.models import Adjustment, Period, Task
from luoshi_web.reporting import reports, status
from luoshi_web.reporting.models import TaskStatus
from luoshi_web.reporting.views import download_response
from luoshi_web.review import delivery, signing
from luoshi_web.review import queue as review_queue
from luoshi_web.review.models import Reminder
from luoshi_web.units import scope
from luoshi_web.units.models import Unit


def _periods(user: Any) -> list[Period]:
    return _open_periods(user)


# The open periods of the plans the office changes, compiled once per process (``access.ForReader``).
_open_periods = access.ForReader(
    lambda user: (
        Period.objects.filter(plan__in=access.plans_for(user, change=True).values("pk"), closed_at__isnull=True)
        .exclude(plan__state="archived")
        .select_related("plan")
        .order_by("end")
    )
)


@roles.office_required
def queue(request: HttpRequest) -> HttpResponse:
    """Every task of the open periods, what waits for sign-off first; filtered, 50 a page; batch actions."""
    periods = _periods(request.user)
    filters = review_queue.Filters.from_query(request.GET)
    known = review_queue.state(periods)
    today = clock.today()
    here = request.get_full_path()

    def compute() -> dict[str, Any]:
        rows = review_queue.rows_for(periods, today, filters, known)
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.state] = counts.get(row.state, 0) + 1
        page = page_of(request, rows)
        page.object_list = review_queue.load(list(page.object_list))
        return {"counts": counts, "table": render_to_string("review/queue_table.html", {"page": page, "here": here})}

    # The table and the counts are the same for every office user of these open periods: rendered once and kept
    # under the plans' state for them (``known``: every report, verdict, sign-off, edit of a task, its units, a
    # period or a unit changes it), the day (what is late) and the page asked (its filters and page number).
    # (No open period: nothing to keep, the empty table is made at once.)
    key = (*(p.pk for p in periods), "|", today, here, "|", *known)
    kept = memo.remembered("review:queue", key, compute) if periods else compute()
    return render(
        request,
        "review/queue.html",
        {
            "table": Markup(kept["table"]),
            "periods": periods,
            "filters": filters,
            "counts": kept["counts"],
            "here": here,
            **review_queue.choices(periods, known),
        },
    )


def back_to(request: HttpRequest, default: str) -> str:
    """Where to return after an action: the page it came from (the filtered queue), if it is this site's."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@roles.office_required
@require_http_methods(["POST"])
def batch(request: HttpRequest) -> HttpResponse:
    """Act on the selected rows of the queue: sign off every agreeing report with one reason, or remind late units."""
    user: Any = request.user
    action = request.POST.get("action", "")
    pairs = review_queue.parse_keys(request.POST.getlist("pick"))
    plans = access.plans_for(user, change=True).values("pk")
    periods = {p.pk: p for p in Period.objects.filter(pk__in={p for _, p in pairs}, plan__in=plans)}
    tasks = {
        t.pk: t for t in access.tasks_for(user, change=True).filter(pk__in={t for t, _ in pairs}).select_related("plan")
    }
    chosen = [
        (tasks[t], periods[p])
        for t, p in pairs
        if t in tasks and p in periods and tasks[t].plan_id == periods[p].plan_id
    ]
    back = back_to(request, reverse("review:queue"))
    if not chosen:
        messages.error(request, "请先勾选任务。")
        return redirect(back)
    if action == "signoff":
        note = request.POST.get("note", "").strip()
        if not note:
            messages.error(request, "批量签发请填写审核意见（一条意见适用于所选全部任务）。")
            return redirect(back)
        signed, skipped = 0, 0
        for task, period in chosen:
            status = TaskStatus.objects.filter(task=task, period=period).select_related("judged").first()
            judged = status.judged if status is not None else None
            agrees = status is not None and status.state == TaskStatus.SUBMITTED and not status.disagreement
            if status is None or judged is None or not agrees or period.closed_at is not None:
                skipped += 1
                continue
            try:
                signing.sign_off(task, period, value=judged.value, note=note, version=status.version, user=user)
            except LuoshiError:
                skipped += 1
            else:
                signed += 1
        text = f"已签发{signed}项。"
        if skipped:
            text += f"另有{skipped}项未签发（未报送、自评与研判不一致、已审核或期间已有新报送），请逐项审核。"
        messages.success(request, text)
        return redirect(back)
    if action == "remind":
        today = clock.today()
        reminded = 0
        units_of = assignments_by_task([t for t, _ in chosen])
        for task, period in chosen:
            status = TaskStatus.objects.filter(task=task, period=period).first()
            if not period.due < today or (status and status.state != TaskStatus.MISSING):
                continue
            for assignment in units_of[task.pk]["lead"]:
                remind_unit(
                    user,
                    assignment.unit,
                    f"{period.name}{task.label}的进展已逾期未报，请尽快报送。",
                    task=task,
                    period=period,
                )
                reminded += 1
        messages.success(request, f"已催办{reminded}个单位次。" if reminded else "所选任务中没有逾期未报的。")
        return redirect(back)
    messages.error(request, "请选择要执行的操作。")
    return redirect(back)


def _task_and_period(request: HttpRequest, task_pk: int, period_pk: int) -> tuple[Task, Period]:
    task = access.get_task(request.user, task_pk, change=True)
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
    return redirect(back_to(request, reverse("reporting:task", args=[task.pk]) + f"#period-{period.pk}"))


@roles.office_required
@require_http_methods(["POST"])
def adjust(request: HttpRequest, task_pk: int) -> HttpResponse:
    """Record an approved target adjustment and re-judge the task in every open period."""
    user: Any = request.user
    task = access.get_task(user, task_pk, change=True)
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


def remind_unit(
    user: Any, unit: Unit, message: str, *, task: Task | None = None, period: Period | None = None
) -> Reminder:
    """A reminder from the office to a unit: in the app at once, on the channels by a job; audited."""
    with transaction.atomic():
        reminder = Reminder.objects.create(
            government=unit.government, unit=unit, task=task, period=period, message=message[:2000], sent_by=user
        )
        delivery.queue(reminder)
        trail.record(
            user,
            "remind",
            reminder,
            after={"unit": unit.name, "message": message, "task": task.pk if task else None},
            government_id=unit.government_id,
            summary=f"催办{unit.name}" + (f"（{task.label}）" if task else ""),
        )
    return reminder


@roles.office_required
@require_http_methods(["POST"])
def remind(request: HttpRequest) -> HttpResponse:
    """Remind a unit (about one task, or about a period): shown in the app and sent on the channels by a job."""
    post = request.POST
    task = access.get_task(request.user, int(post["task"]), change=True) if post.get("task", "").isdigit() else None
    governments = scope.governments_managed(request.user)
    unit = (
        Unit.objects.filter(pk=post.get("unit") or 0, government__in=governments).select_related("government").first()
    )
    if unit is None:
        raise Http404("没有这个单位。")
    period = None
    if post.get("period", "").isdigit():
        period = Period.objects.filter(pk=post["period"], plan__government__in=governments).first()
    message = post.get("message", "").strip() or "请尽快报送进展情况。"
    remind_unit(request.user, unit, message, task=task, period=period)
    messages.success(request, f"已催办{unit.name}。")
    default = reverse("reporting:task", args=[task.pk]) if task else reverse("review:queue")
    return redirect(back_to(request, default))


@roles.office_required
@require_http_methods(["POST"])
def close_period(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a period (optimistic locking on its version): no more reports, no more sign-offs."""
    period = Period.objects.filter(pk=pk, plan__in=access.plans_for(request.user, change=True).values("pk")).first()
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
    if period is None or report is None or fmt not in report.formats or report.needs_supervision:
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


def reminders(request: HttpRequest) -> HttpResponse:
    """The reminders for me: my unit's (as its liaison) and those addressed to me; opening the page marks them read."""
    user: Any = request.user
    mine = Q(recipient=user)
    if roles.is_liaison(user):
        mine |= Q(unit_id=user.unit_id, recipient__isnull=True)
    rows = Reminder.objects.filter(mine).select_related("task", "period", "sent_by", "unit")
    page = page_of(request, rows)
    items = list(page.object_list)  # read before they are marked read, so the page shows which were new
    Reminder.objects.filter(mine, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "review/reminders.html", {"reminders": items, "page": page})
