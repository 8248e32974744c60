"""The JSON API: plans, tasks, statuses and progress, read under exactly the pages' permissions.

Authentication is an API token (``Authorization: Bearer <token>``, see ``accounts/tokens.py``) or the
site's session; anonymous calls and refused tokens get 401, a liaison asking for another unit's task
gets 404 as on the pages, and a role without access gets 403. Every list takes
``limit`` (default 200, at most 1000) and ``offset``. The description is at ``/api/openapi.json``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

import orjson
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from luoshi_web import bridge, memo, roles
from luoshi_web.api.openapi import openapi_document
from luoshi_web.plans import access
from luoshi_web.plans.assignments import unit_names_by_task, unit_names_of
from luoshi_web.plans.models import Indicator, Period, Task
from luoshi_web.prepared import Fixed, Prepared
from luoshi_web.reporting import reports
from luoshi_web.reporting.models import ProgressEntry, TaskStatus, light_of
from luoshi_web.units import scope
from luoshi_web.units.models import Unit, UnitAlias

MAX_LIMIT = 1000
DEFAULT_LIMIT = 200


def api(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """GET only; the view returns data; 403/404 become JSON errors in Chinese."""

    @require_GET
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            data = view(request, *args, **kwargs)
        except Http404 as exc:
            return json_response({"error": str(exc) or "未找到，或您无权查看。"}, status=404)
        except PermissionDenied as exc:
            return json_response({"error": str(exc) or "无权访问。"}, status=403)
        except ValueError:
            return json_response(
                {
                    "error": f"参数不正确：limit 应为 1–{MAX_LIMIT} 的整数，offset 应为不小于 0 的整数，period 应为整数。"
                },
                status=400,
            )
        return json_response(data)

    return wrapper


_DJANGO_JSON = DjangoJSONEncoder()
# Dates, times and everything else orjson does not write itself go through Django's encoder, so the values are
# written as JsonResponse wrote them; dict keys that are not text become text, as json.dumps makes them.
_JSON_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS


def json_response(data: Any, status: int = 200) -> HttpResponse:
    """``data`` as a JSON response in UTF-8 (Chinese as it is), written by orjson.

    A province's lists run to a few hundred KB (its plans list: 100 plans with their periods, 180 KB); the
    standard library's encoder took 1.8 ms of such a request, orjson 0.1 ms (docs/cockpit.md, lever 8).
    """
    body = orjson.dumps(data, default=_DJANGO_JSON.default, option=_JSON_OPTIONS)
    return HttpResponse(body, status=status, content_type="application/json")


def page(
    request: HttpRequest, queryset: QuerySet[Any], counted: QuerySet[Any] | None = None
) -> tuple[QuerySet[Any], dict[str, int]]:
    """``limit`` (1 to MAX_LIMIT) and ``offset`` (0 or more) as the description states; outside them, 400.

    ``counted``: the same rows without what the list adds to each (a count of its tasks), to count them.
    """
    limit, offset = bounds(request)
    total = (queryset if counted is None else counted).count()
    return queryset[offset : offset + limit], {"total": total, "limit": limit, "offset": offset}


def bounds(request: HttpRequest) -> tuple[int, int]:
    """``limit`` and ``offset`` as ``page`` takes them (ValueError outside them)."""
    limit = int(request.GET.get("limit", DEFAULT_LIMIT))
    offset = int(request.GET.get("offset", 0))
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise ValueError("out of bounds")
    return limit, offset


def period_json(p: Period) -> dict[str, Any]:
    return _period_json(p.pk, p.name, p.kind, p.start, p.end, p.due, p.closed_at)


PERIOD_FIELDS = ("pk", "name", "kind", "start", "end", "due", "closed_at")


def _period_json(pk: int, name: str, kind: str, start: Any, end: Any, due: Any, closed_at: Any) -> dict[str, Any]:
    return {
        "id": pk,
        "name": name,
        "kind": kind,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "due": due.isoformat(),
        "closed": closed_at is not None,
    }


def status_json(s: TaskStatus | None) -> dict[str, Any] | None:
    if s is None:
        return None
    verdict = s.verdict
    return _status(
        s.period_id,
        s.state,
        s.claimed_status,
        s.disagreement,
        s.behind,
        s.version,
        s.signed_id is not None,
        None
        if verdict is None
        else {f: getattr(verdict, f) for f in ("value", "source", "on_schedule", "evidence", "reasons", "rule")},
    )


# A status and the verdict that counts read as columns (``status_rows``): a list of 80 builds no model objects.
VERDICT_FIELDS = ("value", "source", "on_schedule", "evidence", "reasons", "rule")
STATUS_FIELDS = (
    "task_id",
    "period_id",
    "state",
    "claimed_status",
    "disagreement",
    "behind",
    "version",
    "signed_id",
    *(f"signed__{f}" for f in VERDICT_FIELDS),
    *(f"judged__{f}" for f in VERDICT_FIELDS),
)


def status_rows(statuses: QuerySet[TaskStatus], **extra: Any) -> list[dict[str, Any]]:
    """``statuses`` as the API gives them, read as columns, each with its ``task_id`` (and ``extra`` columns)."""
    return rows_of_statuses(statuses.values(*STATUS_FIELDS, **extra), tuple(extra))


def rows_of_statuses(values: Iterable[dict[str, Any]], extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Statuses read as ``STATUS_FIELDS`` and ``extra`` columns, as the API gives them."""
    rows = []
    for r in values:
        whose = "signed" if r["signed_id"] is not None else "judged"
        verdict = None if r[f"{whose}__value"] is None else {f: r[f"{whose}__{f}"] for f in VERDICT_FIELDS}
        found = _status(
            r["period_id"],
            r["state"],
            r["claimed_status"],
            r["disagreement"],
            r["behind"],
            r["version"],
            r["signed_id"] is not None,
            verdict,
        )
        rows.append({"task_id": r["task_id"], **{k: r[k] for k in extra}, **found})
    return rows


