"""Drafting next year's plan from the work report: upload → draft with suggested units → edit → confirm → download.

The story of the seeds: 鼓楼区 holds its 2021 plan (seed 001) and its 2022 plan draft (seed 000's 附件4)
as confirmed plans; in January 2024 the office uploads the 2024 work report (seed 004). The draft lists
the seven main targets first, one task per sentence of the report after them, each with the lead and
co-units suggested from 鼓楼区's own plans (a score and the past tasks it rests on), and at the end the
tasks of 2022 not finished (a verdict of 否/部分未达 in its last period) or with a 督办单 still open.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any
from unittest import mock

import docx
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi import suggest_units
from luoshi_web import staging
from luoshi_web.audit.models import AuditEvent
from luoshi_web.ops import demo
from luoshi_web.plans import carry, history, importing
from luoshi_web.plans.models import Period, Plan, Task, TaskUnit
from luoshi_web.plans.tests.test_import import SEEDS, ImportTestCase, seed_bytes
from luoshi_web.reporting.models import TaskStatus, Verdict
from luoshi_web.supervision.models import Notice
from luoshi_web.units.models import Government, Unit

GOLD = Path(__file__).resolve().parents[4] / "examples" / "gold"


# Seed 000's attachments: 附件1 the 2021 year-end table, 附件4 the 2022 plan draft.
TABLE_2021, PLAN_2022 = (0,), (3,)


def import_seed(government: Government, user: Any, prefix: str, parts: tuple[int, ...] = ()) -> Plan:
    """Import a seed as the office would (every unknown name a new unit), only the ``parts`` given."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return demo.import_document(path, government, user, parts=parts or None)


def judged(task: Task, period: Period, value: str) -> TaskStatus:
    verdict = Verdict.objects.create(task=task, period=period, source=Verdict.JUDGE, value=value)
    return TaskStatus.objects.create(task=task, period=period, state=TaskStatus.SUBMITTED, judged=verdict)


class DraftTestCase(ImportTestCase):
    def setUp(self) -> None:
        cache.clear()  # models are cached under the government's state; tests start from none

    def preview(self, token: str) -> dict[str, Any]:
        """The staged preview of whoever is logged in."""
        owner = self.client.session.get("_auth_user_id")
        return staging.load(token, int(owner or 0), "plan-import")

    def upload_draft(self, mode: str = "auto") -> str:
        data, name = seed_bytes("004")
        response = self.client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data), "mode": mode})
        self.assertEqual(response.status_code, 302, getattr(response, "content", b"")[:500])
        return str(response["Location"]).rstrip("/").rsplit("/", 1)[1]

    def draft_form(self, token: str, **extra: str) -> dict[str, str]:
        """The preview form as the browser posts it: the import's fields, and the carried-over tasks still ticked."""
        data = self.form(token)
        for task in self.preview(token)["tasks"]:
            if task.get("keep"):
                data[f"keep-{task['key']}"] = "on"
        data.update(extra)
        return data

    def nth(self, token: str, key: str) -> dict[str, Any]:
        """The preview's task ``key``."""
        return next(t for t in self.preview(token)["tasks"] if t["key"] == key)

    def post(self, token: str, **extra: str) -> Any:
        return self.client.post(reverse("plans:import_preview", args=[token]), self.draft_form(token, **extra))


