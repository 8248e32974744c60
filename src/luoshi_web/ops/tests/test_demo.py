"""The demo: the seed documents loaded through the import and report flows, with a user for each role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from luoshi_web.accounts.models import User
from luoshi_web.ops import demo
from luoshi_web.plans.models import Plan
from luoshi_web.reporting.models import ProgressEntry
from luoshi_web.review.models import TaskStatus


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
