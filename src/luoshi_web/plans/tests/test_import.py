"""The import flow: upload → preview (nothing stored) → edit and resolve units → confirm, or cancel."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from luoshi.errors import LuoshiError
from luoshi.read import read_bytes
from luoshi_web import staging
from luoshi_web.audit.models import AuditEvent
from luoshi_web.plans import importing
from luoshi_web.plans.models import Indicator, Plan, Task, TaskUnit
from luoshi_web.test import BaseTestCase
from luoshi_web.units.models import Unit, UnitAlias

SEEDS = Path(__file__).resolve().parents[4] / "examples" / "seeds"


def seed_bytes(prefix: str) -> tuple[bytes, str]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_bytes(), path.name


def row_counts() -> dict[str, int]:
    return {
        "plans": Plan.objects.count(),
        "tasks": Task.objects.count(),
        "task_units": TaskUnit.objects.count(),
        "indicators": Indicator.objects.count(),
        "units": Unit.objects.count(),
        "aliases": UnitAlias.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


class ImportTestCase(BaseTestCase):
    def upload(self, data: bytes, name: str) -> Any:
        return self.client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data)})

    def upload_seed(self, prefix: str = "001") -> str:
        response = self.upload(*seed_bytes(prefix))
        self.assertEqual(response.status_code, 302, getattr(response, "content", b"")[:500])
        return response.url.rstrip("/").rsplit("/", 1)[1]

    def preview(self, token: str) -> dict[str, Any]:
        return staging.load(token, self.office.pk, "plan-import")

    def form(self, token: str, **extra: str) -> dict[str, str]:
        """The preview form as the browser would post it, with every undecided name created as a new unit."""
        preview = self.preview(token)
        data = {
            "rev": str(preview["rev"]),
            "parts_present": "1",
            "title": preview["title"],
            "year": str(preview["year"]),
        }
        data["target_plan"] = str(preview["target_plan_id"] or "")
        for part in preview["parts"]:
            if part["selected"]:
                data[f"part-{part['index']}"] = "on"
        for task in preview["tasks"]:
            key = task["key"]
            data.update(
                {
                    f"number-{key}": task["number"],
                    f"text-{key}": task["text"],
                    f"lead-{key}": "、".join(task["lead"]),
                    f"co-{key}": "、".join(task["co"]),
                }
            )
        for i, name in enumerate(preview["names"]):
            data[f"name-{i}"] = name["decision"] or f"new:{name['kind_guess']}"
        data.update(extra)
        return data

    def setUp(self) -> None:
        self.login(self.office)


class UploadTests(ImportTestCase):
    def test_uploading_a_plan_shows_its_tasks_and_stores_nothing(self) -> None:
        before = row_counts()
        token = self.upload_seed("001")
        preview = self.preview(token)
        self.assertEqual(len(importing.selected_tasks(preview)), 72)
        self.assertEqual(preview["year"], 2021)
        self.assertEqual(row_counts(), before)
        page = self.client.get(reverse("plans:import_preview", args=[token]))
        self.assertContains(page, "2021年区政府主要工作目标任务分解落实方案")
        self.assertContains(page, "聚焦“从0到1”的原始创新")

    def test_known_names_resolve_and_unknown_names_are_highlighted(self) -> None:
        token = self.upload_seed("001")
        names = {n["printed"]: n for n in self.preview(token)["names"]}
        self.assertEqual((names["区科技局"]["match"], names["区科技局"]["unit_id"]), ("exact", self.unit_a.pk))
        self.assertEqual(names["区发改委"]["unit_id"], self.unit_b.pk)
        self.assertEqual(names["高新区管委会"]["match"], "unknown")
        page = self.client.get(reverse("plans:import_preview", args=[token])).content.decode()
        self.assertRegex(page, r'class="unresolved match-unknown" data-name="高新区管委会"')

    def test_an_unreadable_file_shows_the_cores_message_and_stores_nothing(self) -> None:
        before = row_counts()
        data = b"PK\x03\x04 not really a zip"
        with self.assertRaises(LuoshiError) as raised:
            read_bytes(data, "方案.docx")
        response = self.upload(data, "方案.docx")
        self.assertContains(response, raised.exception.message, status_code=400)
        self.assertEqual(row_counts(), before)

    def test_a_file_of_an_unsupported_type_is_refused_before_reading(self) -> None:
        response = self.upload(b"MZ\x90\x00", "setup.exe")
        self.assertContains(response, "不支持 .exe 文件", status_code=400)

    def test_a_document_without_tasks_says_what_to_upload(self) -> None:
        response = self.upload("这是一封普通的信。\n没有任何编号任务。\n".encode(), "信.txt")
        self.assertContains(response, "没有识别出编号任务", status_code=400)

    def test_a_file_over_the_size_limit_is_refused(self) -> None:
        with self.settings(UPLOAD_MAX_BYTES=1000):
            response = self.upload(b"x" * 2000, "big.txt")
        self.assertContains(response, "超过", status_code=400)

    def test_only_the_office_may_import(self) -> None:
        for user in (self.liaison_a, self.leader):
            self.login(user)
            self.assertEqual(self.client.get(reverse("plans:import")).status_code, 403)
            self.assertEqual(self.upload(*seed_bytes("001")).status_code, 403)

    def test_someone_elses_preview_is_not_found(self) -> None:
        token = self.upload_seed("001")
        self.login(self.other_office)
        self.assertEqual(self.client.get(reverse("plans:import_preview", args=[token])).status_code, 404)

    def test_a_malformed_token_is_not_found(self) -> None:
        self.assertEqual(self.client.get(reverse("plans:import_preview", args=["..%2F..%2Fetc"])).status_code, 404)


class ConfirmTests(ImportTestCase):
    def test_confirming_before_every_name_is_decided_is_refused(self) -> None:
        token = self.upload_seed("001")
        before = row_counts()
        data = self.form(token, action="confirm")
        unknown = next(i for i, n in enumerate(self.preview(token)["names"]) if n["printed"] == "高新区管委会")
        data[f"name-{unknown}"] = ""
        response = self.client.post(reverse("plans:import_preview", args=[token]), data)
        self.assertContains(response, "未确认", status_code=400)
        self.assertContains(response, "高新区管委会", status_code=400)
        self.assertEqual(row_counts(), before)

    def test_confirming_stores_every_task_with_its_units_and_indicators(self) -> None:
        token = self.upload_seed("001")
        self.assertEqual(self.preview(token)["target_plan_id"], self.plan.pk)  # same title and year: a re-import
        form = self.form(token, action="confirm", target_plan="")  # the office chooses 新方案
        response = self.client.post(reverse("plans:import_preview", args=[token]), form)
        self.assertEqual(response.status_code, 302)
        plan = Plan.objects.latest("imported_at")
        self.assertNotEqual(plan, self.plan)
        self.assertEqual(plan.tasks.count(), 72)
        task2 = plan.tasks.get(number="2")
        self.assertEqual(
            sorted(task2.assignments.filter(role="lead").values_list("unit__name", flat=True)),
            ["区科技局", "高新区管委会"],
        )
        self.assertEqual(Unit.objects.get(government=self.gov, name="高新区管委会").kind, "committee")
        self.assertEqual(plan.tasks.get(number="1").section.title, "1、 关于完善创新生态，打造转型升级新引擎")
        self.assertTrue(AuditEvent.objects.filter(action="import", object_id=str(plan.pk)).exists())
        with self.assertRaises(Http404):
            staging.load(token, self.office.pk, "plan-import")

    def test_a_confirmed_suggestion_is_learnt_as_an_alias_when_the_office_says_so(self) -> None:
        tax = Unit.objects.create(government=self.gov, name="区商务局")
        data = "1.做好外贸工作。（区商务局主办）\n2.依法组织税收。（区税务局主办）\n".encode()
        response = self.upload(data, "方案.txt")
        token = response.url.rstrip("/").rsplit("/", 1)[1]
        names = {n["printed"]: (i, n) for i, n in enumerate(self.preview(token)["names"])}
        index, tax_name = names["区税务局"]
        self.assertEqual(tax_name["match"], "suggested")
        self.assertEqual(tax_name["decision"], "")  # a look-alike is never applied on its own
        form = self.form(token, action="confirm")
        form[f"name-{index}"] = f"unit:{tax.pk}"  # (a person says: yes, same unit — for the test's sake)
        form[f"alias-{index}"] = "on"  # …and ticks "remember it as an alias"
        self.assertEqual(self.client.post(reverse("plans:import_preview", args=[token]), form).status_code, 302)
        self.assertTrue(UnitAlias.objects.filter(unit=tax, name="区税务局").exists())

    def test_accepting_a_suggestion_without_ticking_remember_stores_no_alias(self) -> None:
        tax = Unit.objects.create(government=self.gov, name="区商务局")
        data = "1.做好外贸工作。（区商务局主办）\n2.依法组织税收。（区税务局主办）\n".encode()
        token = self.upload(data, "方案.txt").url.rstrip("/").rsplit("/", 1)[1]
        index = next(i for i, n in enumerate(self.preview(token)["names"]) if n["printed"] == "区税务局")
        page = self.client.get(reverse("plans:import_preview", args=[token]))
        self.assertContains(page, f'name="alias-{index}"')  # the question is asked
        form = self.form(token, action="confirm")
        form[f"name-{index}"] = f"unit:{tax.pk}"
        self.assertEqual(self.client.post(reverse("plans:import_preview", args=[token]), form).status_code, 302)
        self.assertFalse(UnitAlias.objects.filter(name="区税务局").exists())
        plan = Plan.objects.filter(government=self.gov).latest("imported_at")
        self.assertTrue(plan.tasks.filter(number="2", units=tax).exists())

    def test_a_failure_while_storing_leaves_the_database_unchanged(self) -> None:
        token = self.upload_seed("001")
        before = row_counts()
        failing = mock.patch.object(Indicator.objects, "bulk_create", side_effect=RuntimeError("disk full"))
        with failing, self.assertRaises(RuntimeError):
            self.client.post(reverse("plans:import_preview", args=[token]), self.form(token, action="confirm"))
        self.assertEqual(row_counts(), before)

    def test_cancelling_discards_the_preview(self) -> None:
        token = self.upload_seed("001")
        before = row_counts()
        response = self.client.post(reverse("plans:import_preview", args=[token]), {"action": "cancel"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get(reverse("plans:import_preview", args=[token])).status_code, 404)
        self.assertEqual(row_counts(), before)

    def test_a_stale_form_is_detected_and_not_applied(self) -> None:
        token = self.upload_seed("001")
        stale = self.form(token, action="save")
        self.client.post(reverse("plans:import_preview", args=[token]), self.form(token, action="save"))
        stale["title"] = "另一个窗口里的标题"
        response = self.client.post(reverse("plans:import_preview", args=[token]), stale)
        self.assertContains(response, "在别处被修改", status_code=400)
        self.assertNotEqual(self.preview(token)["title"], "另一个窗口里的标题")


class EditTests(ImportTestCase):
    def key_of(self, token: str, number: str) -> str:
        return next(t["key"] for t in self.preview(token)["tasks"] if t["number"] == number)

    def test_editing_a_task_and_reassigning_its_units(self) -> None:
        token = self.upload_seed("001")
        key = self.key_of(token, "5")
        form = self.form(token, action="save")
        form[f"text-{key}"] = "改写后的任务内容。"
        form[f"lead-{key}"] = "区科技局"
        form[f"co-{key}"] = ""
        self.client.post(reverse("plans:import_preview", args=[token]), form)
        task = next(t for t in self.preview(token)["tasks"] if t["key"] == key)
        self.assertEqual((task["text"], task["lead"], task["co"]), ("改写后的任务内容。", ["区科技局"], []))

    def test_a_new_name_typed_into_a_task_is_resolved_like_the_printed_ones(self) -> None:
        token = self.upload_seed("001")
        key = self.key_of(token, "5")
        form = self.form(token, action="save")
        form[f"co-{key}"] = "区科学技术局、区档案馆"
        self.client.post(reverse("plans:import_preview", args=[token]), form)
        names = {n["printed"]: n for n in self.preview(token)["names"]}
        self.assertEqual((names["区科学技术局"]["match"], names["区科学技术局"]["unit_id"]), ("alias", self.unit_a.pk))
        self.assertEqual(names["区档案馆"]["match"], "unknown")

    def test_splitting_a_task_after_its_first_sentence(self) -> None:
        token = self.upload_seed("001")
        key = self.key_of(token, "8")
        form = self.form(token, action=f"split:{key}")
        form[f"text-{key}"] = "健全科技金融服务体系。为各类创新企业提供更好融资服务。"
        self.client.post(reverse("plans:import_preview", args=[token]), form)
        tasks = self.preview(token)["tasks"]
        i = next(i for i, t in enumerate(tasks) if t["key"] == key)
        self.assertEqual(tasks[i]["text"], "健全科技金融服务体系。")
        self.assertEqual((tasks[i + 1]["number"], tasks[i + 1]["text"]), ("8-2", "为各类创新企业提供更好融资服务。"))
        self.assertEqual(tasks[i + 1]["lead"], tasks[i]["lead"])

    def test_merging_a_task_into_the_one_before(self) -> None:
        token = self.upload_seed("001")
        before = len(self.preview(token)["tasks"])
        key = self.key_of(token, "6")
        self.client.post(reverse("plans:import_preview", args=[token]), self.form(token, action=f"merge:{key}"))
        tasks = self.preview(token)["tasks"]
        self.assertEqual(len(tasks), before - 1)
        five = next(t for t in tasks if t["number"] == "5")
        self.assertIn("积极开展新研机构提质增效行动", five["text"])
        self.assertIn("高新区管委会", five["lead"])

    def test_deleting_a_task(self) -> None:
        token = self.upload_seed("001")
        key = self.key_of(token, "72")
        self.client.post(
            reverse("plans:import_preview", args=[token]), self.form(token, action="save", **{f"delete-{key}": "on"})
        )
        self.assertEqual(len(importing.selected_tasks(self.preview(token))), 71)


class ReimportTests(ImportTestCase):
    def import_text(self, text: str) -> Plan:
        response = self.upload(text.encode(), "方案.txt")
        token = response.url.rstrip("/").rsplit("/", 1)[1]
        self.assertEqual(
            self.client.post(
                reverse("plans:import_preview", args=[token]), self.form(token, action="confirm")
            ).status_code,
            302,
        )
        return Plan.objects.latest("imported_at")

    ORIGINAL = (
        "2022年区政府主要工作目标任务分解落实方案\n"
        "一、关于创新\n"
        "1.新增硅巷10万平方米以上。（区科技局主办，区发改委协办）\n"
        "2.推进老旧小区改造。（区发改委主办）\n"
        "3.办好创新周活动。（区科技局主办）\n"
    )

    def test_reimporting_a_corrected_document_shows_what_changed_and_updates_in_place(self) -> None:
        plan = self.import_text(self.ORIGINAL)
        self.assertEqual(plan.tasks.count(), 3)
        kept = plan.tasks.get(number="3")
        corrected = (
            self.ORIGINAL.replace("10万平方米", "12万平方米")
            .replace("（区发改委主办）", "（区发改委主办，区科技局协办）")
            .replace("3.办好创新周活动。（区科技局主办）\n", "")
            + "4.新增一项任务。（区科技局主办）\n"
        )
        response = self.upload(corrected.encode(), "方案（修订）.txt")
        token = response.url.rstrip("/").rsplit("/", 1)[1]
        self.assertEqual(self.preview(token)["target_plan_id"], plan.pk)
        page = self.client.get(reverse("plans:import_preview", args=[token])).content.decode()
        self.assertIn("与已有方案相比", page)
        self.assertRegex(page, r"修改 第1项")
        self.assertIn("12万平方米", page)
        self.assertRegex(page, r"修改 第2项")
        self.assertRegex(page, r"删除 第3项")
        self.assertRegex(page, r"新增 第4项")
        self.client.post(reverse("plans:import_preview", args=[token]), self.form(token, action="confirm"))
        plan.refresh_from_db()
        self.assertEqual(plan.revision, 2)
        self.assertEqual(sorted(plan.tasks.values_list("number", flat=True)), ["1", "2", "4"])
        self.assertIn("12万平方米", plan.tasks.get(number="1").text)
        self.assertEqual(plan.tasks.get(number="1").version, 2)
        self.assertFalse(Task.objects.filter(pk=kept.pk).exists())
        self.assertTrue(AuditEvent.objects.filter(action="reimport", object_id=str(plan.pk)).exists())

    def test_a_task_with_reports_is_withdrawn_rather_than_deleted(self) -> None:
        from luoshi_web.plans.models import Period
        from luoshi_web.reporting.models import ProgressEntry

        plan = self.import_text(self.ORIGINAL)
        task3 = plan.tasks.get(number="3")
        period = Period.objects.create(plan=plan, name="全年", start="2022-01-01", end="2022-12-31", due="2099-01-01")
        ProgressEntry(task=task3, period=period, unit=self.unit_a, author=self.liaison_a, text="已办。").save()
        response = self.upload(self.ORIGINAL.replace("3.办好创新周活动。（区科技局主办）\n", "").encode(), "方案.txt")
        token = response.url.rstrip("/").rsplit("/", 1)[1]
        self.client.post(reverse("plans:import_preview", args=[token]), self.form(token, action="confirm"))
        task3.refresh_from_db()
        self.assertTrue(task3.withdrawn)
        self.assertTrue(re.match(r"^\d+$", str(task3.pk)))
