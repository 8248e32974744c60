"""The cockpit: its counts are the lists behind them, the standings follow the verdicts, leaders see their
units first, a unit's year, the 督查通报 page and the comparison across governments."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from luoshi_web.plans.models import Period, Task, TaskUnit
from luoshi_web.reporting import standing
from luoshi_web.reporting.models import ProgressEntry, TaskStatus, Verdict
from luoshi_web.review.models import Reminder
from luoshi_web.test import BaseTestCase
from luoshi_web.units.models import Unit

# verdict value, its on_schedule, the status's behind flag, signed by the office → the standing
STANDINGS = [
    ("done", None, False, False, "done"),
    ("deemed_done", None, False, False, "deemed"),
    ("unknown", True, False, False, "on_schedule"),
    ("unknown", False, True, False, "behind"),
    ("not_done", None, True, False, "behind"),
    ("partly_done", True, True, False, "behind"),
    ("unknown", None, False, False, "review"),
    ("done", None, False, True, "done"),
    (None, None, False, False, "missing"),
]


class Cockpit(BaseTestCase):
    def report(self, task: Task, value: str | None, on_schedule: bool | None, behind: bool, signed: bool) -> None:
        """A status for ``task`` in the world's period with a verdict (and sign-off) as given."""
        if value is None:
            return
        unit = task.assignments.get(role="lead").unit
        entry = ProgressEntry.objects.create(task=task, period=self.period, unit=unit, text="进展。")
        verdict = Verdict.objects.create(
            task=task, period=self.period, entry=entry, source="judge", value=value, on_schedule=on_schedule
        )
        TaskStatus.objects.update_or_create(
            task=task,
            period=self.period,
            defaults={
                "state": "signed" if signed else "submitted",
                "entry": entry,
                "judged": verdict,
                "signed": verdict if signed else None,
                "behind": behind,
            },
        )

    def more_tasks(self, n: int) -> list[Task]:
        part, section = self.task_a.part, self.task_a.section
        made = []
        for i in range(n):
            task = Task.objects.create(
                plan=self.plan, part=part, section=section, order=10 + i, number=str(10 + i), text=f"任务{i}"
            )
            TaskUnit.objects.create(task=task, unit=self.unit_b if i % 2 else self.unit_a, role="lead")
            made.append(task)
        return made


class StandingTests(Cockpit):
    def test_each_verdict_gives_the_standing_offices_count_by(self) -> None:
        tasks = self.more_tasks(len(STANDINGS))
        for task, (value, on_schedule, behind, signed, _) in zip(tasks, STANDINGS, strict=True):
            self.report(task, value, on_schedule, behind, signed)
        found = dict(
            standing.tasks_with_standing(Task.objects.filter(pk__in=[t.pk for t in tasks]), self.period).values_list(
                "pk",
                "standing",  # type: ignore[misc]
            )
        )
        for task, row in zip(tasks, STANDINGS, strict=True):
            with self.subTest(row=row):
                self.assertEqual(found[task.pk], row[-1])
                status = TaskStatus.objects.filter(task=task, period=self.period).first()
                light = status.light if status else "grey"
                # The standing's light is the status's own, but for the office's rare partly-done-on-schedule.
                if row[0] != "partly_done":
                    self.assertEqual(standing.light_of(row[-1]), light)


