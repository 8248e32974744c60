"""The review flow: the office's queue, sign-off and override, adjustments, reminders, closing, downloads."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, ClassVar

import docx
import openpyxl
from django.urls import reverse

from luoshi.errors import LuoshiError
from luoshi_web.audit.models import AuditEvent
from luoshi_web.plans.models import Adjustment, Period
from luoshi_web.reporting import services
from luoshi_web.reporting.models import TaskStatus, Verdict
from luoshi_web.review import webhook
from luoshi_web.review.models import Reminder
from luoshi_web.supervision.worker import run_jobs
from luoshi_web.test import BaseTestCase

DONE = "1-11月份有效发明专利拥有量12871件。全年预计13000件。1-11月份PCT专利申请量165件。全年预计170件。"
SHORT = "1-11月份有效发明专利拥有量9000件。1-11月份PCT专利申请量120件。"


class ReviewTestCase(BaseTestCase):
    def report(self, task: Any, text: str, claimed: str = "", unit: Any = None, user: Any = None) -> TaskStatus:
        """A liaison's submission, as the report flow stores it."""
        unit = unit or self.unit_a
        figures = services.read_figures(text, self.period)
        base = services.latest_version(task, self.period, unit)
        services.submit(
            [services.Submission(task, text, claimed, figures, base)],
            period=self.period,
            unit=unit,
            user=user or self.liaison_a,
        )
        return TaskStatus.objects.get(task=task, period=self.period)

    def setUp(self) -> None:
        self.login(self.office)

    def signoff(self, task: Any, value: str, note: str = "", version: int | None = None) -> Any:
        status = TaskStatus.objects.get(task=task, period=self.period)
        return self.client.post(
            reverse("review:signoff", args=[task.pk, self.period.pk]),
            {"value": value, "note": note, "version": str(status.version if version is None else version)},
        )


