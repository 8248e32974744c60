"""What the scheduler says, to whom, on a given day: the reminder ladder of each government, as a list of messages.

Each message carries a ``key`` naming the occasion (``after3:<period>:<unit>``…). The tick stores a
message only if its key is new, so the scheduler can run every minute — or twice at once — and each
occasion is still said once. Dates come from ``luoshi_web.clock`` (the demo's date, ``tick --now``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from luoshi_web import roles
from luoshi_web.plans.models import Period, Task, TaskUnit
from luoshi_web.reporting.models import TaskStatus
from luoshi_web.supervision.models import Ladder, Notice, UnitRequest
from luoshi_web.units.models import Government, Unit


@dataclass(frozen=True)
class Message:
    key: str
    kind: str
    unit_id: int | None
    recipient_id: int | None
    text: str
    task_id: int | None = None
    period_id: int | None = None


def ladder_of(government: Government) -> Ladder:
    """The government's ladder (the defaults until the office changes them)."""
    found = Ladder.objects.filter(government=government).first()
    return found if found is not None else Ladder(government=government)


def _date(d: dt.date) -> str:
    return f"{d.month}月{d.day}日"


def _lead_units(periods: list[Period]) -> dict[int, dict[int, list[Task]]]:
    """``{period id: {unit id: [tasks the unit leads in the period's plan]}}`` (withdrawn tasks left out)."""
    plans = {p.plan_id for p in periods}
    by_plan: dict[int, dict[int, list[Task]]] = defaultdict(lambda: defaultdict(list))
    for a in (
        TaskUnit.objects.filter(task__plan__in=plans, task__withdrawn=False, role=TaskUnit.LEAD)
        .exclude(unit__kind="group")
        .select_related("task")
        .order_by("task__order")
    ):
        by_plan[a.task.plan_id][a.unit_id].append(a.task)
    return {p.pk: by_plan[p.plan_id] for p in periods}


def _extended(periods: list[Period]) -> dict[tuple[int, int, int], dt.date]:
    """Approved extensions: ``{(period, task, unit): new due date}``."""
    rows = UnitRequest.objects.filter(
        kind=UnitRequest.EXTEND, state=UnitRequest.APPROVED, period__in=periods, wanted_due__isnull=False
    ).values_list("period_id", "task_id", "unit_id", "wanted_due")
    return {(p, t, u): d for p, t, u, d in rows if p is not None and d is not None}


def escalation_people(government: Government, unit_ids: set[int], ladder: Ladder) -> dict[int, list[Any]]:
    """``{unit id: [the unit's head(s) and the leaders overseeing it]}`` as the ladder asks."""
    User = get_user_model()
    people: dict[int, list[Any]] = defaultdict(list)
    if ladder.escalate_to_head:
        for user in User.objects.filter(is_active=True, is_unit_head=True, unit_id__in=unit_ids):
            if user.unit_id is not None:
                people[user.unit_id].append(user)
    if ladder.escalate_to_leader:
        through = User.oversees.through
        for unit_id, user_id in through.objects.filter(
            unit_id__in=unit_ids, user__is_active=True, user__government=government
        ).values_list("unit_id", "user_id"):
            people[unit_id].append(User(pk=user_id))
    return people


def messages_for(government: Government, today: dt.date) -> list[Message]:
    """Everything the ladder says on ``today`` to the units of ``government`` and the people above them."""
    ladder = ladder_of(government)
    periods = list(
        Period.objects.filter(plan__government=government, plan__state="active", closed_at__isnull=True).select_related(
            "plan"
        )
    )
    out: list[Message] = []
    leads = _lead_units(periods)
    extended = _extended(periods)
    reported = set(
        TaskStatus.objects.filter(period__in=periods)
        .exclude(state=TaskStatus.MISSING)
        .values_list("period_id", "task_id")
    )
    units = {u.pk: u for u in Unit.objects.filter(government=government)}
    late: list[tuple[Period, int, list[Task], dt.date]] = []
    for period in periods:
        if ladder.notify_opened and period.start <= today <= period.due:
            out.extend(_opened(period, set(leads[period.pk]), units))
        for unit_id, tasks in leads[period.pk].items():
            missing = [t for t in tasks if (period.pk, t.pk) not in reported]
            if not missing or unit_id not in units:
                continue
            # An approved extension moves the due date for that task; the unit's due is its earliest.
            due = min(extended.get((period.pk, t.pk, unit_id), period.due) for t in missing)
            reminder = _reminder(period, unit_id, missing, due, today, ladder)
            if reminder is not None:
                out.append(reminder)
            if today > due and (today - due).days >= ladder.escalate_after_days:
                late.append((period, unit_id, missing, due))
    out.extend(_escalations(government, late, units, today, ladder))
    if ladder.remind_behind:
        out.extend(_behind(government, periods, today, ladder, units))
    out.extend(_notices_overdue(government, today))
    return out


