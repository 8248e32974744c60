"""Applying progress from a document to a plan: upload for a period → preview (matched / to confirm /
unmatched) → confirm. Office only; nothing is stored before the confirmation (``progress_import``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from luoshi import LuoshiError
from luoshi_web import roles, staging
from luoshi_web.plans import access
from luoshi_web.plans.models import Period, Task
from luoshi_web.reporting import progress_import as importer
from luoshi_web.uploads import read_upload

KIND = "progress-import"


@roles.office_required
@require_http_methods(["GET", "POST"])
def progress_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1: the office uploads a notice, report or table for an open period of the plan; it is read and staged."""
    plan = access.get_plan(request.user, pk, change=True)
    periods = [p for p in plan.periods.all() if p.is_open]
    error = ""
    if request.method == "POST":
        period = next((p for p in periods if str(p.pk) == request.POST.get("period")), None)
        try:
            if period is None:
                raise LuoshiError("请选择进展所属的填报周期（须未关闭）。")
            data, name = read_upload(request.FILES.get("file"))
            preview = importer.build_preview(plan, period, data, name)
        except LuoshiError as exc:
            error = exc.message
        else:
            token = staging.create(request.user.pk or 0, KIND, preview, blob=data)
            return redirect(reverse("reporting:progress_preview", args=[token]))
    return render(
        request,
        "reporting/progress_import.html",
        {"plan": plan, "periods": periods, "error": error},
        status=400 if error else 200,
    )


def _choices(request: HttpRequest, items: list[dict[str, Any]], tasks: dict[str, Task]) -> dict[int, int | None]:
    """Each item's task as the office set it: a candidate, a task number typed in, or none."""
    choices: dict[int, int | None] = {}
    for item in items:
        picked = request.POST.get(f"choice-{item['index']}", "")
        typed = request.POST.get(f"number-{item['index']}", "").strip().strip("第项")
        if typed:
            task = tasks.get(typed)
            if task is None:
                raise LuoshiError(f"没有第{typed}项任务，请核对序号。")
            choices[item["index"]] = task.pk
        else:
            choices[item["index"]] = int(picked) if picked.isdigit() else None
    return choices


@roles.office_required
@require_http_methods(["GET", "POST"])
def progress_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: what the document gave each task; the office confirms, corrects or drops each item, then stores."""
    preview = staging.load(token, request.user.pk or 0, KIND)
    plan = access.get_plan(request.user, preview["plan"], change=True)
    period = Period.objects.filter(pk=preview["period"], plan=plan).first()
    if period is None:
        raise Http404("没有这个填报周期。")
    tasks = {t.pk: t for t in plan.tasks.order_by("order")}
    by_number = {t.number: t for t in tasks.values() if t.number}
    error = ""
    if request.method == "POST":
        if request.POST.get("action") == "cancel":
            staging.discard(token)
            messages.info(request, "已取消导入，没有保存任何内容。")
            return redirect(reverse("reporting:plan", args=[plan.pk]))
        try:
            if not period.is_open:
                raise LuoshiError(f"“{period.name}”已关闭，不能再导入进展。")
            choices = _choices(request, preview["items"], by_number)
            stored = importer.confirm(preview, choices, user=request.user, blob=staging.blob(token))
        except LuoshiError as exc:
            error = exc.message
        else:
            staging.discard(token)
            messages.success(request, f"已从“{preview['filename']}”记入{len(stored)}项任务的进展（{period.name}）。")
            return redirect(f"{reverse('reporting:plan', args=[plan.pk])}?period={period.pk}")
    groups = []
    for state, label in importer.STATES.items():
        rows = []
        for item in preview["items"]:
            if item["state"] != state:
                continue
            candidates = [(tasks[c["task"]], c["score"]) for c in item["candidates"] if c["task"] in tasks]
            rows.append({**item, "candidates": candidates})
        groups.append({"state": state, "label": label, "rows": rows})
    return render(
        request,
        "reporting/progress_preview.html",
        {"plan": plan, "period": period, "preview": preview, "groups": groups, "error": error, "token": token},
        status=400 if error else 200,
    )
