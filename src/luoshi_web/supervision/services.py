"""The steps of a 督办单 and of a unit's request, each one audited and told to whoever acts next.

A notice: issued (下发) → signed for by the unit (签收) → replied with measures and an expected date
(回复) → closed (销号) by the office, or escalated (升级) to the unit's head and 分管领导. A request:
a unit asks to extend its deadline (申请延期) or returns a task that is not theirs (退办); the office
approves or refuses. Each step checks the state it starts from, so a stale form changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from luoshi import LuoshiError
from luoshi_web import clock
from luoshi_web.audit import trail
from luoshi_web.plans.models import Period, Task, TaskUnit
from luoshi_web.review.models import Reminder
from luoshi_web.supervision.models import Notice, UnitRequest
from luoshi_web.supervision.schedule import Message, escalation_people, ladder_of
from luoshi_web.supervision.tick import store
from luoshi_web.units.models import Government, Unit


def _tell(
    government: Government,
    key: str,
    kind: str,
    text: str,
    *,
    unit: Unit | None = None,
    to: Any = None,
    task: Task | None = None,
) -> Reminder | None:
    return store(
        government,
        Message(
            key,
            kind,
            unit.pk if unit else None,
            to.pk if to is not None else None,
            text,
            task_id=task.pk if task else None,
        ),
    )


def _offices(government: Government) -> list[Any]:
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(government=government, role="office", is_active=True))


@transaction.atomic
def issue(*, task: Task, unit: Unit, period: Period | None, reason: str, reply_by: dt.date, user: Any) -> Notice:
    """Issue the government's next numbered notice for the year to ``unit`` about ``task``."""
    reason = reason.strip()
    if not reason:
        raise LuoshiError("请填写督办事项。")
    if reply_by < clock.today():
        raise LuoshiError("回复期限不能早于今天。")
    if not TaskUnit.objects.filter(task=task, unit=unit).exists():
        raise LuoshiError(f"“{unit.name}”不是{task.label}的责任单位。")
    government = Government.objects.select_for_update().get(pk=task.plan.government_id)  # numbers one at a time
    year = clock.today().year
    last = Notice.objects.filter(government=government, year=year).aggregate(n=Max("serial"))["n"] or 0
    notice = Notice.objects.create(
        government=government, year=year, serial=last + 1, unit=unit, task=task, period=period, reason=reason,
        reply_by=reply_by, issued_by=user,
    )  # fmt: skip
    trail.record(
        user,
        "notice-issue",
        notice,
        after=trail.snapshot(notice),
        summary=f"下发{notice.number}给{unit.name}（{task.label}）",
    )
    _tell(
        government,
        f"notice:{notice.pk}:issued",
        "notice",
        f"{notice.number}：{task.label}{reason}。请签收，并于{reply_by.month}月{reply_by.day}日前回复整改措施和预计完成时间。",
        unit=unit,
        task=task,
    )
    return notice


def _step(notice: Notice, allowed: tuple[str, ...], **changes: Any) -> Notice:
    """Move ``notice`` on if it is still in one of the ``allowed`` states (as the person saw it)."""
    updated = Notice.objects.filter(pk=notice.pk, state__in=allowed, version=notice.version).update(
        version=notice.version + 1, **changes
    )
    if not updated:
        raise LuoshiError("该督办单已被他人处理或状态已变化，请刷新后再操作。")
    return Notice.objects.select_related("unit", "task", "government").get(pk=notice.pk)


@transaction.atomic
def sign(notice: Notice, user: Any) -> Notice:
    before = notice.get_state_display()
    done = _step(notice, (Notice.ISSUED,), state=Notice.SIGNED, signed_by=user, signed_at=timezone.now())
    trail.record(
        user,
        "notice-sign",
        done,
        before={"state": before},
        after={"state": done.state},
        summary=f"{done.unit.name}签收{done.number}",
    )
    return done


@transaction.atomic
def reply(notice: Notice, user: Any, *, measures: str, expected_on: dt.date | None) -> Notice:
    measures = measures.strip()
    if not measures or expected_on is None:
        raise LuoshiError("请填写整改措施和预计完成时间。")
    done = _step(
        notice,
        (Notice.ISSUED, Notice.SIGNED),
        state=Notice.REPLIED,
        measures=measures,
        expected_on=expected_on,
        replied_by=user,
        replied_at=timezone.now(),
        signed_by=notice.signed_by or user,
        signed_at=notice.signed_at or timezone.now(),
    )
    trail.record(
        user,
        "notice-reply",
        done,
        after={"measures": measures, "expected_on": expected_on},
        summary=f"{done.unit.name}回复{done.number}",
    )
    for office in _offices(done.government):
        _tell(
            done.government,
            f"notice:{done.pk}:replied:{office.pk}",
            "notice",
            f"{done.unit.name}已回复{done.number}：{measures[:60]}",
            to=office,
            task=done.task,
        )
    return done


