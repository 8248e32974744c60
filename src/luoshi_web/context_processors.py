"""What every page's header needs: the user's role and unread reminders."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from luoshi_web import clock, roles
from luoshi_web.units import scope


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {"demo_date": clock.demo_date()}
    from django.db.models import Q

    from luoshi_web.review.models import Reminder

    mine = Q(recipient=user)
    if roles.is_liaison(user):
        mine |= Q(unit=user.unit, recipient__isnull=True)
    unread = Reminder.objects.filter(mine, read_at__isnull=True).count()
    return {
        "is_office": roles.is_office(user),
        "is_leader": roles.is_leader(user),
        "is_liaison": roles.is_liaison(user),
        "unread_reminders": unread,
        "demo_date": clock.demo_date(),
        # A province or city office or leader also reads the governments below: the comparison page.
        "reads_below": (roles.is_office(user) or roles.is_leader(user)) and scope.reads_below(user),
    }
