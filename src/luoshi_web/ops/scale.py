"""A data set of province scale, for the benchmark (``bench/bench_web.py``) and the query-count tests.

A province above cities above districts (``governments`` in all), each with one plan of ``tasks``
tasks in sections, a unit directory, lead and co-units, an indicator per task, and ``periods``
cumulative monthly periods (1月, 1-2月 … 1-12月); every period holds a report (with a figure), the
judge's verdict and the task's status for most tasks, a few signed off, a few late or missing, so
every standing and every light occurs. Rows are written with ``bulk_create`` (no judge runs): the
point is the volume the pages read, not the verdicts' truth.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from luoshi_web.accounts.models import User
from luoshi_web.plans.models import Indicator, Part, Period, Plan, Section, Task, TaskUnit
from luoshi_web.reporting.models import Observation, ProgressEntry, TaskStatus, Verdict
from luoshi_web.units.models import Government, Unit

UNIT_NAMES = (
    "发改委", "科技局", "工信局", "财政局", "人社局", "自然资源局", "生态环境局", "住建局", "交通运输局",
    "水务局", "农业农村局", "商务局", "文旅局", "卫健委", "应急管理局", "市场监管局", "统计局", "医保局",
    "教育局", "民政局", "司法局", "城管局", "数据局", "信访局", "退役军人事务局",
)  # fmt: skip
SECTIONS = ("一、关于扩大有效投入", "二、关于创新驱动", "三、关于城市更新", "四、关于民生保障", "五、关于安全发展")
# The verdicts the periods cycle through: done, on schedule, behind, partly done, to review.
PATTERN = (
    ("done", True, False),
    ("unknown", True, False),
    ("unknown", True, False),
    ("not_done", False, True),
    ("partly_done", False, True),
    ("unknown", None, False),
)


@dataclass
class World:
    """What was built: the governments from the top down, one plan each, and users for every role."""

    province: Government
    governments: list[Government] = field(default_factory=list)
    plans: dict[int, Plan] = field(default_factory=dict)  # government id → plan
    users: dict[str, User] = field(default_factory=dict)


def tree(name: str, cities: int, districts_per_city: int) -> tuple[Government, list[Government]]:
    province = Government.objects.create(name=name, full_name=f"{name}人民政府", level="province")
    governments = [province]
    for c in range(cities):
        city = Government.objects.create(name=f"{name}第{c + 1}市", level="city", parent=province)
        governments.append(city)
        governments += Government.objects.bulk_create(
            Government(name=f"{name}第{c + 1}市第{d + 1}区", level="county", parent=city)
            for d in range(districts_per_city)
        )
    return province, governments


def _end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@transaction.atomic
def build(
    *,
    name: str = "江东省",
    cities: int = 9,
    districts_per_city: int = 10,
    tasks: int = 80,
    periods: int = 12,
    year: int = 2021,
    users: str = "",
) -> World:
    """Build the tree (1 + cities × (1 + districts) governments) with a plan, reports and statuses each.

    ``users`` prefixes the usernames (two worlds in one database).
    """
    province, governments = tree(name, cities, districts_per_city)
    world = World(province, governments)
    for government in governments:
        world.plans[government.pk] = _plan(government, tasks, periods, year)
    district = governments[2]
    city = governments[1]
    keji = Unit.objects.get(government=district, name="科技局")
    for username, role, government, unit in (
        ("province_office", User.OFFICE, province, None),
        ("province_leader", User.LEADER, province, None),
        ("city_office", User.OFFICE, city, None),
        ("district_office", User.OFFICE, district, None),
        ("district_leader", User.LEADER, district, None),
        ("district_liaison", User.LIAISON, district, keji),
    ):
        world.users[username] = User.objects.create_user(
            users + username, role=role, government=government, unit=unit, first_name=username
        )
    world.users["district_leader"].oversees.add(*Unit.objects.filter(government=district)[:5])
    return world


def _plan(government: Government, count: int, periods: int, year: int) -> Plan:
    units = Unit.objects.bulk_create(
        Unit(government=government, name=name, sort_order=i) for i, name in enumerate(UNIT_NAMES)
    )
    plan = Plan.objects.create(
        government=government, year=year, title=f"{year}年{government.name}政府工作报告目标任务分解方案"
    )
    tasks = _tasks(plan, units, count)
    made = Period.objects.bulk_create(
        Period(
            plan=plan,
            name=f"{year}年1-{m}月" if m > 1 else f"{year}年1月",
            kind="month",
            start=dt.date(year, 1, 1),
            end=_end(year, m),
            due=_end(year, m) + dt.timedelta(days=10),
        )
        for m in range(1, periods + 1)
    )
    for p_index, period in enumerate(made):
        _reports(period, p_index, tasks, units)
    return plan


def _tasks(plan: Plan, units: list[Unit], count: int) -> list[Task]:
    """The plan's part, sections and tasks, each with a lead and a co-unit and a growth target."""
    part = Part.objects.create(plan=plan, order=0, title=plan.title, kind="decomposition")
    sections = Section.objects.bulk_create(Section(part=part, order=i, title=t) for i, t in enumerate(SECTIONS))
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            part=part,
            section=sections[i * len(sections) // count],
            order=i,
            number=str(i + 1),
            text=f"第{i + 1}项任务：推进重点项目建设，全年完成投资{10 + i}亿元，增长{5 + i % 5}%。",
        )
        for i in range(count)
    )
    TaskUnit.objects.bulk_create(
        [
            TaskUnit(task=t, unit=units[i % len(units)], role="lead", printed_name=units[i % len(units)].name)
            for i, t in enumerate(tasks)
        ]
        + [
            TaskUnit(task=t, unit=units[(i + 7) % len(units)], role="co", printed_name="", order=1)
            for i, t in enumerate(tasks)
        ]
    )
    Indicator.objects.bulk_create(
        Indicator(
            task=t,
            kind="growth",
            metric=f"指标{i + 1}",
            comparator=">=",
            value=5 + i % 5,
            unit="%",
            text=f"增长{5 + i % 5}%",
        )
        for i, t in enumerate(tasks)
    )
    return tasks


