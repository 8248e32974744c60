"""Queries compiled once per process (``prepared``, ``access.ForReader``) give what Django gives for every argument."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import F, Q, QuerySet

from luoshi_web import memo
from luoshi_web.accounts.models import User
from luoshi_web.plans import access
from luoshi_web.plans.models import Part, Period, Plan, Task, TaskUnit
from luoshi_web.prepared import _UNPREPARED, Fixed, Prepared
from luoshi_web.units.models import Government, Unit


@pytest.fixture
def tree(db: None) -> dict[str, Any]:
    """A city above two districts, each with a plan of two tasks, two periods and a unit leading its first task."""
    city = Government.objects.create(name="市", full_name="市人民政府")
    found: dict[str, Any] = {"city": city, "districts": [], "plans": [], "units": []}
    for i in range(2):
        district = Government.objects.create(name=f"第{i}区", full_name=f"第{i}区人民政府", parent=city)
        plan = Plan.objects.create(government=district, year=2021 + i, title=f"方案{i}")
        unit = Unit.objects.create(government=district, name=f"单位{i}")
        part = Part.objects.create(plan=plan, title="一", kind="decomposition")
        for n in range(2):
            task = Task.objects.create(plan=plan, part=part, order=n, number=str(n + 1), text=f"任务{i}-{n}")
            if n == 0:
                TaskUnit.objects.create(task=task, unit=unit, role=TaskUnit.LEAD)
        for month in (6, 12):
            end = dt.date(2021, month, 28)
            Period.objects.create(plan=plan, name=f"{month}月", start=dt.date(2021, 1, 1), end=end, due=end)
        found["districts"].append(district)
        found["plans"].append(plan)
        found["units"].append(unit)
    return found


def _compiled(prepared: Prepared) -> list[Any]:
    return [v for v in prepared._shapes.values() if v is not _UNPREPARED]


def test_rows_as_django_reads_them_for_each_argument(tree: dict[str, Any]) -> None:
    kinds: dict[str, Callable[[int], QuerySet[Any]]] = {
        "values": lambda g: Plan.objects.filter(government__parent_id=g).values(
            "pk", "title", name=F("government__name")
        ),
        "values_list": lambda g: Plan.objects.filter(government__parent_id=g).values_list("pk", "year"),
        "flat": lambda g: Government.objects.filter(parent_id=g).values_list("name", flat=True),
        "models": lambda g: Plan.objects.filter(government__parent_id=g).select_related("government"),
    }
    for build in kinds.values():
        prepared = Prepared(build)
        for government in (tree["city"], *tree["districts"], tree["city"]):
            got = prepared(government.pk)
            assert got == list(build(government.pk))
        assert len(_compiled(prepared)) == 1
    plans = Prepared(kinds["models"])(tree["city"].pk)
    assert sorted(p.government.name for p in plans) == ["第0区", "第1区"]  # select_related objects filled


def test_an_argument_sent_several_times_and_a_list_of_ids(tree: dict[str, Any]) -> None:
    def build(government_id: int, ids: list[int]) -> QuerySet[Any]:
        where = Q(government_id=government_id) | Q(government__parent_id=government_id)
        return Plan.objects.filter(where, memo.ids_in("pk", ids)).values_list("pk", flat=True)

    prepared = Prepared(build)
    first, second = tree["plans"]
    for government, ids in (
        (tree["city"], [first.pk]),
        (tree["city"], [first.pk, second.pk]),
        (tree["districts"][1], [first.pk, second.pk]),
    ):
        assert prepared(government.pk, ids) == list(build(government.pk, ids))
    assert prepared(tree["city"].pk, []) == []  # no ids: Django's own answer, no query
    assert len(_compiled(prepared)) == 1


def test_none_and_fixed_arguments_are_forms_of_their_own(tree: dict[str, Any]) -> None:
    prepared = Prepared(
        lambda parent, order: Government.objects.filter(parent_id=parent).order_by(order).values_list("name", flat=True)
    )
    assert prepared(None, Fixed("name")) == ["市"]
    assert prepared(tree["city"].pk, Fixed("-name")) == ["第1区", "第0区"]
    assert prepared(tree["city"].pk, Fixed("name")) == ["第0区", "第1区"]
    assert len(_compiled(prepared)) == 3


def test_a_value_django_rewrites_or_writes_into_the_sql_is_built_each_time(tree: dict[str, Any]) -> None:
    contains = Prepared(lambda words: Government.objects.filter(name__contains=words).values_list("name", flat=True))
    assert contains("0") == ["第0区"]
    assert contains("1") == ["第1区"]
    assert _compiled(contains) == []
    sliced = Prepared(lambda n: Government.objects.order_by("name").values_list("name", flat=True)[:n])
    assert sliced(1) == ["市"] and len(sliced(2)) == 2
    assert _compiled(sliced) == []


def test_aggregates_in_one_row(tree: dict[str, Any]) -> None:
    def build(government_id: int, end: dt.date) -> tuple[QuerySet[Any], ...]:
        return (
            memo.aggregate(Government.objects.filter(parent_id=government_id), "COUNT"),
            memo.fingerprint(
                Period.objects.filter(plan__government__parent_id=government_id, end__lte=end), ("MAX", "end")
            ),
        )

    prepared = Prepared(build)
    for end in (dt.date(2021, 7, 1), dt.date(2022, 1, 1)):
        assert tuple(prepared(tree["city"].pk, end)) == memo.scalars(*build(tree["city"].pk, end))
    assert prepared(tree["districts"][0].pk, dt.date(2022, 1, 1))[:2] == [0, 0]
    assert len(_compiled(prepared)) == 1


@pytest.mark.parametrize("role", [User.OFFICE, User.LEADER, User.LIAISON])
def test_for_reader_reads_what_the_rules_read_for_each_user(role: str, tree: dict[str, Any]) -> None:
    plans_read = access.ForReader(lambda user: access.plans_for(user).order_by("pk").values_list("pk", flat=True))
    tasks_read = access.ForReader(
        lambda user, plan_id: access.tasks_for(user).filter(plan_id=plan_id).order_by("pk").values_list("pk", flat=True)
    )
    users = []
    for i, government in enumerate([tree["city"], *tree["districts"]]):
        unit = tree["units"][i - 1] if role == User.LIAISON and i else None
        if role == User.LIAISON and unit is None:
            continue
        users.append(User.objects.create(username=f"{role}{i}", role=role, government=government, unit=unit))
    for user in users:
        user = User.objects.get(pk=user.pk)
        assert plans_read(user) == list(plans_read.build(user))
        for plan in tree["plans"]:
            assert tasks_read(user, plan.pk) == list(tasks_read.build(user, plan.pk))
    compiled = _compiled(plans_read.for_liaison if role == User.LIAISON else plans_read.prepared)
    assert len(compiled) == 1  # one form for every user of the role
    if role == User.LIAISON:  # a liaison reads their unit's tasks only
        user = User.objects.get(username=f"{role}1")
        assert tasks_read(user, tree["plans"][0].pk) == [tree["plans"][0].tasks.order_by("pk")[0].pk]
        assert tasks_read(user, tree["plans"][1].pk) == []


def test_get_plan_refuses_a_plan_of_another_government(tree: dict[str, Any]) -> None:
    from django.http import Http404

    office = User.objects.create(username="office", role=User.OFFICE, government=tree["districts"][0])
    assert access.get_plan(office, tree["plans"][0].pk) == tree["plans"][0]
    with pytest.raises(Http404):
        access.get_plan(office, tree["plans"][1].pk)
    city = User.objects.create(username="city", role=User.OFFICE, government=tree["city"])
    assert access.get_plan(city, tree["plans"][1].pk).government.name == "第1区"
    with pytest.raises(Http404):
        access.get_plan(city, tree["plans"][1].pk, change=True)  # a city reads its districts' plans, never changes them
