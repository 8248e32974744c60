"""Which plans and tasks a user may read, and which they may change (the plans app's part of the access rules).

- The office and leaders: every plan and task of their government and of every government below it
  (a province or city reads its districts'); the office changes only its own government's
  (``change=True``), leaders change nothing.
- A liaison: the tasks their unit leads or supports (including tasks given to a collective name their
  unit belongs to, such as 各街道), and the plans holding them; anything else is answered 404, as if
  it did not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.http import Http404

from luoshi_web import memo, roles
from luoshi_web.plans.models import Plan, Task
from luoshi_web.prepared import Fixed, Prepared
from luoshi_web.units.scope import governments_for, governments_managed, unit_scope


def _governments(user: Any, change: bool) -> QuerySet[Any]:
    return (governments_managed if change else governments_for)(user).values("pk")


def tasks_for(user: Any, *, change: bool = False) -> QuerySet[Task]:
    """The tasks ``user`` may read (``change``: those of their own government, which the office may act on)."""
    tasks = Task.objects.filter(withdrawn=False)
    if roles.sees_all_governments(user):
        return tasks
    if user.role in (roles.OFFICE, roles.LEADER) and user.government_id:
        return tasks.filter(plan__government__in=_governments(user, change))
    if roles.is_liaison(user):
        ids = Task.objects.filter(memo.ids_in("assignments__unit_id", unit_scope(user))).values("pk")
        return tasks.filter(pk__in=ids, plan__government_id=user.unit.government_id)
    return tasks.none()


def plan_tasks(user: Any, plan: Plan) -> QuerySet[Task]:
    """The tasks of ``plan`` (a plan ``user`` reads: from ``get_plan``) that ``user`` reads.

    The rows of ``tasks_for(user).filter(plan=plan)``: the office and leaders read every task of a plan
    they read, so their query needs no join to the governments they read.
    """
    if roles.is_liaison(user):
        return tasks_for(user).filter(plan=plan)
    return Task.objects.filter(plan=plan, withdrawn=False)


def plans_for(user: Any, *, change: bool = False) -> QuerySet[Plan]:
    """The plans ``user`` may read (a liaison: those holding at least one of their unit's tasks)."""
    plans = Plan.objects.all()
    if roles.sees_all_governments(user):
        return plans
    if user.role in (roles.OFFICE, roles.LEADER) and user.government_id:
        return plans.filter(government__in=_governments(user, change))
    if roles.is_liaison(user):
        return plans.filter(pk__in=tasks_for(user).values("plan_id"))
    return plans.none()


def can_change(user: Any, plan: Plan) -> bool:
    """Whether ``user`` is the office of ``plan``'s government (or the site's administrator)."""
    return roles.is_office(user) and (roles.sees_all_governments(user) or plan.government_id == user.government_id)


class _Reader(NamedTuple):
    """What the rules above read of an office's or a leader's user (``by_government``): the user as a query
    compiled once per process for every such user of a role sees them, their government a parameter."""

    role: str
    government_id: int
    is_superuser: bool = False
    is_authenticated: bool = True
    unit_id: None = None


def by_government(user: Any) -> bool:
    """Whether what ``user`` reads follows from their role and government alone (the office and leaders)."""
    return bool(
        user.role in (roles.OFFICE, roles.LEADER) and user.government_id and not roles.sees_all_governments(user)
    )


class _UnitOf(NamedTuple):
    government_id: int


class _Liaison:
    """What the rules above read of a liaison's user: their unit's government and the units whose tasks they
    see (``unit_scope``: their unit and its collective names), as ``_Reader`` for the office."""

    role = roles.LIAISON
    is_superuser = False
    is_authenticated = True

    def __init__(self, government_id: int, unit_id: int, unit_government_id: int, units: list[int]) -> None:
        self.government_id = government_id
        self.unit_id = unit_id
        self.unit = _UnitOf(unit_government_id)
        self._unit_scope = units


class ForReader:
    """``ForReader(build)(user, *args)``: the rows of ``build(user, *args)`` — a query built from the rules here —,
    compiled once per process (``prepared``) for the office and leaders of each role — built for a stand-in of
    the user (``_Reader``), their government a parameter — and for liaisons (``_Liaison``: their unit's
    government and the units whose tasks they see, one parameter). Anyone else's query is built each time."""

    def __init__(self, build: Callable[..., QuerySet[Any]]) -> None:
        self.build = build
        self.prepared = Prepared(lambda government_id, role, *args: build(_Reader(role, government_id), *args))
        self.for_liaison = Prepared(
            lambda government_id, unit_id, unit_government_id, units, *args: build(
                _Liaison(government_id, unit_id, unit_government_id, units), *args
            )
        )

    def __call__(self, user: Any, *args: Any) -> list[Any]:
        if by_government(user):
            return self.prepared(user.government_id, Fixed(user.role), *args)
        if roles.is_liaison(user) and not user.is_superuser:
            units = unit_scope(user)
            unit = user.unit
            if units and unit is not None and user.government_id is not None:
                return self.for_liaison(user.government_id, user.unit_id, unit.government_id, units, *args)
        return list(self.build(user, *(a.value if isinstance(a, Fixed) else a for a in args)))


class ListForReader:
    """A list built from the rules here (``build(user, *args)``), counted and paged by Django's ``Paginator``
    through queries compiled once per process (``ForReader``): ``rows(user, *args)`` is what ``page_of`` takes."""

    def __init__(self, build: Callable[..., QuerySet[Any]]) -> None:
        self.build = build
        self.counted = ForReader(lambda user, *args: memo.aggregate(build(user, *args), "COUNT"))
        self.sliced = ForReader(lambda user, *args: build(user, *args[:-2])[args[-2] : args[-1]])

    def rows(self, user: Any, *args: Any) -> Rows:
        return Rows(self, user, args)


class Rows:
    """A list's rows as ``Paginator`` reads them: ``count()`` and a slice, each one compiled query."""

    ordered = True

    def __init__(self, found: ListForReader, user: Any, args: tuple[Any, ...]) -> None:
        self.found, self.user, self.args = found, user, args

    def count(self) -> int:
        return int(self.found.counted(self.user, *self.args)[0]["value"])

    def __getitem__(self, part: slice) -> list[Any]:
        return self.found.sliced(self.user, *self.args, Fixed(part.start), Fixed(part.stop))


_task_by_id = ForReader(
    lambda user, pk, change: (
        tasks_for(user, change=change).select_related("plan__government", "section", "part").filter(pk=pk).order_by()
    )
)
_plan_by_id = ForReader(
    lambda user, pk, change: plans_for(user, change=change).select_related("government").filter(pk=pk).order_by()
)


def get_task(user: Any, pk: int, *, change: bool = False) -> Task:
    found = _task_by_id(user, pk, Fixed(change)) if type(pk) is int else _task_by_id.build(user, pk, change)[:1]
    if not found:
        raise Http404("没有这项任务，或您无权查看。")
    return found[0]


def get_plan(user: Any, pk: int, *, change: bool = False) -> Plan:
    found = _plan_by_id(user, pk, Fixed(change)) if type(pk) is int else _plan_by_id.build(user, pk, change)[:1]
    if not found:
        raise Http404("没有这个方案，或您无权查看。")
    return found[0]
