"""Which governments and units a user's data comes from (the units app's part of the access rules)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from luoshi_web import roles
from luoshi_web.units.models import Government, Unit


def governments_for(user: Any) -> QuerySet[Government]:
    """The governments whose data ``user`` may read: their own (every one for the site's administrator)."""
    if roles.sees_all_governments(user):
        return Government.objects.all()
    if user.government_id is None:
        return Government.objects.none()
    return Government.objects.filter(pk=user.government_id)


def unit_and_groups(unit: Unit) -> list[int]:
    """A unit and every collective name it belongs to (各街道 for a 街道): whose tasks are the unit's."""
    groups = Unit.objects.filter(government_id=unit.government_id, kind="group").filter(
        Q(members=unit) | Q(member_kind=unit.kind)
    )
    return [unit.pk, *groups.values_list("pk", flat=True)]


def unit_scope(user: Any) -> list[int]:
    """The units whose tasks a liaison sees: their own unit and every collective name it belongs to."""
    unit: Unit | None = user.unit
    return unit_and_groups(unit) if unit is not None else []