def _reports(period: Period, p_index: int, tasks: list[Task], units: list[Unit]) -> None:
    """One period's reports: entries (one task in ten unreported), figures, verdicts and statuses."""
    reporting = [t for i, t in enumerate(tasks) if (i + p_index) % 10 != 9]  # one task in ten not reported
    on_time = timezone.make_aware(dt.datetime.combine(period.due - dt.timedelta(days=2), dt.time(10)))
    late = on_time + dt.timedelta(days=5)
    entries = ProgressEntry.objects.bulk_create(
        ProgressEntry(
            task=t,
            period=period,
            unit_id=t.assignments_lead,  # type: ignore[attr-defined]
            text=f"{period.name}完成投资{(p_index + 1) * (10 + t.order) / 12:.1f}亿元，同比增长{4 + t.order % 4}%。",
            submitted_at=late if t.order % 7 == 3 else on_time,
            source="import",
        )
        for t in _with_lead(reporting, units)
    )
    Observation.objects.bulk_create(
        Observation(
            entry=e,
            metric=f"指标{e.task.order + 1}",
            value=None,
            unit="%",
            growth_pct=4 + e.task.order % 4,
            text="同比增长",
        )
        for e in entries
    )
    verdicts = Verdict.objects.bulk_create(
        Verdict(
            task=e.task,
            period=period,
            entry=e,
            source="judge",
            value=PATTERN[(e.task.order + p_index) % len(PATTERN)][0],
            on_schedule=PATTERN[(e.task.order + p_index) % len(PATTERN)][1],
            reasons=["目标增长≥5%；实绩增长4%；未达序时进度"],
            rule="目标增长≥5%",
            detail=[
                {
                    "indicator": f"增长{5 + e.task.order % 5}%",
                    "verdict": "unknown",
                    "rule": "",
                    "observed": {"growth_pct": 4 + e.task.order % 4},
                }
            ],
        )
        for e in entries
    )
    TaskStatus.objects.bulk_create(
        TaskStatus(
            task=e.task,
            period=period,
            state="signed" if e.task.order % 5 == 0 else "submitted",
            entry=e,
            judged=v,
            signed=v if e.task.order % 5 == 0 else None,
            claimed_status="是" if e.task.order % 4 == 0 else "",
            disagreement=e.task.order % 4 == 0 and v.value != "done",
            behind=PATTERN[(e.task.order + p_index) % len(PATTERN)][2],
        )
        for e, v in zip(entries, verdicts, strict=True)
    )


def _with_lead(tasks: list[Task], units: list[Unit]) -> list[Task]:
    for t in tasks:
        t.assignments_lead = units[t.order % len(units)].pk  # type: ignore[attr-defined]
    return tasks
