"""The shared test case: one government with named users for every role and a small plan they work on.

Tests read as stories about these people rather than about factories:

- ``office`` (王主任) of 鼓楼区政府办/督查室;
- ``leader`` (李区长);
- ``liaison_a`` (张联络员) of 区科技局 — unit A, lead of task 1 and co of task 2;
- ``liaison_b`` (赵联络员) of 区发改委 — unit B, lead of task 2 and of task 3;
- ``liaison_street`` (钱联络员) of 宁海路街道, which only sees tasks given to 各街道 (task 3's co);
- ``other_office`` of 玄武区, who must never see 鼓楼区's data;
- ``province_office`` (吴处长) of 江苏省, above 南京市 above both districts: reads both, changes neither.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import TestCase

from luoshi_web.accounts.models import User
from luoshi_web.plans.models import Indicator, Part, Period, Plan, Section, Task, TaskUnit
from luoshi_web.units.models import Government, Unit, UnitAlias

PASSWORD = "correct horse battery staple"


def make_world(cls: Any) -> None:
    """Create the government, units, users, plan and periods on ``cls`` (a test class or a namespace)."""
    cls.province = Government.objects.create(name="江苏省", full_name="江苏省人民政府", level="province")
    cls.city = Government.objects.create(name="南京市", full_name="南京市人民政府", level="city", parent=cls.province)
    cls.gov = Government.objects.create(name="鼓楼区", full_name="南京市鼓楼区人民政府", parent=cls.city)
    cls.other_gov = Government.objects.create(name="玄武区", full_name="南京市玄武区人民政府", parent=cls.city)
    cls.unit_a = Unit.objects.create(government=cls.gov, name="区科技局")
    cls.unit_b = Unit.objects.create(government=cls.gov, name="区发改委")
    cls.street = Unit.objects.create(government=cls.gov, name="宁海路街道", kind="subdistrict")
    cls.streets = Unit.objects.create(government=cls.gov, name="各街道", kind="group", member_kind="subdistrict")
    cls.unit_other = Unit.objects.create(government=cls.other_gov, name="区科技局")
    UnitAlias.objects.create(unit=cls.unit_a, name="区科学技术局")

    def user(username: str, role: str, name: str, gov: Government, unit: Unit | None = None) -> User:
        return User.objects.create_user(
            username, password=PASSWORD, role=role, first_name=name, government=gov, unit=unit
        )

    cls.office = user("office", User.OFFICE, "王主任", cls.gov)
    cls.leader = user("leader", User.LEADER, "李区长", cls.gov)
    cls.liaison_a = user("liaison_a", User.LIAISON, "张联络员", cls.gov, cls.unit_a)
    cls.liaison_b = user("liaison_b", User.LIAISON, "赵联络员", cls.gov, cls.unit_b)
    cls.liaison_street = user("liaison_street", User.LIAISON, "钱联络员", cls.gov, cls.street)
    cls.other_office = user("other_office", User.OFFICE, "孙主任", cls.other_gov)
    cls.province_office = user("province_office", User.OFFICE, "吴处长", cls.province)

    cls.plan = Plan.objects.create(government=cls.gov, year=2021, title="2021年区政府主要工作目标任务分解落实方案")
    part = Part.objects.create(plan=cls.plan, order=0, title=cls.plan.title, kind="decomposition")
    section = Section.objects.create(part=part, order=0, title="一、关于完善创新生态")
    texts = [
        ("7", "实现有效发明专利拥有量9600件、PCT专利申请量150件。", [(cls.unit_a, "lead")]),
        ("2", "确保全年新增硅巷10万平方米以上。", [(cls.unit_b, "lead"), (cls.unit_a, "co")]),
        ("3", "推进老旧小区改造。", [(cls.unit_b, "lead"), (cls.streets, "co")]),
    ]
    cls.tasks = []
    for order, (number, text, units) in enumerate(texts):
        task = Task.objects.create(plan=cls.plan, part=part, section=section, order=order, number=number, text=text)
        for i, (unit, role) in enumerate(units):
            TaskUnit.objects.create(task=task, unit=unit, role=role, printed_name=unit.name, order=i)
        cls.tasks.append(task)
    cls.task_a, cls.task_b, cls.task_street = cls.tasks
    Indicator.objects.create(
        task=cls.task_a,
        order=0,
        metric="有效发明专利拥有量",
        kind="count",
        comparator=">=",
        value=9600,
        unit="件",
        text="有效发明专利拥有量9600件",
    )
    Indicator.objects.create(
        task=cls.task_a,
        order=1,
        metric="PCT专利申请量",
        kind="count",
        comparator=">=",
        value=150,
        unit="件",
        text="PCT专利申请量150件",
    )
    cls.period = Period.objects.create(
        plan=cls.plan,
        name="2021年全年",
        kind="year",
        start=dt.date(2021, 1, 1),
        end=dt.date(2021, 12, 31),
        due=dt.date(2099, 1, 10),
    )
    cls.other_plan = Plan.objects.create(government=cls.other_gov, year=2023, title="玄武区2023年分解方案")
    other_part = Part.objects.create(plan=cls.other_plan, order=0, title="", kind="decomposition")
    cls.other_task = Task.objects.create(plan=cls.other_plan, part=other_part, order=0, number="1", text="玄武区的任务")
    TaskUnit.objects.create(task=cls.other_task, unit=cls.unit_other, role="lead", printed_name="区科技局")
    cls.other_period = Period.objects.create(
        plan=cls.other_plan,
        name="2023年全年",
        kind="year",
        start=dt.date(2023, 1, 1),
        end=dt.date(2023, 12, 31),
        due=dt.date(2099, 1, 10),
    )


class BaseTestCase(TestCase):
    """A Django test case with the named users and plan of ``make_world`` (created once per class)."""

    # What ``make_world`` sets on the class, declared so the type checker knows them.
    province: Government
    city: Government
    gov: Government
    other_gov: Government
    unit_a: Unit
    unit_b: Unit
    street: Unit
    streets: Unit
    unit_other: Unit
    office: User
    leader: User
    liaison_a: User
    liaison_b: User
    liaison_street: User
    other_office: User
    province_office: User
    plan: Plan
    tasks: list[Task]
    task_a: Task
    task_b: Task
    task_street: Task
    period: Period
    other_plan: Plan
    other_task: Task
    other_period: Period

    @classmethod
    def setUpTestData(cls) -> None:
        make_world(cls)

    def login(self, user: User) -> None:
        self.client.force_login(user)
