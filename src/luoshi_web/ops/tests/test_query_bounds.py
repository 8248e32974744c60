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
