"""Drafting 鼓楼区's 2024 plan in headless Chromium: upload the work report (seed 004) → the draft with suggested
units and last year's unfinished tasks → accept the suggestions, decide the rest → confirm → download the 分解落实方案.

The history is what the office confirmed before: the 2021 plan (seed 001) and the 2022 plan (seed 000's 附件4),
whose year-end period judged one task 部分未达. Screenshots at 1366 px go to test-artifacts/.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import types
from pathlib import Path
from typing import Any

import docx
import pytest

from luoshi_web.ops import demo
from luoshi_web.plans.models import Period, Plan
from luoshi_web.reporting.models import TaskStatus, Verdict
from luoshi_web.test import make_world
from tests.web.browsing import log_in
from tests.web.conftest import ARTIFACTS

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


@pytest.fixture
def world(transactional_db: None) -> Any:
    w = types.SimpleNamespace()
    make_world(w)
    (plan2021,) = SEEDS.glob("001_*.txt")
    (report2021,) = SEEDS.glob("000_*.txt")
    demo.import_document(plan2021, w.gov, w.office)
    w.plan2022 = demo.import_document(report2021, w.gov, w.office, parts=[3])
    year_end = Period.objects.create(
        plan=w.plan2022, name="2022年全年", kind="year", start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31),
        due=dt.date(2023, 1, 10),
    )  # fmt: skip
    w.unfinished = w.plan2022.tasks.order_by("order")[10]
    verdict = Verdict.objects.create(task=w.unfinished, period=year_end, source=Verdict.JUDGE, value="partly_done")
    TaskStatus.objects.create(task=w.unfinished, period=year_end, state=TaskStatus.SUBMITTED, judged=verdict)
    return w


def shot(page: Any, name: str, *, full: bool = False) -> None:
    """A screenshot of the window (the draft's page is long: what the office sees at that point), or the whole page."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"draft-{name}.png"), full_page=full)


def wider_than_the_window(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"))


def test_the_office_drafts_the_2024_plan_from_the_work_report(page: Any, live_server: Any, world: Any) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, "office")
    page.click("nav >> text=方案")
    page.click("text=由政府工作报告起草方案")
    assert page.is_checked("input[name=mode][value=draft]")
    (report,) = SEEDS.glob("004_*.txt")
    page.set_input_files("input[name=file]", str(report))
    shot(page, "upload-1366", full=True)
    page.click("text=上传并预览")
    page.wait_for_selector("h1:has-text('起草分解方案')")
    assert page.input_value("input[name=title]") == "2024年区政府主要工作目标任务分解落实方案"
    assert not wider_than_the_window(page)
    # The main targets first, each with its suggested lead unit; the reasons fold out.
    first = page.locator("tr#t1")
    assert page.input_value("textarea[name=text-t1]").startswith("地区生产总值增长5%")
    assert "建议主办：区发改委" in first.inner_text()
    shot(page, "preview-top-1366")
    first.locator("summary", has_text="依据与其他建议").click()
    assert "往年：地区生产总值增长" in first.locator("details").inner_text()
    first.scroll_into_view_if_needed()
    shot(page, "preview-reasons-1366")
    # Last year's unfinished task at the end, marked and ticked to carry over.
    carried = page.locator("tr.carried")
    assert carried.count() == 1
    assert "上年未完成" in carried.inner_text() and "部分未达" in carried.inner_text()
    assert carried.locator("input[name^=keep-]").is_checked()
    carried.scroll_into_view_if_needed()
    shot(page, "preview-carried-1366")
    # One task's suggestion accepted by its own button, then every first suggestion scoring 0.5 or more.
    page.locator("tr#t4").get_by_role("button", name="采用建议").click()
    page.wait_for_load_state()
    assert page.input_value("input[name=lead-t4]") == "区商务局"
    page.select_option("select[name=floor]", "0.5")
    page.click("button[value=accept_all]")
    page.wait_for_selector("text=项任务采用首选建议")
    shot(page, "accepted-1366")
    page.locator("tr#t30").scroll_into_view_if_needed()
    shot(page, "accepted-middle-1366")
    assert page.input_value("input[name=lead-t1]") == "区发改委"
    assert "已采用" in page.locator("tr#t1 .suggested").inner_text()
    # The tasks left without a lead unit (low scores, no basis) are decided by the office: 区政府办, a new unit.
    empty = [field for field in page.locator("input[name^=lead-]").all() if not field.input_value()]
    assert empty, "some suggestions should score under 0.5"
    for field in empty:
        field.fill("区政府办")
    page.click("button[value=save]")
    page.wait_for_load_state()
    row = page.locator("tr[data-name='区政府办']")
    row.locator("select").select_option(row.locator("option[value^='new:']").get_attribute("value"))
    page.click("button[value=confirm]")
    page.wait_for_selector("text=由政府工作报告起草")
    plan = Plan.objects.get(government=world.gov, year=2024)
    assert plan.kind == "decomposition"
    assert plan.tasks.count() == 100
    assert not plan.tasks.filter(assignments__isnull=True).exists()
    # A reporting period, then the 分解落实方案 in Word, read back.
    page.click("summary:has-text('新建填报周期')")
    page.fill("input[name=name]", "2024年全年")
    page.select_option("select[name=kind]", "year")
    page.fill("input[name=start]", "2024-01-01")
    page.fill("input[name=end]", "2024-12-31")
    page.fill("input[name=due]", "2025-01-10")
    page.click("form[action$='/periods/'] button[type=submit]")
    page.wait_for_selector("text=已新建填报周期")
    shot(page, "plan-1366", full=True)
    with page.expect_download() as download_info:
        page.click("text=分解落实方案（Word）")
    document = docx.Document(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "地区生产总值增长5%以上" in text and "区发改委" in text
    assert world.unfinished.text.rstrip("。") in text
