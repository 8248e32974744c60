"""Logging in: passwords hashed, failures throttled, sessions that expire, CSRF on every form."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luoshi_web.accounts.models import LoginFailure
from luoshi_web.test import PASSWORD, BaseTestCase


class LoginTests(BaseTestCase):
    def attempt(self, password: str, username: str = "liaison_a", client: Client | None = None) -> Any:
        return (client or self.client).post(reverse("login"), {"username": username, "password": password})

    def test_a_right_password_logs_in_and_lands_on_the_roles_home(self) -> None:
        response = self.attempt(PASSWORD)
        self.assertRedirects(response, reverse("home"), fetch_redirect_response=False)
        self.assertRedirects(self.client.get(reverse("home")), reverse("reporting:mine"))

    def test_passwords_are_stored_hashed(self) -> None:
        self.assertNotIn(PASSWORD, self.liaison_a.password)
        self.assertTrue(self.liaison_a.check_password(PASSWORD))

    def test_a_wrong_password_says_so_in_chinese(self) -> None:
        self.assertContains(self.attempt("wrong"), "用户名或密码不正确")

    @override_settings(LOGIN_FAILURE_LIMIT=3)
    def test_repeated_failures_lock_the_name_out_even_with_the_right_password(self) -> None:
        for _ in range(3):
            self.attempt("wrong")
        response = self.attempt(PASSWORD)
        self.assertContains(response, "登录失败次数过多")
        self.assertNotIn("_auth_user_id", self.client.session)
        self.assertEqual(LoginFailure.objects.filter(username="liaison_a").count(), 3)

    @override_settings(LOGIN_FAILURE_LIMIT=3)
    def test_a_lockout_of_one_name_leaves_other_users_alone(self) -> None:
        for _ in range(3):
            self.attempt("wrong")
        self.assertRedirects(self.attempt(PASSWORD, "liaison_b"), reverse("home"), fetch_redirect_response=False)

    @override_settings(LOGIN_FAILURE_LIMIT=2)
    def test_one_address_guessing_many_names_is_locked_out(self) -> None:
        for i in range(8):
            self.attempt("wrong", f"nobody{i}")
        self.assertContains(self.attempt(PASSWORD, "office"), "登录失败次数过多")

    def test_a_successful_login_clears_earlier_failures(self) -> None:
        self.attempt("wrong")
        self.attempt(PASSWORD)
        self.assertFalse(LoginFailure.objects.filter(username="liaison_a").exists())

    def test_sessions_expire(self) -> None:
        self.assertTrue(settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)
        self.assertLessEqual(settings.SESSION_COOKIE_AGE, 12 * 3600)
        self.attempt(PASSWORD)
        self.assertTrue(self.client.session.get_expire_at_browser_close())

    def test_forms_refuse_a_post_without_the_csrf_token(self) -> None:
        client = Client(enforce_csrf_checks=True)
        self.assertEqual(self.attempt(PASSWORD, client=client).status_code, 403)
        client.force_login(self.office)
        response = client.post(reverse("review:remind"), {"unit": self.unit_a.pk, "message": "x"})
        self.assertEqual(response.status_code, 403)

    def test_a_pages_forms_carry_one_csrf_token_that_a_post_accepts(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.office)
        page = client.get(reverse("reporting:task", args=[self.task_a.pk])).content.decode()
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        self.assertGreater(len(tokens), 1)
        self.assertEqual(len(set(tokens)), 1)
        response = client.post(
            reverse("review:remind"), {"unit": self.unit_a.pk, "message": "x", "csrfmiddlewaretoken": tokens[0]}
        )
        self.assertNotEqual(response.status_code, 403)

    def test_logging_out_needs_a_post_and_ends_the_session(self) -> None:
        self.login(self.office)
        self.client.post(reverse("logout"))
        self.assertRedirects(self.client.get(reverse("home")), reverse("login") + "?next=/")

    def test_logging_out_ends_the_session_for_every_copy_of_its_cookie(self) -> None:
        self.login(self.office)
        copy = Client()
        name = settings.SESSION_COOKIE_NAME
        copy.cookies[name] = self.client.cookies[name].value
        self.assertEqual(copy.get(reverse("home")).status_code, 200)
        self.client.post(reverse("logout"))
        self.assertRedirects(copy.get(reverse("home")), reverse("login") + "?next=/")

    def test_a_session_is_read_from_the_cache_not_the_session_table(self) -> None:
        self.login(self.office)
        self.client.get(reverse("home"))
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(reverse("home")).status_code, 200)
        self.assertFalse([q["sql"] for q in queries if "django_session" in q["sql"]])

    def test_a_user_without_a_role_is_told_to_ask_the_office(self) -> None:
        from luoshi_web.accounts.models import User

        self.login(User.objects.create_user("newcomer", password=PASSWORD))
        self.assertContains(self.client.get(reverse("home")), "尚未分配角色", status_code=403)
