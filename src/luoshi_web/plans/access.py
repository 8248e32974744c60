"""Which plans and tasks a user may read (the plans app's part of the access rules).

- The office and leaders: every plan and task of their government.
- A liaison: the tasks their unit leads or supports (including tasks given to a collective name their
  unit belongs to, such as 各街道), and the plans holding them; anything else is answered 404, as if
  it did not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from luoshi_web import roles
from luoshi_web.plans.models import Plan, Task
from luoshi_web.units.scope import unit_scope


def tasks_for(user: Any) -> QuerySet[Task]:
    """The tasks ``user`` may read."""
    tasks = Task.objects.filter(withdrawn=False)
    if roles.sees_all_governments(user):
        return tasks
    if user.role in (roles.OFFICE, roles.LEADER) and user.government_id:
        return tasks.filter(plan__government_id=user.government_id)
    if roles.is_liaison(user):
        ids = Task.objects.filter(assignments__unit_id__in=unit_scope(user)).values("pk")
        return tasks.filter(pk__in=ids, plan__government_id=user.unit.government_id)
    return tasks.none()


def plans_for(user: Any) -> QuerySet[Plan]:
    """The plans ``user`` may read (a liaison: those holding at least one of their unit's tasks)."""
    plans = Plan.objects.all()
    if roles.sees_all_governments(user):
        return plans
    if user.role in (roles.OFFICE, roles.LEADER) and user.government_id:
        return plans.filter(government_id=user.government_id)
    if roles.is_liaison(user):
        return plans.filter(pk__in=tasks_for(user).values("plan_id"))
    return plans.none()


def get_task(user: Any, pk: int) -> Task:
    try:
        return tasks_for(user).select_related("plan__government", "section", "part").get(pk=pk)
    except Task.DoesNotExist as exc:
        raise Http404("没有这项任务，或您无权查看。") from exc


def get_plan(user: Any, pk: int) -> Plan:
    try:
        return plans_for(user).select_related("government").get(pk=pk)
    except Plan.DoesNotExist as exc:
        raise Http404("没有这个方案，或您无权查看。") from exc
