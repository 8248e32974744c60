"""The demo: the seed documents loaded through the import and report flows, with a user for each role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from luoshi_web.accounts.models import User
from luoshi_web.ops import demo
from luoshi_web.plans.models import Plan
from luoshi_web.reporting.models import ProgressEntry, TaskStatus


@pytest.mark.slow
@pytest.mark.django_db
def test_the_demo_loads_the_seed_plans_progress_and_users(tmp_path: Path) -> None:
    lines: list[str] = []
    report = demo.load(data_dir=tmp_path, say=lines.append)
    plans = {(p.government.name, p.year): p for p in Plan.objects.select_related("government")}
    assert plans[("鼓楼区", 2021)].tasks.count() == 72
    assert plans[("鼓楼区", 2022)].tasks.count() == 76
    assert plans[("玄武区", 2023)].tasks.count() == 66
    half = ProgressEntry.objects.filter(period__name="2021年上半年").count()
    year = ProgressEntry.objects.filter(period__name="2021年全年").count()
    assert half > 0 and year > 0
    assert TaskStatus.objects.filter(judged__isnull=False).count() == half + year
    # Execution-table rows reach the tasks they speak of (luoshi.match), and only those.
    (table_line,) = [line for line in lines if "计划执行情况表》72 行中" in line]
    assert int(table_line.split("72 行中，")[1].split(" 行")[0]) >= 36
    patents = ProgressEntry.objects.get(period__name="2021年上半年", task__plan__year=2021, task__number="7")
    assert "有效发明专利拥有量" in patents.text and "新型研发机构" not in patents.text
    assert "指标：有效发明专利拥有量" in patents.note
    gdp = ProgressEntry.objects.get(period__name="2021年全年", task__plan__year=2021, task__number="11")
    assert "地区生产总值" in gdp.text and gdp.claimed_status == "是"
    roles = {User.objects.get(username=username).role for _, username, _ in report.logins}
    assert roles == {"office", "leader", "liaison"}
    # The printed logins work.
    _, username, password = next(login for login in report.logins if login[1] == "keji")
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": password}).status_code == 302
    assert "区科技局" in client.get(reverse("reporting:mine")).content.decode()
    # A second run loads nothing new and keeps the passwords.
    again = demo.load(data_dir=tmp_path, say=lines.append)
    assert again.logins == report.logins
    assert Plan.objects.count() == 3
