"""Which plans and tasks a user may read, and which they may change (the plans app's part of the access rules).

- The office and leaders: every plan and task of their government and of every government below it
  (a province or city reads its districts'); the office changes only its own government's
  (``change=True``), leaders change nothing.
- A liaison: the tasks their unit leads or supports (including tasks given to a collective name their
  unit belongs to, such as 各街道), and the plans holding them; anything else is answered 404, as if
  it did not exist.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db.models import QuerySet
from django.http import Http404

from luoshi_web import roles
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
        ids = Task.objects.filter(assignments__unit_id__in=unit_scope(user)).values("pk")
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


# ``get_task`` and ``get_plan`` for the office and leaders: the same queries, built from the rules above for a
# stand-in of the user (``_Reader``) and compiled once per process for each role and ``change``.
_task_by_id = Prepared(
    lambda pk, government_id, role, change: (
        tasks_for(_Reader(role, government_id), change=change)
        .select_related("plan__government", "section", "part")
        .filter(pk=pk)
        .order_by()
    )
)
_plan_by_id = Prepared(
    lambda pk, government_id, role, change: (
        plans_for(_Reader(role, government_id), change=change).select_related("government").filter(pk=pk).order_by()
    )
)


def get_task(user: Any, pk: int, *, change: bool = False) -> Task:
    if by_government(user) and type(pk) is int:
        found = _task_by_id(pk, user.government_id, Fixed(user.role), Fixed(change))
        if not found:
            raise Http404("没有这项任务，或您无权查看。")
        return found[0]
    try:
        return tasks_for(user, change=change).select_related("plan__government", "section", "part").get(pk=pk)
    except Task.DoesNotExist as exc:
        raise Http404("没有这项任务，或您无权查看。") from exc


def get_plan(user: Any, pk: int, *, change: bool = False) -> Plan:
    if by_government(user) and type(pk) is int:
        found = _plan_by_id(pk, user.government_id, Fixed(user.role), Fixed(change))
        if not found:
            raise Http404("没有这个方案，或您无权查看。")
        return found[0]
    try:
        return plans_for(user, change=change).select_related("government").get(pk=pk)
    except Plan.DoesNotExist as exc:
        raise Http404("没有这个方案，或您无权查看。") from exc