def _opened(period: Period, lead_ids: set[int], units: dict[int, Unit]) -> list[Message]:
    """A period opens: every unit (lead or co, not a collective) with a task in it is told to report."""
    co = set(
        TaskUnit.objects.filter(task__plan=period.plan_id, task__withdrawn=False).values_list("unit_id", flat=True)
    )
    return [
        Message(
            f"opened:{period.pk}:{unit_id}",
            "opened",
            unit_id,
            None,
            f"“{period.plan.title}”{period.name}开始填报，请于{_date(period.due)}前报送本单位任务的进展情况。",
            period_id=period.pk,
        )
        for unit_id in sorted(lead_ids | co)
        if unit_id in units and units[unit_id].kind != "group"
    ]


def _reminder(
    period: Period, unit_id: int, missing: list[Task], due: dt.date, today: dt.date, ladder: Ladder
) -> Message | None:
    """The ladder's step for a unit with tasks not reported: before the due date, on it, or after it."""
    labels = "、".join(t.label for t in missing[:6]) + (f"等{len(missing)}项" if len(missing) > 6 else "")
    if today < due and (due - today).days <= ladder.before_days:
        return Message(
            f"before:{period.pk}:{unit_id}:{due}",
            "before",
            unit_id,
            None,
            f"{period.name}进展将于{_date(due)}截止，本单位尚有{labels}未报送，请抓紧填报。",
            period_id=period.pk,
        )
    if today == due and ladder.remind_on_due:
        return Message(
            f"due:{period.pk}:{unit_id}:{due}",
            "due",
            unit_id,
            None,
            f"今天（{_date(due)}）是{period.name}进展报送截止日，本单位尚有{labels}未报送。",
            period_id=period.pk,
        )
    if today > due:
        days = (today - due).days
        reached = [d for d in ladder.after_list() if d <= days]
        if reached:
            step = max(reached)
            return Message(
                f"after{step}:{period.pk}:{unit_id}:{due}",
                "after",
                unit_id,
                None,
                f"{period.name}进展已于{_date(due)}截止，本单位{labels}已逾期{days}天未报送，请立即报送。",
                period_id=period.pk,
            )
    return None


def _escalations(
    government: Government,
    late: list[tuple[Period, int, list[Task], dt.date]],
    units: dict[int, Unit],
    today: dt.date,
    ladder: Ladder,
) -> list[Message]:
    """Units late beyond the escalation delay: their heads and overseeing leaders are told, one message each."""
    people = escalation_people(government, {unit_id for _, unit_id, _, _ in late}, ladder)
    out = []
    for period, unit_id, missing, due in late:
        name = units[unit_id].name
        days = (today - due).days
        for person in people.get(unit_id, []):
            out.append(
                Message(
                    f"escalate:{period.pk}:{unit_id}:{due}:{person.pk}",
                    "escalate",
                    unit_id,
                    person.pk,
                    f"{name}{period.name}的{len(missing)}项任务进展已逾期{days}天未报送（经{len(ladder.after_list()) or 1}次催办），请督促。",
                    period_id=period.pk,
                )
            )
    return out


