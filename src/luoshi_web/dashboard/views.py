"""The cockpit (领导驾驶舱): a plan's year at a glance, a unit's year, the comparison across governments,
the 督查通报 as a page, and the public page of progress (政务公开).

The office and leaders land on it; a liaison lands on their tasks. Every number and every chart
element links to the filtered task list behind it (``reporting:plan`` with ``standing``, ``lead``,
``section``); the figures come from ``dashboard.stats`` in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import F, Max, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods
from markupsafe import Markup

from luoshi import REPORTS, LuoshiError, progress_notice
from luoshi_web import clock, memo, roles
from luoshi_web.audit import trail
from luoshi_web.dashboard import charts, public, stats
from luoshi_web.paging import page_of
from luoshi_web.plans import access
from luoshi_web.plans.models import Period, Plan, Task, TaskUnit, current_period, periods_of
from luoshi_web.prepared import Prepared
from luoshi_web.reporting import marks, reports, standing
from luoshi_web.reporting.models import ProgressEntry, TaskStatus
from luoshi_web.review.models import Reminder
from luoshi_web.units import scope
from luoshi_web.units.models import Government, Unit


def default_plan(plans: QuerySet[Plan] | list[Plan]) -> Plan | None:
    """The plan being reported now: the one whose period ended last (before today), else the latest."""
    if isinstance(plans, list):
        ended = (
            Period.objects.filter(plan__in=plans, end__lte=clock.today())
            .order_by("-end", "-plan__year")
            .values_list("plan_id", flat=True)
            .first()
        )
        latest = sorted(plans, key=lambda p: (-p.year, p.title))
        return next((p for p in plans if p.pk == ended), latest[0] if latest else None)
    return _being_reported(plans, clock.today()).first()


def _being_reported(plans: QuerySet[Plan], today: dt.date) -> QuerySet[Plan]:
    """One query: each plan with the end of its last ended period, the latest first (plans without one last)."""
    last_end = Max("periods__end", filter=Q(periods__end__lte=today))
    return (
        plans.select_related("government")
        .annotate(last_end=last_end)
        .order_by(F("last_end").desc(nulls_last=True), "-year", "title")
    )


# The home page's plan of the office and leaders, compiled once per process (``access.ForReader``).
_own_plan_now = access.ForReader(
    lambda user, today: _being_reported(
        access.plans_for(user, change=False).filter(government__in=scope.governments_managed(user).values("pk")),
        today,
    )[:1]
)


def home(request: HttpRequest) -> HttpResponse:
    """The liaison's tasks; for the office and leaders the cockpit of their plan being reported now."""
    user: Any = request.user
    if roles.is_liaison(user):
        return redirect("reporting:mine")
    if not (roles.is_office(user) or roles.is_leader(user)):
        return render(request, "dashboard/no_role.html", status=403)
    if scope.reads_below(user):
        return compare(request)
    plan = next(iter(_own_plan_now(user, clock.today())), None)
    if plan is None:
        return render(request, "dashboard/plan.html", {"plan": None})
    return _plan_dashboard(request, plan)


@roles.readers_required
def plan_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_dashboard(request, access.get_plan(request.user, pk))


def _period_of(request: HttpRequest, periods: list[Period]) -> Period | None:
    wanted = request.GET.get("period", "")
    return next((p for p in periods if str(p.pk) == wanted), None) or current_period(periods)


def _list_url(plan: Plan, period: Period | None, **filters: Any) -> str:
    """The task list behind a number: ``reporting:plan`` with the filters (ids and codes, nothing to escape)."""
    base = _plan_urls.get(plan.pk)
    if base is None:
        base = _plan_urls[plan.pk] = reverse("reporting:plan", args=[plan.pk])
    query = [f"period={period.pk}"] if period else []
    query += [f"{k}={v}" for k, v in filters.items() if v not in (None, "")]
    return base + "?" + "&".join(query)


# Plan id → its list's path: built once per process (a path depends only on the id).
_plan_urls: dict[int, str] = {}


@functools.lru_cache(maxsize=4096)
def _plan_path(plan_id: int) -> str:
    """A plan's cockpit path (once per process: it depends only on the id)."""
    return reverse("dashboard:plan", args=[plan_id])