class StoryTests(DraftTestCase):
    """鼓楼区's 2024 plan drafted from its work report, with its 2021 and 2022 plans as history."""

    plan2021: Plan
    plan2022: Plan
    partly: Task
    not_done: Task
    done: Task
    supervised: Task
    closed: Task

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.plan2021 = import_seed(cls.gov, cls.office, "001")
        cls.plan2022 = import_seed(cls.gov, cls.office, "000", parts=PLAN_2022)
        year_end = Period.objects.create(
            plan=cls.plan2022,
            name="2022年全年",
            kind="year",
            start=dt.date(2022, 1, 1),
            end=dt.date(2022, 12, 31),
            due=dt.date(2023, 1, 10),
        )
        tasks = list(cls.plan2022.tasks.order_by("order"))
        cls.partly, cls.not_done, cls.done = tasks[10], tasks[20], tasks[30]
        judged(cls.partly, year_end, "partly_done")
        judged(cls.not_done, year_end, "not_done")
        judged(cls.done, year_end, "done")
        # A 督办单 of 2021 still open, and one closed: only the open one's task is offered again.
        old = list(cls.plan2021.tasks.order_by("order"))
        cls.supervised, cls.closed = old[5], old[6]
        for serial, (task, state) in enumerate(((cls.supervised, Notice.REPLIED), (cls.closed, Notice.CLOSED)), 1):
            Notice.objects.create(
                government=cls.gov,
                year=2021,
                serial=serial,
                unit=task.assignments.filter(role="lead").first().unit,
                task=task,
                reason="进度滞后",
                reply_by=dt.date(2021, 12, 1),
                state=state,
                issued_by=cls.office,
            )

    def test_the_work_report_becomes_a_draft_with_suggested_units_and_last_years_unfinished_tasks(self) -> None:
        self.login(self.office)
        before = Plan.objects.count()
        token = self.upload_draft()
        self.assertEqual(Plan.objects.count(), before)  # nothing stored before confirmation
        preview = self.preview(token)
        self.assertIn("draft", preview)
        self.assertEqual(preview["kind"], "decomposition")
        self.assertEqual((preview["title"], preview["year"]), ("2024年区政府主要工作目标任务分解落实方案", 2024))
        tasks = preview["tasks"]
        # The main expected targets first, one task each, in the gold's order.
        main = json.loads((GOLD / "seed004.json").read_text(encoding="utf-8"))["main_targets"]
        self.assertEqual([t["indicators"][0]["metric"] for t in tasks[: len(main)]], [m["metric"] for m in main])
        self.assertTrue(tasks[0]["text"].startswith("地区生产总值增长5%"))
        # Every task has suggestions; each reason is a task of 鼓楼区's own plans, each unit one of its units.
        stored = set(Task.objects.filter(plan__government=self.gov).values_list("text", flat=True))
        names = set(Unit.objects.filter(government=self.gov).values_list("name", flat=True))
        for task in tasks:
            self.assertIn("suggested", task)
            for suggestion in [*task["suggested"]["lead"], *task["suggested"]["co"]]:
                self.assertIn(suggestion["unit"], names)
                self.assertTrue(set(suggestion["because"]) <= stored, suggestion)
        first = tasks[0]["suggested"]["lead"][0]
        self.assertEqual(first["unit"], "区发改委")
        self.assertGreaterEqual(first["score"], 0.7)
        self.assertTrue(first["because"])
        self.assertEqual(tasks[0]["lead"], [])  # nothing decided before the office accepts
        # Last year's unfinished tasks at the end, marked, with the reason; the done one and the closed notice not.
        carried = [t for t in tasks if "carried" in t]
        self.assertEqual(tasks[-len(carried) :], carried)
        self.assertEqual(
            [t["carried"]["task_id"] for t in carried], [self.supervised.pk, self.partly.pk, self.not_done.pk]
        )
        self.assertIn("督办〔2021〕1号", carried[0]["carried"]["reason"])
        self.assertIn("2022年全年研判：部分未达", carried[1]["carried"]["reason"])
        self.assertTrue(all(t["keep"] and "carried_over" in t["flags"] for t in carried))
        self.assertEqual(carried[1]["text"], self.partly.text)
        self.assertTrue(all(t["section"].endswith("上年未完成任务（建议结转）") for t in carried))
        # The page shows the suggestions with their reasons, the accept buttons and the carried-over mark.
        page = self.client.get(reverse("plans:import_preview", args=[token])).content.decode()
        for words in (
            "起草分解方案",
            "建议主办：<strong>区发改委</strong>",
            "依据与其他建议",
            "采用建议",
            "全部采用首选建议",
        ):
            self.assertIn(words, page)
        self.assertEqual(page.count('<span class="tag unfinished">上年未完成</span>'), len(carried))
        self.assertIn("2022年未完成（或督办未销号）的 3 项任务", page)

    def test_the_office_edits_splits_merges_accepts_and_confirms_then_downloads_the_plan(self) -> None:
        self.login(self.office)
        token = self.upload_draft()
        keys = [t["key"] for t in self.preview(token)["tasks"]]
        # Accept every first suggestion scoring 0.5 or more; the rest stay for the office.
        self.assertEqual(self.post(token, action="accept_all", floor="0.5").status_code, 302)
        tasks = {t["key"]: t for t in self.preview(token)["tasks"]}
        accepted = [t for t in tasks.values() if t["lead"]]
        for task in tasks.values():
            first = (task["suggested"]["lead"] or [{"score": 0}])[0]
            self.assertEqual(bool(task["lead"]), first["score"] >= 0.5, task["text"])
        self.assertGreater(len(accepted), 50)
        self.assertEqual(tasks[keys[0]]["lead"], ["区发改委"])
        # One task's units reassigned by hand: typed names win over the suggestion.
        self.post(token, **{f"lead-{keys[8]}": "区科技局", f"co-{keys[8]}": "区发改委、各街道"})
        reassigned_text = self.nth(token, keys[8])["text"]
        # A task given a text nothing in the history is like: suggested again, with no basis.
        unrelated = "深刻领悟“两个确立”的决定性意义。"
        self.post(token, **{f"text-{keys[12]}": unrelated, f"lead-{keys[12]}": ""})
        edited = self.nth(token, keys[12])
        self.assertEqual(edited["suggested"]["lead"], [])
        self.assertIn("历史方案中没有与此相近的任务", edited["suggested"]["reason"])
        page = self.client.get(reverse("plans:import_preview", args=[token])).content.decode()
        self.assertIn('<span class="tag nobasis">无依据</span>', page)
        # Accept one task's second suggestion instead of its first.
        second = self.nth(token, keys[20])["suggested"]["lead"][1]["unit"]
        self.post(token, action=f"accept:{keys[20]}:1")
        self.assertEqual(self.nth(token, keys[20])["lead"], [second])
        # Split one task after its first sentence, merge another into the one before it.
        two = next(t for t in self.preview(token)["tasks"][7:] if "；" in t["text"].rstrip("；"))
        self.post(token, action=f"split:{two['key']}")
        halves = [t for t in self.preview(token)["tasks"] if t["number"].startswith(two["number"])]
        self.assertEqual(len(halves), 2)
        self.assertTrue(all(h["suggested"]["lead"] or h["suggested"]["reason"] for h in halves))
        merged_text = self.nth(token, keys[30])["text"] + self.nth(token, keys[31])["text"]
        self.post(token, action=f"merge:{keys[31]}")
        self.assertEqual(self.nth(token, keys[30])["text"], merged_text)
        # Leave one carried-over task out: it stays in the preview, unticked, and is not stored.
        carried = [t for t in self.preview(token)["tasks"] if "carried" in t]
        form = self.draft_form(token, action="save")
        del form[f"keep-{carried[0]['key']}"]
        self.client.post(reverse("plans:import_preview", args=[token]), form)
        self.assertFalse(self.nth(token, carried[0]["key"])["keep"])
        # Confirming while tasks have no lead unit is refused, naming them; the office gives each one.
        refused = self.post(token, action="confirm")
        self.assertEqual(refused.status_code, 400)
        self.assertIn("项任务没有主办单位", refused.content.decode())
        self.assertFalse(Plan.objects.filter(government=self.gov, year=2024).exists())
        undecided = {
            f"lead-{t['key']}": "区政府办" for t in importing.selected_tasks(self.preview(token)) if not t["lead"]
        }
        self.post(token, **undecided)
        count = len(importing.selected_tasks(self.preview(token)))
        response = self.post(token, action="confirm")
        self.assertEqual(response.status_code, 302, getattr(response, "content", b"")[:300])
        plan = Plan.objects.get(government=self.gov, year=2024)
        self.assertEqual(plan.kind, "decomposition")
        self.assertEqual(list(plan.parts.values_list("kind", flat=True)), ["decomposition"])
        self.assertEqual(plan.tasks.count(), count)
        first = plan.tasks.order_by("order").first()
        assert first is not None
        self.assertEqual([a.unit.name for a in first.assignments.filter(role="lead")], ["区发改委"])
        reassigned = plan.tasks.get(text=reassigned_text)
        self.assertEqual(
            sorted(TaskUnit.objects.filter(task=reassigned).values_list("role", "unit__name")),
            [("co", "区发改委"), ("co", "各街道"), ("lead", "区科技局")],
        )
        flagged = [t for t in plan.tasks.all() if "carried_over" in t.flags]
        self.assertEqual(sorted(t.text for t in flagged), sorted(t["text"] for t in carried[1:]))
        self.assertFalse(plan.tasks.filter(text=carried[0]["text"]).exists())
        event = AuditEvent.objects.get(action="import", object_id=str(plan.pk))
        self.assertIn("由政府工作报告起草并确认", event.summary)
        self.assertIn(f"上年结转{len(carried) - 1}项", event.summary)
        # The confirmed plan downloads as the 分解落实方案 (Word) and reads back with its tasks and units.
        period = Period.objects.create(
            plan=plan, name="2024年全年", kind="year", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31),
            due=dt.date(2025, 1, 10),
        )  # fmt: skip
        download = self.client.get(reverse("review:download", args=[plan.pk, period.pk, "plan", "docx"]))
        self.assertEqual(download.status_code, 200)
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs)
        self.assertIn("地区生产总值增长5%以上", text)
        self.assertIn("区发改委", text)
        self.assertIn(unrelated.rstrip("。"), text)
        self.assertIn("上年未完成任务", text)


