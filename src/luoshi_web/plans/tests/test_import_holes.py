"""Holes in the import preview found from outside: other governments' ids in the form, two tabs at once, the kind."""

from __future__ import annotations

import threading

from django.db import close_old_connections
from django.test import TransactionTestCase
from django.urls import reverse

from luoshi_web import staging
from luoshi_web.plans import importing
from luoshi_web.plans.models import Plan, Task
from luoshi_web.plans.tests.test_import import ImportTestCase, seed_bytes
from luoshi_web.test import make_world


class ForeignIdsTests(ImportTestCase):
    """Every id taken from the preview form is checked against the office's government."""

    def other_plan_with_tasks(self) -> Plan:
        self.login(self.other_office)
        token = self.upload_seed("001")
        response = self.client.post(reverse("plans:import_preview", args=[token]), self.form(token, action="confirm"))
        self.assertEqual(response.status_code, 302)
        self.login(self.office)
        return Plan.objects.filter(government=self.other_gov).latest("imported_at")

    def preview(self, token: str) -> dict:
        owner = self.client.session.get("_auth_user_id")
        return staging.load(token, int(owner or 0), "plan-import")

    def test_another_governments_plan_as_target_shows_nothing_of_it(self) -> None:
        other = self.other_plan_with_tasks()
        self.assertEqual(other.tasks.count(), 72)
        token = self.upload_seed("001")
        self.client.post(reverse("plans:import_preview", args=[token]), self.form(token, target_plan=str(other.pk)))
        self.assertIsNone(self.preview(token)["target_plan_id"])
        page = self.client.get(reverse("plans:import_preview", args=[token]))
        self.assertEqual(page.status_code, 200)
        self.assertIsNone(page.context["target"])
        self.assertNotContains(page, "玄武区")

    def test_confirming_with_another_governments_target_is_refused_without_a_500(self) -> None:
        other = self.other_plan_with_tasks()
        token = self.upload_seed("001")
        preview = self.preview(token)
        preview["target_plan_id"] = other.pk  # as if stored before the check existed
        staging.save(token, preview)
        response = self.client.post(
            reverse("plans:import_preview", args=[token]), self.form(token, action="confirm", target_plan=str(other.pk))
        )
        self.assertIn(response.status_code, (302, 400))
        self.assertEqual(Plan.objects.get(pk=other.pk).revision, 1)

    def test_a_name_choice_pointing_at_another_governments_unit_is_ignored(self) -> None:
        token = self.upload_seed("001")
        names = self.preview(token)["names"]
        index = next(i for i, n in enumerate(names) if n["printed"] == "区科技局")
        response = self.client.post(
            reverse("plans:import_preview", args=[token]),
            self.form(token, action="confirm", **{f"name-{index}": f"unit:{self.unit_other.pk}"}),
        )
        self.assertEqual(response.status_code, 302, getattr(response, "content", b"")[:300])
        plan = Plan.objects.filter(government=self.gov).latest("imported_at")
        self.assertFalse(Task.objects.filter(plan=plan, units=self.unit_other).exists())


class KindTests(ImportTestCase):
    def test_an_imported_plan_keeps_the_kind_the_document_has(self) -> None:
        token = self.upload_seed("001")
        self.assertEqual(self.preview(token)["kind"], "decomposition")
        self.client.post(reverse("plans:import_preview", args=[token]), self.form(token, action="confirm"))
        self.assertEqual(Plan.objects.filter(government=self.gov).latest("imported_at").kind, "decomposition")


class TwoTabsTests(TransactionTestCase):
    """Two tabs posting edits to one preview at once: one wins, the other is told; no temp-file collision."""

    def test_concurrent_edits_never_lose_one_silently(self) -> None:
        make_world(self)
        self.client.force_login(self.office)  # type: ignore[attr-defined]
        data, name = seed_bytes("001")
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = self.client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)})
        token = response["Location"].rstrip("/").rsplit("/", 1)[1]
        preview = staging.load(token, self.office.pk, "plan-import")  # type: ignore[attr-defined]
        key = preview["tasks"][0]["key"]
        cookie = self.client.cookies
        results: list[int] = []
        errors: list[BaseException] = []
        barrier = threading.Barrier(2)

        def edit(text: str) -> None:
            from django.test import Client

            client = Client()
            client.cookies = cookie
            try:
                barrier.wait()
                r = client.post(
                    reverse("plans:import_preview", args=[token]),
                    {"rev": "0", f"text-{key}": text, f"number-{key}": "1", f"lead-{key}": "", f"co-{key}": ""},
                )
                results.append(r.status_code)
            except BaseException as exc:
                errors.append(exc)
            finally:
                close_old_connections()

        for _round in range(3):
            threads = [threading.Thread(target=edit, args=(f"第{i}个窗口的修改",)) for i in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(errors, [])
            # Exactly one edit is taken (a redirect); the other is told the preview changed (400).
            self.assertEqual(sorted(results), [302, 400], results)
            saved = staging.load(token, self.office.pk, "plan-import")  # type: ignore[attr-defined]
            self.assertEqual(saved["rev"], 1)
            # Reset for the next round: both tabs again hold the current rev.
            results.clear()
            saved["rev"] = 0
            staging.save(token, saved)
            self.assertEqual(importing.selected_tasks(saved)[0]["key"], key)


class ArchiveTests(ImportTestCase):
    def test_a_wrongly_imported_plan_is_archived_by_the_office_audited_and_leaves_the_lists(self) -> None:
        from luoshi_web.audit.models import AuditEvent

        self.assertContains(self.client.get(reverse("plans:list")), self.plan.title)
        response = self.client.post(reverse("plans:archive", args=[self.plan.pk]), {"confirm": "yes"})
        self.assertRedirects(response, reverse("plans:list"), fetch_redirect_response=False)
        self.plan.refresh_from_db()
        self.assertEqual(self.plan.state, Plan.ARCHIVED)
        # The list's rows are the columns it prints, the plan's id among them.
        listed = [row["pk"] for row in self.client.get(reverse("plans:list")).context["page"].object_list]
        self.assertNotIn(self.plan.pk, listed)
        archived = self.client.get(reverse("plans:list"), {"archived": "1"}).context["page"].object_list
        self.assertIn(self.plan.pk, [row["pk"] for row in archived])
        self.assertEqual(list(self.client.get(reverse("review:queue")).context["page"]), [])
        self.assertTrue(AuditEvent.objects.filter(action="archive", object_id=str(self.plan.pk)).exists())
        self.login(self.liaison_a)
        self.assertNotContains(self.client.get(reverse("reporting:mine")), self.plan.title)
        self.login(self.office)
        self.client.post(reverse("plans:archive", args=[self.plan.pk]), {"confirm": "yes", "action": "restore"})
        self.plan.refresh_from_db()
        self.assertEqual(self.plan.state, Plan.ACTIVE)

    def test_only_the_office_archives(self) -> None:
        self.login(self.leader)
        self.assertEqual(
            self.client.post(reverse("plans:archive", args=[self.plan.pk]), {"confirm": "yes"}).status_code, 403
        )
