"""The three flows end to end with Django's test client (run on SQLite and on PostgreSQL by scripts/check).

The office imports 003 (玄武区 2023) for a new government, sets a period and gives a unit a liaison;
the liaison reports with figures and corrects one; the office reviews, overrides with a reason,
records an adjustment, closes the period and downloads the execution table.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from django.test import Client
from django.urls import reverse

from luoshi_web import staging
from luoshi_web.accounts.models import User
from luoshi_web.audit.models import AuditEvent
from luoshi_web.plans.models import Period, Plan
from luoshi_web.reporting.models import ProgressEntry, TaskStatus
from luoshi_web.units.models import Government, Unit

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
PASSWORD = "an office password 2023"


@pytest.mark.django_db
def test_import_report_and_review_end_to_end() -> None:
    government = Government.objects.create(name="玄武区")
    office = User.objects.create_user("xw_office", password=PASSWORD, role="office", government=government)
    office_client = Client()
    assert office_client.post(reverse("login"), {"username": "xw_office", "password": PASSWORD}).status_code == 302

    # Import: upload → preview → every printed name created as a unit → confirm.
    (seed,) = SEEDS.glob("003_*.txt")
    with seed.open("rb") as handle:
        response = office_client.post(reverse("plans:import"), {"file": handle})
    token = response["Location"].rstrip("/").rsplit("/", 1)[1]
    preview = staging.load(token, office.pk, "plan-import")
    form = {
        "rev": str(preview["rev"]),
        "parts_present": "1",
        "title": preview["title"],
        "year": "2023",
        "action": "confirm",
    }
    form.update({f"part-{p['index']}": "on" for p in preview["parts"] if p["selected"]})
    for task in preview["tasks"]:
        key = task["key"]
        form.update(
            {
                f"number-{key}": task["number"],
                f"text-{key}": task["text"],
                f"lead-{key}": "、".join(task["lead"]),
                f"co-{key}": "、".join(task["co"]),
            }
        )
    form.update({f"name-{i}": f"new:{n['kind_guess']}" for i, n in enumerate(preview["names"])})
    assert office_client.post(reverse("plans:import_preview", args=[token]), form).status_code == 302
    plan = Plan.objects.get(government=government)
    assert plan.tasks.count() == 66
    response = office_client.post(
        reverse("plans:period_create", args=[plan.pk]),
        {"name": "2023年全年", "kind": "year", "start": "2023-01-01", "end": "2023-12-31", "due": "2099-01-10"},
    )
    period = Period.objects.get(plan=plan)

    # Report: the liaison of the lead unit of a task with a numeric target.
    task = next(t for t in plan.tasks.prefetch_related("indicators") if any(i.value for i in t.indicators.all()))
    unit = Unit.objects.get(
        assignments__task=task, assignments__role="lead", kind__in=["department", "committee", "vertical"]
    )
    User.objects.create_user("xw_liaison", password=PASSWORD, role="liaison", government=government, unit=unit)
    liaison_client = Client()
    liaison_client.post(reverse("login"), {"username": "xw_liaison", "password": PASSWORD})
    assert task.text[:10] in liaison_client.get(reverse("reporting:mine")).content.decode()
    indicator = next(i for i in task.indicators.all() if i.value)
    text = f"全年{indicator.metric or ''}完成{indicator.value:g}{indicator.unit or ''}。"
    url = reverse("reporting:write", args=[task.pk, period.pk])
    read = liaison_client.post(url, {"text": text, "action": "read", "base_version": "0", "claimed_status": "是"})
    figures = read.context["figures"]
    submit = {
        "text": text,
        "claimed_status": "是",
        "base_version": "0",
        "read_digest": read.context["read_digest"],
        "fig_count": str(len(figures)),
        "action": "submit",
    }
    for i, f in enumerate(figures):
        submit.update(
            {
                f"fig-{i}-metric": f["metric"],
                f"fig-{i}-period": f["period"],
                f"fig-{i}-value": "" if f["value"] is None else str(f["value"]),
                f"fig-{i}-unit": f["unit"],
                f"fig-{i}-growth": "" if f["growth_pct"] is None else str(f["growth_pct"]),
                f"fig-{i}-text": f["text"],
            }
        )
    assert liaison_client.post(url, submit).status_code == 302
    entry = ProgressEntry.objects.get(task=task)
    assert (entry.unit, entry.version, entry.claimed_status) == (unit, 1, "是")
    status = TaskStatus.objects.get(task=task, period=period)
    assert status.state == "submitted" and status.judged is not None

    # Review: the task is in the queue; the office overrides with a reason, then closes and downloads.
    queue = office_client.get(reverse("review:queue"))
    assert any(row.status == status and row.state == "waiting" for row in queue.context["page"])
    office_client.post(
        reverse("review:signoff", args=[task.pk, period.pk]),
        {"value": "partly_done", "note": "统计口径待市里核定", "version": str(status.version)},
    )
    status.refresh_from_db()
    assert (status.state, status.signed.value, status.signed.note) == ("signed", "partly_done", "统计口径待市里核定")
    period.refresh_from_db()
    office_client.post(reverse("review:close_period", args=[period.pk]), {"version": str(period.version)})
    period.refresh_from_db()
    assert period.closed_at is not None
    download = office_client.get(reverse("review:download", args=[plan.pk, period.pk, "table", "docx"]))
    cells = [c.text for t in docx.Document(io.BytesIO(download.content)).tables for row in t.rows for c in row.cells]
    assert text in cells and "部分未达" in cells
    assert {"import", "submit", "override", "close"} <= set(AuditEvent.objects.values_list("action", flat=True))
