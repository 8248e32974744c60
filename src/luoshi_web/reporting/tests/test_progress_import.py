"""The office applies a progress notice to a plan for a period: upload → preview → confirm, or nothing stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi import LuoshiError
from luoshi_web.reporting import services
from luoshi_web.reporting.models import Attachment, Observation, ProgressEntry, TaskStatus
from luoshi_web.test import BaseTestCase

NOTICE = """关于2021年全年重点任务推进情况的通报
现将有关情况通报如下：
1.有效发明专利拥有量(第7项):1-11月份有效发明专利拥有量12871件,全年预计13000件。
2.老旧小区改造:完成进度较慢。
3.城市书房建设:主体已完工。
"""


def counts() -> dict[str, int]:
    kept = Path(settings.MEDIA_ROOT) / "attachments"
    return {
        "entries": ProgressEntry.objects.count(),
        "figures": Observation.objects.count(),
        "files": Attachment.objects.count(),
        "statuses": TaskStatus.objects.count(),
        "on disk": sum(1 for p in kept.rglob("*") if p.is_file()) if kept.exists() else 0,
    }


class ProgressImportTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.office)
        self.before = counts()

    def upload(self, text: str = NOTICE, name: str = "通报.txt") -> Any:
        return self.client.post(
            reverse("reporting:progress_import", args=[self.plan.pk]),
            {"period": str(self.period.pk), "file": SimpleUploadedFile(name, text.encode("utf-8"))},
        )

    def preview(self) -> tuple[str, Any]:
        response = self.upload()
        self.assertEqual(response.status_code, 302, getattr(response, "content", b"")[:300])
        token = response["Location"].rstrip("/").rsplit("/", 1)[-1]
        return token, self.client.get(response["Location"])

    def test_the_preview_sorts_items_into_matched_offered_and_unmatched_and_stores_nothing(self) -> None:
        _, page = self.preview()
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        for label in ("已对应（1 条）", "待确认", "未对应"):
            self.assertIn(label, html)
        self.assertIn("（第7项）有效发明专利拥有量", html)
        self.assertEqual(counts(), self.before)

    def test_confirming_stores_the_matched_item_under_its_task_with_its_source(self) -> None:
        token, page = self.preview()
        items = page.context["preview"]["items"]
        matched = next(i for i in items if i["state"] == "matched")
        form = {f"choice-{i['index']}": str(i["choice"] or "") for i in items} | {"action": "confirm"}
        response = self.client.post(reverse("reporting:progress_preview", args=[token]), form)
        self.assertEqual(response.status_code, 302)
        (entry,) = ProgressEntry.objects.all()
        self.assertEqual((entry.task, entry.unit, entry.source), (self.task_a, self.unit_a, "import"))
        origin: dict[str, Any] = entry.origin or {}
        self.assertEqual(origin["document"], "通报.txt")
        self.assertEqual(origin["items"][0]["ref"], "7")
        self.assertIn("12871", entry.text)
        self.assertEqual(matched["choice"], self.task_a.pk)
        self.assertTrue(entry.observations.filter(value=12871).exists())
        self.assertEqual(Attachment.objects.get().original_name, "通报.txt")
        self.assertTrue(TaskStatus.objects.filter(task=self.task_a, period=self.period).exists())

    def test_the_office_puts_an_unmatched_item_on_a_task_by_its_number(self) -> None:
        token, page = self.preview()
        items = page.context["preview"]["items"]
        book = next(i for i in items if i["label"] == "城市书房建设")
        form = {"action": "confirm", f"number-{book['index']}": "3"}
        form |= {f"choice-{i['index']}": "" for i in items if i is not book}
        self.client.post(reverse("reporting:progress_preview", args=[token]), form)
        (entry,) = ProgressEntry.objects.all()
        self.assertEqual((entry.task, entry.unit), (self.task_street, self.unit_b))
        self.assertIn("城市书房建设", entry.text)

    def test_a_number_of_no_task_is_refused_and_nothing_is_stored(self) -> None:
        token, page = self.preview()
        items = page.context["preview"]["items"]
        response = self.client.post(
            reverse("reporting:progress_preview", args=[token]),
            {"action": "confirm", f"number-{items[0]['index']}": "99"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("没有第99项任务", response.content.decode())
        self.assertEqual(counts(), self.before)

    def test_a_failed_import_stores_nothing_and_keeps_no_file(self) -> None:
        token, page = self.preview()
        items = page.context["preview"]["items"]
        form = {"action": "confirm"} | {f"choice-{i['index']}": "" for i in items}
        form[f"choice-{items[0]['index']}"] = str(self.task_a.pk)
        form[f"number-{items[1]['index']}"] = "2"  # unit B's task: a second unit, stored second
        real = services.submit
        calls: list[int] = []

        def failing(*args: Any, **kwargs: Any) -> Any:
            calls.append(1)
            if len(calls) == 2:
                raise LuoshiError("模拟：第二个单位保存失败。")
            return real(*args, **kwargs)

        with mock.patch.object(services, "submit", failing):
            response = self.client.post(reverse("reporting:progress_preview", args=[token]), form)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(len(calls), 2)
        self.assertEqual(counts(), self.before)

    def test_cancelling_stores_nothing(self) -> None:
        token, _ = self.preview()
        response = self.client.post(reverse("reporting:progress_preview", args=[token]), {"action": "cancel"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(counts(), self.before)
        self.assertEqual(self.client.get(reverse("reporting:progress_preview", args=[token])).status_code, 404)

    def test_a_document_that_reports_no_progress_is_refused_in_chinese(self) -> None:
        response = self.upload("关于印发工作要点的通知\n一、加快发展。\n", "要点.txt")
        self.assertEqual(response.status_code, 400)
        self.assertIn("没有找到进展情况", response.content.decode())
        self.assertEqual(counts(), self.before)

    def test_a_closed_period_takes_no_import(self) -> None:
        from django.utils import timezone

        self.period.closed_at = timezone.now()
        self.period.save()
        response = self.upload()
        self.assertEqual(response.status_code, 400)
        self.assertIn("填报周期", response.content.decode())

    def test_another_governments_office_cannot_see_the_preview(self) -> None:
        token, _ = self.preview()
        self.login(self.other_office)
        self.assertEqual(self.client.get(reverse("reporting:progress_preview", args=[token])).status_code, 404)


class ImportedEntryTests(BaseTestCase):
    def test_the_task_page_says_where_an_imported_entry_was_read(self) -> None:
        services.submit(
            [
                services.Submission(
                    self.task_a,
                    "有效发明专利拥有量：1-11月份12871件。",
                    "",
                    [],
                    0,
                    origin={"document": "三季度通报.docx", "sha256": "0" * 64, "items": [{"ref": "7"}]},
                )
            ],
            period=self.period,
            unit=self.unit_a,
            user=self.office,
            source="import",
        )
        self.login(self.office)
        html = self.client.get(reverse("reporting:task", args=[self.task_a.pk])).content.decode()
        self.assertIn("随文件导入（出处：三季度通报.docx 第7项）", html)
