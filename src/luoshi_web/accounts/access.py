"""Who may see and do what: every view asks here, so the rules live in one place.

- The office (政府办/督查室) sees and changes everything of its own government.
- A leader sees everything of their government and changes nothing.
- A liaison sees only the tasks their unit leads or supports (including tasks given to a collective
  name their unit belongs to, such as 各街道); anything else is answered 404, as if it did not exist.
- A superuser without a role acts as the office of every government (the site's administrator).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from luoshi_web.accounts.models import User
from luoshi_web.plans.models import Plan, Task
from luoshi_web.units.models import Government, Unit

View = TypeVar("View", bound=Callable[..., HttpResponse])


def is_office(user: Any) -> bool:
    return bool(user.is_authenticated and (user.role == User.OFFICE or (user.is_superuser and not user.role)))


def is_leader(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == User.LEADER)


def is_liaison(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == User.LIAISON and user.unit_id)


def sees_all_governments(user: Any) -> bool:
    return bool(user.is_superuser and not user.role)


def governments_for(user: Any) -> QuerySet[Government]:
    if sees_all_governments(user):
        return Government.objects.all()
    if user.government_id is None:
        return Government.objects.none()
    return Government.objects.filter(pk=user.government_id)


def unit_scope(user: Any) -> list[int]:
    """The units whose tasks a liaison sees: their own unit and every collective name it belongs to."""
    unit: Unit | None = user.unit
    if unit is None:
        return []
    groups = Unit.objects.filter(government_id=unit.government_id, kind="group").filter(
        Q(members=unit) | Q(member_kind=unit.kind)
    )
    return [unit.pk, *groups.values_list("pk", flat=True)]


def tasks_for(user: Any) -> QuerySet[Task]:
    """The tasks ``user`` may read."""
    tasks = Task.objects.filter(withdrawn=False)
    if sees_all_governments(user):
        return tasks
    if user.role in (User.OFFICE, User.LEADER) and user.government_id:
        return tasks.filter(plan__government_id=user.government_id)
    if is_liaison(user):
        ids = Task.objects.filter(assignments__unit_id__in=unit_scope(user)).values("pk")
        return tasks.filter(pk__in=ids, plan__government_id=user.unit.government_id)
    return tasks.none()


def plans_for(user: Any) -> QuerySet[Plan]:
    """The plans ``user`` may read (a liaison: those holding at least one of their unit's tasks)."""
    plans = Plan.objects.all()
    if sees_all_governments(user):
        return plans
    if user.role in (User.OFFICE, User.LEADER) and user.government_id:
        return plans.filter(government_id=user.government_id)
    if is_liaison(user):
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


def office_required(view: View) -> View:
    """Only the office may use this view: 403 for everyone else who is logged in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_office(request.user):
            raise PermissionDenied("只有政府办（督查室）可以进行此操作。")
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def readers_required(view: View) -> View:
    """The office and leaders may use this view (overviews, downloads); liaisons get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (is_office(request.user) or is_leader(request.user)):
            raise PermissionDenied("只有政府办和领导可以查看此页面。")
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def liaison_required(view: View) -> View:
    """Only a unit's liaison may use this view (writing progress): 403 for everyone else."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_liaison(request.user):
            raise PermissionDenied("只有单位联络员可以填报进展。")
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