@transaction.atomic
def close(notice: Notice, user: Any, *, note: str) -> Notice:
    done = _step(
        notice,
        (Notice.REPLIED,),
        state=Notice.CLOSED,
        closed_by=user,
        closed_at=timezone.now(),
        close_note=note.strip(),
    )
    trail.record(user, "notice-close", done, after={"state": done.state, "note": note}, summary=f"{done.number}销号")
    _tell(
        done.government,
        f"notice:{done.pk}:closed",
        "notice",
        f"{done.number}已销号。{note.strip()}",
        unit=done.unit,
        task=done.task,
    )
    return done


@transaction.atomic
def escalate(notice: Notice, user: Any, *, note: str) -> Notice:
    if not note.strip():
        raise LuoshiError("升级请写明理由。")
    done = _step(
        notice,
        (Notice.ISSUED, Notice.SIGNED, Notice.REPLIED),
        state=Notice.ESCALATED,
        closed_by=user,
        closed_at=timezone.now(),
        close_note=note.strip(),
    )
    trail.record(
        user, "notice-escalate", done, after={"state": done.state, "note": note}, summary=f"{done.number}升级督办"
    )
    people = escalation_people(done.government, {done.unit_id}, ladder_of(done.government)).get(done.unit_id, [])
    for person in people:
        _tell(
            done.government,
            f"notice:{done.pk}:escalated:{person.pk}",
            "notice",
            f"{done.number}（{done.unit.name}，{done.task.label}）已升级督办：{note.strip()}",
            unit=done.unit,
            to=person,
            task=done.task,
        )
    return done


# --------------------------------------------------------------------------- requests


@transaction.atomic
def ask(
    *, kind: str, task: Task, unit: Unit, period: Period | None, reason: str, wanted_due: dt.date | None, user: Any
) -> UnitRequest:
    if kind not in dict(UnitRequest.KINDS):
        raise LuoshiError("请选择申请类别。")
    if not reason.strip():
        raise LuoshiError("请填写理由。")
    if kind == UnitRequest.EXTEND and (period is None or wanted_due is None or wanted_due <= period.due):
        raise LuoshiError("申请延期请选择填报周期，并填写晚于原截止日的日期。")
    if UnitRequest.objects.filter(kind=kind, task=task, unit=unit, state=UnitRequest.PENDING).exists():
        raise LuoshiError("已有一份同类申请在审批中。")
    made = UnitRequest.objects.create(
        government_id=task.plan.government_id, kind=kind, unit=unit, task=task, period=period,
        reason=reason.strip(), wanted_due=wanted_due if kind == UnitRequest.EXTEND else None, asked_by=user,
    )  # fmt: skip
    trail.record(
        user,
        f"request-{kind}",
        made,
        after=trail.snapshot(made),
        summary=f"{unit.name}{made.get_kind_display()}（{task.label}）",
    )
    government = Government.objects.get(pk=made.government_id)
    for office in _offices(government):
        _tell(
            government,
            f"request:{made.pk}:asked:{office.pk}",
            "request",
            f"{unit.name}{made.get_kind_display()}：{task.label}。理由：{reason.strip()[:80]}",
            to=office,
            task=task,
        )
    return made


@transaction.atomic
def decide(request: UnitRequest, user: Any, *, approve: bool, note: str) -> UnitRequest:
    state = UnitRequest.APPROVED if approve else UnitRequest.REFUSED
    updated = UnitRequest.objects.filter(pk=request.pk, state=UnitRequest.PENDING).update(
        state=state, decided_by=user, decided_at=timezone.now(), decision_note=note.strip()
    )
    if not updated:
        raise LuoshiError("该申请已审批过。")
    done = UnitRequest.objects.select_related("unit", "task", "government").get(pk=request.pk)
    if approve and done.kind == UnitRequest.RETURN:
        # The task is no longer the unit's: its assignment goes (the office assigns it anew).
        removed = list(TaskUnit.objects.filter(task=done.task, unit=done.unit).values_list("role", flat=True))
        TaskUnit.objects.filter(task=done.task, unit=done.unit).delete()
        # The task's units changed: its timestamp says so to the figures kept under a plan's state (luoshi_web.memo).
        Task.objects.filter(pk=done.task_id).update(updated_at=timezone.now())
        trail.record(
            user,
            "unassign",
            done.task,
            before={"unit": done.unit.name, "roles": removed},
            summary=f"同意{done.unit.name}退办{done.task.label}",
        )
    trail.record(
        user,
        f"request-{'approve' if approve else 'refuse'}",
        done,
        after={"state": state, "note": note},
        summary=f"{'同意' if approve else '不同意'}{done.unit.name}{done.get_kind_display()}（{done.task.label}）",
    )
    words = "同意" if approve else "不同意"
    extra = f"，截止日延至{done.wanted_due.month}月{done.wanted_due.day}日" if approve and done.wanted_due else ""
    _tell(
        done.government,
        f"request:{done.pk}:decided",
        "request",
        f"政府办{words}本单位{done.get_kind_display()}（{done.task.label}）{extra}。{note.strip()}",
        unit=done.unit,
        task=done.task,
    )
    return done
