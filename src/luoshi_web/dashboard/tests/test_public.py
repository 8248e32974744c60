"""The public page (政务公开): opt-in by the office, no login, signed-off data only, cacheable, audited."""

from __future__ import annotations

from django.urls import reverse

from luoshi_web.audit.models import AuditEvent
from luoshi_web.plans.models import Plan, Task
from luoshi_web.reporting.models import ProgressEntry, TaskStatus, Verdict
from luoshi_web.test import BaseTestCase


class PublicPageTests(BaseTestCase):
    def setUp(self) -> None:
        def status(task: Task, value: str, reason: str, text: str, signed: bool) -> None:
            unit = task.assignments.get(role="lead").unit
            entry = ProgressEntry.objects.create(task=task, period=self.period, unit=unit, text=text)
            judged = Verdict.objects.create(
                task=task, period=self.period, entry=entry, source="judge", value=value, reasons=[reason]
            )
            sign = (
                Verdict.objects.create(
                    task=task, period=self.period, entry=entry, source="signoff", value=value, reasons=[reason]
                )
                if signed
                else None
            )
            TaskStatus.objects.create(
                task=task,
                period=self.period,
                state="signed" if signed else "submitted",
                entry=entry,
                judged=judged,
                signed=sign,
            )

        status(self.task_a, "done", "目标≥9600件；实绩12871件；已达标", "有效发明专利拥有量12871件。", True)
        status(self.task_b, "not_done", "内部研判：未达标（尚未审核）", "硅巷新增3万平方米，内部数据。", False)
        self.url = reverse("dashboard:public", args=[self.plan.pk])

    def publish(self, **fields: str) -> None:
        self.login(self.office)
        response = self.client.post(reverse("dashboard:publish", args=[self.plan.pk]), fields)
        self.assertEqual(response.status_code, 302)
        self.client.logout()

    def test_a_plan_is_private_until_the_office_publishes_it(self) -> None:
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.publish(public="1")
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.assertTrue(AuditEvent.objects.filter(action="update", summary__contains="公开").exists())

    def test_only_signed_off_verdicts_and_no_internal_text_are_shown(self) -> None:
        self.publish(public="1")
        response = self.client.get(self.url)
        html = response.content.decode()
        self.assertIn("已完成", html)
        self.assertIn("目标≥9600件；实绩12871件；已达标", html)
        self.assertIn("暂未发布", html)
        self.assertNotIn("内部研判", html)
        self.assertNotIn("内部数据", html)
        self.assertNotIn("有效发明专利拥有量12871件。", html)  # progress texts stay internal …
        self.assertIn("区科技局", html)  # … but the lead unit is public

    def test_progress_texts_appear_only_when_the_office_marks_them_public(self) -> None:
        self.publish(public="1", public_progress="1")
        html = self.client.get(self.url).content.decode()
        self.assertIn("有效发明专利拥有量12871件。", html)
        self.assertNotIn("内部数据", html)  # the unsigned task's text stays internal

    def test_the_page_is_cacheable_and_the_same_for_everyone(self) -> None:
        self.publish(public="1")
        anonymous = self.client.get(self.url)
        self.assertIn("public", anonymous["Cache-Control"])
        self.assertNotIn("Cookie", anonymous.get("Vary", ""))
        self.login(self.office)
        self.assertEqual(self.client.get(self.url).content, anonymous.content)

    def test_a_province_cannot_publish_a_district_plan(self) -> None:
        self.login(self.province_office)
        self.client.post(reverse("dashboard:publish", args=[self.plan.pk]), {"public": "1"})
        self.assertFalse(Plan.objects.get(pk=self.plan.pk).public)