class DashboardTests(Cockpit):
    def setUp(self) -> None:
        self.tasks = self.more_tasks(len(STANDINGS))
        for task, (value, on_schedule, behind, signed, _) in zip(self.tasks, STANDINGS, strict=True):
            self.report(task, value, on_schedule, behind, signed)

    def test_every_count_on_the_dashboard_is_the_length_of_the_list_it_links_to(self) -> None:
        self.login(self.office)
        page = self.client.get(reverse("dashboard:plan", args=[self.plan.pk]), {"period": self.period.pk})
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        cards = re.findall(r'<li class="card \w+"><a href="([^"]+)"><span class="n">(\d+)</span>', html)
        self.assertEqual(len(cards), len(standing.STANDINGS))
        self.assertEqual(sum(int(n) for _, n in cards), Task.objects.filter(plan=self.plan).count())
        for url, n in cards:
            with self.subTest(url=url):
                listed = self.client.get(url.replace("&amp;", "&"))
                self.assertIn(f"共 {n} 项", listed.content.decode()) if int(n) else self.assertContains(
                    listed, "没有符合条件的任务"
                )
        # The units' ranking links to each unit's led tasks, its number the list's length.
        for url, n in re.findall(r'<td><a href="([^"]*lead=\d+[^"]*)">(\d+)</a></td>', html):
            with self.subTest(url=url):
                self.assertIn(f"共 {n} 项", self.client.get(url.replace("&amp;", "&")).content.decode())

    def test_the_figures_follow_every_new_verdict_though_the_cockpit_remembers_them(self) -> None:
        self.login(self.office)
        url = reverse("dashboard:plan", args=[self.plan.pk])

        def done() -> str:
            html = self.client.get(url, {"period": self.period.pk}).content.decode()
            return re.findall(r'<li class="card green"><a href="[^"]+"><span class="n">(\d+)</span>', html)[0]

        before = done()
        self.assertEqual(before, done())  # remembered
        self.report(self.task_a, "done", None, False, True)
        self.assertEqual(int(done()), int(before) + 1)

    def test_the_charts_are_data_in_the_page_read_by_a_script_file(self) -> None:
        self.login(self.leader)
        html = self.client.get(reverse("dashboard:plan", args=[self.plan.pk])).content.decode()
        self.assertIn('<script id="chart-status" type="application/json">', html)
        self.assertIn("vendor/echarts/echarts.min.js", html)
        self.assertNotRegex(html, r"<script>(?!</script>)")  # no inline script (the CSP forbids it)

    def test_a_leader_sees_the_units_they_oversee_first(self) -> None:
        self.login(self.leader)
        first = self.client.get(reverse("dashboard:plan", args=[self.plan.pk])).content.decode()
        self.leader.oversees.add(self.unit_b)
        html = self.client.get(reverse("dashboard:plan", args=[self.plan.pk])).content.decode()
        ranking = html[html.index('class="grid compact ranking"') :]
        self.assertLess(ranking.index("区发改委"), ranking.index("区科技局"))
        self.assertIn("分管", ranking)
        self.assertNotIn('<span class="tag">分管</span>', first)

    def test_a_units_page_shows_its_tasks_over_the_year_and_its_reminders(self) -> None:
        Reminder.objects.create(
            government=self.gov, unit=self.unit_a, period=self.period, message="请报送全年进展", sent_by=self.office
        )
        self.login(self.leader)
        html = self.client.get(reverse("dashboard:unit", args=[self.unit_a.pk])).content.decode()
        self.assertIn("实现有效发明专利拥有量", html)  # led
        self.assertIn("确保全年新增硅巷", html)  # supported
        self.assertIn("请报送全年进展", html)
        self.assertIn(self.period.name, html)

    def test_the_notice_page_counts_like_the_dashboard(self) -> None:
        self.login(self.office)
        html = self.client.get(reverse("dashboard:notice", args=[self.plan.pk, self.period.pk])).content.decode()
        total = Task.objects.filter(plan=self.plan).count()
        self.assertIn(f"{total}项任务中", html)
        behind = sum(1 for row in STANDINGS if row[-1] == "behind")
        self.assertIn(f"滞后{behind}项", html)
        self.assertIn("督查通报", html)

    def test_the_period_shown_is_the_one_being_reported(self) -> None:
        earlier = Period.objects.create(
            plan=self.plan, name="2021年上半年", kind="half", start=self.period.start,
            end=self.period.start.replace(month=6, day=30), due=self.period.start.replace(month=7, day=10),
        )  # fmt: skip
        self.login(self.office)
        html = self.client.get(reverse("dashboard:plan", args=[self.plan.pk])).content.decode()
        self.assertIn(f"统计期：{self.period.name}", html)
        html = self.client.get(reverse("dashboard:plan", args=[self.plan.pk]), {"period": earlier.pk}).content.decode()
        self.assertIn(f"统计期：{earlier.name}", html)


