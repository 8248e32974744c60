"""Reporting pages: a plan and a task period by period; the liaison's tasks, writing progress (read → confirm →
submit), uploading a file, the unit's template and its files."""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from typing import Any, NamedTuple

from django.contrib import messages
from django.db.models import F, Max, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from markupsafe import Markup

from luoshi import CONTENT_TYPES, VERDICT_LABELS, LuoshiError
from luoshi_web import clock, memo, roles, staging
from luoshi_web.paging import page_of
from luoshi_web.plans import access
from luoshi_web.plans.assignments import roles_for_units, unit_names_of
from luoshi_web.plans.forms import PeriodForm
from luoshi_web.plans.models import (
    INDICATOR_KINDS,
    Adjustment,
    Indicator,
    Period,
    Plan,
    Section,
    Task,
    TaskUnit,
    current_period,
    periods_of,
)
from luoshi_web.prepared import Prepared
from luoshi_web.reporting import intake, marks, reports, services, standing
from luoshi_web.reporting.models import Attachment, Observation, ProgressEntry, TaskStatus, Verdict, light_of
from luoshi_web.units import scope
from luoshi_web.units.models import Unit
from luoshi_web.uploads import read_upload

UPLOAD_KIND = "unit-upload"


def open_periods(user: Any) -> list[Period]:
    plans = access.plans_for(user).values("pk")
    return list(
        Period.objects.filter(plan__in=plans, closed_at__isnull=True)
        .exclude(plan__state="archived")
        .select_related("plan")
        .order_by("end")
    )


@roles.liaison_required
def mine(request: HttpRequest) -> HttpResponse:
    """The unit's tasks for each open period, with what the unit last submitted and the status light."""
    user: Any = request.user
    # The unit's tasks first, then the open periods of their plans (``open_periods``, without asking the
    # database again which plans hold the unit's tasks).
    tasks = list(access.tasks_for(user).exclude(plan__state="archived").order_by("plan", "order"))
    periods = list(
        Period.objects.filter(plan__in={t.plan_id for t in tasks}, closed_at__isnull=True)
        .select_related("plan")
        .order_by("end")
    )
    with_periods = {p.plan_id for p in periods}
    tasks = [t for t in tasks if t.plan_id in with_periods]
    ids = sorted(p.pk for p in periods)
    # The blocks are the same for every liaison of the unit: rendered once and kept under the state of the
    # plans' periods, statuses, tasks and units (a report touches its status row; an edit of a task or its
    # units, its task) and of what the page reads here (the unit's tasks, the open periods, today's date).
    state = reports.year_state({p.plan_id: p.plan for p in periods}.values(), ids) if periods else ()
    blocks = memo.remembered(
        "mine",
        (*scope.unit_scope(user), "|", *(t.pk for t in tasks), "|", *ids, clock.today(), *state),
        lambda: _mine_blocks(user, tasks, periods, state),
    )
    return render(request, "reporting/mine.html", {"blocks": Markup(blocks)})


def _mine_blocks(user: Any, tasks: list[Task], periods: list[Period], state: tuple[Any, ...]) -> str:
    """A liaison's open periods with their unit's tasks, as HTML (``reporting/mine_blocks.html``)."""
    roles = _roles(tasks, user)
    versions = {
        (row["task_id"], row["period_id"]): row["v"]
        for row in ProgressEntry.objects.filter(unit_id=user.unit_id, task__in=tasks)
        .values("task_id", "period_id")
        .annotate(v=Max("version"))
    }
    statuses = marks.marks(periods, state) if periods else {}
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
    return render_to_string("reporting/mine_blocks.html", {"blocks": blocks})


def _roles(tasks: list[Task], user: Any) -> dict[int, str]:
    return roles_for_units(tasks, scope.unit_scope(user))


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


@roles.liaison_required
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
                    return redirect(reverse("reporting:task", args=[task.pk]) + f"#period-{period.pk}")
        else:
            if action == "submit":
                errors.append("进展内容在读取数据后又修改过：请核对下面重新读出的数据，确认后再提交。")
            figures = services.read_figures(text, period, task)
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


@roles.liaison_required
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


@roles.liaison_required
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
        figures = services.read_figures(r["text"], period, task)
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


@roles.liaison_required
def template(request: HttpRequest, period_pk: int) -> HttpResponse:
    """The unit's Excel fill-in template for a period (the core's template report): its tasks locked."""
    user: Any = request.user
    period = next((p for p in open_periods(user) if p.pk == period_pk), None)
    if period is None:
        raise Http404("没有这个填报周期，或已关闭。")
    data, filename = reports.render(period.plan, period, "template", "xlsx", unit=user.unit)
    return download_response(data, filename, "xlsx")


