"""The 督办 loop in headless Chromium: reminders reach the liaison and, escalated, the 分管领导; a 督办单 goes
issued → signed for → replied → closed; twenty agreeing reports are signed off at once; the office gives a new
liaison an account and the liaison must change the password at the first login."""

from __future__ import annotations

import datetime as dt
import os
import re
import types
from typing import Any

import pytest
from django.utils import timezone

from luoshi_web.accounts.models import User
from luoshi_web.plans.models import Indicator, Task, TaskUnit
from luoshi_web.reporting import services
from luoshi_web.reporting.models import TaskStatus
from luoshi_web.supervision.models import Notice
from luoshi_web.supervision.tick import tick
from luoshi_web.test import PASSWORD, make_world
from tests.web.browsing import log_in
from tests.web.conftest import ARTIFACTS

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = pytest.mark.browser

DUE = dt.date(2022, 1, 10)
DONE = "1-11月份有效发明专利拥有量12871件。全年预计13000件。1-11月份PCT专利申请量165件。全年预计170件。"


@pytest.fixture
def world(transactional_db: None) -> Any:
    w = types.SimpleNamespace()
    make_world(w)
    w.period.due = DUE
    w.period.save()
    w.leader.oversees.add(w.unit_b)
    User.objects.create_user(
        "head_b", password=PASSWORD, role="liaison", government=w.gov, unit=w.unit_b, is_unit_head=True
    )
    return w


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"supervision-{name}.png"), full_page=True)


def test_reminders_escalate_and_a_notice_is_issued_signed_replied_and_closed(
    page: Any, live_server: Any, world: Any
) -> None:
    # The scheduler runs through the period: opened, before, due, after, and three days late the escalation.
    for day in (
        dt.date(2021, 12, 1),
        DUE - dt.timedelta(days=3),
        DUE,
        DUE + dt.timedelta(days=1),
        DUE + dt.timedelta(days=3),
    ):
        tick(timezone.make_aware(dt.datetime(day.year, day.month, day.day, 9)))
    log_in(page, live_server.url, "liaison_b")
    page.click("text=提醒")
    text = page.inner_text("main")
    for kind in ("开始填报", "临近截止", "今日截止", "逾期未报"):
        assert kind in text
    assert "逾期升级" not in text  # the escalation goes to the head and the leader, not the liaison
    page.set_viewport_size({"width": 390, "height": 800})
    shot(page, "liaison-reminders-390")
    page.set_viewport_size({"width": 1366, "height": 800})
    log_in(page, live_server.url, "leader")
    page.click("text=提醒")
    assert "逾期升级" in page.inner_text("main") and "区发改委" in page.inner_text("main")
    shot(page, "leader-escalation")

    # The office issues a 督办单 from the task's page.
    log_in(page, live_server.url, "office")
    page.goto(live_server.url + f"/plans/tasks/{world.task_b.pk}/")
    page.click("summary:has-text('下发督办单')")
    form = page.locator("form[action$='/notices/new']")
    form.locator("textarea[name=reason]").fill("进展逾期未报，进度滞后")
    form.locator("input[name=reply_by]").fill("2099-01-20")
    form.locator("button").click()
    page.wait_for_selector("text=已下发")
    number = page.inner_text("h1")
    assert re.fullmatch(r"督办〔\d{4}〕1号", number)
    shot(page, "notice-issued")

    # The liaison signs for it and replies with measures and a date.
    log_in(page, live_server.url, "liaison_b")
    page.click("text=督办单")
    page.click(f"text={number}")
    page.click("button:has-text('签收')")
    page.wait_for_selector("text=已签收")
    page.fill("textarea[name=measures]", "倒排工期，每周调度，月底前报送。")
    page.fill("input[name=expected_on]", "2099-03-31")
    page.click("button:has-text('回复')")
    page.wait_for_selector("text=已回复")
    page.set_viewport_size({"width": 390, "height": 800})
    shot(page, "notice-replied-390")
    page.set_viewport_size({"width": 1366, "height": 800})

    # The office closes it, and downloads it as Word.
    log_in(page, live_server.url, "office")
    page.click("text=督办")
    page.click(f"text={number}")
    page.fill("textarea[name=note]", "措施可行，予以销号。")
    page.click("button:has-text('销号')")
    page.wait_for_selector("text=已销号")
    with page.expect_download() as download:
        page.click("text=DOCX")
    assert download.value.suggested_filename.endswith(".docx")
    assert Notice.objects.get().state == Notice.CLOSED


def test_the_office_signs_off_twenty_agreeing_reports_at_once(page: Any, live_server: Any, world: Any) -> None:
    tasks = []
    for i in range(20):
        task = Task.objects.create(
            plan=world.plan,
            part=world.task_a.part,
            section=world.task_a.section,
            order=10 + i,
            number=str(100 + i),
            text=world.task_a.text,
        )
        TaskUnit.objects.create(task=task, unit=world.unit_a, role="lead", printed_name="区科技局")
        for ind in world.task_a.indicators.all():
            Indicator.objects.create(
                task=task,
                order=ind.order,
                metric=ind.metric,
                kind=ind.kind,
                comparator=ind.comparator,
                value=ind.value,
                unit=ind.unit,
                text=ind.text,
            )
        services.submit(
            [services.Submission(task, DONE, "是", services.read_figures(DONE, world.period), 0)],
            period=world.period, unit=world.unit_a, user=world.liaison_a,
        )  # fmt: skip
        tasks.append(task)
    log_in(page, live_server.url, "office")
    page.click("text=审核")
    page.select_option("select[name=state]", "waiting")
    page.click("button:has-text('筛选')")
    boxes = page.locator("input[name=pick]")
    assert boxes.count() == 20
    for i in range(20):
        boxes.nth(i).check()
    page.fill("input[name=note]", "经核，自评与研判一致。")
    shot(page, "batch-before")
    page.click("button:has-text('签发自评与研判一致的报送')")
    page.wait_for_selector("text=已签发20项")
    assert "state=waiting" in page.url  # back on the filtered queue
    assert TaskStatus.objects.filter(task__in=tasks, state=TaskStatus.SIGNED).count() == 20


def test_the_office_creates_a_liaison_who_must_change_the_password(page: Any, live_server: Any, world: Any) -> None:
    log_in(page, live_server.url, "office")
    page.click("text=账号")
    page.click("text=新建账号")
    page.fill("input[name=username]", "liu")
    page.fill("input[name=first_name]", "刘联络员")
    page.select_option("select[name=role]", "liaison")
    page.select_option("select[name=unit]", str(world.unit_b.pk))
    page.click("button:has-text('保存')")
    temporary = page.inner_text("code.secret")
    shot(page, "account-created")
    log_in(page, live_server.url, "liu", temporary)
    assert "/accounts/password" in page.url
    page.goto(live_server.url + "/report/")
    assert "/accounts/password" in page.url
    new = "Gulou-2026-liu"
    page.fill("input[name=old_password]", temporary)
    page.fill("input[name=new_password1]", new)
    page.fill("input[name=new_password2]", new)
    page.click("button:has-text('修改密码')")
    page.wait_for_selector("text=密码已修改")
    assert "区发改委 的任务" in page.inner_text("main")
