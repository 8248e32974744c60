"""Holes in logging in found from outside: whose address is throttled, the admin's login, what the audit keeps,
and a lockout that parallel guesses could outrun."""

from __future__ import annotations

import threading
from typing import Any
from unittest import mock

from django.db import close_old_connections, connection
from django.test import Client, RequestFactory, TransactionTestCase, override_settings
from django.urls import reverse

from luoshi_web.accounts.models import LoginFailure
from luoshi_web.accounts.throttle import client_ip
from luoshi_web.audit.models import AuditEvent
from luoshi_web.test import PASSWORD, BaseTestCase, make_world


class ClientAddressTests(BaseTestCase):
    """The client's address comes from a configured number of trusted proxies, never from what a client says."""

    def address(self, forwarded: str | None, remote: str = "127.0.0.1") -> str | None:
        request = RequestFactory().get("/", REMOTE_ADDR=remote)
        if forwarded is not None:
            request.META["HTTP_X_FORWARDED_FOR"] = forwarded
        return client_ip(request)

    @override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), TRUSTED_PROXY_COUNT=1)
    def test_behind_one_proxy_the_address_it_appended_counts_not_the_leftmost(self) -> None:
        # The client wrote "6.6.6.6" itself; the proxy appended the address it saw.
        self.assertEqual(self.address("6.6.6.6, 203.0.113.9"), "203.0.113.9")
        self.assertEqual(self.address("203.0.113.9"), "203.0.113.9")

    @override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), TRUSTED_PROXY_COUNT=0)
    def test_with_no_trusted_proxy_the_header_is_ignored(self) -> None:
        self.assertEqual(self.address("6.6.6.6", remote="198.51.100.7"), "198.51.100.7")

    @override_settings(TRUSTED_PROXY_COUNT=2)
    def test_two_proxies_take_the_address_before_both(self) -> None:
        self.assertEqual(self.address("6.6.6.6, 203.0.113.9, 10.0.0.2"), "203.0.113.9")
        # Fewer hops than proxies: the header was not written by them all; the nearest known address counts.
        self.assertEqual(self.address(None, remote="10.0.0.3"), "10.0.0.3")

    def test_waitress_keeps_the_forwarded_header_when_proxies_are_trusted(self) -> None:
        from luoshi_web import __main__

        with (
            override_settings(TRUSTED_PROXY_COUNT=1),
            mock.patch("waitress.serve") as serve,
            mock.patch("luoshi_web.__main__.print"),
        ):
            __main__._serve("127.0.0.1", 8000, 4)
        self.assertIs(serve.call_args.kwargs.get("clear_untrusted_proxy_headers"), False)


class AdminLoginTests(BaseTestCase):
    @override_settings(LOGIN_FAILURE_LIMIT=3)
    def test_the_admin_login_is_throttled_and_records_failures(self) -> None:
        for _ in range(3):
            self.client.post("/admin/login/", {"username": "office", "password": "wrong"})
        self.assertEqual(LoginFailure.objects.filter(username="office").count(), 3)
        self.office.is_staff = self.office.is_superuser = True
        self.office.save()
        response = self.client.post("/admin/login/", {"username": "office", "password": PASSWORD})
        self.assertContains(response, "登录失败次数过多")
        self.assertNotIn("_auth_user_id", self.client.session)


class LoginAuditTests(BaseTestCase):
    def test_logins_logouts_and_failures_are_audited(self) -> None:
        self.client.post(reverse("login"), {"username": "office", "password": "wrong"})
        self.client.post(reverse("login"), {"username": "office", "password": PASSWORD})
        self.client.post(reverse("logout"))
        actions = list(AuditEvent.objects.order_by("id").values_list("action", "user_id"))
        self.assertEqual(actions, [("login-failed", None), ("login", self.office.pk), ("logout", self.office.pk)])
        failed = AuditEvent.objects.get(action="login-failed")
        self.assertEqual(failed.after["username"], "office")  # type: ignore[index]
        self.assertEqual(failed.government_id, None)

    def test_an_admin_edit_is_audited(self) -> None:
        admin = self.office
        admin.is_staff = admin.is_superuser = True
        admin.save()
        self.login(admin)
        from django.utils import timezone

        self.period.closed_at = timezone.now()
        self.period.save()
        change = reverse("admin:plans_period_change", args=[self.period.pk])
        form = {
            "plan": self.plan.pk,
            "name": self.period.name,
            "kind": self.period.kind,
            "start": "2021-01-01",
            "end": "2021-12-31",
            "due": "2099-01-10",
            "closed_at_0": "",
            "closed_at_1": "",
            "closed_by": "",
        }
        response = self.client.post(change, form)
        self.assertEqual(response.status_code, 302, getattr(response, "content", b"")[:2000])
        event = AuditEvent.objects.filter(action="admin-change", model="plans.period").get()
        self.assertEqual(event.object_id, str(self.period.pk))
        self.assertEqual(event.user_id, admin.pk)
        self.assertIsNone(event.after["closed_at"])  # type: ignore[index]
        self.assertIsNotNone(event.before["closed_at"])  # type: ignore[index]
        self.assertEqual(event.government_id, self.gov.pk)