def download_response(data: bytes, filename: str, fmt: str) -> HttpResponse:
    """A report as a file download."""
    from django.utils.http import content_disposition_header

    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A stored file: its unit's liaison, and the office and leaders of its government, may download it."""
    user: Any = request.user
    files = Attachment.objects.select_related("unit")
    if roles.is_liaison(user):
        files = files.filter(unit_id=user.unit_id)
    elif not roles.sees_all_governments(user):
        if not (roles.is_office(user) or roles.is_leader(user)):
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


# --------------------------------------------------------------------------- a plan and a task, period by period


def choose_period(request: HttpRequest, periods: list[Period]) -> Period | None:
    """The period asked for (?period=), else the one being reported now (``plans.models.current_period``)."""
    wanted = request.GET.get("period", "")
    for period in periods:
        if str(period.pk) == wanted:
            return period
    return current_period(periods)


# Past this many ids a standing filter is the SQL expression rather than a list of ids.
MARKED_IDS = 2000


def filtered_tasks(
    request: HttpRequest, plan: Plan, period: Period | None, found: marks.Marks
) -> tuple[QuerySet[Task], dict[str, Any]]:
    """The plan's tasks narrowed by the list's filters (the dashboard's numbers link here with them).

    ``standing`` (已完成 … 未报送) or ``light`` for the period (read from the period's marks ``found``),
    ``lead`` (a unit's led tasks), ``unit`` (a unit's tasks, lead or co), ``section`` (a section and its
    subsections), ``q`` (words of the task).
    """
    tasks = access.plan_tasks(request.user, plan)
    get = request.GET
    chosen: dict[str, Any] = {}
    code = get.get("standing", "")
    if period is not None and code in standing.BY_CODE:
        tasks = _standing_in(tasks, period, found, {code})
        chosen["standing"] = standing.BY_CODE[code]
    light = get.get("light", "")
    if period is not None and light in standing.LIGHTS:
        tasks = _standing_in(tasks, period, found, {s.code for s in standing.STANDINGS if s.light == light})
        chosen["light"] = light
    for key, roles_ in (("lead", [TaskUnit.LEAD]), ("unit", [TaskUnit.LEAD, TaskUnit.CO])):
        wanted = get.get(key, "")
        if wanted.isdigit():
            unit = Unit.objects.filter(pk=int(wanted), government_id=plan.government_id).first()
            if unit is not None:
                ids = TaskUnit.objects.filter(unit_id__in=scope.unit_and_groups(unit), role__in=roles_)
                tasks = tasks.filter(pk__in=ids.values("task_id"))
                chosen[key] = unit
    section = get.get("section", "")
    if section.isdigit():
        tasks = tasks.filter(Q(section_id=int(section)) | Q(section__parent_id=int(section)))
        chosen["section"] = Section.objects.filter(pk=int(section), part__plan=plan).first()
    words = get.get("q", "").strip()[:50]
    if words:
        tasks = tasks.filter(text__contains=words)
        chosen["q"] = words
    return tasks, chosen


def _standing_in(tasks: QuerySet[Task], period: Period, found: marks.Marks, codes: set[str]) -> QuerySet[Task]:
    """The tasks whose standing for ``period`` is one of ``codes`` (a task without a mark is 未报送)."""
    if len(found) > MARKED_IDS:
        return standing.tasks_with_standing(tasks, period).filter(**{"standing__in": sorted(codes)})
    # The ids as one parameter (``memo.AnyOf``): a plan's lagging tasks are a list of any length.
    if "missing" in codes:
        return tasks.exclude(memo.ids_in("pk", [t for (t, _), m in found.items() if m.standing not in codes]))
    return tasks.filter(memo.ids_in("pk", [t for (t, _), m in found.items() if m.standing in codes]))


def plan_figures(plan: Plan, period: Period | None, *, summary: bool) -> dict[str, Any]:
    """What the plan page shows of the whole plan: the lights of the period, the 小结 (``summary``, for the
    office and leaders), the filters' lead units and sections, and every task's mark for the period
    (``marks``). Kept in the cache under the plan's state for the period (``reports.plan_state``: its
    tasks and their units, the period and its statuses): one query while nothing changed.
    """

    def compute() -> dict[str, Any]:
        lights: dict[str, int] = {}
        if period is not None:
            for r in standing.counts(
                standing.tasks_with_standing(Task.objects.filter(plan=plan, withdrawn=False), period)
            ):
                light = standing.light_of(r["standing"])
                lights[light] = lights.get(light, 0) + r["n"]
        units = (
            Unit.objects.filter(assignments__task__plan=plan)
            .exclude(kind="group")
            .distinct()
            .order_by("sort_order", "name")
        )
        sections = Section.objects.filter(part__plan=plan).select_related("parent").order_by("part__order", "order")
        return {"lights": lights, "units": list(units), "sections": {s.pk: s for s in sections}}

    if period is None:
        return {**compute(), "summary": None, "marks": {}}
    state = reports.plan_state(plan, period)
    return {
        **memo.remembered("plan_page", state, compute),
        "summary": reports.summary_for(plan, period, state) if summary else None,
        "marks": marks.marks([period], state),
    }


