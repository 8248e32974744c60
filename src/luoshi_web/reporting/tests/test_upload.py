"""The report flow by file: the unit's own Word reply or its filled template → preview → confirm."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from unittest import mock

import docx
import openpyxl
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi_web.reporting import status
from luoshi_web.reporting.models import Attachment, Observation, ProgressEntry, TaskStatus, Verdict
from luoshi_web.test import BaseTestCase


def word_reply(rows: list[tuple[str, str, str, str]]) -> bytes:
    """A unit's reply in its own layout: a Word table 序号 / 目标任务 / 进展情况 / 是否完成."""
    document = docx.Document()
    document.add_paragraph("区科技局2021年目标任务进展情况")
    table = document.add_table(rows=len(rows) + 1, cols=4)
    for col, header in enumerate(("序号", "目标任务", "进展情况", "是否完成")):
        table.cell(0, col).text = header
    for r, row in enumerate(rows, 1):
        for col, value in enumerate(row):
            table.cell(r, col).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def counts() -> dict[str, int]:
    return {
        "entries": ProgressEntry.objects.count(),
        "figures": Observation.objects.count(),
        "files": Attachment.objects.count(),
        "verdicts": Verdict.objects.count(),
        "statuses": TaskStatus.objects.count(),
    }


class UploadTests(BaseTestCase):
    PATENTS = "1-11月份有效发明专利拥有量12871件。1-11月份PCT专利申请量165件。"

    def setUp(self) -> None:
        self.login(self.liaison_a)

    def upload(self, data: bytes, name: str) -> Any:
        return self.client.post(
            reverse("reporting:upload"), {"period": str(self.period.pk), "file": SimpleUploadedFile(name, data)}
        )

    def good_reply(self) -> bytes:
        return word_reply(
            [
                ("7", self.task_a.text, self.PATENTS, "是"),
                ("2", self.task_b.text, "配合推进硅巷建设，完成载体备案。", ""),
            ]
        )

    def test_a_units_own_word_reply_is_previewed_then_submitted_with_the_file_kept(self) -> None:
        response = self.upload(self.good_reply(), "科技局报送.docx")
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])
        self.assertEqual(counts()["entries"], 0)  # nothing before confirmation
        preview = self.client.get(response.url)
        self.assertContains(preview, "12871")
        self.assertContains(preview, "配合推进硅巷建设")
        self.client.post(response.url, {"action": "confirm"})
        entries = {e.task_id: e for e in ProgressEntry.objects.all()}
        self.assertEqual(set(entries), {self.task_a.pk, self.task_b.pk})
        self.assertEqual((entries[self.task_a.pk].role, entries[self.task_a.pk].claimed_status), ("lead", "是"))
        self.assertEqual(entries[self.task_b.pk].role, "co")
        self.assertEqual(entries[self.task_a.pk].source, "file")
        attachment = Attachment.objects.get()
        self.assertEqual(set(attachment.entries.all()), set(entries.values()))
        self.assertEqual(attachment.original_name, "科技局报送.docx")
        self.assertEqual(TaskStatus.objects.get(task=self.task_a).judged.value, "done")

    def test_the_units_template_comes_back_filled(self) -> None:
        from luoshi.intake import template_format as tpl

        response = self.client.get(reverse("reporting:template", args=[self.period.pk]))
        self.assertEqual(response.status_code, 200)
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = workbook[tpl.DATA_SHEET]
        filled = 0
        for row in range(tpl.FIRST_ROW, sheet.max_row + 1):
            if sheet.cell(row, tpl.COL_ID).value == str(self.task_a.pk):
                sheet.cell(row, tpl.COL_PROGRESS).value = self.PATENTS
                sheet.cell(row, tpl.COL_STATUS).value = "是"
                filled += 1
        self.assertEqual(filled, 1)
        buffer = io.BytesIO()
        workbook.save(buffer)
        upload = self.upload(buffer.getvalue(), "模板.xlsx")
        self.assertEqual(upload.status_code, 302, upload.content.decode()[:2000])
        self.client.post(upload.url, {"action": "confirm"})
        entry = ProgressEntry.objects.get()
        self.assertEqual((entry.task, entry.text, entry.claimed_status), (self.task_a, self.PATENTS, "是"))

    def test_a_file_naming_another_units_task_is_refused_whole(self) -> None:
        before = counts()
        data = word_reply(
            [("7", self.task_a.text, self.PATENTS, "是"), ("3", self.task_street.text, "已完成改造。", "是")]
        )
        response = self.upload(data, "报送.docx")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "不是本单位的任务", status_code=400)
        self.assertEqual(counts(), before)

    def test_an_unreadable_upload_stores_nothing(self) -> None:
        before = counts()
        response = self.upload(b"PK\x03\x04garbage", "报送.xlsx")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(counts(), before)

    def test_a_failure_while_storing_an_upload_leaves_the_database_unchanged(self) -> None:
        response = self.upload(self.good_reply(), "科技局报送.docx")
        before = counts()
        failing = mock.patch.object(status, "refresh", side_effect=RuntimeError("database went away"))
        with failing, self.assertRaises(RuntimeError):
            self.client.post(response.url, {"action": "confirm"})
        self.assertEqual(counts(), before)
        stored = Path(settings.MEDIA_ROOT) / "attachments"
        self.assertEqual([p for p in stored.rglob("*") if p.is_file()] if stored.exists() else [], [])

    def test_cancelling_an_upload_stores_nothing(self) -> None:
        response = self.upload(self.good_reply(), "科技局报送.docx")
        self.client.post(response.url, {"action": "cancel"})
        self.assertEqual(counts()["entries"], 0)
        self.assertEqual(self.client.get(response.url).status_code, 404)

    def test_a_file_is_downloaded_only_by_its_unit_and_the_office(self) -> None:
        response = self.upload(self.good_reply(), "科技局报送.docx")
        self.client.post(response.url, {"action": "confirm"})
        url = reverse("reporting:attachment", args=[Attachment.objects.get().pk])
        expected = {
            self.liaison_a: 200,
            self.office: 200,
            self.leader: 200,
            self.liaison_b: 404,  # unit B leads task 2, but the file is unit A's
            self.liaison_street: 404,
            self.other_office: 404,
        }
        for user, code in expected.items():
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, code, user.username)
