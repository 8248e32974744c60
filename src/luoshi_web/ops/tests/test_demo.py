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
    # The story of the demo's date: the half year reported on time, signed off, closed; late units reminded.
    half_entries = ProgressEntry.objects.filter(period__name="2021年上半年")
    assert all(e.submitted_at.date() <= e.period.due for e in half_entries)
    assert not TaskStatus.objects.filter(period__name="2021年上半年", signed__isnull=True, entry__isnull=False).exists()
    from luoshi_web.plans.models import TaskUnit
    from luoshi_web.review.models import Reminder

    reminded = set(Reminder.objects.values_list("unit_id", flat=True))
    reported = ProgressEntry.objects.filter(period__name="2021年全年").values("task_id")
    unreported = TaskUnit.objects.filter(role="lead", task__plan__year=2021).exclude(task__in=reported)
    assert reminded and reminded <= set(unreported.values_list("unit_id", flat=True))
    assert User.objects.get(username="leader").oversees.filter(name="区科技局").exists()
    assert User.objects.get(username="nanjing").government.children.count() == 2
    # A second run loads nothing new and keeps the passwords.
    again = demo.load(data_dir=tmp_path, say=lines.append)
    assert again.logins == report.logins
    assert Plan.objects.count() == 3


def test_the_commands_help_is_in_chinese_with_an_example() -> None:
    from luoshi_web.__main__ import build_parser

    parser = build_parser()
    helps = [parser.format_help()]
    commands = next(a for a in parser._actions if a.dest == "command")
    helps += [sub.format_help() for sub in commands.choices.values()]
    for text in helps:
        assert text.startswith("用法：")
        assert "例：" in text
        assert "show this help" not in text and "options:" not in text and "positional arguments" not in text
    demo_help = commands.choices["demo"].format_help()  # type: ignore[index]
    assert "--reset" in demo_help and "--date" in demo_help


@pytest.mark.django_db
def test_the_header_shows_the_demo_date(client: Client, settings: object) -> None:
    settings.LUOSHI_DEMO_DATE = "2022-01-08"  # type: ignore[attr-defined]
    page = client.get(reverse("login")).content.decode()
    assert "演示日期 2022年1月8日" in page
    settings.LUOSHI_DEMO_DATE = ""  # type: ignore[attr-defined]
    assert "演示日期" not in client.get(reverse("login")).content.decode()
