"""The three flows in headless Chromium: the office imports 001, a liaison reports, the office signs off."""

from __future__ import annotations

import io
import os
import re
import types
from pathlib import Path
from typing import Any

import docx
import pytest

from luoshi_web.plans.models import Plan
from luoshi_web.reporting.models import ProgressEntry, TaskStatus
from luoshi_web.test import make_world
from tests.web.browsing import log_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
PROGRESS = "1-11月份有效发明专利拥有量12871件。全年预计13000件。1-11月份PCT专利申请量165件。全年预计170件。"


@pytest.fixture
def world(transactional_db: None) -> Any:
    namespace = types.SimpleNamespace()
    make_world(namespace)
    return namespace


def test_the_office_imports_a_plan_fixing_unknown_units(page: Any, live_server: Any, world: Any) -> None:
    log_in(page, live_server.url, "office")
    page.click("text=导入")
    (seed,) = SEEDS.glob("001_*.txt")
    page.set_input_files("input[name=file]", str(seed))
    page.click("text=上传并预览")
    page.wait_for_selector("text=导入预览")
    assert page.locator("tr.unresolved[data-name='高新区管委会']").count() == 1
    # The document repeats the title of a plan already stored: save it as a new plan instead.
    page.select_option("select[name=target_plan]", "")
    # Fix the unknown names: 高新区管委会 becomes a new unit; the rest too (their suggested kind).
    for select in page.locator("tr.unresolved select").all():
        value = select.locator("option[value^='new:']").get_attribute("value")
        select.select_option(value)
    page.click("button[value=confirm]")
    page.wait_for_selector("text=已导入")
    assert "2021年区政府主要工作目标任务分解落实方案" in page.inner_text("h1")
    plan = Plan.objects.filter(government=world.gov).exclude(pk=world.plan.pk).get()
    assert plan.tasks.count() == 72
    assert plan.tasks.get(number="2").assignments.filter(unit__name="高新区管委会", role="lead").exists()
    # The plan's page lists 50 tasks a page.
    assert page.locator("table.tasks tbody tr:not(.section)").count() == 50
    assert "共 72 条" in page.inner_text("nav.pager")


def test_a_liaison_reports_progress_and_confirms_the_figures(page: Any, live_server: Any, world: Any) -> None:
    log_in(page, live_server.url, "liaison_a")
    page.wait_for_selector("text=区科技局 的任务")
    page.locator("tr", has_text="实现有效发明专利拥有量").get_by_role("link", name="填报", exact=True).click()
    page.fill("textarea[name=text]", PROGRESS)
    page.select_option("select[name=claimed_status]", "是")
    page.click("button[value=read]")
    page.wait_for_selector("text=读出的数据")
    values = [page.input_value(f"input[name=fig-{i}-value]") for i in range(4)]
    assert "12871" in values[0] or "12871.0" in values
    assert "系统研判为：是" in page.inner_text(".verdict.preview")
    page.click("button[value=submit]")
    page.wait_for_selector("text=已提交")
    entry = ProgressEntry.objects.get()
    assert (entry.task, entry.unit, entry.version) == (world.task_a, world.unit_a, 1)
    assert entry.observations.filter(value=12871).exists()
    assert "12871" in page.inner_text(".entry")


def test_the_office_signs_off_a_verdict_and_downloads_the_execution_table(
    page: Any, live_server: Any, world: Any
) -> None:
    from luoshi_web.reporting import services

    figures = services.read_figures(PROGRESS, world.period)
    services.submit(
        [services.Submission(world.task_a, PROGRESS, "是", figures, 0)],
        period=world.period,
        unit=world.unit_a,
        user=world.liaison_a,
    )
    log_in(page, live_server.url, "office")
    page.click("text=审核")
    page.locator("table.queue").locator("a", has_text="第7项").click()
    page.select_option("select[name=value]", "done")
    page.fill("textarea[name=note]", "数据已核实")
    page.click("text=签发结论")
    page.wait_for_selector("text=已签发")  # back on the queue it came from
    status = TaskStatus.objects.get(task=world.task_a, period=world.period)
    assert (status.state, status.signed.value, status.signed.created_by) == ("signed", "done", world.office)
    page.click(f"text={world.plan.title}")
    with page.expect_download() as download_info:
        page.click("text=执行情况表（Word）")
    download = download_info.value
    assert re.search(r"执行情况表.*\.docx$", download.suggested_filename)
    document = docx.Document(io.BytesIO(Path(download.path()).read_bytes()))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert PROGRESS in cells
    assert "是" in cells
