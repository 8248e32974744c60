"""The scheduler's one run (``python -m luoshi_web tick``; the worker runs it every minute).

It stores each message the ladder says today whose key is new, with its delivery job, in one
transaction; hands out again deliveries whose worker died (``review.delivery.requeue_stale``); and
enqueues the daily sweep of stray files. Running it twice, even at the same moment, adds nothing twice:
the keys are unique in the database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from luoshi_web import clock
from luoshi_web.audit import trail
from luoshi_web.review import delivery
from luoshi_web.review.models import Reminder
from luoshi_web.supervision.models import ScheduledRun
from luoshi_web.supervision.schedule import Message, digest_for, messages_for
from luoshi_web.units.models import Government


def store(government: Government, message: Message) -> Reminder | None:
    """Store ``message`` and enqueue its delivery, unless its key was stored before (then None)."""
    if Reminder.objects.filter(key=message.key).exists():
        return None
    with transaction.atomic():
        try:
            with transaction.atomic():
                reminder = Reminder.objects.create(
                    government=government,
                    unit_id=message.unit_id,
                    recipient_id=message.recipient_id,
                    task_id=message.task_id,
                    period_id=message.period_id,
                    kind=message.kind,
                    key=message.key,
                    message=message.text[:2000],
                )
        except IntegrityError:  # another run stored it a moment ago
            return None
        delivery.queue(reminder)
        trail.record(
            None,
            "remind-auto",
            reminder,
            after={"key": message.key, "unit": message.unit_id, "recipient": message.recipient_id},
            government_id=government.pk,
            summary=f"自动{reminder.get_kind_display()}：{message.text[:80]}",
        )
    return reminder


def once(key: str) -> bool:
    """True the first time ``key`` is asked for (across processes), False after."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(key=key)
    except IntegrityError:
        return False
    return True


@task()
def sweep_files() -> list[str]:
    """The job: remove attachment files that no row names (left by a killed upload)."""
    from luoshi_web.reporting.files import sweep_stray_files

    removed = sweep_stray_files()
    if removed:
        trail.record(
            None,
            "sweep",
            model="reporting.attachment",
            after={"removed": removed},
            summary=f"清理无记录的附件文件{len(removed)}个",
        )
    return removed


def tick(now: dt.datetime | None = None) -> dict[str, Any]:
    """One scheduler run at ``now`` (default: the clock's time); how many messages it stored, jobs it requeued."""
    context = clock.override(now) if now is not None else contextlib.nullcontext()
    stored = 0
    with context:
        today = clock.today()
        for government in Government.objects.all():
            for message in [*messages_for(government, today), *digest_for(government, today)]:
                stored += store(government, message) is not None
        if once(f"sweep:{today.isoformat()}"):
            sweep_files.enqueue()
    requeued = delivery.requeue_stale(timezone.now())
    return {"date": today.isoformat(), "stored": stored, "requeued": requeued}