class OwnHistoryTests(DraftTestCase):
    """Suggestions come from the government's own plans only, under the directory's present names."""

    def test_another_governments_plans_never_feed_the_suggestions(self) -> None:
        import_seed(self.other_gov, self.other_office, "003")  # 玄武区's 66 tasks with their units
        self.login(self.office)
        preview = self.preview(self.upload_draft())
        own = set(Task.objects.filter(plan__government=self.gov).values_list("text", flat=True))
        theirs = set(Task.objects.filter(plan__government=self.other_gov).values_list("text", flat=True))
        names = set(Unit.objects.filter(government=self.gov).values_list("name", flat=True))
        self.assertEqual(preview["draft"]["history_tasks"], 3)  # the three tasks of 鼓楼区's one plan
        for task in preview["tasks"]:
            for s in [*task["suggested"]["lead"], *task["suggested"]["co"]]:
                self.assertIn(s["unit"], names)
                self.assertTrue(set(s["because"]) <= own and not set(s["because"]) & theirs)
        # 玄武区's office, drafting from the same report, is suggested its own units and never 鼓楼区's.
        self.login(self.other_office)
        preview = self.preview(self.upload_draft())
        reasons = {b for t in preview["tasks"] for s in t["suggested"]["lead"] for b in s["because"]}
        self.assertTrue(reasons and reasons <= theirs)
        self.assertFalse(reasons & own)

    def test_without_history_every_task_says_there_is_no_basis(self) -> None:
        Plan.objects.filter(government=self.gov).update(state=Plan.ARCHIVED)  # archived plans are no history
        self.login(self.office)
        preview = self.preview(self.upload_draft())
        self.assertEqual(preview["draft"]["history_tasks"], 0)
        self.assertTrue(all(not t["suggested"]["lead"] and t["suggested"]["reason"] for t in preview["tasks"]))
        self.assertIn("未提供历史方案", preview["tasks"][0]["suggested"]["reason"])

    def test_a_dissolved_units_tasks_count_for_its_successor_and_aliases_reach_the_core(self) -> None:
        successor = Unit.objects.create(government=self.gov, name="区科技和工信局")
        Unit.objects.filter(pk=self.unit_a.pk).update(successor=successor, active=False)
        names = history.current_names(self.gov)
        self.assertEqual(names[self.unit_a.pk], "区科技和工信局")
        parts = history.history_parts(self.gov)
        patent = next(t for p in parts for t in p.tasks if t.text.startswith("实现有效发明专利"))
        self.assertEqual(patent.lead, ("区科技和工信局",))
        self.assertEqual(history.aliases(self.gov), {"区科学技术局": "区科技和工信局", "区科技局": "区科技和工信局"})
        suggested = suggest_units("新增有效发明专利拥有量500件、PCT专利申请量100件。", history.model_for(self.gov))
        self.assertEqual(suggested.lead[0].unit, "区科技和工信局")

    def test_the_model_is_cached_until_a_plan_is_confirmed(self) -> None:
        with mock_build() as built:
            history.model_for(self.gov)
            history.model_for(self.gov)
            self.assertEqual(built.call_count, 1)
            import_seed(self.gov, self.office, "001")
            model = history.model_for(self.gov)
            self.assertEqual(built.call_count, 2)
        self.assertEqual(len(model.tasks), 3 + 72)


