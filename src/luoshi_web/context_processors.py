"""What every page's header needs: the user's role and unread reminders (one query for both)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from luoshi_web import clock, memo, roles
from luoshi_web.review.models import Reminder
from luoshi_web.units import scope


def navigation(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    if not user.is_authenticated:
        return {"demo_date": clock.demo_date()}
    mine = Q(recipient_id=user.pk)
    if roles.is_liaison(user):
        mine |= Q(unit_id=user.unit_id, recipient__isnull=True)
    asked = [memo.aggregate(Reminder.objects.filter(mine, read_at__isnull=True), "COUNT")]
    # A province or city office or leader also reads the governments below: the comparison page.
    reader = roles.is_office(user) or roles.is_leader(user)
    below = getattr(user, "_reads_below", None) if reader else False  # the view may have asked (scope.reads_below)
    if below is None:
        below = scope.governments_below(user)
    if not isinstance(below, bool):
        asked.append(memo.aggregate(below, "COUNT"))
    found = memo.scalars(*asked)
    return {
        "is_office": roles.is_office(user),
        "is_leader": roles.is_leader(user),
        "is_liaison": roles.is_liaison(user),
        "unread_reminders": found[0],
        "demo_date": clock.demo_date(),
        "reads_below": below if isinstance(below, bool) else found[1] > 0,
    }