def _behind(
    government: Government, periods: list[Period], today: dt.date, ladder: Ladder, units: dict[int, Unit]
) -> list[Message]:
    """A task judged behind schedule: its lead is told at once, and the people above after the delay."""
    out: list[Message] = []
    statuses = list(
        TaskStatus.objects.filter(period__in=periods, behind=True, task__withdrawn=False)
        .exclude(state=TaskStatus.MISSING)
        .select_related("task", "period", "judged", "entry")
    )
    if not statuses:
        return out
    leads: dict[int, list[int]] = defaultdict(list)
    for task_id, unit_id in TaskUnit.objects.filter(
        task__in=[s.task_id for s in statuses], role=TaskUnit.LEAD
    ).values_list("task_id", "unit_id"):
        if unit_id in units and units[unit_id].kind != "group":
            leads[task_id].append(unit_id)
    escalating: list[tuple[TaskStatus, int, int]] = []
    for s in statuses:
        since = (s.judged.created_at if s.judged else s.updated_at).date()
        for unit_id in leads[s.task_id]:
            out.append(
                Message(
                    f"behind:{s.pk}:{s.entry_id}:{unit_id}",
                    "behind",
                    unit_id,
                    None,
                    f"{s.task.label}（{s.period.name}）经研判进度滞后，请分析原因、加快推进，并在下次报送中说明措施。",
                    task_id=s.task_id,
                    period_id=s.period_id,
                )
            )
            days = (today - since).days
            if days >= ladder.behind_escalate_days:
                escalating.append((s, unit_id, days))
    people = escalation_people(government, {u for _, u, _ in escalating}, ladder)
    for s, unit_id, days in escalating:
        for person in people.get(unit_id, []):
            out.append(
                Message(
                    f"behind-escalate:{s.pk}:{s.entry_id}:{unit_id}:{person.pk}",
                    "behind_escalate",
                    unit_id,
                    person.pk,
                    f"{units[unit_id].name}牵头的{s.task.label}（{s.period.name}）研判滞后已{days}天，请督促。",
                    task_id=s.task_id,
                    period_id=s.period_id,
                )
            )
    return out


def _notices_overdue(government: Government, today: dt.date) -> list[Message]:
    """A 督办单 not replied to by its deadline: the unit is reminded once, the office told."""
    out = []
    for notice in Notice.objects.filter(
        government=government, state__in=(Notice.ISSUED, Notice.SIGNED), reply_by__lt=today
    ).select_related("unit"):
        out.append(
            Message(
                f"notice-overdue:{notice.pk}",
                "notice",
                notice.unit_id,
                None,
                f"{notice.number}要求于{_date(notice.reply_by)}前回复，至今未回复，请立即签收并回复整改措施。",
                task_id=notice.task_id,
            )
        )
    return out


def digest_for(government: Government, today: dt.date) -> list[Message]:
    """The office's weekly digest on the ladder's weekday: who is late, what lags, what waits for sign-off."""
    ladder = ladder_of(government)
    if today.weekday() != ladder.digest_weekday:
        return []
    periods = list(Period.objects.filter(plan__government=government, closed_at__isnull=True).select_related("plan"))
    leads = _lead_units(periods)
    reported = set(
        TaskStatus.objects.filter(period__in=periods)
        .exclude(state=TaskStatus.MISSING)
        .values_list("period_id", "task_id")
    )
    names = dict(Unit.objects.filter(government=government).values_list("pk", "name"))
    late: dict[str, int] = defaultdict(int)
    for period in periods:
        if today <= period.due:
            continue
        for unit_id, tasks in leads[period.pk].items():
            count = sum((period.pk, t.pk) not in reported for t in tasks)
            if count:
                late[names.get(unit_id, "?")] += count
    statuses = TaskStatus.objects.filter(period__in=periods, task__withdrawn=False)
    behind = statuses.filter(behind=True).count()
    waiting = statuses.filter(state=TaskStatus.SUBMITTED).count()
    open_notices = (
        Notice.objects.filter(government=government)
        .filter(Q(state=Notice.ISSUED) | Q(state=Notice.SIGNED) | Q(state=Notice.REPLIED))
        .count()
    )
    pending_requests = UnitRequest.objects.filter(government=government, state=UnitRequest.PENDING).count()
    late_text = "、".join(f"{n}（{c}项）" for n, c in sorted(late.items(), key=lambda x: -x[1])[:15]) or "无"
    text = (
        f"本周督办汇总（{_date(today)}）：逾期未报的单位{len(late)}家：{late_text}；"
        f"研判滞后的任务{behind}项；待审核的报送{waiting}项；未办结的督办单{open_notices}件；待审批的申请{pending_requests}件。"
    )
    year, week, _ = today.isocalendar()
    User = get_user_model()
    offices = User.objects.filter(is_active=True, role=roles.OFFICE, government=government)
    return [Message(f"digest:{government.pk}:{year}-W{week}:{u.pk}", "digest", None, u.pk, text) for u in offices]