def _status(
    period: int,
    state: str,
    claimed: str,
    disagreement: bool,
    behind: bool,
    version: int,
    signed: bool,
    verdict: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "period": period,
        "state": state,
        "light": light_of(verdict["value"] if verdict else None, verdict["on_schedule"] if verdict else None, behind),
        "verdict": verdict["value"] if verdict else None,
        "signed": signed,
        # Whose the verdict is: the judge's proposal (judge) or the office's (signoff / override).
        "source": verdict["source"] if verdict else None,
        "proposal": verdict is not None and not bridge.signed_source(verdict["source"]),
        "evidence": verdict["evidence"] if verdict else "",
        "reasons": list(verdict["reasons"]) if verdict else [],
        "rule": verdict["rule"] if verdict else "",
        "claimed_status": claimed,
        "disagreement": disagreement,
        "behind": behind,
        "version": version,
    }


INDICATOR_FIELDS = ("task_id", "metric", "kind", "comparator", "value", "unit", "text", "external")


def indicator_json(i: Any) -> dict[str, Any]:
    """An indicator (a row or its columns) as the API gives it."""
    get = i.get if isinstance(i, dict) else lambda f: getattr(i, f)
    return {
        "metric": get("metric") or None,
        "kind": get("kind"),
        "comparator": get("comparator") or None,
        "value": get("value"),
        "unit": get("unit") or None,
        "text": get("text"),
        "external": get("external"),
    }


def task_json(
    t: Any, units: dict[str, list[str]], status: dict[str, Any] | None = None, indicators: list[Any] | None = None
) -> dict[str, Any]:
    """A task (a row, or its columns with ``section_title``) with its units, indicators and status."""
    get = t.get if isinstance(t, dict) else lambda f: getattr(t, f)
    section = get("section_title") if isinstance(t, dict) else (t.section.title if t.section else None)
    return {
        "id": get("pk"),
        "plan": get("plan_id"),
        "number": get("number"),
        "section": section,
        "text": get("text"),
        "target": get("target") or None,
        "deadline": get("deadline") or None,
        "lead": units["lead"],
        "co": units["co"],
        "indicators": [indicator_json(i) for i in (t.indicators.all() if indicators is None else indicators)],
        "status": status,
    }


@api
def index(request: HttpRequest) -> dict[str, Any]:
    return {"openapi": "/api/openapi.json", "plans": "/api/plans"}


@api
def openapi(request: HttpRequest) -> dict[str, Any]:
    return openapi_document()


def _plans_listed(user: Any, limit: int, offset: int) -> QuerySet[Any]:
    visible = access.plans_for(user).order_by("-year", "title")
    columns = ("pk", "government__name", "year", "title", "kind", "revision")
    # Each plan's tasks counted through the index on their plan (a join and GROUP BY reads every task first).
    tasks = Task.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("*")).values("n")
    counted = visible.annotate(task_count=Coalesce(Subquery(tasks), Value(0)))
    return counted.values(*columns, "task_count")[offset : offset + limit]


