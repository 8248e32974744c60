"""The JSON API: plans, tasks, statuses and progress, read under exactly the pages' permissions.

Authentication is an API token (``Authorization: Bearer <token>``, see ``accounts/tokens.py``) or the
site's session; anonymous calls and refused tokens get 401, a liaison asking for another unit's task
gets 404 as on the pages, and a role without access gets 403. Every list takes
``limit`` (default 200, at most 1000) and ``offset``. The description is at ``/api/openapi.json``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from luoshi_web import bridge, roles
from luoshi_web.api.openapi import openapi_document
from luoshi_web.plans import access
from luoshi_web.plans.assignments import unit_names_by_task
from luoshi_web.plans.models import Period, Task
from luoshi_web.reporting import reports
from luoshi_web.reporting.models import ProgressEntry, TaskStatus
from luoshi_web.units import scope
from luoshi_web.units.models import Unit

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
            return JsonResponse({"error": str(exc) or "未找到，或您无权查看。"}, status=404)
        except PermissionDenied as exc:
            return JsonResponse({"error": str(exc) or "无权访问。"}, status=403)
        except ValueError:
            return JsonResponse(
                {
                    "error": f"参数不正确：limit 应为 1–{MAX_LIMIT} 的整数，offset 应为不小于 0 的整数，period 应为整数。"
                },
                status=400,
                json_dumps_params={"ensure_ascii": False},
            )
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})

    return wrapper


def page(request: HttpRequest, queryset: QuerySet[Any]) -> tuple[QuerySet[Any], dict[str, int]]:
    """``limit`` (1 to MAX_LIMIT) and ``offset`` (0 or more) as the description states; outside them, 400."""
    limit = int(request.GET.get("limit", DEFAULT_LIMIT))
    offset = int(request.GET.get("offset", 0))
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise ValueError("out of bounds")
    total = queryset.count()
    return queryset[offset : offset + limit], {"total": total, "limit": limit, "offset": offset}


def period_json(p: Period) -> dict[str, Any]:
    return {
        "id": p.pk,
        "name": p.name,
        "kind": p.kind,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "due": p.due.isoformat(),
        "closed": p.closed_at is not None,
    }


def status_json(s: TaskStatus | None) -> dict[str, Any] | None:
    if s is None:
        return None
    verdict = s.verdict
    return {
        "period": s.period_id,
        "state": s.state,
        "light": s.light,
        "verdict": verdict.value if verdict else None,
        "signed": s.signed_id is not None,
        # Whose the verdict is: the judge's proposal (judge) or the office's (signoff / override).
        "source": verdict.source if verdict else None,
        "proposal": verdict is not None and not bridge.is_signed(verdict),
        "evidence": verdict.evidence if verdict else "",
        "reasons": list(verdict.reasons) if verdict else [],
        "rule": verdict.rule if verdict else "",
        "claimed_status": s.claimed_status,
        "disagreement": s.disagreement,
        "behind": s.behind,
        "version": s.version,
    }


def task_json(t: Task, units: dict[str, list[str]], status: TaskStatus | None = None) -> dict[str, Any]:
    return {
        "id": t.pk,
        "plan": t.plan_id,
        "number": t.number,
        "section": t.section.title if t.section else None,
        "text": t.text,
        "target": t.target or None,
        "deadline": t.deadline or None,
        "lead": units["lead"],
        "co": units["co"],
        "indicators": [
            {
                "metric": i.metric or None,
                "kind": i.kind,
                "comparator": i.comparator or None,
                "value": i.value,
                "unit": i.unit or None,
                "text": i.text,
                "external": i.external,
            }
            for i in getattr(t, "indicator_list", None) or t.indicators.all()
        ],
        "status": status_json(status),
    }


@api
def index(request: HttpRequest) -> dict[str, Any]:
    return {"openapi": "/api/openapi.json", "plans": "/api/plans"}


@api
def openapi(request: HttpRequest) -> dict[str, Any]:
    return openapi_document()


@api
def plans(request: HttpRequest) -> dict[str, Any]:
    visible = access.plans_for(request.user).select_related("government").order_by("-year", "title")
    selected, meta = page(request, visible.annotate(task_count=Count("tasks")))
    items = list(selected)
    periods: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for p in Period.objects.filter(plan__in=items).order_by("end"):
        periods[p.plan_id].append(period_json(p))
    return {
        **meta,
        "results": [
            {
                "id": p.pk,
                "government": p.government.name,
                "year": p.year,
                "title": p.title,
                "kind": p.kind,
                "tasks": p.task_count,
                "revision": p.revision,
                "periods": periods[p.pk],
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
        access.tasks_for(request.user)
        .filter(plan=plan)
        .select_related("section")
        .prefetch_related(Prefetch("indicators", to_attr="indicator_list"))
        .order_by("order")
    )
    selected, meta = page(request, visible)
    items = list(selected)
    units = unit_names_by_task(task_id__in=[t.pk for t in items])
    statuses: dict[int, TaskStatus] = {}
    if period is not None:
        statuses = {
            s.task_id: s
            for s in TaskStatus.objects.filter(period=period, task__in=items).select_related("judged", "signed")
        }
    return {
        **meta,
        "period": period.pk if period else None,
        "results": [task_json(t, units[t.pk], statuses.get(t.pk)) for t in items],
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


@api
def period_statuses(request: HttpRequest, pk: int) -> dict[str, Any]:
    plans = list(access.plans_for(request.user).values_list("pk", flat=True))
    period = Period.objects.filter(pk=pk, plan_id__in=plans).first()
    if period is None:
        raise Http404("没有这个填报周期，或您无权查看。")
    visible = access.tasks_for(request.user).filter(plan_id=period.plan_id)
    statuses = (
        TaskStatus.objects.filter(period=period, task__in=visible)
        .select_related("judged", "signed", "task")
        .order_by("task__order")
    )
    items, meta = page(request, statuses)
    # The 小结's figures cover the whole plan: for those who see the whole plan only.
    whole = roles.is_office(request.user) or roles.is_leader(request.user)
    return {
        **meta,
        "period": period_json(period),
        "summary": reports.summary_for(period.plan, period) if whole else None,
        "results": [{"task": s.task_id, "number": s.task.number, **(status_json(s) or {})} for s in items],
    }


@api
def units(request: HttpRequest) -> dict[str, Any]:
    if not (roles.is_office(request.user) or roles.is_leader(request.user)):
        raise PermissionDenied("只有政府办和领导可以查看单位目录。")
    directory = (
        Unit.objects.filter(government__in=scope.governments_for(request.user))
        .select_related("government")
        .prefetch_related(Prefetch("aliases", to_attr="alias_list"))
        .order_by("government__name", "name")
    )
    items, meta = page(request, directory)
    return {
        **meta,
        "results": [
            {
                "id": u.pk,
                "government": u.government.name,
                "name": u.name,
                "kind": u.kind,
                "active": u.active,
                "aliases": [a.name for a in u.alias_list],
            }
            for u in items
        ],
    }


@api
def not_found(request: HttpRequest, rest: str = "") -> dict[str, Any]:
    """Any other address under /api/ (a non-integer id included): 404 in JSON, as the description says."""
    raise Http404("没有这个接口地址，或编号不是整数。")
