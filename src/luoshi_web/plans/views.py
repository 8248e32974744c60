"""Plan pages: the list, one plan's tasks with their status lights, one task, and the import flow."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from luoshi.errors import LuoshiError
from luoshi.model import VERDICT_LABELS
from luoshi_web import staging
from luoshi_web.accounts import access
from luoshi_web.plans import importing
from luoshi_web.plans.forms import PeriodForm
from luoshi_web.plans.models import Plan, Task, TaskUnit
from luoshi_web.reporting.models import Period
from luoshi_web.review.models import TaskStatus
from luoshi_web.units.directory import Directory
from luoshi_web.units.models import Government, Unit
from luoshi_web.uploads import read_upload

STAGING_KIND = "plan-import"


def plan_list(request: HttpRequest) -> HttpResponse:
    plans = access.plans_for(request.user).select_related("government").order_by("-year", "government__name", "title")
    return render(request, "plans/list.html", {"plans": plans})


def choose_period(request: HttpRequest, plan: Plan) -> Period | None:
    """The period asked for (?period=), else the open one ending first, else the latest."""
    periods = list(plan.periods.all())
    wanted = request.GET.get("period", "")
    for period in periods:
        if str(period.pk) == wanted:
            return period
    open_periods = [p for p in periods if p.is_open]
    return open_periods[0] if open_periods else (periods[-1] if periods else None)


def assignments_by_task(tasks: list[Task]) -> dict[int, dict[str, list[TaskUnit]]]:
    grouped: dict[int, dict[str, list[TaskUnit]]] = defaultdict(lambda: {"lead": [], "co": []})
    for assignment in TaskUnit.objects.filter(task__in=tasks).select_related("unit"):
        grouped[assignment.task_id][assignment.role].append(assignment)
    return grouped


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan(request.user, pk)
    tasks = list(
        access.tasks_for(request.user).filter(plan=plan).select_related("section__parent", "part").order_by("order")
    )
    period = choose_period(request, plan)
    statuses: dict[int, TaskStatus] = {}
    if period is not None:
        statuses = {
            s.task_id: s
            for s in TaskStatus.objects.filter(period=period, task__in=tasks).select_related(
                "judged", "signed", "entry"
            )
        }
    units = assignments_by_task(tasks)
    rows: list[dict[str, Any]] = [
        {"task": t, "lead": units[t.pk]["lead"], "co": units[t.pk]["co"], "status": statuses.get(t.pk)} for t in tasks
    ]
    lights: dict[str, int] = defaultdict(int)
    for row in rows:
        lights[row["status"].light if row["status"] else "grey"] += 1
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "rows": rows,
            "period": period,
            "periods": plan.periods.all(),
            "lights": dict(lights),
            "period_form": PeriodForm() if access.is_office(request.user) else None,
        },
    )


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from luoshi_web.reporting.models import ProgressEntry
    from luoshi_web.review.models import Adjustment, Verdict

    task = access.get_task(request.user, pk)
    assignments = list(task.assignments.select_related("unit"))
    periods = list(task.plan.periods.all())
    entries = list(
        ProgressEntry.objects.filter(task=task)
        .select_related("unit", "author", "period")
        .prefetch_related("observations", "attachments")
        .order_by("period__end", "role", "unit__name", "-version")
    )
    verdicts = list(Verdict.objects.filter(task=task).select_related("created_by", "period"))
    statuses = {s.period_id: s for s in TaskStatus.objects.filter(task=task).select_related("judged", "signed")}
    my_units = set(access.unit_scope(request.user)) if access.is_liaison(request.user) else set()
    by_period = []
    for period in periods:
        period_entries = [e for e in entries if e.period_id == period.pk]
        latest: set[int] = set()
        for e in period_entries:  # newest version first within each unit
            e.is_current = e.unit_id not in latest  # type: ignore[attr-defined]
            latest.add(e.unit_id)
        by_period.append(
            {
                "period": period,
                "entries": period_entries,
                "verdicts": [v for v in verdicts if v.period_id == period.pk],
                "status": statuses.get(period.pk),
                "can_report": access.is_liaison(request.user)
                and period.is_open
                and any(a.unit_id in my_units for a in assignments),
            }
        )
    return render(
        request,
        "plans/task.html",
        {
            "task": task,
            "lead": [a for a in assignments if a.role == "lead"],
            "co": [a for a in assignments if a.role == "co"],
            "indicators": task.indicators.all(),
            "by_period": by_period,
            "adjustments": Adjustment.objects.filter(task=task).select_related("recorded_by"),
            "verdict_choices": list(VERDICT_LABELS.items()),
        },
    )


# --------------------------------------------------------------------------- periods


@access.office_required
@require_http_methods(["POST"])
def period_create(request: HttpRequest, pk: int) -> HttpResponse:
    from luoshi_web.audit import trail

    plan = access.get_plan(request.user, pk)
    form = PeriodForm(request.POST)
    if form.is_valid():
        period = form.save(commit=False)
        period.plan = plan
        period.save()
        trail.record(
            request.user, "create", period, after=trail.snapshot(period), summary=f"新建填报周期“{period.name}”"
        )
        messages.success(request, f"已新建填报周期“{period.name}”。")
    else:
        messages.error(request, "填报周期未保存：" + "；".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(reverse("plans:detail", args=[plan.pk]))


# --------------------------------------------------------------------------- import


def _government_for_import(request: HttpRequest) -> Government | None:
    if access.sees_all_governments(request.user):
        chosen = request.POST.get("government", "")
        return Government.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    return request.user.government  # type: ignore[union-attr]


@access.office_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Step 1: upload a document; it is parsed and staged, nothing is stored yet."""
    error = ""
    if request.method == "POST":
        government = _government_for_import(request)
        try:
            if government is None:
                raise LuoshiError("请选择要导入方案的政府。")
            data, name = read_upload(request.FILES.get("file"))
            contract = importing.parse_upload(data, name)
            preview = importing.build_preview(contract, government, name)
        except LuoshiError as exc:
            error = exc.message
        else:
            token = staging.create(request.user.pk or 0, STAGING_KIND, preview)
            return redirect(reverse("plans:import_preview", args=[token]))
    return render(
        request,
        "plans/import_upload.html",
        {
            "error": error,
            "governments": access.governments_for(request.user) if access.sees_all_governments(request.user) else None,
        },
        status=400 if error else 200,
    )


