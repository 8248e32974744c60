"""The JSON API: the same data and the same permissions as the pages, and an OpenAPI description of it."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from luoshi_web.api import urls as api_urls
from luoshi_web.api.openapi import SCHEMAS, openapi_document
from luoshi_web.reporting import services
from luoshi_web.test import BaseTestCase

DONE = "1-11月份有效发明专利拥有量12871件。1-11月份PCT专利申请量165件。"


class ApiTests(BaseTestCase):
    def get(self, name: str, *args: Any, **query: Any) -> Any:
        return self.client.get(reverse(f"api:{name}", args=args), query)

    def setUp(self) -> None:
        self.login(self.office)

    def report(self) -> None:
        figures = services.read_figures(DONE, self.period)
        services.submit(
            [services.Submission(self.task_a, DONE, "是", figures, 0)],
            period=self.period,
            unit=self.unit_a,
            user=self.liaison_a,
        )

    def test_plans_lists_the_governments_plans_with_periods(self) -> None:
        data = self.get("plans").json()
        self.assertEqual(data["total"], 1)
        (plan,) = data["results"]
        self.assertEqual((plan["id"], plan["tasks"], plan["periods"][0]["name"]), (self.plan.pk, 3, "2021年全年"))

    def test_tasks_carry_units_indicators_and_the_periods_status(self) -> None:
        self.report()
        data = self.get("plan_tasks", self.plan.pk, period=self.period.pk).json()
        task = next(t for t in data["results"] if t["id"] == self.task_a.pk)
        self.assertEqual(task["lead"], ["区科技局"])
        self.assertEqual(task["indicators"][0]["value"], 9600)
        self.assertEqual((task["status"]["state"], task["status"]["verdict"]), ("submitted", "done"))
        other = next(t for t in data["results"] if t["id"] == self.task_b.pk)
        self.assertIsNone(other["status"])

    def test_progress_lists_every_version_with_its_figures(self) -> None:
        self.report()
        data = self.get("task_progress", self.task_a.pk).json()
        (entry,) = data["results"]
        self.assertEqual((entry["unit"], entry["version"], entry["claimed_status"]), ("区科技局", 1, "是"))
        self.assertIn(12871, [o["value"] for o in entry["observations"]])

    def test_period_statuses(self) -> None:
        self.report()
        data = self.get("period_statuses", self.period.pk).json()
        self.assertEqual([(r["task"], r["light"]) for r in data["results"]], [(self.task_a.pk, "green")])

    def test_a_status_says_whose_verdict_it_is_and_what_it_rests_on(self) -> None:
        self.report()
        data = self.get("period_statuses", self.period.pk).json()
        (row,) = data["results"]
        self.assertEqual((row["source"], row["proposal"], row["signed"]), ("judge", True, False))
        self.assertIn("12871件", row["evidence"])

    def test_the_office_gets_the_summary_figures_the_download_has_and_a_liaison_none(self) -> None:
        self.report()
        summary = self.get("period_statuses", self.period.pk).json()["summary"]
        self.assertEqual((summary["total"], summary["reported"], summary["unreported"]), (3, 1, 2))
        self.assertIn("3项目标中，已报送进展1项、未报送2项", summary["headline"])
        download = self.client.get(reverse("review:download", args=[self.plan.pk, self.period.pk, "summary", "txt"]))
        self.assertIn(summary["headline"], download.content.decode())
        self.login(self.liaison_a)
        self.assertIsNone(self.get("period_statuses", self.period.pk).json()["summary"])

    def test_paging(self) -> None:
        data = self.get("plan_tasks", self.plan.pk, limit=2, offset=1).json()
        self.assertEqual((data["total"], len(data["results"]), data["offset"]), (3, 2, 1))
        self.assertEqual(self.get("plans", limit="x").status_code, 400)

    def test_a_liaison_sees_only_their_units_tasks_and_404_for_others(self) -> None:
        self.login(self.liaison_a)
        ids = [t["id"] for t in self.get("plan_tasks", self.plan.pk).json()["results"]]
        self.assertEqual(sorted(ids), sorted([self.task_a.pk, self.task_b.pk]))
        self.assertEqual(self.get("task", self.task_street.pk).status_code, 404)
        self.assertEqual(self.get("task_progress", self.task_street.pk).status_code, 404)
        self.assertEqual(self.get("plan", self.other_plan.pk).status_code, 404)
        self.assertEqual(self.get("units").status_code, 403)
        self.assertEqual(self.get("task", self.task_street.pk).json()["error"][:2], "没有")

    def test_another_government_is_invisible(self) -> None:
        self.login(self.other_office)
        self.assertEqual([p["id"] for p in self.get("plans").json()["results"]], [self.other_plan.pk])
        self.assertEqual(self.get("plan_tasks", self.plan.pk).status_code, 404)
        self.assertEqual(self.get("period_statuses", self.period.pk).status_code, 404)

    def test_anonymous_calls_get_401_in_json(self) -> None:
        self.client.logout()
        response = self.get("plans")
        self.assertEqual(response.status_code, 401)
        self.assertIn("登录", response.json()["error"])

    def test_the_api_is_read_only(self) -> None:
        self.assertEqual(self.client.post(reverse("api:plans")).status_code, 405)


class OpenApiTests(BaseTestCase):
    def test_every_api_route_is_described(self) -> None:
        routes = set()
        for pattern in api_urls.urlpatterns:
            if getattr(pattern, "name", "") == "not_found":  # the JSON 404 for every other address
                continue
            route = "/api/" + re.sub(r"<int:(\w+)>", r"{id}", str(pattern.pattern))
            routes.add(route)
        self.assertEqual(routes, set(openapi_document()["paths"]))

    def test_the_description_is_served_and_references_resolve(self) -> None:
        self.login(self.leader)
        document = self.client.get(reverse("api:openapi")).json()
        self.assertEqual(document["openapi"], "3.1.0")
        refs = set(re.findall(r'"#/components/schemas/(\w+)"', str(document).replace("'", '"')))
        self.assertTrue(refs)
        self.assertLessEqual(refs, set(SCHEMAS))

    def test_described_fields_are_what_the_views_return(self) -> None:
        self.login(self.office)
        figures = services.read_figures(DONE, self.period)
        services.submit(
            [services.Submission(self.task_a, DONE, "是", figures, 0)],
            period=self.period,
            unit=self.unit_a,
            user=self.liaison_a,
        )
        samples = {
            "Plan": self.client.get(reverse("api:plans")).json()["results"][0],
            "PlanDetail": self.client.get(reverse("api:plan", args=[self.plan.pk])).json(),
            "Task": self.client.get(reverse("api:plan_tasks", args=[self.plan.pk]), {"period": self.period.pk}).json()[
                "results"
            ][0],
            "TaskDetail": self.client.get(reverse("api:task", args=[self.task_a.pk])).json(),
            "Entry": self.client.get(reverse("api:task_progress", args=[self.task_a.pk])).json()["results"][0],
            "Unit": self.client.get(reverse("api:units")).json()["results"][0],
        }
        samples["Status"] = samples["Task"]["status"]
        samples["Period"] = samples["Plan"]["periods"][0]
        samples["Indicator"] = samples["Task"]["indicators"][0]
        samples["Observation"] = samples["Entry"]["observations"][0]
        for name, sample in samples.items():
            with self.subTest(schema=name):
                self.assertEqual(set(SCHEMAS[name]["properties"]), set(sample))
