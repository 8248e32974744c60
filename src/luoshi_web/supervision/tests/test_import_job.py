"""Long imports run as jobs on the queue, not in the web request."""

from __future__ import annotations

from unittest import mock

from django.urls import reverse

from luoshi_web.plans import drafting, importing
from luoshi_web.plans.tests.test_import import ImportTestCase
from luoshi_web.supervision.worker import run_jobs


class ImportJobTests(ImportTestCase):
    """A long import (a big file, or a .doc/.wps/.pdf) is read by the worker, not in the web request."""

    def test_a_big_upload_is_read_by_a_job_and_the_preview_waits_for_it(self) -> None:
        parsing = mock.patch.object(drafting, "staged_preview", wraps=drafting.staged_preview)
        with self.settings(LUOSHI_IMPORT_INLINE_BYTES=100), parsing as parse:
            token = self.upload_seed("001")
            self.assertEqual(parse.call_count, 0)  # not in the request
            waiting = self.client.get(reverse("plans:import_preview", args=[token]))
            self.assertContains(waiting, "正在后台读取文件", status_code=202)
            self.assertContains(waiting, 'http-equiv="refresh"', status_code=202)
            self.assertEqual(run_jobs(), 1)
            self.assertEqual(parse.call_count, 1)
        page = self.client.get(reverse("plans:import_preview", args=[token]))
        self.assertContains(page, "聚焦“从0到1”的原始创新")
        self.assertEqual(len(importing.selected_tasks(self.preview(token))), 72)
        self.assertEqual(self.preview(token)["kind"], "decomposition")
        response = self.client.post(reverse("plans:import_preview", args=[token]), self.form(token, action="confirm"))
        self.assertEqual(response.status_code, 302)

    def test_a_file_the_job_cannot_read_says_why(self) -> None:
        with self.settings(LUOSHI_IMPORT_INLINE_BYTES=10):
            token = (
                self.upload("这是一封普通的信。\\n没有任何编号任务。\\n".encode(), "信.txt")
                .url.rstrip("/")
                .rsplit("/", 1)[1]
            )
            run_jobs()
        self.assertContains(
            self.client.get(reverse("plans:import_preview", args=[token])), "没有识别出编号任务", status_code=400
        )