def mock_build() -> Any:
    import luoshi

    return mock.patch.object(history, "build_model", wraps=luoshi.build_model)


class CarryOverTests(DraftTestCase):
    """Which of last year's tasks are offered again: the printed status, the verdict over it, open notices."""

    table: Plan

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # 鼓楼区's 2021 year-end table (seed 000 附件1): 6 rows printed 部分未达.
        cls.table = import_seed(cls.gov, cls.office, "000", parts=TABLE_2021)

    def test_rows_printed_unfinished_are_offered_and_a_later_verdict_decides_over_them(self) -> None:
        printed = list(self.table.tasks.filter(printed_status__in=("否", "部分未达")).order_by("order"))
        self.assertEqual(len(printed), 6)
        offered = carry.carried_over(self.gov, 2022)
        self.assertEqual([c.task_id for c in offered], [t.pk for t in printed])
        self.assertTrue(all(c.reason == "执行情况表：部分未达" and c.year == 2021 for c in offered))
        # The office judged one of them done at year end after all: it is not offered.
        period = Period.objects.create(
            plan=self.table, name="2021年全年", kind="year", start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31),
            due=dt.date(2022, 1, 10),
        )  # fmt: skip
        judged(printed[0], period, "done")
        judged(printed[1], period, "unknown")  # waiting for a person: the printed status still speaks
        offered = carry.carried_over(self.gov, 2022)
        self.assertEqual([c.task_id for c in offered], [t.pk for t in printed[1:]])
        # Only last year's: a draft for 2023 with a 2022 plan held looks at 2022, and 2021's rows are not offered.
        import_seed(self.gov, self.office, "000", parts=PLAN_2022)
        self.assertEqual(carry.carried_over(self.gov, 2023), [])
        self.assertEqual(carry.last_year(self.gov, 2023), 2022)

    def test_another_governments_unfinished_tasks_are_never_offered(self) -> None:
        import_seed(self.other_gov, self.other_office, "000", parts=TABLE_2021)
        offered = carry.carried_over(self.gov, 2022)
        self.assertTrue(offered)
        self.assertTrue(all(Task.objects.get(pk=c.task_id).plan.government_id == self.gov.pk for c in offered))


