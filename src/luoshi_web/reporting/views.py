"""The liaison's pages: their unit's tasks, writing progress (read → confirm → submit), uploading a file."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.db.models import Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from luoshi.errors import LuoshiError
from luoshi.model import VERDICT_LABELS
from luoshi_web import staging
from luoshi_web.accounts import access
from luoshi_web.plans.models import Task
from luoshi_web.reporting import intake, services
from luoshi_web.reporting.models import Attachment, Period, ProgressEntry
from luoshi_web.review.models import Reminder, TaskStatus
from luoshi_web.uploads import read_upload

UPLOAD_KIND = "unit-upload"


def open_periods(user: Any) -> list[Period]:
    plans = access.plans_for(user).values("pk")
    return list(Period.objects.filter(plan__in=plans, closed_at__isnull=True).select_related("plan").order_by("end"))


@access.liaison_required
def mine(request: HttpRequest) -> HttpResponse:
    """The unit's tasks for each open period, with what the unit last submitted and the status light."""
    user: Any = request.user
    periods = open_periods(user)
    tasks = list(
        access.tasks_for(user)
        .filter(plan__in=[p.plan_id for p in periods])
        .select_related("plan")
        .order_by("plan", "order")
    )
    roles = _roles(tasks, user)
    versions = {
        (row["task_id"], row["period_id"]): row["v"]
        for row in ProgressEntry.objects.filter(unit=user.unit, task__in=tasks)
        .values("task_id", "period_id")
        .annotate(v=Max("version"))
    }
    statuses = {
        (s.task_id, s.period_id): s
        for s in TaskStatus.objects.filter(task__in=tasks, period__in=periods).select_related("judged", "signed")
    }
    blocks = []
    for period in periods:
        rows = [
            {
                "task": t,
                "role": roles.get(t.pk),
                "version": versions.get((t.pk, period.pk), 0),
                "status": statuses.get((t.pk, period.pk)),
            }
            for t in tasks
            if t.plan_id == period.plan_id
        ]
        blocks.append(
            {"period": period, "rows": rows, "late": period.is_late() and any(not r["version"] for r in rows)}
        )
    return render(request, "reporting/mine.html", {"blocks": blocks})


def _roles(tasks: list[Task], user: Any) -> dict[int, str]:
    from luoshi_web.plans.models import TaskUnit

    scope = access.unit_scope(user)
    roles: dict[int, str] = {}
    for task_id, role in TaskUnit.objects.filter(task__in=tasks, unit_id__in=scope).values_list("task_id", "role"):
        if roles.get(task_id) != "lead":
            roles[task_id] = role
    return roles


