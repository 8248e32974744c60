"""Numbers on the pages print as the document printed them: 35家, not 35.0家; ≥, not >=; lights carry their words."""

from __future__ import annotations

from django.urls import reverse

from luoshi_web.plans.models import Indicator
from luoshi_web.reporting import services
from luoshi_web.templatetags.luoshi import comparator, figure, light_label
from luoshi_web.test import BaseTestCase


class FigureTests(BaseTestCase):
    def test_figures_and_comparators_print_as_in_documents(self) -> None:
        for value, text in (
            (35.0, "35"),
            (9600.0, "9600"),
            (2.5, "2.5"),
            (0.1 + 0.2, "0.3"),
            (None, ""),
            (1e7, "10000000"),
        ):
            with self.subTest(value=value):
                self.assertEqual(figure(value), text)
        for given, shown in (
            (">=", "≥"),
            ("<=", "≤"),
            (">", "＞"),
            ("<", "＜"),
            ("=", "="),
            ("~", "约"),
            ("==0", "为零"),
            ("", ""),
        ):
            with self.subTest(given=given):
                self.assertEqual(comparator(given), shown)

    def test_lights_say_their_words(self) -> None:
        self.assertEqual(
            [light_label(c) for c in ("green", "yellow", "red", "grey")], ["正常", "预警", "滞后", "未报送"]
        )

    def test_the_task_page_prints_targets_and_figures_without_float_noise(self) -> None:
        Indicator.objects.create(
            task=self.task_a, order=2, metric="家数", kind="count", comparator=">=", value=35.0, unit="家"
        )
        text = "1-11月份有效发明专利拥有量12871件。"
        services.submit(
            [services.Submission(self.task_a, text, "是", services.read_figures(text, self.period), 0)],
            period=self.period, unit=self.unit_a, user=self.liaison_a,
        )  # fmt: skip
        self.login(self.office)
        page = self.client.get(reverse("reporting:task", args=[self.task_a.pk])).content.decode()
        self.assertIn("≥ 35家", page)
        self.assertIn("≥ 9600件", page)
        self.assertNotIn(">=", page.replace("&gt;=", ">="))
        self.assertNotIn("35.0", page)
        self.assertIn("12871件", page)
        self.assertNotIn("12871.0", page)
