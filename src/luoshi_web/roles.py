"""Who a user is in the app: the three roles, their predicates, and the view decorators that require them.

The bottom of the web app's layers: it imports no app, so every app's views can ask it. What a role
may *see* is decided where the data lives: governments and units in ``units.scope``, plans and tasks
in ``plans.access``.

- The office (政府办/督查室) sees and changes everything of its own government.
- A leader sees everything of their government and changes nothing.
- A liaison (联络员) sees only the tasks their unit leads or supports.
- A superuser without a role acts as the office of every government (the site's administrator).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

OFFICE = "office"
LEADER = "leader"
LIAISON = "liaison"
ROLES = (
    (OFFICE, "政府办/督查室"),
    (LEADER, "领导"),
    (LIAISON, "联络员"),
)

View = TypeVar("View", bound=Callable[..., HttpResponse])


def is_office(user: Any) -> bool:
    return bool(user.is_authenticated and (user.role == OFFICE or (user.is_superuser and not user.role)))


def is_leader(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == LEADER)


def is_liaison(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == LIAISON and user.unit_id)


def sees_all_governments(user: Any) -> bool:
    return bool(user.is_superuser and not user.role)


def _requiring(allowed: Callable[[Any], bool], refusal: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not allowed(request.user):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


# Only the office may use the view: 403 for everyone else who is logged in.
office_required = _requiring(is_office, "只有政府办（督查室）可以进行此操作。")
# The office and leaders (overviews, downloads); liaisons get 403.
readers_required = _requiring(lambda u: is_office(u) or is_leader(u), "只有政府办和领导可以查看此页面。")
# Only a unit's liaison (writing progress): 403 for everyone else.
liaison_required = _requiring(is_liaison, "只有单位联络员可以填报进展。")