def _plan_dashboard(request: HttpRequest, plan: Plan) -> HttpResponse:
    user: Any = request.user
    periods = periods_of(plan)
    period = _period_of(request, periods)
    context: dict[str, Any] = {
        "plan": plan,
        "period": period,
        "periods": periods,
        # The other plans to switch to: what the menu prints, as columns.
        "plans": _plan_menu(user),
        "can_change": access.can_change(user, plan),
        "downloads": reports.offered(),
    }
    if period is None:
        return render(request, "dashboard/plan.html", context)
    overseen = sorted(_overseen(user.pk)) if roles.is_leader(user) else []
    state = tuple(_cockpit_state(plan.pk, plan.government_id))
    # The figures' HTML — counts, charts, ranking — is the same for every reader of this plan, period, page of
    # the ranking and set of overseen units: rendered once and kept under the plan's state (a report, verdict,
    # sign-off, edit of a task, period or unit changes the state, and with it the key).
    context["figures"] = Markup(
        memo.remembered(
            "cockpit:plan-figures",
            (plan.pk, plan.version, period.pk, clock.today(), request.GET.urlencode(), *overseen, "|", *state),
            lambda: _plan_figures(request, plan, period, periods, overseen, state),
        )
    )
    return render(request, "dashboard/plan.html", context)


# The cockpit's queries, compiled once per process (``prepared``, ``access.ForReader``).
_plan_menu = access.ForReader(
    lambda user: (
        access.plans_for(user)
        .order_by("-year", "government__name", "title")
        .values("pk", "year", "title", government_name=F("government__name"))[:20]
    )
)
_overseen = Prepared(lambda user_id: Unit.objects.filter(overseers__pk=user_id).values_list("pk", flat=True))
# The state the figures are kept under: the plan's statuses, live tasks, periods and units.
_cockpit_state = Prepared(
    lambda plan_id, government_id: (
        memo.fingerprint(TaskStatus.objects.filter(period__plan_id=plan_id), ("MAX", "updated_at")),
        *_live_state(plan_id, government_id),
    )
)


def _plan_figures(
    request: HttpRequest, plan: Plan, period: Period, periods: list[Period], overseen: list[int], state: Any
) -> str:
    """The cockpit's figures for ``period`` as HTML (``dashboard/plan_figures.html``)."""
    sections, units, trend, indicators = memo.remembered(
        "cockpit:plan",
        (plan.pk, period.pk, plan.version, *state),
        lambda: (
            stats.by_section(plan, period),
            stats.by_unit(plan, period),
            stats.trend(plan, periods),
            stats.main_indicators(plan, periods),
        ),
    )
    units = stats.first_overseen(units, overseen)
    tally = stats.Tally.sum(s.tally for s in sections)
    units_page = page_of(request, units)

    def link(**filters: Any) -> str:
        return _list_url(plan, period, **filters)

    status_rows = tally_rows(tally, link)
    figures = {
        "status": charts.standings_pie(tally.rows(), lambda code: link(standing=code), "任务状态"),
        "sections": charts.stacked(
            [s.title for s in sections],
            [s.tally for s in sections],
            lambda i, code: link(section=sections[i].pk, standing=code),
            "各章节推进情况",
            horizontal=True,
        ),
        "units": charts.bars(
            [u.name for u in units],
            [
                ("达序率", "#12b76a", [u.rate for u in units]),
                ("按时报送率", "#175cd3", [u.on_time_rate for u in units]),
            ],
            lambda i: link(lead=units[i].pk),
            "各牵头单位：达序率与按时报送率（%）",
            horizontal=True,
            percent=True,
        ),
        "trend": charts.stacked(
            [r.period.name for r in trend],
            [r.tally for r in trend],
            lambda i, code: _list_url(plan, trend[i].period, standing=code),
            "全年各期推进情况",
        ),
    }
    if indicators and period in periods:
        at = periods.index(period)
        figures["indicators"] = charts.bars(
            [i.indicator.metric for i in indicators],
            [
                ("目标（增长%）", "#98a2b3", [i.indicator.value for i in indicators]),
                (f"{period.name}实绩或预计", "#175cd3", [i.cells[at].get("growth") for i in indicators]),
            ],
            None,
            "主要指标：目标与实绩（%）",
            percent=True,
        )
    return render_to_string(
        "dashboard/plan_figures.html",
        {
            "plan": plan,
            "period": period,
            "periods": periods,
            "status_rows": status_rows,
            "tally": tally,
            "sections": [
                {
                    "row": s,
                    "url": link(section=s.pk),
                    "cells": _cells(s.tally, lambda c, s=s: link(section=s.pk, standing=c)),
                }
                for s in sections
            ],
            "units": [
                {"row": u, "url": link(lead=u.pk), "behind_url": link(lead=u.pk, standing="behind")}
                for u in units_page.object_list
            ],
            "units_page": units_page,
            "trend": [
                {"row": r, "cells": _cells(r.tally, lambda c, r=r: _list_url(plan, r.period, standing=c))}
                for r in trend
            ],
            "indicators": indicators,
            "standings": standing.STANDINGS,
            "charts": figures,
            "overseen": bool(overseen),
        },
    )