def _figures_from_post(post: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """The figure rows of the confirm form, as corrected by the liaison."""
    figures, errors = [], []
    try:
        count = min(int(post.get("fig_count", "0")), 200)
    except ValueError:
        count = 0
    for i in range(count + 1):  # one spare row to add a figure the reader missed
        prefix = f"fig-{i}-"
        if post.get(prefix + "delete"):
            continue
        raw_value, raw_growth = post.get(prefix + "value", "").strip(), post.get(prefix + "growth", "").strip()
        metric = post.get(prefix + "metric", "").strip()
        if not (raw_value or raw_growth):
            if metric and i < count:
                errors.append(f"第{i + 1}个数据“{metric}”没有数值：请填写数值或勾选删除。")
            continue
        try:
            value = float(raw_value) if raw_value else None
            growth = float(raw_growth.rstrip("%")) if raw_growth else None
        except ValueError:
            errors.append(f"第{i + 1}个数据的数值“{raw_value or raw_growth}”不是数字。")
            continue
        figures.append(
            {
                "metric": metric,
                "period": post.get(prefix + "period", "").strip(),
                "value": value,
                "unit": post.get(prefix + "unit", "").strip(),
                "growth_pct": growth,
                "forecast": bool(post.get(prefix + "forecast")),
                "text": post.get(prefix + "text", "").strip(),
                "start": _int(post.get(prefix + "start")),
                "end": _int(post.get(prefix + "end")),
            }
        )
    return figures, errors


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _digest(text: str) -> str:
    return hashlib.sha256(text.strip().encode()).hexdigest()[:16]


@access.liaison_required
@require_http_methods(["GET", "POST"])
def write(request: HttpRequest, task_pk: int, period_pk: int) -> HttpResponse:
    """Write progress: 读取数据 shows the figures and the would-be verdict; 提交 stores a new version."""
    user: Any = request.user
    task = access.get_task(user, task_pk)
    period = Period.objects.filter(pk=period_pk, plan_id=task.plan_id).first()
    if period is None:
        raise Http404("没有这个填报周期。")
    role = services.unit_role(task, user.unit)
    if role is None:
        raise Http404("这项任务不是本单位的任务。")
    latest = ProgressEntry.objects.filter(task=task, period=period, unit=user.unit).order_by("-version").first()
    context: dict[str, Any] = {
        "task": task,
        "period": period,
        "role": role,
        "latest": latest,
        "co_inputs": _co_inputs(task, period) if role == "lead" else [],
        "claims": ProgressEntry.CLAIMS,
    }
    if not period.is_open:
        messages.error(request, f"“{period.name}”已关闭，不能再填报。")
        return render(request, "reporting/write.html", {**context, "closed": True})
    text = latest.text if latest else ""
    claimed = latest.claimed_status if latest else ""
    base_version = latest.version if latest else 0
    figures: list[dict[str, Any]] | None = None
    verdict = None
    errors: list[str] = []
    if request.method == "POST":
        text = request.POST.get("text", "").strip()
        claimed = request.POST.get("claimed_status", "")
        base_version = int(request.POST.get("base_version") or 0)
        note = request.POST.get("note", "")
        action = request.POST.get("action", "read")
        if not text:
            errors.append("请填写进展情况。")
        elif action == "submit" and request.POST.get("read_digest") == _digest(text):
            figures, errors = _figures_from_post(request.POST)
            if not errors:
                try:
                    services.submit(
                        [services.Submission(task, text, claimed, figures, base_version, note)],
                        period=period,
                        unit=user.unit,
                        user=user,
                    )
                except LuoshiError as exc:
                    errors.append(exc.message)
                else:
                    messages.success(request, f"已提交{task.label}（{period.name}）的进展。")
                    return redirect(reverse("plans:task", args=[task.pk]) + f"#period-{period.pk}")
        else:
            if action == "submit":
                errors.append("进展内容在读取数据后又修改过：请核对下面重新读出的数据，确认后再提交。")
            figures = services.read_figures(text, period)
        if figures is not None:
            verdict = services.would_judge(task, period, text, figures)
    context.update(
        {
            "text": text,
            "claimed": claimed,
            "base_version": base_version,
            "figures": figures,
            "spare": len(figures or []),
            "verdict": verdict,
            "verdict_label": VERDICT_LABELS.get(verdict.verdict, "") if verdict else "",
            "read_digest": _digest(text) if figures is not None else "",
            "errors": errors,
            "note": request.POST.get("note", "") if request.method == "POST" else "",
        }
    )
    return render(request, "reporting/write.html", context, status=400 if errors and request.method == "POST" else 200)


def _co_inputs(task: Task, period: Period) -> list[ProgressEntry]:
    """The co-units' latest inputs for the lead unit to see beside its own report."""
    newest: dict[int, ProgressEntry] = {}
    for entry in (
        ProgressEntry.objects.filter(task=task, period=period, role="co").select_related("unit").order_by("-version")
    ):
        newest.setdefault(entry.unit_id, entry)
    return list(newest.values())


@access.liaison_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Upload the unit's file (template or own reply) for a period: read, then preview — nothing stored yet."""
    user: Any = request.user
    periods = open_periods(user)
    error = ""
    if request.method == "POST":
        period = next((p for p in periods if str(p.pk) == request.POST.get("period")), None)
        try:
            if period is None:
                raise LuoshiError("请选择填报周期。")
            data, name = read_upload(request.FILES.get("file"))
            tasks = list(access.tasks_for(user).filter(plan_id=period.plan_id).order_by("order"))
            roles = _roles(tasks, user)
            rows = intake.read_unit_file(data, name, user.unit.name, [(t, roles.get(t.pk, "co")) for t in tasks])
        except LuoshiError as exc:
            error = exc.message
        else:
            staged = {
                "period": period.pk,
                "filename": name,
                "rows": [
                    {
                        "task": r.task.pk,
                        "text": r.text,
                        "claimed_status": r.claimed_status,
                        "where": r.where,
                        "base_version": services.latest_version(r.task, period, user.unit),
                    }
                    for r in rows
                ],
            }
            token = staging.create(user.pk, UPLOAD_KIND, staged, blob=data)
            return redirect(reverse("reporting:upload_preview", args=[token]))
    return render(request, "reporting/upload.html", {"periods": periods, "error": error}, status=400 if error else 200)


@access.liaison_required
@require_http_methods(["GET", "POST"])
def upload_preview(request: HttpRequest, token: str) -> HttpResponse:
    """What the file gave for each task, the figures read and the would-be verdict; confirm stores it all."""
    user: Any = request.user
    staged = staging.load(token, user.pk, UPLOAD_KIND)
    period = Period.objects.filter(pk=staged["period"], plan__in=access.plans_for(user).values("pk")).first()
    if period is None:
        raise Http404("没有这个填报周期。")
    tasks = {t.pk: t for t in access.tasks_for(user).filter(pk__in=[r["task"] for r in staged["rows"]])}
    rows = []
    for r in staged["rows"]:
        task = tasks.get(r["task"])
        if task is None:
            raise Http404("文件中的任务已不属于本单位，请重新上传。")
        figures = services.read_figures(r["text"], period)
        verdict = services.would_judge(task, period, r["text"], figures)
        rows.append(
            {
                **r,
                "task": task,
                "figures": figures,
                "verdict": verdict,
                "verdict_label": VERDICT_LABELS[verdict.verdict],
            }
        )
    error = ""
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            staging.discard(token)
            messages.info(request, "已取消，没有保存任何内容。")
            return redirect(reverse("reporting:mine"))
        submissions = [
            services.Submission(r["task"], r["text"], r["claimed_status"], r["figures"], r["base_version"])
            for r in rows
        ]
        try:
            services.submit(
                submissions,
                period=period,
                unit=user.unit,
                user=user,
                source="file",
                attachment=(staging.blob(token), staged["filename"]),
            )
        except LuoshiError as exc:
            error = exc.message
        else:
            staging.discard(token)
            messages.success(request, f"已从“{staged['filename']}”提交{len(rows)}项任务的进展。")
            return redirect(reverse("reporting:mine"))
    return render(
        request,
        "reporting/upload_preview.html",
        {"rows": rows, "period": period, "filename": staged["filename"], "error": error, "token": token},
        status=400 if error else 200,
    )


@access.liaison_required
def template(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The unit's Excel fill-in template for a period: its tasks locked, progress and figures open."""
    from django.utils.http import content_disposition_header

    from luoshi.intake import UnitTask
    from luoshi.render.template import unit_template_xlsx

    user: Any = request.user
    period = next((p for p in open_periods(user) if p.pk == period_pk), None)
    if period is None:
        raise Http404("没有这个填报周期，或已关闭。")
    tasks = list(access.tasks_for(user).filter(plan_id=period.plan_id).order_by("order"))
    roles = _roles(tasks, user)
    unit_tasks = [
        UnitTask(
            id=str(t.pk),
            number=t.number or None,
            text=t.text,
            role="lead" if roles.get(t.pk) == "lead" else "co",
            target=t.target or None,
        )
        for t in tasks
    ]
    data = unit_template_xlsx(
        user.unit.name,
        unit_tasks,
        period=period.name,
        plan_title=period.plan.title,
        plan_sha256=period.plan.source_sha256 or None,
    )
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = content_disposition_header(True, f"{user.unit.name}{period.name}进展填报.xlsx")
    return response


def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A stored file: its unit's liaison, and the office and leaders of its government, may download it."""
    user: Any = request.user
    files = Attachment.objects.select_related("unit")
    if access.is_liaison(user):
        files = files.filter(unit_id=user.unit_id)
    elif not access.sees_all_governments(user):
        if not (access.is_office(user) or access.is_leader(user)):
            raise Http404
        files = files.filter(unit__government_id=user.government_id)
    item = files.filter(pk=pk).first()
    if item is None:
        raise Http404("没有这个文件，或您无权查看。")
    try:
        handle = item.file.open("rb")
    except OSError as exc:
        raise Http404("文件已不在存储中（可能在恢复备份时未包含附件），请联系政府办。") from exc
    return FileResponse(handle, as_attachment=True, filename=item.original_name)


@access.liaison_required
def reminders(request: HttpRequest) -> HttpResponse:
    """The unit's reminders; opening the page marks them read."""
    user: Any = request.user
    items = list(Reminder.objects.filter(unit_id=user.unit_id).select_related("task", "period", "sent_by")[:200])
    Reminder.objects.filter(unit_id=user.unit_id, read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "reporting/reminders.html", {"reminders": items})
