"""``/healthz`` answers without a login, and says so when the database is gone."""

from __future__ import annotations

from unittest import mock

from django.db import OperationalError
from django.test import Client, TestCase
from django.urls import reverse


class HealthTests(TestCase):
    def test_healthz_answers_ok_without_a_login(self) -> None:
        response = Client().get(reverse("healthz"))
        self.assertEqual((response.status_code, response.json()["status"]), (200, "ok"))
        self.assertIn("no-cache", response["Cache-Control"])

    def test_healthz_says_503_when_the_database_does_not_answer(self) -> None:
        with mock.patch("luoshi_web.ops.health.connection.cursor", side_effect=OperationalError("gone")):
            response = Client().get(reverse("healthz"))
        self.assertEqual(response.status_code, 503)
        self.assertIn("数据库", response.json()["database"])
