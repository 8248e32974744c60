"""Merging a duplicate unit: tasks, progress, files and users move, the old name stays as an alias, audited."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from luoshi_web.accounts.models import User
from luoshi_web.audit.models import AuditEvent
from luoshi_web.plans.models import TaskUnit
from luoshi_web.reporting import services
from luoshi_web.reporting.models import ProgressEntry
from luoshi_web.test import BaseTestCase
from luoshi_web.units.directory import Directory
from luoshi_web.units.models import Unit, UnitAlias


class MergeTests(BaseTestCase):
    def setUp(self) -> None:
        self.dup = Unit.objects.create(government=self.gov, name="科技局")
        UnitAlias.objects.create(unit=self.dup, name="科学技术局")
        # The duplicate leads task B beside 区发改委, co-leads task A's role already held by 区科技局, has a liaison,
        # a report, and a leader overseeing it.
        TaskUnit.objects.create(task=self.task_b, unit=self.dup, role="co", printed_name="科技局")  # A is co too
        TaskUnit.objects.create(task=self.task_street, unit=self.dup, role="co", printed_name="科技局")
        self.dup_liaison = User.objects.create_user("dup", role="liaison", government=self.gov, unit=self.dup)
        self.leader.oversees.add(self.dup, self.unit_a)
        text = "推进中。"
        services.submit(
            [services.Submission(self.task_street, text, "", [], 0)],
            period=self.period,
            unit=self.dup,
            user=self.dup_liaison,
        )
        self.login(self.office)

    def merge(self, confirm: str = "yes") -> Any:
        return self.client.post(
            reverse("units:merge", args=[self.dup.pk]), {"into": self.unit_a.pk, "confirm": confirm}
        )

    def test_everything_moves_and_the_old_names_become_aliases(self) -> None:
        response = self.merge()
        self.assertRedirects(response, reverse("units:edit", args=[self.unit_a.pk]), fetch_redirect_response=False)
        self.assertFalse(Unit.objects.filter(pk=self.dup.pk).exists())
        self.assertEqual(TaskUnit.objects.filter(task=self.task_b, unit=self.unit_a, role="co").count(), 1)
        self.assertTrue(TaskUnit.objects.filter(task=self.task_street, unit=self.unit_a, role="co").exists())
        self.assertEqual(ProgressEntry.objects.get(task=self.task_street).unit, self.unit_a)
        self.dup_liaison.refresh_from_db()
        self.assertEqual(self.dup_liaison.unit, self.unit_a)
        self.assertEqual(set(self.leader.oversees.all()), {self.unit_a})
        self.assertEqual(
            set(UnitAlias.objects.filter(unit=self.unit_a).values_list("name", flat=True)),
            {"区科学技术局", "科技局", "科学技术局"},
        )
        self.assertEqual(Directory.load(self.gov).resolve("科技局").unit_id, self.unit_a.pk)
        event = AuditEvent.objects.get(action="merge")
        self.assertEqual(event.after["moved"]["reporting.progressentry"], 1)  # type: ignore[index]
        self.assertIn("科技局", event.summary)

    def test_a_merge_needs_confirming_and_stays_within_the_government(self) -> None:
        self.merge(confirm="")
        self.assertTrue(Unit.objects.filter(pk=self.dup.pk).exists())
        response = self.client.post(
            reverse("units:merge", args=[self.dup.pk]), {"into": self.unit_other.pk, "confirm": "yes"}
        )
        self.assertRedirects(response, reverse("units:edit", args=[self.dup.pk]), fetch_redirect_response=False)
        self.assertTrue(Unit.objects.filter(pk=self.dup.pk).exists())

    def test_only_the_office_merges(self) -> None:
        self.login(self.leader)
        self.assertEqual(self.merge().status_code, 403)