def _live_state(plan_id: int, government_id: int) -> tuple[QuerySet[Any], ...]:
    """The plan's tasks, periods and units as they stand (a task withdrawn, a period added or edited, a unit
    renamed changes the figures), as parts of the state's one query."""
    return (
        memo.fingerprint(Task.objects.filter(plan_id=plan_id, withdrawn=False), ("MAX", "updated_at")),
        memo.fingerprint(Period.objects.filter(plan_id=plan_id), ("SUM", "version")),
        memo.fingerprint(Unit.objects.filter(government_id=government_id), ("SUM", "version")),
    )


def tally_rows(tally: stats.Tally, link: Any) -> list[dict[str, Any]]:
    return [{**row, "url": link(standing=row["code"])} for row in tally.rows()]


def _cells(tally: stats.Tally, url: Any) -> list[dict[str, Any]]:
    return [{"n": tally.get(s.code), "url": url(s.code), "code": s.code} for s in standing.STANDINGS]


# --------------------------------------------------------------------------- a unit's year


@roles.readers_required
def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One unit's tasks, reports, lights and reminders over the year of a plan (``?plan=``)."""
    user: Any = request.user
    unit = Unit.objects.filter(pk=pk, government__in=scope.governments_for(user)).select_related("government").first()
    if unit is None:
        raise Http404("没有这个单位。")
    plans = list(access.plans_for(user).filter(government_id=unit.government_id).order_by("-year", "title"))
    wanted = request.GET.get("plan", "")
    plan = next((p for p in plans if str(p.pk) == wanted), None) if wanted.isdigit() else default_plan(plans)
    context: dict[str, Any] = {"unit": unit, "plan": plan, "plans": plans}
    if plan is None:
        return render(request, "dashboard/unit.html", context)
    periods = periods_of(plan)
    period = _period_of(request, periods)
    ids = scope.unit_and_groups(unit)
    # The year's table is the same for every reader: rendered once and kept under the plan's state (its
    # periods, statuses, tasks and units: a report touches its status row, an edit of a task or its units its
    # task), the unit and its collective names, and the page asked.
    state = reports.year_state([plan], sorted(p.pk for p in periods))
    year = memo.remembered(
        "cockpit:unit",
        (unit.pk, *ids, "|", plan.pk, period.pk if period else None, request.GET.urlencode(), *state),
        lambda: _unit_year(request, unit, ids, plan, periods, period, state),
    )
    context.update(
        {
            "period": period,
            "year": Markup(year),
            "reminders": [
                {**r, "task_label": f"第{r['task_number']}项" if r["task_number"] else "（续）"}
                for r in Reminder.objects.filter(unit=unit, period__plan=plan).values(
                    "created_at",
                    "message",
                    "read_at",
                    "task_id",
                    task_number=F("task__number"),
                    period_name=F("period__name"),
                )[:50]
            ],
            "liaisons": unit.liaisons.filter(is_active=True).values_list("first_name", "username", "phone"),
        }
    )
    return render(request, "dashboard/unit.html", context)