class ModesAndHolesTests(DraftTestCase):
    """What the upload page's choice does, and the draft preview's form taken from outside."""

    def test_the_office_may_import_a_work_report_as_it_is_or_ask_for_a_draft_of_anything(self) -> None:
        self.login(self.office)
        preview = self.preview(self.upload_draft("import"))
        self.assertNotIn("draft", preview)
        self.assertEqual(preview["kind"], "work_report")
        self.assertTrue(all("suggested" not in t for t in preview["tasks"]))
        data, name = seed_bytes("001")
        refused = self.client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data), "mode": "draft"})
        self.assertEqual(refused.status_code, 400)
        self.assertIn("未识别出政府工作报告", refused.content.decode())
        # Auto (the default) imports a plan as before, and a made-up mode counts as auto.
        response = self.client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, data), "mode": "x"})
        token = str(response["Location"]).rstrip("/").rsplit("/", 1)[1]
        self.assertNotIn("draft", self.preview(token))
        self.assertEqual(len(importing.selected_tasks(self.preview(token))), 72)
        page = self.client.get(reverse("plans:import"), {"mode": "draft"}).content.decode()
        self.assertIn('value="draft" checked', page)

    def test_ids_and_keys_in_the_draft_form_are_checked(self) -> None:
        self.login(self.office)
        token = self.upload_draft()
        first = self.preview(token)["tasks"][0]["key"]
        self.post(token, action=f"accept:{first}")
        names = self.preview(token)["names"]
        index = next(i for i, n in enumerate(names) if n["printed"] == "区发改委")
        other_unit = Unit.objects.create(government=self.other_gov, name="区发改委")
        response = self.post(
            token, action="save", target_plan=str(self.other_plan.pk), **{f"name-{index}": f"unit:{other_unit.pk}"}
        )
        self.assertEqual(response.status_code, 302)
        preview = self.preview(token)
        self.assertIsNone(preview["target_plan_id"])
        self.assertEqual(preview["names"][index]["decision"], f"unit:{self.unit_b.pk}")
        # Keys and indexes that name nothing change nothing and break nothing.
        for action in ("accept:t9999", f"accept:{first}:99", f"accept:{first}:-1", "accept:", "accept_all"):
            response = self.post(token, action=action, floor="9")
            self.assertEqual(response.status_code, 302, action)
        self.assertEqual(self.nth(token, first)["lead"], ["区发改委"])
        # Someone else's draft is not found.
        self.login(self.other_office)
        self.assertEqual(self.client.get(reverse("plans:import_preview", args=[token])).status_code, 404)

    def test_a_long_work_report_is_drafted_by_the_worker(self) -> None:
        from luoshi_web.supervision.worker import run_jobs

        self.login(self.office)
        with self.settings(LUOSHI_IMPORT_INLINE_BYTES=100):
            token = self.upload_draft()
            waiting = self.client.get(reverse("plans:import_preview", args=[token]))
            self.assertEqual(waiting.status_code, 202)
            self.assertEqual(run_jobs(), 1)
        preview = self.preview(token)
        self.assertIn("draft", preview)
        self.assertEqual(preview["kind"], "decomposition")
        self.assertTrue(preview["tasks"][0]["suggested"]["lead"])
