"""The report flow by form: a liaison writes progress, sees the figures and verdict, confirms, submits."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from luoshi_web.reporting.models import ImmutableError, Observation, ProgressEntry, TaskStatus, Verdict
from luoshi_web.test import BaseTestCase

PROGRESS = "1-11月份有效发明专利拥有量12871件。全年预计13000件。1-11月份PCT专利申请量165件。全年预计170件。"


class WriteTestCase(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.liaison_a)

    def url(self, task: Any = None, period: Any = None) -> str:
        return reverse("reporting:write", args=[(task or self.task_a).pk, (period or self.period).pk])

    def read(self, text: str = PROGRESS, **extra: Any) -> Any:
        """读取数据 on the form as the page shows it (based on the unit's latest version)."""
        task = extra.pop("task", None) or self.task_a
        seen = ProgressEntry.objects.filter(task=task, unit=self.unit_a).count()
        return self.client.post(self.url(task), {"text": text, "action": "read", "base_version": str(seen), **extra})

    def confirm_form(self, response: Any, **overrides: str) -> dict[str, str]:
        """The confirm form as rendered after 读取数据, with the liaison's corrections."""
        figures = response.context["figures"]
        data = {
            "text": response.context["text"],
            "claimed_status": response.context["claimed"],
            "base_version": str(response.context["base_version"]),
            "read_digest": response.context["read_digest"],
            "fig_count": str(len(figures)),
            "action": "submit",
        }
        for i, f in enumerate(figures):
            for field, key in (("metric", "metric"), ("period", "period"), ("unit", "unit"), ("text", "text")):
                data[f"fig-{i}-{field}"] = f[key] or ""
            data[f"fig-{i}-value"] = "" if f["value"] is None else str(f["value"])
            data[f"fig-{i}-growth"] = "" if f["growth_pct"] is None else str(f["growth_pct"])
            if f["forecast"]:
                data[f"fig-{i}-forecast"] = "on"
        data.update(overrides)
        return data

    def submit(self, text: str = PROGRESS, **overrides: str) -> Any:
        read = self.read(text, claimed_status=overrides.pop("claimed_status", "是"))
        return self.client.post(self.url(), self.confirm_form(read, **overrides))


class WriteTests(WriteTestCase):
    def test_liaison_sees_only_tasks_their_unit_leads_or_supports(self) -> None:
        page = self.client.get(reverse("reporting:mine"))
        self.assertContains(page, self.task_a.text[:20])
        self.assertContains(page, self.task_b.text[:10])  # unit A supports task B
        self.assertNotContains(page, self.task_street.text[:8])
        self.assertNotContains(page, self.other_task.text)

    def test_a_street_liaison_sees_tasks_given_to_all_streets(self) -> None:
        self.login(self.liaison_street)
        page = self.client.get(reverse("reporting:mine"))
        self.assertContains(page, self.task_street.text[:8])
        self.assertNotContains(page, self.task_a.text[:20])

    def test_reading_shows_the_figures_and_the_verdict_it_would_give(self) -> None:
        response = self.read()
        self.assertEqual(response.status_code, 200)
        figures = response.context["figures"]
        self.assertIn(("有效发明专利拥有量", 12871.0, "件"), [(f["metric"], f["value"], f["unit"]) for f in figures])
        self.assertEqual(response.context["verdict"].verdict, "done")
        self.assertContains(response, "按以上数据，系统研判为：是")
        self.assertEqual(ProgressEntry.objects.count(), 0)  # reading stores nothing

    def test_submitting_stores_the_entry_its_figures_and_the_judges_verdict(self) -> None:
        response = self.submit()
        self.assertEqual(response.status_code, 302)
        entry = ProgressEntry.objects.get(task=self.task_a, unit=self.unit_a)
        self.assertEqual(
            (entry.version, entry.role, entry.claimed_status, entry.author), (1, "lead", "是", self.liaison_a)
        )
        self.assertEqual(entry.observations.count(), 4)
        self.assertFalse(entry.observations.filter(corrected=True).exists())
        status = TaskStatus.objects.get(task=self.task_a, period=self.period)
        self.assertEqual((status.state, status.judged.value, status.disagreement), ("submitted", "done", False))
        self.assertIn("12871", status.judged.rule)

    def test_a_corrected_figure_is_kept_as_corrected_and_judged_as_corrected(self) -> None:
        read = self.read(claimed_status="是")
        index = next(
            i for i, f in enumerate(read.context["figures"]) if f["metric"] == "PCT专利申请量" and not f["forecast"]
        )
        form = self.confirm_form(read, **{f"fig-{index}-value": "120"})
        forecast = next(
            i for i, f in enumerate(read.context["figures"]) if f["metric"] == "PCT专利申请量" and f["forecast"]
        )
        form[f"fig-{forecast}-delete"] = "on"
        self.assertEqual(self.client.post(self.url(), form).status_code, 302)
        corrected = Observation.objects.get(corrected=True)
        self.assertEqual((corrected.metric, corrected.value), ("PCT专利申请量", 120.0))
        status = TaskStatus.objects.get(task=self.task_a, period=self.period)
        self.assertEqual(status.judged.value, "partly_done")
        self.assertTrue(status.disagreement)  # the unit claimed 是

    def test_a_figure_the_reader_missed_can_be_added(self) -> None:
        read = self.read("专利工作进展顺利。")
        form = self.confirm_form(
            read, **{"fig-0-metric": "有效发明专利拥有量", "fig-0-value": "9700", "fig-0-unit": "件"}
        )
        self.assertEqual(self.client.post(self.url(), form).status_code, 302)
        self.assertEqual(Observation.objects.get().value, 9700.0)

    def test_a_figure_that_is_not_a_number_is_refused_with_a_message(self) -> None:
        read = self.read()
        response = self.client.post(self.url(), self.confirm_form(read, **{"fig-0-value": "一万二"}))
        self.assertContains(response, "不是数字", status_code=400)
        self.assertEqual(ProgressEntry.objects.count(), 0)

    def test_text_changed_after_reading_is_read_again_before_submitting(self) -> None:
        read = self.read()
        form = self.confirm_form(read, text=PROGRESS + "另新增高价值专利培育中心2家。")
        response = self.client.post(self.url(), form)
        self.assertContains(response, "读取数据后又修改过", status_code=400)
        self.assertEqual(ProgressEntry.objects.count(), 0)

    def test_a_correction_is_a_new_version_and_the_old_one_is_kept(self) -> None:
        self.submit()
        self.submit("全年有效发明专利拥有量13012件，PCT专利申请量171件。", note="全年数据已出")
        entries = list(ProgressEntry.objects.filter(task=self.task_a).order_by("version"))
        self.assertEqual([e.version for e in entries], [1, 2])
        self.assertEqual(entries[1].supersedes, entries[0])
        self.assertEqual(entries[0].text, PROGRESS)
        self.assertEqual(entries[1].note, "全年数据已出")
        self.assertEqual(TaskStatus.objects.get(task=self.task_a).entry, entries[1])

    def test_a_stale_form_never_overwrites_a_newer_version(self) -> None:
        first_read = self.read(claimed_status="是")
        self.submit()  # someone else of the unit submits meanwhile
        response = self.client.post(self.url(), self.confirm_form(first_read))
        self.assertContains(response, "已提交了第1版", status_code=400)
        self.assertEqual(ProgressEntry.objects.count(), 1)

    def test_a_submitted_entry_cannot_be_saved_over(self) -> None:
        self.submit()
        entry = ProgressEntry.objects.get()
        entry.text = "改写"
        with self.assertRaises(ImmutableError):
            entry.save()

    def test_a_co_units_input_is_shown_to_the_lead_unit(self) -> None:
        self.client.post(
            self.url(self.task_b),
            {"text": "配合完成硅巷载体备案2.1万平方米。", "action": "read", "base_version": "0"},
        )
        read = self.client.post(
            self.url(self.task_b), {"text": "配合完成硅巷载体备案2.1万平方米。", "action": "read", "base_version": "0"}
        )
        self.client.post(self.url(self.task_b), self.confirm_form(read))
        entry = ProgressEntry.objects.get(task=self.task_b)
        self.assertEqual((entry.unit, entry.role), (self.unit_a, "co"))
        self.login(self.liaison_b)
        page = self.client.get(self.url(self.task_b))
        self.assertContains(page, "协办单位报送的情况")
        self.assertContains(page, "配合完成硅巷载体备案")

    def test_liaison_cannot_report_on_another_units_task(self) -> None:
        self.assertEqual(self.client.get(self.url(self.task_street)).status_code, 404)
        response = self.client.post(self.url(self.task_street), {"text": "x", "action": "read"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get(self.url(self.other_task, self.other_period)).status_code, 404)

    def test_a_closed_period_takes_no_more_reports(self) -> None:
        read = self.read(claimed_status="是")
        self.period.closed_at = timezone.now()
        self.period.save()
        response = self.client.post(self.url(), self.confirm_form(read))
        self.assertContains(response, "已关闭")
        self.assertEqual(ProgressEntry.objects.count(), 0)

    def test_the_office_and_leaders_do_not_write_progress(self) -> None:
        for user in (self.office, self.leader):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 403)

    def test_every_submission_is_in_the_audit_trail(self) -> None:
        from luoshi_web.audit.models import AuditEvent

        self.submit()
        event = AuditEvent.objects.get(action="submit")
        self.assertEqual((event.user, event.government), (self.liaison_a, self.gov))
        self.assertEqual((event.after or {}).get("version"), 1)

    def test_the_judges_verdict_is_kept_with_its_reasons(self) -> None:
        self.submit()
        verdict = Verdict.objects.get(source="judge")
        self.assertTrue(verdict.reasons)
        self.assertEqual(verdict.entry, ProgressEntry.objects.get())
