"""Every page at 1366 px without sideways overflow, and the liaison's and the leader's pages on a 390 px phone.

Each page is opened in headless Chromium at the width and measured: the document may not be wider than
the window, and no table cell may be squeezed to a character or two a line. Screenshots of every page
at both widths go to test-artifacts/ to be looked at.
"""

from __future__ import annotations

import datetime as dt
import os
import types
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from luoshi_web.ops import demo
from luoshi_web.plans.models import Period
from luoshi_web.reporting import services
from luoshi_web.supervision.models import Notice
from luoshi_web.test import make_world
from tests.web.browsing import log_in
from tests.web.conftest import ARTIFACTS

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"

MEASURE = r"""() => {
  const doc = document.documentElement;
  const squeezed = [];
  for (const cell of document.querySelectorAll('td, th')) {
    // A cell must hold at least three characters (or its whole text, if shorter) on one line.
    const text = cell.innerText.trim().split('\n')[0];
    if (!text || cell.offsetParent === null) continue;
    const style = getComputedStyle(cell);
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const need = Math.min([...text].length, 3) * parseFloat(style.fontSize) * 0.9;
    if (inner < need) squeezed.push(text.slice(0, 12));
  }
  const wide = [];
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 1 && el.offsetParent !== null && !el.closest('.table-wrap')) wide.push(el.tagName + '.' + el.className);
  }
  return {scroll: doc.scrollWidth, width: window.innerWidth, squeezed, wide: wide.slice(0, 5)};
}"""


@pytest.fixture
def world(transactional_db: None) -> Any:
    w = types.SimpleNamespace()
    make_world(w)
    (seed,) = SEEDS.glob("001_*.txt")
    w.big = demo.import_document(seed, w.gov, w.office)
    w.big_period = Period.objects.create(
        plan=w.big, name="2021年上半年", kind="half", start=dt.date(2021, 1, 1), end=dt.date(2021, 6, 30),
        due=dt.date(2021, 7, 10),
    )  # fmt: skip
    task = w.big.tasks.get(number="7")
    unit = task.assignments.get(role="lead").unit
    text = "上半年有效发明专利拥有量达到9700件，PCT专利申请量80件。"
    services.submit(
        [services.Submission(task, text, "是", services.read_figures(text, w.big_period), 0)],
        period=w.big_period, unit=unit, user=w.office,
    )  # fmt: skip
    w.big_task = task
    w.liaison_a.unit = unit
    w.liaison_a.save()
    w.notice = Notice.objects.create(
        government=w.gov, year=2026, serial=1, unit=unit, task=task, period=w.big_period, reason="进展滞后于序时进度",
        reply_by=dt.date(2099, 1, 1), issued_by=w.office,
    )  # fmt: skip
    return w


def check(page: Any, url: str, name: str, width: int) -> list[str]:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.wait_for_load_state()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"layout-{width}-{name}.png"), full_page=True)
    found = page.evaluate(MEASURE)
    problems = []
    if found["scroll"] > found["width"]:
        problems.append(f"{name} @{width}: 页面宽 {found['scroll']} > {found['width']}（{found['wide']}）")
    if found["squeezed"]:
        problems.append(f"{name} @{width}: 单元格被挤成一两个字一行：{found['squeezed'][:5]}")
    return problems


def office_pages(w: Any) -> dict[str, str]:
    return {
        "home": reverse("home"),
        "plans": reverse("plans:list"),
        "plan": reverse("reporting:plan", args=[w.big.pk]) + f"?period={w.big_period.pk}",
        "task": reverse("reporting:task", args=[w.big_task.pk]),
        "queue": reverse("review:queue"),
        "units": reverse("units:list"),
        "notices": reverse("supervision:notices"),
        "notice": reverse("supervision:notice", args=[w.notice.pk]),
        "requests": reverse("supervision:requests"),
        "ladder": reverse("supervision:ladder"),
        "accounts": reverse("accounts:users"),
        "import": reverse("plans:import"),
        "reminders": reverse("review:reminders"),
    }


def liaison_pages(w: Any) -> dict[str, str]:
    return {
        "mine": reverse("reporting:mine"),
        "task": reverse("reporting:task", args=[w.big_task.pk]),
        "write": reverse("reporting:write", args=[w.big_task.pk, w.big_period.pk]),
        "upload": reverse("reporting:upload"),
        "reminders": reverse("review:reminders"),
        "notices": reverse("supervision:notices"),
        "notice": reverse("supervision:notice", args=[w.notice.pk]),
        "password": reverse("accounts:password_change"),
    }


def leader_pages(w: Any) -> dict[str, str]:
    return {
        "home": reverse("home"),
        "plans": reverse("plans:list"),
        "plan": reverse("reporting:plan", args=[w.big.pk]) + f"?period={w.big_period.pk}",
        "task": reverse("reporting:task", args=[w.big_task.pk]),
        "notices": reverse("supervision:notices"),
        "reminders": reverse("review:reminders"),
    }


def test_every_office_page_fits_1366_px(page: Any, live_server: Any, world: Any) -> None:
    log_in(page, live_server.url, "office")
    problems = []
    for name, url in office_pages(world).items():
        problems += check(page, live_server.url + url, f"office-{name}", 1366)
    # The import preview of a 72-task plan, with its 删除 column.
    page.goto(live_server.url + reverse("plans:import"))
    (seed,) = SEEDS.glob("001_*.txt")
    page.set_input_files("input[name=file]", str(seed))
    page.click("text=上传并预览")
    page.wait_for_selector("text=导入预览")
    problems += check(page, page.url, "office-import-preview", 1366)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_liaisons_and_the_leaders_pages_fit_a_phone(page: Any, live_server: Any, world: Any, width: int) -> None:
    problems = []
    log_in(page, live_server.url, "liaison_a")
    for name, url in liaison_pages(world).items():
        problems += check(page, live_server.url + url, f"liaison-{name}", width)
    log_in(page, live_server.url, "leader")
    for name, url in leader_pages(world).items():
        problems += check(page, live_server.url + url, f"leader-{name}", width)
    assert problems == [], "\n".join(problems)
