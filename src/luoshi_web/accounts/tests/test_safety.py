"""Safety across the app: user text escaped, pages self-contained, the audit trail append-only."""

from __future__ import annotations

from django.urls import reverse

from luoshi_web.audit import trail
from luoshi_web.audit.models import AppendOnlyError, AuditEvent
from luoshi_web.test import BaseTestCase

SCRIPT = '<script>alert("x")</script>'


class EscapingTests(BaseTestCase):
    def test_user_text_is_escaped_on_every_page_that_shows_it(self) -> None:
        self.task_a.text = f"任务{SCRIPT}"
        self.task_a.save()
        self.unit_a.name = f"区科技局{SCRIPT}"
        self.unit_a.save()
        self.login(self.office)
        for url in (
            reverse("reporting:plan", args=[self.plan.pk]),
            reverse("reporting:task", args=[self.task_a.pk]),
            reverse("units:list"),
        ):
            with self.subTest(url=url):
                page = self.client.get(url).content.decode()
                self.assertNotIn(SCRIPT, page)
                self.assertIn("&lt;script&gt;", page)
        api = self.client.get(reverse("api:task", args=[self.task_a.pk]))
        self.assertEqual(api["Content-Type"], "application/json")


class HeaderTests(BaseTestCase):
    def test_pages_forbid_scripts_from_elsewhere_and_framing(self) -> None:
        self.login(self.office)
        response = self.client.get(reverse("home"))
        self.assertIn("script-src 'self'", response["Content-Security-Policy"])
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")

    def test_every_asset_is_served_by_the_app_itself(self) -> None:
        self.login(self.office)
        page = self.client.get(reverse("reporting:plan", args=[self.plan.pk])).content.decode()
        self.assertNotRegex(page, r'(src|href)="(https?:)?//')


class AuditTrailTests(BaseTestCase):
    def test_audit_events_cannot_be_changed_or_deleted(self) -> None:
        event = trail.record(self.office, "update", self.task_a, before={"text": "a"}, after={"text": "b"})
        self.assertEqual(
            (event.government, event.model, event.object_id), (self.gov, "plans.task", str(self.task_a.pk))
        )
        event.summary = "改写历史"
        with self.assertRaises(AppendOnlyError):
            event.save()
        with self.assertRaises(AppendOnlyError):
            event.delete()
        with self.assertRaises(AppendOnlyError):
            AuditEvent.objects.filter(pk=event.pk).update(summary="x")
        with self.assertRaises(AppendOnlyError):
            AuditEvent.objects.all().delete()