class QueueTests(ReviewTestCase):
    def rows(self, **query: Any) -> list[tuple[Any, str]]:
        page = self.client.get(reverse("review:queue"), query)
        return [(row.task, row.state) for row in page.context["page"]]

    def test_the_queue_puts_reports_awaiting_sign_off_first_then_late_ones(self) -> None:
        self.period.due = dt.date(2000, 1, 1)
        self.period.save()
        self.report(self.task_a, SHORT, claimed="是")  # the unit says done; the figures say otherwise
        self.assertEqual(self.rows(), [(self.task_a, "waiting"), (self.task_b, "late"), (self.task_street, "late")])
        page = self.client.get(reverse("review:queue"))
        self.assertContains(page, "待审核·不一致")
        self.assertContains(page, "逾期未报")

    def test_a_task_reported_as_done_is_awaiting_sign_off_in_agreement(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        page = self.client.get(reverse("review:queue"))
        (first, *_rest) = list(page.context["page"])
        self.assertEqual((first.task, first.state, first.agrees), (self.task_a, "waiting", True))

    def test_only_the_office_sees_the_queue(self) -> None:
        for user in (self.leader, self.liaison_a):
            self.login(user)
            self.assertEqual(self.client.get(reverse("review:queue")).status_code, 403)


class SignOffTests(ReviewTestCase):
    def test_signing_off_confirms_the_judges_verdict(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        self.signoff(self.task_a, "done")
        status = TaskStatus.objects.get(task=self.task_a, period=self.period)
        self.assertEqual((status.state, status.signed.source, status.signed.value), ("signed", "signoff", "done"))
        self.assertEqual(status.signed.created_by, self.office)
        self.assertTrue(AuditEvent.objects.filter(action="signoff").exists())

    def test_an_override_needs_a_written_reason(self) -> None:
        self.report(self.task_a, SHORT, claimed="是")
        response = self.signoff(self.task_a, "done")
        self.assertEqual(TaskStatus.objects.get(task=self.task_a).state, "submitted")
        self.assertContains(self.client.get(response.url), "必须填写审核意见")
        self.signoff(self.task_a, "done", note="市统计局反馈全年数据已达标")
        status = TaskStatus.objects.get(task=self.task_a)
        self.assertEqual((status.signed.source, status.signed.value), ("override", "done"))
        self.assertEqual(status.signed.note, "市统计局反馈全年数据已达标")
        self.assertTrue(AuditEvent.objects.filter(action="override").exists())

    def test_a_report_arriving_while_reviewing_stops_a_stale_sign_off(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        seen = TaskStatus.objects.get(task=self.task_a).version
        self.report(self.task_a, SHORT, claimed="是")  # a correction lands meanwhile
        response = self.signoff(self.task_a, "done", version=seen)
        self.assertContains(self.client.get(response.url), "在您审核期间")
        self.assertFalse(Verdict.objects.filter(source__in=["signoff", "override"]).exists())

    def test_a_new_report_reopens_a_signed_task(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        self.signoff(self.task_a, "done")
        self.report(self.task_a, SHORT)
        status = TaskStatus.objects.get(task=self.task_a)
        self.assertEqual((status.state, status.signed), ("submitted", None))

    def test_leaders_and_liaisons_cannot_sign_off(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        for user in (self.leader, self.liaison_a):
            self.login(user)
            self.assertEqual(self.signoff(self.task_a, "done").status_code, 403)


class AdjustmentTests(ReviewTestCase):
    def test_an_approved_adjustment_makes_the_task_count_as_deemed_done(self) -> None:
        self.report(self.task_a, SHORT, claimed="否")
        response = self.client.post(
            reverse("review:adjust", args=[self.task_a.pk]),
            {
                "approved_by": "市政府",
                "approved_on": "2021-11-20",
                "before": "PCT专利申请量150件",
                "after": "PCT专利申请量100件",
                "reason": "受国际形势影响，市政府同意调整年度目标",
                "deemed_done": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        adjustment = Adjustment.objects.get()
        self.assertEqual((adjustment.recorded_by, adjustment.approved_by), (self.office, "市政府"))
        status = TaskStatus.objects.get(task=self.task_a)
        self.assertEqual(status.judged.value, "deemed_done")
        self.assertIn("市政府", status.judged.reasons[0])
        self.assertTrue(AuditEvent.objects.filter(action="adjust").exists())

    def test_only_the_office_records_adjustments(self) -> None:
        self.login(self.liaison_a)
        response = self.client.post(reverse("review:adjust", args=[self.task_a.pk]), {"approved_by": "市政府"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Adjustment.objects.exists())


class FakeRobot(BaseHTTPRequestHandler):
    """A local stand-in for a DingTalk/WeCom group robot: records what it is sent."""

    received: ClassVar[list[tuple[str, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeRobot.received.append((self.path, body))
        answer = (
            {"errcode": 0, "errmsg": "ok"}
            if "bad" not in self.path
            else {"errcode": 310000, "errmsg": "sign not match"}
        )
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


class ReminderTests(ReviewTestCase):
    server: ClassVar[HTTPServer]
    thread: ClassVar[threading.Thread]
    robot: ClassVar[str]

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.server = HTTPServer(("127.0.0.1", 0), FakeRobot)
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.robot = f"http://127.0.0.1:{cls.server.server_port}/robot/send?access_token=test"

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.shutdown()
        cls.server.server_close()
        super().tearDownClass()

    def setUp(self) -> None:
        super().setUp()
        FakeRobot.received.clear()

    def remind(self) -> Any:
        response = self.client.post(
            reverse("review:remind"),
            {"task": self.task_a.pk, "unit": self.unit_a.pk, "message": "请于本周五前报送专利数据。"},
        )
        run_jobs()  # the channels are a job's work, not the request's
        return response

    def test_a_reminder_reaches_the_unit_in_the_app(self) -> None:
        self.remind()
        reminder = Reminder.objects.get()
        self.assertEqual((reminder.unit, reminder.task, reminder.webhook_result), (self.unit_a, self.task_a, ""))
        self.login(self.liaison_a)
        self.assertContains(self.client.get(reverse("reporting:mine")), 'class="badge">1<')
        self.assertContains(self.client.get(reverse("review:reminders")), "请于本周五前报送专利数据。")
        self.assertIsNotNone(Reminder.objects.get().read_at)
        self.login(self.liaison_b)
        self.assertNotContains(self.client.get(reverse("review:reminders")), "请于本周五前报送专利数据。")

    def test_a_reminder_is_pushed_to_the_group_robot_when_one_is_set(self) -> None:
        with self.settings(LUOSHI_WEBHOOK_URL=self.robot, LUOSHI_WEBHOOK_KIND="wecom"):
            self.remind()
        ((_path, body),) = FakeRobot.received
        self.assertEqual(body["msgtype"], "text")
        self.assertIn("区科技局", body["text"]["content"])
        self.assertEqual(Reminder.objects.get().webhook_result, "已推送到群机器人")

    def test_dingtalk_pushes_are_signed_when_a_secret_is_set(self) -> None:
        with self.settings(
            LUOSHI_WEBHOOK_URL=self.robot, LUOSHI_WEBHOOK_KIND="dingtalk", LUOSHI_WEBHOOK_SECRET="SEC123"
        ):
            self.remind()
        ((path, _),) = FakeRobot.received
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
        expected = urllib.parse.parse_qs(
            urllib.parse.urlsplit(webhook.signed_url(self.robot, "SEC123", int(query["timestamp"][0]))).query
        )
        self.assertEqual(query["sign"], expected["sign"])

    def test_a_robot_refusal_is_recorded_and_the_reminder_still_stands(self) -> None:
        with self.settings(LUOSHI_WEBHOOK_URL=self.robot.replace("/robot/", "/bad/")):
            self.remind()
        self.assertIn("推送失败", Reminder.objects.get().webhook_result)

    def test_an_unreachable_robot_is_recorded_not_raised(self) -> None:
        with self.settings(LUOSHI_WEBHOOK_URL="http://127.0.0.1:9/robot", LUOSHI_WEBHOOK_TIMEOUT=2):
            self.remind()
        self.assertIn("推送失败", Reminder.objects.get().webhook_result)

    def test_only_the_office_reminds(self) -> None:
        self.login(self.leader)
        self.assertEqual(self.remind().status_code, 403)
        self.assertFalse(Reminder.objects.exists())


class ClosePeriodTests(ReviewTestCase):
    def close(self, version: int | None = None) -> Any:
        self.period.refresh_from_db()
        return self.client.post(
            reverse("review:close_period", args=[self.period.pk]),
            {"version": str(self.period.version if version is None else version)},
        )

    def test_a_closed_period_takes_no_reports_and_no_sign_offs(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        self.close()
        self.period.refresh_from_db()
        self.assertIsNotNone(self.period.closed_at)
        self.assertEqual(self.period.closed_by, self.office)
        with self.assertRaises(LuoshiError):
            self.report(self.task_a, SHORT)
        self.signoff(self.task_a, "done")
        self.assertEqual(TaskStatus.objects.get(task=self.task_a).state, "submitted")

    def test_closing_with_a_stale_version_changes_nothing(self) -> None:
        self.close(version=99)
        self.period.refresh_from_db()
        self.assertIsNone(self.period.closed_at)

    def test_only_the_office_closes_periods(self) -> None:
        self.login(self.leader)
        self.assertEqual(self.close().status_code, 403)


class DownloadTests(ReviewTestCase):
    def download(self, what: str, fmt: str, period: Period | None = None) -> Any:
        return self.client.get(reverse("review:download", args=[self.plan.pk, (period or self.period).pk, what, fmt]))

    def test_the_execution_table_carries_the_reports_and_signed_verdicts(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        self.signoff(self.task_a, "done")
        response = self.download("table", "docx")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        document = docx.Document(io.BytesIO(response.content))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        self.assertIn(DONE, cells)
        self.assertIn("是", cells)
        self.assertIn("区科技局", cells)

    def test_the_execution_table_as_excel(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        response = self.download("table", "xlsx")
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        values = {str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value}
        self.assertIn(DONE, values)

    def test_the_plan_and_the_summary_download(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        plan = docx.Document(io.BytesIO(self.download("plan", "docx").content))
        self.assertIn(self.task_a.text, "\n".join(p.text for p in plan.paragraphs))
        summary = self.download("summary", "txt").content.decode()
        self.assertIn("3", summary)
        self.assertEqual(self.download("summary", "docx").status_code, 200)

    def test_leaders_may_download_and_liaisons_may_not(self) -> None:
        self.login(self.leader)
        self.assertEqual(self.download("table", "docx").status_code, 200)
        self.login(self.liaison_a)
        self.assertEqual(self.download("table", "docx").status_code, 403)

    def test_unknown_downloads_and_other_governments_periods_are_not_found(self) -> None:
        self.assertEqual(self.download("secrets", "docx").status_code, 404)
        # A format the report is not offered in (the registry says which; the summary has no Excel).
        self.assertEqual(self.download("table", "exe").status_code, 404)
        self.assertEqual(self.download("summary", "xlsx").status_code, 404)
        self.assertEqual(self.download("table", "docx", period=self.other_period).status_code, 404)
