"""What time it is for the app: the real clock, or the demo's (the date its data describes).

Everything that asks "is it late?", "is it due?" or "what period is current?" asks here rather than
``django.utils.timezone`` directly, so the demo can run on the date of its documents (演示日期) and a
scheduler run can be told the time it runs for (``tick --now``). Timestamps of records (when a row
was written) stay on the real clock.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone


def demo_date() -> dt.date | None:
    """The demo's date (``LUOSHI_DEMO_DATE``), or None on a real deployment."""
    value = getattr(settings, "LUOSHI_DEMO_DATE", None)
    return dt.date.fromisoformat(value) if value else None


_OVERRIDE: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("luoshi_clock", default=None)


@contextlib.contextmanager
def override(moment: dt.datetime) -> Iterator[None]:
    """Within the block, it is ``moment`` (a scheduler run told the time it runs for: ``tick --now``)."""
    aware = moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    token = _OVERRIDE.set(timezone.localtime(aware))
    try:
        yield
    finally:
        _OVERRIDE.reset(token)


def now() -> dt.datetime:
    """The current time: the one a scheduler run was told, else the real one or the demo date at the real time."""
    told = _OVERRIDE.get()
    if told is not None:
        return told
    real = timezone.localtime()
    fixed = demo_date()
    return real.replace(year=fixed.year, month=fixed.month, day=fixed.day) if fixed else real


def today() -> dt.date:
    return now().date()
