"""A status table's unit of measure printed apart from the figures is kept on import and reaches the judge."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from luoshi_web.accounts.models import User
from luoshi_web.ops import demo
from luoshi_web.plans.models import Period
from luoshi_web.reporting import services, status
from luoshi_web.units.models import Government

TABLE = "\n".join(
    [
        "2021年民生实事项目进展情况表",
        "",
        *[
            line
            for row in (
                ("序号", "项目名称", "责任单位", "全年目标（个）", "进展情况"),
                ("1", "新建社区养老服务中心", "区民政局", "20", ""),
            )
            for line in [*(f"\t{cell}" for cell in row), ""]
        ],
    ]
)


@pytest.mark.django_db
def test_a_headers_unit_is_stored_and_bare_figures_are_judged_in_it(tmp_path: Path) -> None:
    government = Government.objects.create(name="鼓楼区")
    office = User.objects.create_user("office", role="office", government=government)
    source = tmp_path / "民生实事.txt"
    source.write_text(TABLE, encoding="utf-8")
    plan = demo.import_document(source, government, office)
    task = plan.tasks.get()
    assert task.measure == "个"
    period = Period.objects.create(
        plan=plan, name="2021年前三季度", kind="quarter", start=dt.date(2021, 1, 1), end=dt.date(2021, 9, 30),
        due=dt.date(2021, 10, 10),
    )  # fmt: skip
    unit = task.assignments.get(role="lead").unit
    text = "前三季度已建成12，其余8个正在施工。"
    services.submit(
        [services.Submission(task, text, "", services.read_figures(text, period, task), 0)],
        period=period,
        unit=unit,
        user=office,
    )
    verdict = status.refresh(task, period).judged
    assert verdict is not None
    # 12 of 20 by September (75% of the year: 15 due) is behind time progress, read in 个.
    assert verdict.value == "not_done", verdict.reasons
    assert any("12个" in r or "12" in r for r in verdict.reasons)
