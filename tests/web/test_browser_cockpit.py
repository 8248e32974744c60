"""The cockpit in headless Chromium on the demo's data: charts drawn, numbers leading to their lists,
screenshots at 1366 px and on a 390 px phone kept in test-artifacts/ for a person to look at."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from luoshi_web.ops import demo
from luoshi_web.plans.models import Plan
from tests.web.browsing import log_in

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def logins(transactional_db: None, tmp_path: Path, settings: Any) -> dict[str, str]:
    settings.LUOSHI_DEMO_DATE = "2022-01-08"
    report = demo.load(data_dir=tmp_path, say=lambda line: None)
    return {username: password for _, username, password in report.logins}


def charts_drawn(page: Any) -> int:
    page.wait_for_selector("[data-chart] canvas")
    return int(page.locator("[data-chart] canvas").count())


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_the_leaders_cockpit_on_a_desktop_and_a_phone(
    page: Any, live_server: Any, logins: dict[str, str], width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server.url, "leader", logins["leader"])
    assert "演示日期 2022年1月8日" in page.inner_text("header")
    assert "2021年区政府主要工作目标任务分解落实方案" in page.inner_text("h1")
    assert charts_drawn(page) >= 4
    # Nothing wider than the screen: tables scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"cockpit-{width}.png"), full_page=True)
    # The 滞后 card leads to the list of exactly that many tasks.
    card = page.locator("li.card.red a")
    count = int(card.locator(".n").inner_text())
    card.click()
    page.wait_for_load_state()
    assert f"共 {count} 项" in page.inner_text("main")
    assert page.locator("table.tasks tbody tr:not(.section)").count() == min(count, 50)


def test_a_click_on_a_bar_opens_the_list_behind_it(page: Any, live_server: Any, logins: dict[str, str]) -> None:
    log_in(page, live_server.url, "office", logins["office"])
    charts_drawn(page)
    page.locator('[data-chart="chart-sections"]').scroll_into_view_if_needed()
    # The middle of the first section's 已完成 bar (the first series of the stack starts at zero).
    x, y, expected = page.evaluate(
        """() => {
            const el = document.querySelector('[data-chart="chart-sections"]');
            const chart = echarts.getInstanceByDom(el);
            const data = JSON.parse(document.getElementById('chart-sections').textContent).series[0].data;
            const i = data.findIndex((d) => d.value > 0);
            const [x, y] = chart.convertToPixel({seriesIndex: 0}, [data[i].value / 2, i]);
            const box = el.getBoundingClientRect();
            return [box.left + x, box.top + y, data[i].url];
        }"""
    )
    with page.expect_navigation():
        page.mouse.click(x, y)
    assert page.url.endswith(expected)
    assert re.search(r"section=\d+&standing=done", page.url)
    assert "筛选：" in page.inner_text("main")


def test_the_city_compares_its_districts_and_the_public_page_fits_a_phone(
    page: Any, live_server: Any, logins: dict[str, str]
) -> None:
    log_in(page, live_server.url, "nanjing", logins["nanjing"])
    page.goto(f"{live_server.url}/dashboard/governments/?year=2021")
    assert "鼓楼区" in page.inner_text("table")
    charts_drawn(page)
    page.click("table >> text=鼓楼区")
    page.wait_for_load_state()
    assert "驾驶舱" in page.title() and "政务公开" not in page.inner_text("main")
    plan = Plan.objects.get(government__name="鼓楼区", year=2021)
    Plan.objects.filter(pk=plan.pk).update(public=True)
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/public/plans/{plan.pk}/")
    assert "已审核发布" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "public-390.png"), full_page=True)
