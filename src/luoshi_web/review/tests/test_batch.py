"""The review queue at a real year's scale: filters, pages of 50, batch sign-off and batch reminders, and returning
to the same filtered place; the sign-off form's fixes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from luoshi_web.audit.models import AuditEvent
from luoshi_web.plans.models import Indicator, Task, TaskUnit
from luoshi_web.reporting.models import TaskStatus
from luoshi_web.review.models import Reminder
from luoshi_web.review.tests.test_review import DONE, SHORT, ReviewTestCase


class BatchTestCase(ReviewTestCase):
    def clone_tasks(self, count: int, unit: Any = None) -> list[Task]:
        """``count`` more tasks like task A (same indicators), led by ``unit``."""
        unit = unit or self.unit_a
        made = []
        for i in range(count):
            task = Task.objects.create(
                plan=self.plan, part=self.task_a.part, section=self.task_a.section, order=10 + i, number=str(100 + i),
                text=self.task_a.text,
            )  # fmt: skip
            TaskUnit.objects.create(task=task, unit=unit, role="lead", printed_name=unit.name)
            for ind in self.task_a.indicators.all():
                Indicator.objects.create(
                    task=task, order=ind.order, metric=ind.metric, kind=ind.kind, comparator=ind.comparator,
                    value=ind.value, unit=ind.unit, text=ind.text,
                )  # fmt: skip
            made.append(task)
        return made

    def pick(self, tasks: list[Task]) -> list[str]:
        return [f"{t.pk}:{self.period.pk}" for t in tasks]


class BatchSignOffTests(BatchTestCase):
    def test_twenty_agreeing_reports_are_signed_off_at_once_each_audited(self) -> None:
        tasks = self.clone_tasks(20)
        for task in tasks:
            self.report(task, DONE, claimed="是")
        disagreeing = self.report(self.task_a, SHORT, claimed="是")
        self.assertTrue(disagreeing.disagreement)
        response = self.client.post(
            reverse("review:batch"),
            {"action": "signoff", "note": "经核，与研判一致。", "pick": self.pick([*tasks, self.task_a])},
        )
        self.assertEqual(response.status_code, 302)
        signed = TaskStatus.objects.filter(task__in=tasks, state=TaskStatus.SIGNED)
        self.assertEqual(signed.count(), 20)
        self.assertEqual({s.signed.note for s in signed.select_related("signed")}, {"经核，与研判一致。"})
        self.assertEqual(TaskStatus.objects.get(pk=disagreeing.pk).state, TaskStatus.SUBMITTED)
        events = AuditEvent.objects.filter(action="signoff")
        self.assertEqual(events.count(), 20)
        self.assertEqual(len({e.object_id for e in events}), 20)
        messages = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
        self.assertIn("已签发20项。另有1项未签发", messages[0])

    def test_a_batch_sign_off_needs_one_reason(self) -> None:
        (task,) = self.clone_tasks(1)
        self.report(task, DONE, claimed="是")
        self.client.post(reverse("review:batch"), {"action": "signoff", "note": "", "pick": self.pick([task])})
        self.assertEqual(TaskStatus.objects.get(task=task).state, TaskStatus.SUBMITTED)

    def test_another_governments_tasks_in_a_batch_are_ignored(self) -> None:
        response = self.client.post(
            reverse("review:batch"),
            {"action": "signoff", "note": "x", "pick": [f"{self.other_task.pk}:{self.other_period.pk}"]},
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(AuditEvent.objects.filter(action="signoff").exists())


class BatchRemindTests(BatchTestCase):
    def test_every_selected_late_unit_is_reminded_at_once(self) -> None:
        self.period.due = dt.date(2000, 1, 1)
        self.period.save()
        self.report(self.task_a, DONE, claimed="是")  # reported: not late, not reminded
        response = self.client.post(
            reverse("review:batch"),
            {"action": "remind", "pick": self.pick([self.task_a, self.task_b, self.task_street])},
        )
        self.assertEqual(response.status_code, 302)
        reminded = sorted((r.unit.name, r.task.label) for r in Reminder.objects.select_related("unit", "task"))
        self.assertEqual(reminded, [("区发改委", "第2项"), ("区发改委", "第3项")])
        self.assertEqual(AuditEvent.objects.filter(action="remind").count(), 2)
        self.assertTrue(all(r.enqueued_at for r in Reminder.objects.all()))


class QueueAtScaleTests(BatchTestCase):
    def test_fifty_a_page_and_filters_by_unit_state_light_and_keyword(self) -> None:
        self.clone_tasks(60, unit=self.unit_b)
        page = self.client.get(reverse("review:queue"))
        self.assertEqual(len(page.context["page"].object_list), 50)
        self.assertEqual(page.context["page"].paginator.count, 63)
        only_a = self.client.get(reverse("review:queue"), {"unit": self.unit_a.pk})
        self.assertEqual([r.task for r in only_a.context["page"]], [self.task_a])
        self.report(self.task_a, DONE, claimed="是")
        waiting = self.client.get(reverse("review:queue"), {"state": "waiting"})
        self.assertEqual([r.task for r in waiting.context["page"]], [self.task_a])
        green = self.client.get(reverse("review:queue"), {"light": "green"})
        self.assertEqual([r.task for r in green.context["page"]], [self.task_a])
        self.assertContains(green, ">正常<")
        found = self.client.get(reverse("review:queue"), {"q": "硅巷"})
        self.assertEqual([r.task for r in found.context["page"]], [self.task_b])

    def test_acting_from_the_filtered_queue_returns_to_it(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        here = reverse("review:queue") + f"?unit={self.unit_a.pk}&state=waiting&page=1"
        status = TaskStatus.objects.get(task=self.task_a)
        for url, data in (
            (reverse("review:batch"), {"action": "signoff", "note": "一致", "pick": self.pick([self.task_a])}),
            (reverse("review:signoff", args=[self.task_b.pk, self.period.pk]), {"value": "done", "version": "0"}),
            (reverse("review:remind"), {"unit": self.unit_b.pk, "task": self.task_b.pk}),
        ):
            with self.subTest(url=url):
                response = self.client.post(url, {**data, "next": here})
                self.assertRedirects(response, here, fetch_redirect_response=False)
        self.assertEqual(TaskStatus.objects.get(pk=status.pk).state, TaskStatus.SIGNED)

    def test_a_foreign_next_is_not_followed(self) -> None:
        response = self.client.post(
            reverse("review:remind"), {"unit": self.unit_b.pk, "next": "https://evil.example/phish"}
        )
        self.assertRedirects(response, reverse("review:queue"), fetch_redirect_response=False)

    def test_the_task_page_carries_the_queue_address_into_its_forms(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        here = reverse("review:queue") + "?state=waiting"
        page = self.client.get(reverse("reporting:task", args=[self.task_a.pk]), {"next": here})
        self.assertContains(page, f'name="next" value="{here}"', count=2)


class SignOffFormTests(BatchTestCase):
    def form(self) -> str:
        return self.client.get(reverse("reporting:task", args=[self.task_a.pk])).content.decode()

    def test_after_an_override_the_form_preselects_the_current_verdict_and_the_reason_shows_once(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        self.signoff(self.task_a, "not_done", note="数据未经统计局核实。")
        page = self.form()
        self.assertRegex(page, r'<option value="not_done" selected>')
        self.assertEqual(page.count("数据未经统计局核实。"), 1)

    def test_a_closed_period_shows_no_sign_off_form(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        self.assertIn('class="panel stack signoff"', self.form())
        self.period.closed_at = timezone.now()
        self.period.save()
        self.assertNotIn('class="panel stack signoff"', self.form())

    def test_a_correction_starts_from_the_previous_text(self) -> None:
        self.report(self.task_a, DONE, claimed="是")
        self.login(self.liaison_a)
        page = self.client.get(reverse("reporting:write", args=[self.task_a.pk, self.period.pk]))
        self.assertContains(page, DONE)