def _unit_year(
    request: HttpRequest,
    unit: Unit,
    ids: list[int],
    plan: Plan,
    periods: list[Period],
    period: Period | None,
    state: tuple[Any, ...],
) -> str:
    """A unit's tasks in ``plan`` (a page of them), each with its standing in every period, and the tasks it
    leads counted for ``period``: as HTML (``dashboard/unit_year.html``)."""
    # Every assignment of the plan's tasks the unit has (itself or through a collective name it belongs
    # to), in one query: which tasks are the unit's and in what order, which it leads, their lead units.
    # (The page's readers, the office and leaders, read every task of a plan they read: the table is theirs alike.)
    share = access.plan_tasks(request.user, plan).filter(
        pk__in=TaskUnit.objects.filter(unit_id__in=ids).values("task_id")
    )
    order: list[int] = []
    led: set[int] = set()
    names: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"lead": [], "co": []})
    for task_id, unit_id, role, name in (
        TaskUnit.objects.filter(task__in=share)
        .order_by("task__order", "task_id", "order")
        .values_list("task_id", "unit_id", "role", "unit__name")
    ):
        if not order or order[-1] != task_id:
            order.append(task_id)
        names[task_id][role].append(name)
        if unit_id in ids and role == TaskUnit.LEAD:
            led.add(task_id)
    page = page_of(request, order)
    ids_shown: list[int] = list(page.object_list)
    tasks = {t.pk: t for t in Task.objects.filter(memo.ids_in("pk", ids_shown)).select_related("section")}
    shown = [tasks[pk] for pk in ids_shown]
    found = marks.marks(periods, state)
    entries = {
        (task_id, period_id)
        for task_id, period_id in ProgressEntry.objects.filter(task__in=shown, unit=unit).values_list(
            "task_id", "period_id"
        )
    }
    rows = [
        {
            "task": t,
            "role": "主办" if any(n == unit.name for n in names[t.pk]["lead"]) else "协办",
            "lead": names[t.pk]["lead"],
            "cells": [
                {
                    "standing": standing.BY_CODE[found[(t.pk, p.pk)].standing if (t.pk, p.pk) in found else "missing"],
                    "reported": (t.pk, p.pk) in entries,
                    "period": p,
                }
                for p in periods
            ],
        }
        for t in shown
    ]
    tally = None
    if period is not None:
        # The unit's led tasks counted by their marks for the period.
        counted = Counter(found[(t, period.pk)].standing if (t, period.pk) in found else "missing" for t in led)
        tally = stats.Tally(dict(counted))
    return render_to_string(
        "dashboard/unit_year.html",
        {
            "period": period,
            "periods": periods,
            "rows": rows,
            "page": page,
            "status_rows": tally_rows(tally, lambda **f: _list_url(plan, period, lead=unit.pk, **f)) if tally else [],
        },
    )


# --------------------------------------------------------------------------- across governments


@roles.readers_required
def compare(request: HttpRequest) -> HttpResponse:
    """The governments below the user's: completion, lagging and late reporting, as a table and a chart."""
    user: Any = request.user
    years = _years(user)
    wanted = request.GET.get("year", "")
    year = int(wanted) if wanted.isdigit() and int(wanted) in years else (_year_now(years))
    end = _date(request.GET.get("end"))
    scope_key = "all" if roles.sees_all_governments(user) else user.government_id  # what governments_for reads
    rows, end, ends, state = stats.compare(user, year, end, scope_key) if year else (list, None, [], ())
    order = request.GET.get("sort", "rate")
    # The chart and table of a page are the same for everyone reading these governments: rendered once and
    # kept under the rows' state (their plans, periods, tasks, statuses and names) and the page asked.
    table = memo.remembered(
        "cockpit:compare-table",
        (*state, order, request.GET.urlencode()),
        lambda: _compare_table(request, rows(), order, year, end),
    )
    return render(
        request,
        "dashboard/compare.html",
        {
            "table": Markup(table),
            "year": year,
            "years": years,
            "end": end,
            "ends": ends,
            "sort": order,
            "own_plans": _own_plans(user, user.government_id) if user.government_id else [],
            "government_name": next(iter(_government_name(user.government_id)), None) if user.government_id else None,
        },
    )


