"""What every page's header needs: the user's role and unread reminders (one query for both)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from luoshi_web import clock, memo, roles
from luoshi_web.prepared import Prepared
from luoshi_web.review.models import Reminder
from luoshi_web.units import scope


def _unread(user_id: int, unit_id: int | None) -> QuerySet[Any]:
    """A user's unread reminders (a liaison's also those sent to their unit without a recipient), counted."""
    mine = Q(recipient_id=user_id)
    if unit_id is not None:
        mine |= Q(unit_id=unit_id, recipient__isnull=True)
    return memo.aggregate(Reminder.objects.filter(mine, read_at__isnull=True), "COUNT")


# The header's one query, compiled once per process for each of its forms (a liaison's unit; the governments
# below asked or not): the user's unread reminders, and how many governments are right below theirs.
_header = Prepared(
    lambda user_id, unit_id, government_id: (
        (_unread(user_id, unit_id), memo.aggregate(scope.children(government_id), "COUNT"))
        if government_id is not None
        else (_unread(user_id, unit_id),)
    )
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    if not user.is_authenticated:
        return {"demo_date": clock.demo_date()}
    # A province or city office or leader also reads the governments below: the comparison page.
    reader = roles.is_office(user) or roles.is_leader(user)
    below = getattr(user, "_reads_below", None) if reader else False  # the view may have asked (scope.reads_below)
    if below is None:
        below = scope.below_known(user)  # None: the governments right below the user's are counted
    asked_below = below is None
    found = _header(
        user.pk, user.unit_id if roles.is_liaison(user) else None, user.government_id if asked_below else None
    )
    return {
        "is_office": roles.is_office(user),
        "is_leader": roles.is_leader(user),
        "is_liaison": roles.is_liaison(user),
        "unread_reminders": found[0],
        "demo_date": clock.demo_date(),
        "reads_below": found[1] > 0 if asked_below else bool(below),
    }
