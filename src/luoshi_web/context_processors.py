"""What every page's header needs: the user's role and unread reminders."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from luoshi_web.accounts import access


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    unread = 0
    if access.is_liaison(user):
        from luoshi_web.review.models import Reminder

        unread = Reminder.objects.filter(unit=user.unit, read_at__isnull=True).count()
    return {
        "is_office": access.is_office(user),
        "is_leader": access.is_leader(user),
        "is_liaison": access.is_liaison(user),
        "unread_reminders": unread,
    }