class AuditInTheDatabaseTests(BaseTestCase):
    def test_plain_sql_cannot_rewrite_or_delete_the_audit_on_postgresql(self) -> None:
        if connection.vendor != "postgresql":
            self.skipTest("the database trigger guards PostgreSQL; SQLite deployments are single-server")
        from django.db import DatabaseError, transaction

        event = AuditEvent.objects.create(action="test", model="x")
        for sql in (
            "UPDATE audit_auditevent SET action = 'forged' WHERE id = %s",
            "DELETE FROM audit_auditevent WHERE id = %s",
        ):
            with (
                self.subTest(sql=sql),
                self.assertRaises(DatabaseError),
                transaction.atomic(),
                connection.cursor() as c,
            ):
                c.execute(sql, [event.pk])
        self.assertEqual(AuditEvent.objects.get(pk=event.pk).action, "test")


class GuessDuringACheckTests(BaseTestCase):
    """A guess arriving while another guess's password is being checked sees that guess counted already."""

    @override_settings(LOGIN_FAILURE_LIMIT=1)
    def test_a_guess_made_during_a_check_is_refused_at_the_limit(self) -> None:
        from django.contrib.auth import forms as auth_forms

        real = auth_forms.authenticate  # type: ignore[attr-defined]
        checked: list[str] = []

        def authenticate(*args: Any, **kwargs: Any) -> Any:
            checked.append(kwargs.get("password", ""))
            if len(checked) == 1:  # while the first guess is checked, a second one comes in
                inner = Client().post(reverse("login"), {"username": "liaison_a", "password": "second"})
                self.assertContains(inner, "登录失败次数过多")
            return real(*args, **kwargs)

        with mock.patch.object(auth_forms, "authenticate", authenticate):
            self.client.post(reverse("login"), {"username": "liaison_a", "password": "first"})
        self.assertEqual(checked, ["first"])
        self.assertEqual(LoginFailure.objects.filter(username="liaison_a").count(), 1)


class ParallelGuessTests(TransactionTestCase):
    """Forty guesses in parallel threads (PostgreSQL: an in-memory SQLite test database takes one writer)."""

    @override_settings(LOGIN_FAILURE_LIMIT=5)
    def test_forty_parallel_guesses_check_at_most_the_limit(self) -> None:
        if connection.vendor != "postgresql":
            self.skipTest("parallel writers need PostgreSQL (or a file database), not the in-memory test database")
        make_world(self)
        checked: list[str] = []
        lock = threading.Lock()
        from django.contrib.auth import forms as auth_forms

        real = auth_forms.authenticate  # type: ignore[attr-defined]

        def slow_authenticate(*args: Any, **kwargs: Any) -> Any:
            with lock:
                checked.append(kwargs.get("username", ""))
            threading.Event().wait(0.05)  # a password hash takes time: the window the guesses raced through
            return real(*args, **kwargs)

        barrier = threading.Barrier(8)

        def guess(i: int) -> None:
            try:
                barrier.wait()
                Client().post(reverse("login"), {"username": "liaison_a", "password": f"guess{i}"})
            finally:
                close_old_connections()

        with mock.patch.object(auth_forms, "authenticate", slow_authenticate):
            for batch in range(5):
                threads = [threading.Thread(target=guess, args=(batch * 8 + i,)) for i in range(8)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
        self.assertEqual(len(checked), 5, checked)


class EveryAdminIsAuditedTests(BaseTestCase):
    def test_every_model_admin_records_its_edits(self) -> None:
        from django.contrib import admin

        from luoshi_web.audit.admin import AuditedAdmin

        for model, model_admin in admin.site._registry.items():
            if model._meta.app_label.startswith(("auth", "django")):
                continue
            with self.subTest(model=model._meta.label):
                self.assertIsInstance(model_admin, AuditedAdmin)
