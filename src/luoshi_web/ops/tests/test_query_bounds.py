"""Pages and API lists make a bounded number of SQL queries, however many tasks a plan has."""

from __future__ import annotations

import types
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from luoshi_web.plans.models import Indicator, Task, TaskUnit
from luoshi_web.reporting.models import Observation, ProgressEntry, TaskStatus, Verdict
from luoshi_web.test import make_world

MAX_QUERIES = 25


def grow(world: Any, count: int) -> None:
    """Give the plan ``count`` more tasks, each with units, indicators, a report, figures and a verdict."""
    part = world.task_a.part
    tasks = Task.objects.bulk_create(
        [
            Task(
                plan=world.plan,
                part=part,
                section=world.task_a.section,
                order=10 + i,
                number=str(10 + i),
                text=f"任务{i}",
            )
            for i in range(count)
        ]
    )
    TaskUnit.objects.bulk_create(
        [TaskUnit(task=t, unit=world.unit_a, role="lead") for t in tasks]
        + [TaskUnit(task=t, unit=world.streets, role="co") for t in tasks]
    )
    Indicator.objects.bulk_create(
        [Indicator(task=t, kind="count", comparator=">=", value=10, unit="件", text="10件") for t in tasks]
    )
    entries = ProgressEntry.objects.bulk_create(
        [
            ProgressEntry(task=t, period=world.period, unit=world.unit_a, author=world.liaison_a, text="完成8件。")
            for t in tasks
        ]
    )
    Observation.objects.bulk_create([Observation(entry=e, value=8, unit="件", text="8件") for e in entries])
    verdicts = Verdict.objects.bulk_create(
        [
            Verdict(task=t, period=world.period, entry=e, source="judge", value="not_done")
            for t, e in zip(tasks, entries, strict=True)
        ]
    )
    TaskStatus.objects.bulk_create(
        [
            TaskStatus(
                task=t, period=world.period, state="submitted", entry=e, judged=v, behind=True, disagreement=True
            )
            for t, e, v in zip(tasks, entries, verdicts, strict=True)
        ]
    )


@pytest.fixture
def world(db: None) -> Any:
    namespace = types.SimpleNamespace()
    make_world(namespace)
    grow(namespace, 150)
    return namespace


PAGES = [
    ("office", "home", lambda w: []),
    ("office", "plans:list", lambda w: []),
    ("office", "reporting:plan", lambda w: [w.plan.pk]),
    ("office", "review:queue", lambda w: []),
    ("liaison_a", "reporting:mine", lambda w: []),
    ("liaison_a", "reporting:plan", lambda w: [w.plan.pk]),
    ("office", "api:plans", lambda w: []),
    ("office", "api:plan_tasks", lambda w: [w.plan.pk]),
    ("liaison_a", "api:plan_tasks", lambda w: [w.plan.pk]),
    ("office", "api:period_statuses", lambda w: [w.period.pk]),
    ("office", "units:list", lambda w: []),
]


@pytest.mark.parametrize(("role", "name", "args"), PAGES, ids=[f"{r}-{n}" for r, n, _ in PAGES])
def test_a_page_with_many_tasks_makes_a_bounded_number_of_queries(
    world: Any, role: str, name: str, args: Any, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    client.force_login(getattr(world, role))
    url = reverse(name, args=args(world))
    if name == "api:plan_tasks":
        url += f"?period={world.period.pk}"
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def test_the_execution_table_download_makes_a_bounded_number_of_queries(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    client = Client()
    client.force_login(world.office)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("review:download", args=[world.plan.pk, world.period.pk, "table", "xlsx"]))
    assert response.status_code == 200


# --------------------------------------------------------------------------- many tasks and many governments

SCALED = [
    ("province_office", "home", lambda w: [], ""),
    ("province_office", "dashboard:compare", lambda w: [], "?sort=behind"),
    ("province_office", "dashboard:plan", lambda w: [w.plan.pk], ""),
    ("province_office", "plans:list", lambda w: [], ""),
    ("province_office", "units:list", lambda w: [], ""),
    ("district_office", "home", lambda w: [], ""),
    ("district_office", "dashboard:plan", lambda w: [w.plan.pk], ""),
    ("district_office", "reporting:plan", lambda w: [w.plan.pk], "?page=2"),
    ("district_office", "reporting:plan", lambda w: [w.plan.pk], "?standing=behind"),
    ("district_office", "dashboard:unit", lambda w: [w.unit.pk], ""),
    ("district_office", "dashboard:notice", lambda w: [w.plan.pk, w.period.pk], ""),
    ("district_leader", "home", lambda w: [], ""),
    ("district_liaison", "reporting:mine", lambda w: [], ""),
    ("district_office", "api:plans", lambda w: [], ""),
    ("district_office", "api:period_statuses", lambda w: [w.period.pk], ""),
    ("province_office", "api:units", lambda w: [], ""),
    (None, "dashboard:public", lambda w: [w.plan.pk], ""),
]


def _scaled(name: str, users: str, **size: int) -> Any:
    from luoshi_web.ops import scale
    from luoshi_web.plans.models import Plan

    built = scale.build(name=name, users=users, **size)
    world = types.SimpleNamespace(users=built.users)
    world.plan = Plan.objects.get(government=built.users["district_office"].government)
    world.period = world.plan.periods.order_by("end").last()
    world.unit = world.plan.tasks.order_by("order")[0].assignments.get(role="lead").unit
    Plan.objects.filter(pk=world.plan.pk).update(public=True)
    return world


def _queries(world: Any, role: str | None, name: str, args: Any, query: str) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if role:
        client.force_login(world.users[role])
    url = reverse(name, args=args(world)) + query
    client.get(url)  # the first request may fill per-process caches (URL paths)
    cache.clear()  # counted as computed, not as remembered by the cockpit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


@pytest.mark.slow
@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_tasks_or_governments() -> None:
    """The same pages on 1 + 1 × 2 governments of 6 tasks and 2 periods, and 1 + 3 × 4 of 60 tasks and 4 periods."""
    small = _scaled("甲省", "a_", cities=1, districts_per_city=2, tasks=6, periods=2)
    large = _scaled("乙省", "b_", cities=3, districts_per_city=4, tasks=60, periods=4)
    for role, name, args, query in SCALED:
        assert _queries(small, role, name, args, query) == _queries(large, role, name, args, query), (role, name)
