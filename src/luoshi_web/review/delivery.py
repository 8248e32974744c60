"""Deliver reminders on their channels as jobs: the group robot (钉钉/企业微信) and e-mail. The app itself shows them at once.

``queue`` records a reminder's delivery job in the same transaction as the reminder (the job queue is
a table of the same database), so a reminder rolled back sends nothing and a committed one is never
without its job. ``deliver`` claims the reminder with a lease before sending: a second job for the same
reminder (a retry, two workers) finds it claimed or delivered and sends nothing. A worker killed
mid-job leaves the claim to expire; ``requeue_stale`` (run by the scheduler) hands it out again.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from luoshi_web.audit import trail
from luoshi_web.review import webhook
from luoshi_web.review.models import Reminder

log = logging.getLogger(__name__)


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.LUOSHI_JOB_LEASE_SECONDS)


def queue(reminder: Reminder) -> None:
    """Enqueue the reminder's delivery (in the caller's transaction)."""
    Reminder.objects.filter(pk=reminder.pk).update(enqueued_at=timezone.now())
    deliver.enqueue(reminder.pk)


def recipients(reminder: Reminder) -> list[Any]:
    """The people a reminder is for: its one recipient, or the unit's active liaisons."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if reminder.recipient_id is not None:
        return list(users.filter(pk=reminder.recipient_id))
    if reminder.unit_id is None:
        return []
    return list(users.filter(unit_id=reminder.unit_id, role="liaison", is_unit_head=False))


def _email(reminder: Reminder, text: str) -> str:
    if not settings.EMAIL_HOST:
        return ""
    to = [u.email for u in recipients(reminder) if u.email]
    if not to:
        return "无收件邮箱"
    try:
        send_mail(f"{settings.EMAIL_SUBJECT_PREFIX}{reminder.get_kind_display()}", text, None, to)
    except Exception as exc:  # an unreachable mail server must not fail the job: it is recorded
        return f"邮件发送失败：{exc}"[:300]
    return f"已发送邮件（{len(to)}人）"


def text_of(reminder: Reminder) -> str:
    who = reminder.unit.name if reminder.unit is not None else ""
    if reminder.recipient_id is not None:
        person = reminder.recipient
        who = f"{who} {getattr(person, 'first_name', '') or getattr(person, 'username', '')}".strip()
    return f"【{reminder.get_kind_display()}】{who}：{reminder.message}"


def send(reminder_id: int) -> str:
    """Send one reminder on its channels, once: ``sent``, ``claimed`` (another job has it) or ``delivered``."""
    now = timezone.now()
    claimed = (
        Reminder.objects.filter(pk=reminder_id, delivered_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - _lease()))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        done = Reminder.objects.filter(pk=reminder_id, delivered_at__isnull=False).exists()
        return "delivered" if done else "claimed"
    reminder = Reminder.objects.select_related("unit", "recipient").get(pk=reminder_id)
    text = text_of(reminder)
    pushed = webhook.push(text)
    mailed = _email(reminder, text)
    Reminder.objects.filter(pk=reminder_id).update(
        delivered_at=timezone.now(), webhook_result=pushed, email_result=mailed
    )
    trail.record(
        None,
        "deliver",
        reminder,
        after={"webhook": pushed, "email": mailed, "attempt": reminder.attempts},
        government_id=reminder.government_id,
        summary=f"送达{reminder.get_kind_display()}：{text[:80]}",
    )
    return "sent"


@task()
def deliver(reminder_id: int) -> str:
    """The job: send one reminder on its channels (idempotent)."""
    return send(reminder_id)


def requeue_stale(now: dt.datetime | None = None) -> int:
    """Enqueue again every reminder whose delivery has waited longer than the lease (its worker died)."""
    now = now or timezone.now()
    count = 0
    stale = Reminder.objects.filter(delivered_at__isnull=True, enqueued_at__lt=now - _lease()).values_list(
        "pk", "enqueued_at"
    )
    for pk, enqueued_at in stale:
        # Only one scheduler run re-enqueues it: the one whose update still sees the old time.
        if Reminder.objects.filter(pk=pk, enqueued_at=enqueued_at).update(enqueued_at=now):
            deliver.enqueue(pk)
            count += 1
    return count