@functools.cache
def new_period_form() -> str:
    """The empty form for a new period, rendered once per process: it holds nothing of a request or of the
    data (no initial values), and rendering a form costs as much as the rest of the plan page's table."""
    return PeriodForm().as_p()


# The ids of the plan's tasks the user reads, compiled once per process (``access.ForReader``).
_plan_task_ids = access.ForReader(
    lambda user, plan_id: access.plan_tasks(user, Plan(pk=plan_id)).values_list("pk", flat=True)
)


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan's tasks for a period, 50 a page, filtered by standing, unit, section or words."""
    user: Any = request.user
    plan = access.get_plan(user, pk)
    periods = periods_of(plan)
    period = choose_period(request, periods)
    # The office and leaders see the whole plan's lights and 小结; a liaison the lights of their unit's tasks.
    whole = roles.is_office(user) or roles.is_leader(user)
    figures = plan_figures(plan, period, summary=whole)
    found: marks.Marks = figures["marks"]
    tasks, chosen = filtered_tasks(request, plan, period, found)
    page = page_of(request, tasks.order_by("order"))
    shown = list(page.object_list)
    sections: dict[int, Section] = figures["sections"]
    for t in shown:
        if t.section_id in sections:  # the plan's sections, kept with its figures
            t.section = sections[t.section_id]
    units = unit_names_of([t.pk for t in shown])  # the page's ids, one parameter
    rows: list[dict[str, Any]] = []
    for t in shown:
        mark = found.get((t.pk, period.pk)) if period is not None else None
        rows.append(
            {
                "task": t,
                "lead": units[t.pk]["lead"],
                "co": units[t.pk]["co"],
                "status": mark,
                "standing": standing.BY_CODE[mark.standing if mark else "missing"],
            }
        )
    lights = figures["lights"]
    if period is not None and not whole:
        lights = {}
        for task_id in _plan_task_ids(user, plan.pk):
            mark = found.get((task_id, period.pk))
            light = standing.light_of(mark.standing if mark else "missing")
            lights[light] = lights.get(light, 0) + 1
    can_change = access.can_change(user, plan)
    return render(
        request,
        "reporting/plan.html",
        {
            "plan": plan,
            "rows": rows,
            "page": page,
            "period": period,
            "periods": periods,
            "lights": lights,
            "chosen": chosen,
            "standings": standing.STANDINGS,
            "sections": [s for s in sections.values() if s.parent_id is None],
            "can_change": can_change,
            "period_form": new_period_form() if can_change else None,
            "summary": figures["summary"],
            "downloads": reports.offered(),
            "plan_units": figures["units"],
        },
    )


def _figures_and_files(entries: list[dict[str, Any]]) -> None:
    """Each entry's figures (``observation_list``) and files (``attachment_list``), read as columns."""
    ids = [e["id"] for e in entries]
    figures: dict[int, list[dict[str, Any]]] = defaultdict(list)
    files: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if ids:
        for o in _entry_figures(ids):
            figures[o["entry_id"]].append(dict(o))
        for entry_id, pk, name in _entry_files(ids):
            files[entry_id].append({"pk": pk, "original_name": name})
    for e in entries:
        e["observation_list"] = figures[e["id"]]
        e["attachment_list"] = files[e["id"]]


def _display_name(user: str) -> Coalesce:
    """A user's ``display_name`` (their name, else their login) read in SQL through the foreign key ``user``."""
    return Coalesce(NullIf(f"{user}__first_name", Value("")), f"{user}__username")


class AssignedUnit(NamedTuple):
    pk: int
    name: str


class Assignment(NamedTuple):
    """A unit's role on a task, as the task's page prints it (``a.unit.name``)."""

    unit_id: int
    role: str
    unit: AssignedUnit


ENTRY_ROLES, ENTRY_SOURCES = dict(ProgressEntry.ROLES), dict(ProgressEntry.SOURCES)
INDICATOR_KIND_LABELS = dict(INDICATOR_KINDS)
VERDICT_SOURCES = dict(Verdict.SOURCES)


