"""Plan pages: the list, one plan's tasks with their status lights, one task, and the import flow."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from luoshi import LuoshiError
from luoshi_web import roles, staging
from luoshi_web.paging import page_of
from luoshi_web.plans import access, drafting, importing, jobs
from luoshi_web.plans.forms import PeriodForm
from luoshi_web.plans.models import PART_KINDS, Plan
from luoshi_web.units import scope
from luoshi_web.units.directory import Directory
from luoshi_web.units.models import Government, Unit
from luoshi_web.uploads import read_upload

STAGING_KIND = "plan-import"


def _readable(user: Any, archived: bool) -> QuerySet[Plan]:
    plans = access.plans_for(user).order_by("-year", "government__name", "title")
    return plans.filter(state=Plan.ARCHIVED) if archived else plans.exclude(state=Plan.ARCHIVED)


def _plans_listed(
    user: Any, archived: bool, year: int | None, government: int | None, words: str | None
) -> QuerySet[Any]:
    # Rows as the columns the page prints (a province reads a hundred governments and fifty plans a page):
    # no model instances built for them.
    plans = _readable(user, archived)
    if year is not None:
        plans = plans.filter(year=year)
    if government is not None:
        plans = plans.filter(government_id=government)
    if words:
        plans = plans.filter(title__contains=words)
    return plans.values("pk", "year", "title", "kind", "source_name", government_name=F("government__name"))


# The list's queries, compiled once per process for each role and set of filters (``access.ForReader``; words
# searched are built each time, as Django writes them into their pattern).
_years = access.ForReader(
    lambda user, archived: _readable(user, archived).order_by("-year").values_list("year", flat=True).distinct()
)
_governments = access.ForReader(
    lambda user, archived: (
        Government.objects.filter(pk__in=_readable(user, archived).values("government_id"))
        .order_by("name")
        .values("pk", "name")
    )
)
_listed = access.ListForReader(_plans_listed)


def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans the user may read, 50 a page, filtered by year, government and words of the title."""
    user = request.user
    archived = request.GET.get("archived") == "1"
    years = _years(user, archived)
    governments = _governments(user, archived)
    get = request.GET
    year = int(get["year"]) if get.get("year", "").isdigit() else None
    government = int(get["government"]) if get.get("government", "").isdigit() else None
    words = get.get("q", "").strip()[:50] or None
    page = page_of(request, _listed.rows(user, archived, year, government, words))
    kinds = dict(PART_KINDS)
    page.object_list = [{**row, "kind_name": kinds.get(row["kind"], row["kind"])} for row in page.object_list]
    return render(
        request,
        "plans/list.html",
        {"page": page, "years": years, "governments": governments, "get": get, "archived": archived},
    )


# --------------------------------------------------------------------------- periods


@roles.office_required
@require_http_methods(["POST"])
def period_create(request: HttpRequest, pk: int) -> HttpResponse:
    from luoshi_web.audit import trail

    plan = access.get_plan(request.user, pk, change=True)
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
    return redirect(reverse("reporting:plan", args=[plan.pk]))


@roles.office_required
@require_http_methods(["POST"])
def plan_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a plan (a wrong import): it leaves the lists, the queue and the reminders; its data stays."""
    from luoshi_web.audit import trail

    plan = access.get_plan(request.user, pk, change=True)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "请勾选确认后再归档。")
        return redirect(reverse("reporting:plan", args=[plan.pk]))
    restore = request.POST.get("action") == "restore"
    state = Plan.ACTIVE if restore else Plan.ARCHIVED
    before = plan.state
    updated = Plan.objects.filter(pk=plan.pk).exclude(state=state).update(state=state, version=plan.version + 1)
    if updated:
        trail.record(
            request.user,
            "restore" if restore else "archive",
            plan,
            before={"state": before},
            after={"state": state},
            summary=f"{'恢复' if restore else '归档'}《{plan.title}》",
        )
        messages.success(request, f"已{'恢复' if restore else '归档'}《{plan.title}》。")
    return redirect(reverse("plans:list"))


# --------------------------------------------------------------------------- import


def _government_for_import(request: HttpRequest) -> Government | None:
    if roles.sees_all_governments(request.user):
        chosen = request.POST.get("government", "")
        return Government.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    return request.user.government  # type: ignore[union-attr]


@roles.office_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Step 1: upload a document; it is parsed (a work report drafted, as the office chose) and staged, nothing stored."""
    error = ""
    asked = (request.POST if request.method == "POST" else request.GET).get("mode", "")
    mode = asked if asked in dict(drafting.MODES) else "auto"
    if request.method == "POST":
        government = _government_for_import(request)
        try:
            if government is None:
                raise LuoshiError("请选择要导入方案的政府。")
            data, name = read_upload(request.FILES.get("file"))
            if jobs.runs_as_job(data, name):
                # Long to read: the worker reads (or drafts) it; the preview page waits for it.
                waiting = {"pending": True, "government_id": government.pk, "filename": name, "mode": mode}
                token = staging.create(request.user.pk or 0, STAGING_KIND, waiting, blob=data)
                jobs.read_import.enqueue(token)
                return redirect(reverse("plans:import_preview", args=[token]))
            preview = drafting.staged_preview(data, name, government, mode)
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
            "governments": scope.governments_for(request.user) if roles.sees_all_governments(request.user) else None,
            "modes": drafting.MODES,
            "mode": mode,
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
    target = Plan.objects.filter(pk=preview.get("target_plan_id") or 0, government_id=preview["government_id"]).first()
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
        "draft": preview.get("draft"),
        "floors": drafting.FLOORS,
        "floor": preview.get("floor", str(drafting.DEFAULT_FLOOR)),
    }


