"""Which governments and units a user's data comes from (the units app's part of the access rules).

Governments form a tree (province → city → district/county, ``Government.parent``). A user reads the
data of their own government and of every government below it; they change only their own
government's (a province office reads a district's plans but never signs, closes or edits them).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from luoshi_web import roles
from luoshi_web.prepared import Prepared
from luoshi_web.units.models import Government, Unit

# How deep the tree goes below a government: province → city → district → (a development zone).
DEPTH = 3


def below_and_self(government_id: int) -> Q:
    """A filter on ``Government`` for a government and every government below it (one SQL join chain)."""
    where = Q(pk=government_id)
    lookup = "parent_id"
    for _ in range(DEPTH):
        where |= Q(**{lookup: government_id})
        lookup = "parent__" + lookup
    return where


def governments_for(user: Any) -> QuerySet[Government]:
    """The governments whose data ``user`` may read: their own and those below it (every one for the site's administrator)."""
    if roles.sees_all_governments(user):
        return Government.objects.all()
    if user.government_id is None:
        return Government.objects.none()
    if roles.is_liaison(user):
        return Government.objects.filter(pk=user.government_id)
    return Government.objects.filter(below_and_self(user.government_id))


def governments_managed(user: Any) -> QuerySet[Government]:
    """The governments whose data ``user`` may change: their own only (every one for the site's administrator)."""
    if roles.sees_all_governments(user):
        return Government.objects.all()
    if user.government_id is None:
        return Government.objects.none()
    return Government.objects.filter(pk=user.government_id)


def reads_below(user: Any) -> bool:
    """Whether ``user`` oversees governments below their own (a province or city office or leader).

    Asked once per request: the answer stays on the request's user (read again on the next request).
    """
    found = getattr(user, "_reads_below", None)
    if found is None:
        known = below_known(user)
        found = user._reads_below = known if known is not None else bool(_a_child(user.government_id))
    return bool(found)


def below_known(user: Any) -> bool | None:
    """Whether ``user`` reads governments below theirs where no query is needed (the site's administrator reads
    every government, a liaison or a user without a government none); None: whether their government has
    ``children`` decides."""
    if roles.sees_all_governments(user):
        return True
    if user.government_id is None or roles.is_liaison(user):
        return False
    return None


def children(government_id: int) -> QuerySet[Government]:
    """The governments right below one."""
    return Government.objects.filter(parent_id=government_id)


# Whether a government has one below it: asked on every page of the office and leaders (compiled once).
_a_child = Prepared(lambda government_id: children(government_id).values_list("pk", flat=True)[:1])


def unit_and_groups(unit: Unit) -> list[int]:
    """A unit and every collective name it belongs to (各街道 for a 街道): whose tasks are the unit's."""
    return [unit.pk, *_groups_of(unit.pk, unit.government_id, unit.kind)]


# Compiled once per process (``prepared``): asked on every page of a liaison.
_groups_of = Prepared(
    lambda unit_id, government_id, kind: (
        Unit.objects.filter(government_id=government_id, kind="group")
        .filter(Q(members=unit_id) | Q(member_kind=kind))
        .values_list("pk", flat=True)
    )
)


def unit_scope(user: Any) -> list[int]:
    """The units whose tasks a liaison sees: their own unit and every collective name it belongs to.

    Asked once per request: the answer stays on the request's user (read again on the next request).
    """
    found = getattr(user, "_unit_scope", None)
    if found is None:
        unit: Unit | None = user.unit
        found = user._unit_scope = unit_and_groups(unit) if unit is not None else []
    return list(found)