# A task's page's queries, compiled once per process (``prepared``): each by the task's id (or its plan's,
# its entries' ids) — the task itself is found through ``access.get_task``, which checks it against the user.
_entry_figures = Prepared(
    lambda ids: Observation.objects.filter(memo.ids_in("entry_id", ids)).values(
        "entry_id", "metric", "period_label", "value", "unit", "growth_pct", "forecast", "corrected"
    )
)
_entry_files = Prepared(
    lambda ids: (
        Attachment.entries.through.objects.filter(memo.ids_in("progressentry_id", ids))
        .order_by("-attachment__uploaded_at")
        .values_list("progressentry_id", "attachment_id", "attachment__original_name")
    )
)
_task_units = Prepared(
    lambda task_id: TaskUnit.objects.filter(task_id=task_id).values_list("unit_id", "role", "unit__name")
)
_task_entries = Prepared(
    lambda task_id: ProgressEntry.objects.filter(task_id=task_id)
    .order_by("period__end", "role", "unit__name", "-version")
    .values(
        "id", "period_id", "unit_id", "role", "version", "submitted_at", "source", "origin", "claimed_status",
        "note", "text", unit_name=F("unit__name"), author_name=_display_name("author"),
    )
)  # fmt: skip
_task_verdicts = Prepared(
    lambda task_id: Verdict.objects.filter(task_id=task_id).values(
        "id", "period_id", "source", "value", "on_schedule", "created_at", "evidence", "detail", "rule",
        "reasons", "note", created_by_name=_display_name("created_by"),
    )
)  # fmt: skip
_task_statuses = Prepared(
    lambda task_id: TaskStatus.objects.filter(task_id=task_id).values_list(
        "period_id", "version", "behind", "judged_id", "signed_id"
    )
)
_task_indicators = Prepared(
    lambda task_id: Indicator.objects.filter(task_id=task_id).values(
        "metric", "kind", "comparator", "value", "unit", "external", "text"
    )
)
_task_adjustments = Prepared(lambda task_id: Adjustment.objects.filter(task_id=task_id))


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A task with every period's reports, verdicts and status; its rows read as the columns the page prints."""
    task = access.get_task(request.user, pk)
    assignments = [
        Assignment(unit_id, role, AssignedUnit(unit_id, name)) for unit_id, role, name in _task_units(task.pk)
    ]
    periods = periods_of(task.plan)
    # Rows as dicts the view adds to (is_current, labels, figures and files).
    entries: list[dict[str, Any]] = _task_entries(task.pk)
    _figures_and_files(entries)
    verdicts: list[dict[str, Any]] = _task_verdicts(task.pk)
    by_id = {v["id"]: v for v in verdicts}
    for v in verdicts:
        v["source_label"] = VERDICT_SOURCES.get(v["source"], v["source"])
    statuses = {}
    for period_id, version, behind, judged_id, signed_id in _task_statuses(task.pk):
        # What counts: the office's verdict once signed, else the judge's (``TaskStatus.verdict``, ``light``).
        verdict = by_id.get(signed_id) or by_id.get(judged_id)
        statuses[period_id] = {
            "version": version,
            "verdict": verdict,
            "light": light_of(
                verdict["value"] if verdict else None, verdict["on_schedule"] if verdict else None, behind
            ),
        }
    my_units = set(scope.unit_scope(request.user)) if roles.is_liaison(request.user) else set()
    by_period = []
    for period in periods:
        period_entries = [e for e in entries if e["period_id"] == period.pk]
        latest: set[int] = set()
        for e in period_entries:  # newest version first within each unit
            e["is_current"] = e["unit_id"] not in latest
            e["role_label"] = ENTRY_ROLES.get(e["role"], e["role"])
            e["source_label"] = ENTRY_SOURCES.get(e["source"], e["source"])
            latest.add(e["unit_id"])
        by_period.append(
            {
                "period": period,
                "entries": period_entries,
                "verdicts": [v for v in verdicts if v["period_id"] == period.pk],
                "status": statuses.get(period.pk),
                "can_report": roles.is_liaison(request.user)
                and period.is_open
                and any(a.unit_id in my_units for a in assignments),
            }
        )
    return render(
        request,
        "reporting/task.html",
        {
            "task": task,
            "can_change": access.can_change(request.user, task.plan),
            "lead": [a for a in assignments if a.role == "lead"],
            "co": [a for a in assignments if a.role == "co"],
            "indicators": [
                {**i, "kind_label": INDICATOR_KIND_LABELS.get(i["kind"], i["kind"])} for i in _task_indicators(task.pk)
            ],
            "by_period": by_period,
            "adjustments": _task_adjustments(task.pk),
            "verdict_choices": list(VERDICT_LABELS.items()),
        },
    )