class RememberedPagesTests(Cockpit):
    """Pages kept as HTML in the cache show every write at once: the next request after it sees it."""

    def rename(self, unit: object, name: str) -> None:
        self.login(self.office)
        unit_ = Unit.objects.get(pk=unit.pk)  # type: ignore[attr-defined]
        self.client.post(
            reverse("units:edit", args=[unit_.pk]),
            {"name": name, "kind": unit_.kind, "active": "1", "version": unit_.version},
        )
        self.assertEqual(Unit.objects.get(pk=unit_.pk).name, name)

    def test_the_cockpit_shows_a_new_report_and_a_renamed_unit_at_once(self) -> None:
        url = reverse("dashboard:plan", args=[self.plan.pk]) + f"?period={self.period.pk}"
        self.login(self.leader)
        self.assertNotIn(f"lead={self.unit_a.pk}&amp;standing=behind", self.client.get(url).content.decode())
        self.report(self.task_a, "not_done", None, True, False)
        after = self.client.get(url).content.decode()
        self.assertIn(f"lead={self.unit_a.pk}&amp;standing=behind", after)
        self.rename(self.unit_a, "区科学技术局")
        self.login(self.leader)
        self.assertIn("区科学技术局", self.client.get(url).content.decode())

    def test_a_units_year_shows_a_new_report_at_once(self) -> None:
        url = reverse("dashboard:unit", args=[self.unit_a.pk])
        self.login(self.leader)
        before = self.client.get(url).content.decode()
        self.assertNotIn("本单位已报送", before)
        self.report(self.task_a, "done", None, False, True)
        after = self.client.get(url).content.decode()
        self.assertIn("本单位已报送", after)
        self.assertIn('<span class="light green">已完成</span>', after)

    def test_a_liaisons_tasks_show_a_new_report_and_a_renamed_task_at_once(self) -> None:
        url = reverse("reporting:mine")
        self.login(self.liaison_a)
        self.assertNotIn("第1版", self.client.get(url).content.decode())
        self.report(self.task_a, "done", None, False, False)
        self.assertIn("第1版", self.client.get(url).content.decode())
        task = Task.objects.get(pk=self.task_a.pk)
        task.text = "实现有效发明专利拥有量9700件。"
        task.save()
        self.assertIn("9700件", self.client.get(url).content.decode())

    def test_the_review_queue_shows_a_new_report_an_edited_task_and_a_renamed_unit_at_once(self) -> None:
        url = reverse("review:queue")
        self.login(self.office)

        def row() -> str:
            html = self.client.get(url).content.decode()
            return next(r for r in html.split("<tr ")[1:] if f'value="{self.task_a.pk}:{self.period.pk}"' in r)

        self.assertNotIn("待审核", row())
        self.report(self.task_a, "done", None, False, False)
        self.assertIn("待审核", row())
        Task.objects.filter(pk=self.task_a.pk).update(text="实现有效发明专利拥有量9700件。", updated_at=timezone.now())
        self.assertIn("9700件", row())
        self.rename(self.unit_a, "区科学技术局")
        self.login(self.office)
        self.assertIn("区科学技术局", row())

    def test_the_comparison_shows_a_new_verdict_and_a_renamed_district_at_once(self) -> None:
        url = reverse("dashboard:compare")
        self.login(self.province_office)

        def behind() -> list[str]:
            html = self.client.get(url, {"year": "2021"}).content.decode()
            return re.findall(r'standing=behind">(\d+)</a>', html)

        self.assertEqual(behind(), [])
        self.report(self.task_a, "not_done", None, True, False)
        self.assertEqual(behind(), ["1"])
        type(self.gov).objects.filter(pk=self.gov.pk).update(name="鼓楼新区")
        self.assertIn("鼓楼新区", self.client.get(url, {"year": "2021"}).content.decode())

    def test_the_comparison_counts_the_periods_asked_and_falls_back_to_the_last_ended(self) -> None:
        half = Period.objects.create(
            plan=self.plan, name="2021年上半年", kind="half", start=self.period.start,
            end=self.period.start.replace(month=6, day=30), due=self.period.start.replace(month=7, day=10),
        )  # fmt: skip
        self.report(self.task_a, "not_done", None, True, False)  # behind in the year, nothing in the half
        self.login(self.province_office)

        def behind(**asked: str) -> list[str]:
            html = self.client.get(reverse("dashboard:compare"), {"year": "2021", **asked}).content.decode()
            return re.findall(r'standing=behind">(\d+)</a>', html)

        with self.settings(LUOSHI_DEMO_DATE="2022-03-01"):  # both periods ended: the year is the last
            self.assertEqual(behind(), ["1"])
            self.assertEqual(behind(end=half.end.isoformat()), [])
            self.assertEqual(behind(end="1999-01-01"), ["1"])  # no period ends then: the last ended
        with self.settings(LUOSHI_DEMO_DATE="2021-01-15"):  # none ended yet: the first
            self.assertEqual(behind(), [])


class ProvinceTests(Cockpit):
    def test_the_province_compares_the_districts_below_and_drills_down(self) -> None:
        self.report(self.task_a, "not_done", None, True, False)
        self.login(self.province_office)
        home = self.client.get(reverse("home"), {"year": "2021"})
        html = home.content.decode()
        self.assertIn("各地推进情况对比", html)
        self.assertIn("鼓楼区", html)  # 2021: 鼓楼区's plan; 2023: 玄武区's
        self.assertIn("玄武区", self.client.get(reverse("dashboard:compare"), {"year": "2023"}).content.decode())
        link = reverse("dashboard:plan", args=[self.plan.pk])
        self.assertIn(link, html)
        dashboard = self.client.get(link).content.decode()
        self.assertIn("滞后", dashboard)
        self.assertNotIn('action="' + reverse("dashboard:publish", args=[self.plan.pk]), dashboard)

    def test_a_district_office_compares_nothing_but_its_own(self) -> None:
        self.login(self.office)
        html = self.client.get(reverse("dashboard:compare")).content.decode()
        self.assertNotIn("玄武区", html)


@pytest.mark.parametrize("sort", ["rate", "behind", "late", "name", "nonsense"])
def test_the_comparison_sorts_any_way_asked(sort: str, client: object, db: None) -> None:
    import types

    from luoshi_web.test import make_world

    world = types.SimpleNamespace()
    make_world(world)
    client.force_login(world.province_office)  # type: ignore[attr-defined]
    response = client.get(reverse("dashboard:compare"), {"sort": sort, "year": "2021"})  # type: ignore[attr-defined]
    assert response.status_code == 200