# The plans list's queries, compiled once per process (``access.ForReader``, ``prepared``): a page's limit and
# offset are part of the SQL (a few pages are asked; past SHAPES they are built each time).
_plans_count = access.ForReader(lambda user: memo.aggregate(access.plans_for(user), "COUNT"))
_plans_page = access.ForReader(_plans_listed)
_plans_periods = Prepared(
    lambda ids: (
        Period.objects.filter(memo.ids_in("plan_id", ids)).order_by("end").values_list("plan_id", *PERIOD_FIELDS)
    )
)


@api
def plans(request: HttpRequest) -> dict[str, Any]:
    limit, offset = bounds(request)
    total = _plans_count(request.user)[0]["value"]
    items = _plans_page(request.user, Fixed(limit), Fixed(offset))
    meta = {"total": total, "limit": limit, "offset": offset}
    periods: dict[int, list[dict[str, Any]]] = defaultdict(list)
    # The ids as one parameter (``memo.AnyOf``): the same short SQL for a hundred plans as for one.
    for plan_id, *fields in _plans_periods([p["pk"] for p in items]):
        periods[plan_id].append(_period_json(*fields))
    return {
        **meta,
        "results": [
            {
                "id": p["pk"],
                "government": p["government__name"],
                "year": p["year"],
                "title": p["title"],
                "kind": p["kind"],
                "tasks": p["task_count"],
                "revision": p["revision"],
                "periods": periods[p["pk"]],
            }
            for p in items
        ],
    }


@api
def plan_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    plan = access.get_plan(request.user, pk)
    parts = [
        {
            "title": part.title,
            "kind": part.kind,
            "sections": [s.title for s in part.sections.all() if s.parent_id is None],
        }
        for part in plan.parts.prefetch_related("sections")
    ]
    return {
        "id": plan.pk,
        "government": plan.government.name,
        "year": plan.year,
        "title": plan.title,
        "kind": plan.kind,
        "source": {"name": plan.source_name, "sha256": plan.source_sha256, "format": plan.source_format},
        "revision": plan.revision,
        "parts": parts,
        "periods": [period_json(p) for p in plan.periods.all()],
        "tasks": f"/api/plans/{plan.pk}/tasks",
    }


def _period(request: HttpRequest, plan_ids: list[int]) -> Period | None:
    wanted = request.GET.get("period")
    if not wanted:
        return None
    period = Period.objects.filter(pk=int(wanted), plan_id__in=plan_ids).first()
    if period is None:
        raise Http404("没有这个填报周期。")
    return period


@api
def plan_tasks(request: HttpRequest, pk: int) -> dict[str, Any]:
    plan = access.get_plan(request.user, pk)
    period = _period(request, [plan.pk])
    visible = (
        access.plan_tasks(request.user, plan)
        .order_by("order")
        .values("pk", "plan_id", "number", "text", "target", "deadline", section_title=F("section__title"))
    )
    selected, meta = page(request, visible)
    items = list(selected)
    ids = [t["pk"] for t in items]
    # The page's ids as one parameter (``memo.AnyOf``), not one per task.
    units = unit_names_of(ids)
    indicators: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for i in Indicator.objects.filter(memo.ids_in("task_id", ids)).values(*INDICATOR_FIELDS):
        indicators[i["task_id"]].append(i)
    statuses: dict[int, dict[str, Any]] = {}
    if period is not None:
        mine = TaskStatus.objects.filter(memo.ids_in("task_id", ids), period=period)
        statuses = {s.pop("task_id"): s for s in status_rows(mine)}
    return {
        **meta,
        "period": period.pk if period else None,
        "results": [task_json(t, units[t["pk"]], statuses.get(t["pk"]), indicators[t["pk"]]) for t in items],
    }


@api
def task_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    task = access.get_task(request.user, pk)
    units = unit_names_by_task(task_id__in=[task.pk])
    data = task_json(task, units[task.pk])
    data["statuses"] = [
        status_json(s)
        for s in TaskStatus.objects.filter(task=task).select_related("judged", "signed").order_by("period__end")
    ]
    data.pop("status")
    return data


