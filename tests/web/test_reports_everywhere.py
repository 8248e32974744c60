"""Every report of the core's registry, in every format it declares, from the command line and from the web.

The registry (``luoshi.REPORTS``) is the one list of reports: the CLI's ``report`` sub-commands and the
web's downloads are both generated from it. Walking it here means a report added to the registry is
checked on both sides without a new test, and a format offered on one side but not the other fails.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from luoshi import REPORTS
from luoshi.cli import main
from luoshi_web.accounts.models import User
from luoshi_web.ops import demo
from luoshi_web.plans.models import Period
from luoshi_web.reporting import services
from luoshi_web.units.models import Government, Unit

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
# The seed each report is made from on the command line, and the arguments it needs besides.
CLI_SOURCES = {
    "table": ("000", []),
    "plan": ("001", []),
    "summary": ("000", ["--as-of", "2021-12-31"]),
    "notice": ("000", ["--as-of", "2021-12-31"]),
    "template": ("001", ["--unit", "科技局"]),
    "supervision": ("001", ["--task", "7", "--unit", "区市场监管局", "--number", "3", "--reply-by", "2026-07-20"]),
}
CASES = [(name, fmt) for name, report in REPORTS.items() for fmt in report.formats]


def needs_libreoffice(fmt: str) -> None:
    from luoshi.render.pdf import find_soffice

    if fmt == "pdf" and find_soffice() is None:
        pytest.skip("PDF 需要 LibreOffice（apt-get install libreoffice-writer-nogui）。")


def check_document(data: bytes, fmt: str, expected: str) -> None:
    """The bytes are a document of ``fmt`` that holds ``expected`` somewhere."""
    if fmt == "pdf":
        assert data.startswith(b"%PDF") and len(data) > 1000
        return
    if fmt == "txt":
        assert expected in data.decode("utf-8")
        return
    assert zipfile.is_zipfile(io.BytesIO(data))
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(
            [p.text for p in document.paragraphs]
            + [c.text for t in document.tables for row in t.rows for c in row.cells]
        )
    else:
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        text = "\n".join(str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert expected in text


def test_every_registered_report_has_a_command_line_source() -> None:
    assert set(CLI_SOURCES) == set(REPORTS)


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_every_report_in_every_format_from_the_command_line(
    name: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    needs_libreoffice(fmt)
    prefix, extra = CLI_SOURCES[name]
    (seed,) = SEEDS.glob(f"{prefix}_*.txt")
    out = tmp_path / f"out.{fmt}"
    assert main(["report", name, str(seed), "--format", fmt, "-o", str(out), *extra]) == 0, capsys.readouterr().err
    expected = {
        "table": "进展情况", "plan": "区科技局", "summary": "项目标中", "notice": "项任务中",
        "supervision": "督办〔", "template": "进展情况",
    }[name]  # fmt: skip
    check_document(out.read_bytes(), fmt, expected)


@pytest.fixture
def stored_plan(db: None) -> tuple[Client, Period, Unit]:
    """Seed 001 imported for 鼓楼区 with a half-year period and one unit's report, and an office that reads it."""
    government = Government.objects.create(name="鼓楼区")
    office = User.objects.create_user("office", role="office", government=government)
    (seed,) = SEEDS.glob("001_*.txt")
    plan = demo.import_document(seed, government, office)
    period = Period.objects.create(
        plan=plan, name="2021年上半年", kind="half", start=dt.date(2021, 1, 1), end=dt.date(2021, 6, 30),
        due=dt.date(2021, 7, 10),
    )  # fmt: skip
    task = plan.tasks.get(number="7")
    unit = task.assignments.get(role="lead").unit
    text = "上半年有效发明专利拥有量达到9700件，PCT专利申请量80件。"
    services.submit(
        [services.Submission(task, text, "是", services.read_figures(text, period), 0)],
        period=period,
        unit=unit,
        user=office,
    )
    client = Client()
    client.force_login(office)
    return client, period, unit


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_every_report_in_every_format_from_the_web(
    name: str, fmt: str, stored_plan: tuple[Client, Period, Unit]
) -> None:
    needs_libreoffice(fmt)
    client, period, unit = stored_plan
    url = reverse("review:download", args=[period.plan_id, period.pk, name, fmt])
    if REPORTS[name].needs_supervision:  # a 督办单 downloads from its notice's page
        url = reverse("supervision:notice_download", args=[_notice(period, unit).pk, fmt])
    response = client.get(url, {"unit": unit.pk} if REPORTS[name].needs_unit else {})
    assert response.status_code == 200, response.content[:300]
    assert "attachment" in response["Content-Disposition"]
    expected = {
        "table": "9700件", "plan": "区科技局", "summary": "项目标中", "notice": "项任务中",
        "supervision": "督办〔", "template": "进展情况",
    }[name]  # fmt: skip
    check_document(response.content, fmt, expected)


def _notice(period: Period, unit: Unit) -> Any:
    from luoshi_web.supervision.models import Notice

    task = period.plan.tasks.get(number="7")
    office = User.objects.get(username="office")
    return Notice.objects.create(
        government=period.plan.government, year=2026, serial=3, unit=unit, task=task, period=period,
        reason="进展滞后于序时进度", reply_by=dt.date(2026, 7, 20), issued_by=office,
    )  # fmt: skip


def test_the_plan_page_offers_every_report_in_every_format(stored_plan: tuple[Client, Period, Unit]) -> None:
    client, period, _ = stored_plan
    page = client.get(reverse("reporting:plan", args=[period.plan_id]), {"period": period.pk}).content.decode()
    for name, fmt in CASES:
        url = reverse("review:download", args=[period.plan_id, period.pk, name, fmt])
        if REPORTS[name].needs_supervision:  # offered on each notice's page instead
            assert f'href="{url}"' not in page
        elif REPORTS[name].needs_unit:
            assert f'action="{url}"' in page or fmt != REPORTS[name].formats[0]
        else:
            assert f'href="{url}"' in page