def _preview_context(preview: dict[str, Any], token: str, error: str = "") -> dict[str, Any]:
    units = list(Unit.objects.filter(government_id=preview["government_id"], active=True).order_by("kind", "name"))
    used = importing.names_in_use(preview)
    names = []
    for i, n in enumerate(preview["names"]):
        if n["printed"] not in used:
            continue
        chosen = int(n["decision"][5:]) if n["decision"].startswith("unit:") else None
        suggested = {s[0] for s in n["suggestions"]}
        names.append(
            {
                **n,
                "index": i,
                "chosen": chosen,
                "chosen_is_suggestion": chosen in suggested,
                "is_new": n["decision"].startswith("new:"),
            }
        )
    attention = [n for n in names if n["match"] in ("suggested", "unknown") or not n["decision"]]
    target = Plan.objects.filter(pk=preview.get("target_plan_id") or 0).first()
    by_part: list[dict[str, Any]] = []
    for part in preview["parts"]:
        by_part.append({**part, "tasks": [t for t in preview["tasks"] if t["part"] == part["index"]]})
    problem_names = {n["printed"] for n in names if not n["decision"]}
    return {
        "token": token,
        "preview": preview,
        "parts": by_part,
        "names": names,
        "attention": attention,
        "problem_names": problem_names,
        "units": units,
        "kinds": Unit.KINDS,
        "plans": Plan.objects.filter(government_id=preview["government_id"]).order_by("-year", "title"),
        "target": target,
        "changes": importing.diff(target, preview) if target else None,
        "count": len(importing.selected_tasks(preview)),
        "error": error,
    }


@access.office_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: review and edit the parsed tasks and unit names; then confirm (step 3) or cancel."""
    preview = staging.load(token, request.user.pk or 0, STAGING_KIND)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "cancel":
            staging.discard(token)
            messages.info(request, "已取消导入，没有保存任何内容。")
            return redirect(reverse("plans:import"))
        if str(preview["rev"]) != request.POST.get("rev"):
            error = "预览已在别处被修改（可能在另一个窗口中）。下面显示的是最新内容，请核对后再操作。"
        else:
            government = Government.objects.get(pk=preview["government_id"])
            importing.apply_edits(preview, request.POST, Directory.load(government))
            if action.startswith("split:"):
                importing.split_task(preview, action[6:])
            elif action.startswith("merge:"):
                importing.merge_task(preview, action[6:])
            preview["rev"] += 1
            staging.save(token, preview)
            if action == "confirm":
                try:
                    plan = importing.confirm(preview, request.user)
                except LuoshiError as exc:
                    error = exc.message
                else:
                    staging.discard(token)
                    messages.success(request, f"已导入《{plan.title}》。")
                    return redirect(reverse("plans:detail", args=[plan.pk]))
            else:
                return redirect(reverse("plans:import_preview", args=[token]))
    return render(
        request, "plans/import_preview.html", _preview_context(preview, token, error), status=400 if error else 200
    )