@api
def task_progress(request: HttpRequest, pk: int) -> dict[str, Any]:
    task = access.get_task(request.user, pk)
    entries = (
        ProgressEntry.objects.filter(task=task)
        .select_related("unit", "author")
        .prefetch_related(
            Prefetch("observations", to_attr="observation_list"), Prefetch("attachments", to_attr="attachment_list")
        )
        .order_by("period__end", "unit__name", "-version")
    )
    items, meta = page(request, entries)
    return {
        **meta,
        "results": [
            {
                "id": e.pk,
                "period": e.period_id,
                "unit": e.unit.name,
                "role": e.role,
                "version": e.version,
                "supersedes": e.supersedes_id,
                "author": e.author.display_name if e.author else None,
                "submitted_at": e.submitted_at.isoformat(),
                "text": e.text,
                "claimed_status": e.claimed_status or None,
                "source": e.source,
                "note": e.note,
                "observations": [
                    {
                        "metric": o.metric or None,
                        "period": o.period_label or None,
                        "value": o.value,
                        "unit": o.unit or None,
                        "growth_pct": o.growth_pct,
                        "forecast": o.forecast,
                        "text": o.text,
                        "corrected": o.corrected,
                    }
                    for o in e.observation_list
                ],
                "attachments": [f"/report/files/{a.pk}/" for a in e.attachment_list],
            }
            for e in items
        ],
    }


def _period_statuses(user: Any, period_id: int, plan_id: int) -> QuerySet[Any]:
    """The statuses of a period of ``plan_id`` for the tasks ``user`` reads, in the plan's order."""
    visible = access.tasks_for(user).filter(plan_id=plan_id)
    return TaskStatus.objects.filter(period_id=period_id, task__in=visible).order_by("task__order")


# The period's statuses' queries, compiled once per process (``access.ForReader``): the period (with its plan,
# which the 小结 reads) among those of the plans the user reads, the statuses counted and a page of them.
_readable_period = access.ForReader(
    lambda user, pk: Period.objects.filter(pk=pk, plan_id__in=access.plans_for(user).values("pk")).select_related(
        "plan"
    )[:1]
)
_statuses_count = access.ForReader(
    lambda user, period_id, plan_id: memo.aggregate(_period_statuses(user, period_id, plan_id), "COUNT")
)
_statuses_page = access.ForReader(
    lambda user, period_id, plan_id, limit, offset: _period_statuses(user, period_id, plan_id).values(
        *STATUS_FIELDS, number=F("task__number")
    )[offset : offset + limit]
)


@api
def period_statuses(request: HttpRequest, pk: int) -> dict[str, Any]:
    # The plans the user reads as a subquery: one round trip, not a province's hundred ids sent back.
    found = _readable_period(request.user, pk)
    if not found:
        raise Http404("没有这个填报周期，或您无权查看。")
    period = found[0]
    limit, offset = bounds(request)
    total = _statuses_count(request.user, period.pk, period.plan_id)[0]["value"]
    meta = {"total": total, "limit": limit, "offset": offset}
    rows = rows_of_statuses(
        _statuses_page(request.user, period.pk, period.plan_id, Fixed(limit), Fixed(offset)), ("number",)
    )
    # The 小结's figures cover the whole plan: for those who see the whole plan only.
    whole = roles.is_office(request.user) or roles.is_leader(request.user)
    return {
        **meta,
        "period": period_json(period),
        "summary": reports.summary_for(period.plan, period) if whole else None,
        "results": [{"task": r.pop("task_id"), **r} for r in rows],
    }


@api
def units(request: HttpRequest) -> dict[str, Any]:
    if not (roles.is_office(request.user) or roles.is_leader(request.user)):
        raise PermissionDenied("只有政府办和领导可以查看单位目录。")
    directory = Unit.objects.filter(government__in=scope.governments_for(request.user)).order_by(
        "government__name", "name"
    )
    # Read as columns, the page's aliases by its ids as one parameter: a province's page builds no model objects.
    selected, meta = page(
        request, directory.values("pk", "name", "kind", "active", government_name=F("government__name"))
    )
    items = list(selected)
    aliases: dict[int, list[str]] = defaultdict(list)
    found = UnitAlias.objects.filter(memo.ids_in("unit_id", [u["pk"] for u in items])).order_by("name")
    for unit_id, name in found.values_list("unit_id", "name"):
        aliases[unit_id].append(name)
    return {
        **meta,
        "results": [
            {
                "id": u["pk"],
                "government": u["government_name"],
                "name": u["name"],
                "kind": u["kind"],
                "active": u["active"],
                "aliases": aliases[u["pk"]],
            }
            for u in items
        ],
    }


@api
def not_found(request: HttpRequest, rest: str = "") -> dict[str, Any]:
    """Any other address under /api/ (a non-integer id included): 404 in JSON, as the description says."""
    raise Http404("没有这个接口地址，或编号不是整数。")