def _draft_edits(
    request: HttpRequest,
    preview: dict[str, Any],
    action: str,
    texts: dict[str, str],
    government: Government,
    directory: Directory,
) -> None:
    """A draft's own edits: carried-over tasks kept or left out, suggestions for changed texts, accepting them."""
    drafting.apply_keep(preview, request.POST)
    drafting.resuggest(preview, texts, government)
    preview["floor"] = str(drafting.floor_of(request.POST.get("floor")))
    if action.startswith("accept:"):
        key, _, index = action[7:].partition(":")
        if not drafting.accept(preview, key, int(index) if index.isdigit() else 0, directory):
            messages.error(request, "该项任务没有可采用的建议单位，请直接填写主办、协办单位。")
    elif action == "accept_all":
        floor = drafting.floor_of(request.POST.get("floor"))
        accepted, left = drafting.accept_all(preview, floor, directory)
        messages.info(
            request,
            f"已为 {accepted} 项任务采用首选建议（得分≥{floor}）；"
            f"另有 {left} 项得分较低或无依据，尚未填写主办单位，请逐项确定。",
        )


@roles.office_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: review and edit the parsed tasks and unit names; then confirm (step 3) or cancel."""
    if request.method != "POST":
        preview = staging.load(token, request.user.pk or 0, STAGING_KIND)
        if preview.get("pending") or preview.get("error"):
            # Still being read by the worker (the page refreshes itself), or the reading failed.
            status = 202 if preview.get("pending") else 400
            return render(request, "plans/import_waiting.html", {"staged": preview, "token": token}, status=status)
        return render(request, "plans/import_preview.html", _preview_context(preview, token))
    # One edit at a time: two tabs posting together are taken one after the other, and the second,
    # holding a stale ``rev``, is told rather than silently overwriting the first.
    with staging.locked(token):
        preview = staging.load(token, request.user.pk or 0, STAGING_KIND)
        action = request.POST.get("action", "save")
        if preview.get("pending") or preview.get("error"):
            if action == "cancel":
                staging.discard(token)
                messages.info(request, "已取消导入，没有保存任何内容。")
            return redirect(
                reverse("plans:import") if action == "cancel" else reverse("plans:import_preview", args=[token])
            )
        if action == "cancel":
            staging.discard(token)
            messages.info(request, "已取消导入，没有保存任何内容。")
            return redirect(reverse("plans:import"))
        if str(preview["rev"]) != request.POST.get("rev"):
            error = "预览已在别处被修改（可能在另一个窗口中）。下面显示的是最新内容，请核对后再操作。"
            return render(request, "plans/import_preview.html", _preview_context(preview, token, error), status=400)
        government = Government.objects.get(pk=preview["government_id"])
        directory = Directory.load(government)
        texts = {t["key"]: t["text"] for t in preview["tasks"]}
        importing.apply_edits(preview, request.POST, directory)
        if action.startswith("split:"):
            importing.split_task(preview, action[6:])
        elif action.startswith("merge:"):
            importing.merge_task(preview, action[6:])
        if drafting.is_draft_preview(preview):
            _draft_edits(request, preview, action, texts, government, directory)
        preview["rev"] += 1
        staging.save(token, preview)
        if action != "confirm":
            return redirect(reverse("plans:import_preview", args=[token]))
        drafted = drafting.is_draft_preview(preview)
        try:
            plan = importing.confirm(preview, request.user)
        except LuoshiError as exc:
            return render(
                request, "plans/import_preview.html", _preview_context(preview, token, exc.message), status=400
            )
        staging.discard(token)
    messages.success(
        request, f"已确认《{plan.title}》（由政府工作报告起草）。" if drafted else f"已导入《{plan.title}》。"
    )
    return redirect(reverse("reporting:plan", args=[plan.pk]))