# The comparison's queries, compiled once per process (``prepared``, ``access.ForReader``).
_years = access.ForReader(
    lambda user: (
        Plan.objects.filter(government__in=scope.governments_for(user))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
)
_own_plans = access.ForReader(
    lambda user, government_id: (
        access.plans_for(user)
        .filter(government_id=government_id)
        .order_by("-year", "title")
        .values("pk", "year", "title")[:20]
    )
)
_government_name = Prepared(
    lambda pk: Government.objects.filter(pk=pk).order_by("pk").values_list("name", flat=True)[:1]
)


def _compare_table(
    request: HttpRequest, rows: list[stats.GovernmentRow], order: str, year: int | None, end: dt.date | None
) -> str:
    """The comparison's page of ``rows`` sorted by ``order``: its chart and table as HTML."""
    keys = {
        "rate": lambda r: (-r.tally.rate, r.name),
        "behind": lambda r: (-r.tally.get("behind"), r.name),
        "late": lambda r: (-r.late, r.name),
        "name": lambda r: (r.name,),
    }
    rows.sort(key=keys.get(order, keys["rate"]))
    page = page_of(request, rows)
    shown = list(page.object_list)
    # The chart shows the governments of this page, as the table beside it does (its numbers for print and
    # for screen readers); the sort and the pages reach the others.
    figure = charts.bars(
        [r.name for r in shown],
        [
            ("达序率", "#12b76a", [r.tally.rate for r in shown]),
            (
                "滞后占比",
                "#d92d20",
                [round(100.0 * r.tally.get("behind") / r.total, 1) if r.total else 0 for r in shown],
            ),
        ],
        None,
        "各地区达序率与滞后占比（%）",
        percent=True,
    )
    for i, r in enumerate(shown):
        url = _plan_path(r.plan_id) + (f"?period={r.period_id}" if r.period_id else "")
        for series in figure["series"]:
            series["data"][i]["url"] = url
    return render_to_string(
        "dashboard/compare_table.html", {"rows": shown, "page": page, "year": year, "end": end, "chart": figure}
    )


def _year_now(years: list[int]) -> int | None:
    this = clock.today().year
    return this if this in years else (years[0] if years else None)


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


# --------------------------------------------------------------------------- the 督查通报 as a page


@roles.readers_required
def notice(request: HttpRequest, plan_pk: int, period_pk: int) -> HttpResponse:
    """The period's 督查通报 as a page (the same figures and words as its Word file)."""
    plan = access.get_plan(request.user, plan_pk)
    period = Period.objects.filter(pk=period_pk, plan=plan).first()
    if period is None:
        raise Http404("没有这个填报周期。")
    report = REPORTS["notice"]

    def compute() -> dict[str, Any]:
        request_, _ = reports.gather(plan, period)
        try:
            parts = report.select_parts(request_.plan)
        except LuoshiError as exc:
            return {"error": exc.message}
        sheet = progress_notice(replace(request_, parts=parts))
        return {
            "title": sheet.title,
            "preamble": sheet.preamble(),
            "sections": sheet.sections(),
            "unit_headers": sheet.unit_headers(),
            "unit_rows": sheet.unit_rows(),
            "government": sheet.government,
        }

    # The notice's words, kept under the plan's state for the period (as the 小结 is).
    sheet = memo.remembered("notice", reports.plan_state(plan, period), compute)
    if "error" in sheet:
        messages.error(request, sheet["error"])
        return redirect(reverse("dashboard:plan", args=[plan.pk]))
    return render(
        request,
        "dashboard/notice.html",
        {"plan": plan, "period": period, "notice": sheet, "sections": sheet["sections"], "formats": report.formats},
    )


# --------------------------------------------------------------------------- 政务公开


@login_not_required
@require_GET
def public_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan's progress for the public: signed-off statuses only, by section, no login; cacheable."""
    plan = Plan.objects.filter(pk=pk, public=True).select_related("government").first()
    if plan is None:
        raise Http404("没有公开的方案。")
    # Rendered without the request's context (no user, no session read), so the answer is the same for everyone.
    response = HttpResponse(render_to_string("dashboard/public.html", public.context(request, plan)))
    patch_cache_control(response, public=True, max_age=600)
    return response


@roles.office_required
@require_http_methods(["POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The office opts a plan in or out of the public page (and its progress texts)."""
    plan = access.get_plan(request.user, pk, change=True)
    before = {"public": plan.public, "public_progress": plan.public_progress}
    plan.public = bool(request.POST.get("public"))
    plan.public_progress = plan.public and bool(request.POST.get("public_progress"))
    plan.save(update_fields=["public", "public_progress"])
    after = {"public": plan.public, "public_progress": plan.public_progress}
    trail.record(
        request.user,
        "update",
        plan,
        before=before,
        after=after,
        government_id=plan.government_id,
        summary=f"{'公开' if plan.public else '停止公开'}《{plan.title}》的推进情况",
    )
    messages.success(request, "已公开推进情况。" if plan.public else "已停止公开。")
    return redirect(reverse("dashboard:plan", args=[plan.pk]))
