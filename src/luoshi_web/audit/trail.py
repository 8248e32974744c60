"""Write audit events: one call per change, with a snapshot of the fields before and after."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models

from luoshi_web.audit.models import AuditEvent


def jsonable(value: Any) -> Any:
    """A model field's value as JSON (dates as ISO strings, related objects as their keys)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` (or the named ones), ready to store as before/after."""
    names = list(fields) if fields is not None else [f.attname for f in obj._meta.concrete_fields]
    return {name: jsonable(getattr(obj, name)) for name in names}


def record(
    user: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    before: Any = None,
    after: Any = None,
    summary: str = "",
    government_id: int | None = None,
    model: str = "",
    object_id: str = "",
) -> AuditEvent:
    """Append one event. ``user`` may be anonymous (a failed login) or None (a command)."""
    if obj is not None:
        model = model or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        if government_id is None:
            government_id = _government_of(obj)
    return AuditEvent.objects.create(
        government_id=government_id,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        model=model,
        object_id=object_id,
        summary=summary[:300],
        before=jsonable(before),
        after=jsonable(after),
    )


def _government_of(obj: models.Model) -> int | None:
    for path in ("government_id", "plan.government_id", "task.plan.government_id", "unit.government_id"):
        target: Any = obj
        try:
            for attr in path.split("."):
                target = getattr(target, attr)
        except AttributeError:
            continue
        if isinstance(target, int):
            return target
    return None
