"""Holes found from outside in how pages are served: session writes, stray files, HTTPS and caching, the API's
description against what it does."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luoshi_web.api.openapi import openapi_document
from luoshi_web.reporting import files
from luoshi_web.reporting.models import Attachment
from luoshi_web.test import BaseTestCase


class SessionWriteTests(BaseTestCase):
    def test_reading_a_page_does_not_write_the_session(self) -> None:
        self.login(self.office)
        self.client.get(reverse("home"))
        with CaptureQueriesContext(connection) as queries:
            self.client.get(reverse("plans:list"))
        writes = [
            q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].lstrip().startswith("SELECT")
        ]
        self.assertEqual(writes, [])

    def test_the_session_is_still_refreshed_now_and_then(self) -> None:
        self.login(self.office)
        session = self.client.session
        session["_refreshed"] = int(time.time()) - 3600
        session.save()
        with CaptureQueriesContext(connection) as queries:
            self.client.get(reverse("plans:list"))
        self.assertTrue(any("django_session" in q["sql"] and "UPDATE" in q["sql"] for q in queries))

    def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(self) -> None:
        options = settings.DATABASES["default"].get("OPTIONS", {})
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            self.assertIn("journal_mode=WAL", options["init_command"])
            self.assertGreaterEqual(options["timeout"], 5)


class StrayFileTests(BaseTestCase):
    def test_a_file_left_by_a_killed_upload_is_swept_and_kept_files_stay(self) -> None:
        with self.settings(MEDIA_ROOT=str(Path(self.enterContext(_tmpdir())))):
            kept = Attachment(unit=self.unit_a, period=self.period, original_name="a.docx", size=3, sha256="ab" * 32)
            kept.file.save("a.docx", ContentFile(b"abc"), save=False)
            kept.save()
            stray = (
                Path(settings.MEDIA_ROOT) / "attachments" / str(self.gov.pk) / str(self.unit_a.pk) / "ffff" / "b.docx"
            )
            stray.parent.mkdir(parents=True)
            stray.write_bytes(b"left behind")
            fresh = stray.with_name("c.docx")
            fresh.write_bytes(b"being written right now")
            old = time.time() - 2 * 3600
            os.utime(stray, (old, old))
            os.utime(Path(kept.file.path), (old, old))
            removed = files.sweep_stray_files()
            self.assertEqual(removed, [str(stray.relative_to(settings.MEDIA_ROOT))])
            self.assertFalse(stray.exists())
            self.assertTrue(fresh.exists(), "a file younger than the grace period may belong to an upload in progress")
            self.assertTrue(Path(kept.file.path).exists())


class _tmpdir:
    def __enter__(self) -> str:
        import tempfile

        self.dir = tempfile.TemporaryDirectory()
        return self.dir.name

    def __exit__(self, *exc: object) -> None:
        self.dir.cleanup()


class HttpsAndCachingTests(BaseTestCase):
    def test_hsts_is_sent_over_https_only(self) -> None:
        self.login(self.office)
        secure = self.client.get(reverse("plans:list"), secure=True)
        self.assertIn("max-age=", secure.headers.get("Strict-Transport-Security", ""))
        plain = self.client.get(reverse("plans:list"))
        self.assertNotIn("Strict-Transport-Security", plain.headers)

    def test_logged_in_pages_and_attachments_are_not_stored_by_caches(self) -> None:
        self.login(self.office)
        self.assertIn("no-store", self.client.get(reverse("plans:list")).headers.get("Cache-Control", ""))
        with self.settings(MEDIA_ROOT=str(Path(self.enterContext(_tmpdir())))):
            item = Attachment(unit=self.unit_a, period=self.period, original_name="a.txt", size=3, sha256="ab" * 32)
            item.file.save("a.txt", ContentFile(b"abc"), save=False)
            item.save()
            response = self.client.get(reverse("reporting:attachment", args=[item.pk]))
            self.assertEqual(response.status_code, 200)
            self.assertIn("no-store", response.headers.get("Cache-Control", ""))

    def test_the_login_page_is_not_stored_either(self) -> None:
        self.assertIn("no-store", self.client.get(reverse("login")).headers.get("Cache-Control", ""))


class ApiDescriptionTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.office)

    def test_paging_bounds_are_as_described(self) -> None:
        document = openapi_document()
        url = reverse("api:plans")
        params = {p["name"]: p["schema"] for p in document["paths"]["/api/plans"]["get"]["parameters"]}
        limit, offset = params["limit"], params["offset"]
        self.assertEqual(self.client.get(url, {"limit": limit["maximum"]}).status_code, 200)
        self.assertEqual(self.client.get(url, {"limit": limit["minimum"]}).status_code, 200)
        for query in (
            {"limit": limit["maximum"] + 1},
            {"limit": limit["minimum"] - 1},
            {"offset": offset["minimum"] - 1},
            {"limit": "abc"},
        ):
            with self.subTest(query=query):
                response = self.client.get(url, query)
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.headers["Content-Type"], "application/json")

    def test_every_operation_with_query_parameters_documents_its_400(self) -> None:
        for path, item in openapi_document()["paths"].items():
            operation = item["get"]
            if any(p["in"] == "query" for p in operation["parameters"]):
                with self.subTest(path=path):
                    self.assertIn("400", operation["responses"])

    def test_a_non_integer_id_is_a_json_404(self) -> None:
        for url in ("/api/tasks/abc", "/api/plans/1x/tasks", "/api/nothing-here"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.headers["Content-Type"], "application/json")
                self.assertIn("error", response.json())
