"""API tokens: created on a page and shown once, stored as a digest, acting as their user on the API only."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from luoshi_web.accounts import tokens
from luoshi_web.accounts.models import ApiToken, User
from luoshi_web.api.openapi import openapi_document
from luoshi_web.audit.models import AuditEvent
from luoshi_web.test import PASSWORD, BaseTestCase


def bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def shown_token(response: Any) -> str:
    """The token as the page shows it, once."""
    text = response.content.decode()
    start = text.index('<code class="token">') + len('<code class="token">')
    return text[start : text.index("</code>", start)]


class TokenPageTests(BaseTestCase):
    def create(self, user: User, **form: Any) -> Any:
        self.login(user)
        return self.client.post(reverse("tokens:create"), {"name": "督查系统对接", "days": "90", **form}, follow=True)

    def test_creating_a_token_redirects_so_a_refresh_neither_posts_again_nor_shows_it_again(self) -> None:
        self.login(self.liaison_a)
        response = self.client.post(reverse("tokens:create"), {"name": "督查系统对接", "days": "90"})
        self.assertRedirects(response, reverse("tokens:list"), fetch_redirect_response=False)
        first = self.client.get(reverse("tokens:list"))
        token = shown_token(first)
        self.assertNotIn(token, self.client.get(reverse("tokens:list")).content.decode())
        self.assertEqual(ApiToken.objects.filter(user=self.liaison_a).count(), 1)

    def test_a_new_token_is_shown_once_and_only_its_digest_is_stored(self) -> None:
        response = self.create(self.liaison_a)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Cache-Control"], "no-store")
        token = shown_token(response)
        self.assertTrue(token.startswith(tokens.PREFIX))
        record = ApiToken.objects.get(user=self.liaison_a)
        self.assertEqual(record.digest, hashlib.sha256(token.encode()).hexdigest())
        stored = [str(v) for v in ApiToken.objects.filter(pk=record.pk).values().get().values()]
        self.assertFalse(any(token in value for value in stored))
        self.assertTrue(token.startswith(record.prefix) and len(record.prefix) < len(token) // 3)
        self.assertNotIn(token, self.client.get(reverse("tokens:list")).content.decode())

    def test_a_token_expires_after_the_chosen_days_or_never(self) -> None:
        self.create(self.leader, days="30")
        self.create(self.leader, days="0", name="长期")
        short, forever = ApiToken.objects.filter(user=self.leader).order_by("created_at")
        assert short.expires_at is not None
        self.assertAlmostEqual((short.expires_at - short.created_at).days, 30, delta=1)
        self.assertIsNone(forever.expires_at)

    def test_a_token_needs_a_purpose(self) -> None:
        response = self.create(self.liaison_a, name="")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "请写明令牌的用途", status_code=400)
        self.assertFalse(ApiToken.objects.exists())

    @override_settings(API_TOKEN_MAX_PER_USER=2)
    def test_an_account_holds_a_limited_number_of_tokens_in_force(self) -> None:
        self.create(self.liaison_a)
        self.create(self.liaison_a)
        response = self.create(self.liaison_a)
        self.assertContains(response, "最多同时保有 2 个有效令牌", status_code=400)
        tokens.revoke(ApiToken.objects.filter(user=self.liaison_a).first(), self.liaison_a)  # type: ignore[arg-type]
        self.assertEqual(self.create(self.liaison_a).status_code, 200)

    def test_creating_and_revoking_are_in_the_audit_trail(self) -> None:
        self.create(self.liaison_a)
        record = ApiToken.objects.get()
        self.client.post(reverse("tokens:revoke", args=[record.pk]))
        record.refresh_from_db()
        self.assertEqual(record.revoked_by, self.liaison_a)
        actions = list(
            AuditEvent.objects.filter(object_id=str(record.pk)).order_by("pk").values_list("action", "government_id")
        )
        self.assertEqual(actions, [("token_create", self.gov.pk), ("token_revoke", self.gov.pk)])

    def test_the_office_sees_and_revokes_its_governments_tokens_but_not_anothers(self) -> None:
        mine, _ = tokens.issue(self.liaison_b, "对接", 90, created_by=self.liaison_b)
        theirs, _ = tokens.issue(self.other_office, "对接", 90, created_by=self.other_office)
        self.login(self.office)
        page = self.client.get(reverse("tokens:list")).content.decode()
        self.assertIn(mine.prefix, page)
        self.assertNotIn(theirs.prefix, page)
        self.login(self.liaison_a)
        self.assertNotIn(mine.prefix, self.client.get(reverse("tokens:list")).content.decode())

    def test_a_user_without_a_role_may_not_hold_tokens(self) -> None:
        nobody = User.objects.create_user("nobody", password=PASSWORD)
        self.login(nobody)
        self.assertEqual(self.client.get(reverse("tokens:list")).status_code, 403)


class ServiceAccountTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.office)

    def make_account(self, **form: str) -> User:
        data = {"username": "ducha", "first_name": "督查系统", "role": "leader", **form}
        response = self.client.post(reverse("tokens:service_account"), data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:500])
        return User.objects.get(username=data["username"])

    def token_for(self, account: User) -> str:
        response = self.client.post(
            reverse("tokens:create"), {"name": "对接", "days": "365", "account": account.pk}, follow=True
        )
        self.assertEqual(response.status_code, 200)
        return shown_token(response)

    def test_a_service_account_reads_the_whole_government_and_cannot_log_in(self) -> None:
        account = self.make_account()
        self.assertEqual((account.role, account.government, account.service_account), ("leader", self.gov, True))
        self.assertFalse(account.has_usable_password())
        token = self.token_for(account)
        client = Client()
        data = client.get(reverse("api:plan_tasks", args=[self.plan.pk]), headers=bearer(token)).json()
        self.assertEqual(data["total"], 3)
        account.set_password(PASSWORD)
        account.save()
        response = client.post(reverse("login"), {"username": "ducha", "password": PASSWORD})
        self.assertContains(response, "服务账号只能通过接口令牌读取数据")

    def test_a_unit_service_account_reads_only_that_units_tasks(self) -> None:
        account = self.make_account(username="keji-sys", role="liaison", unit=str(self.unit_a.pk))
        token = self.token_for(account)
        client = Client()
        data = client.get(reverse("api:plan_tasks", args=[self.plan.pk]), headers=bearer(token)).json()
        self.assertEqual(sorted(t["id"] for t in data["results"]), sorted([self.task_a.pk, self.task_b.pk]))
        self.assertEqual(
            client.get(reverse("api:task", args=[self.task_street.pk]), headers=bearer(token)).status_code, 404
        )

    def test_a_unit_service_account_needs_its_unit(self) -> None:
        response = self.client.post(
            reverse("tokens:service_account"), {"username": "x-sys", "first_name": "某系统", "role": "liaison"}
        )
        self.assertContains(response, "须选择单位", status_code=400)
        self.assertFalse(User.objects.filter(username="x-sys").exists())

    def test_the_office_cannot_make_tokens_that_act_as_a_person(self) -> None:
        response = self.client.post(reverse("tokens:create"), {"name": "冒用", "days": "90", "account": self.leader.pk})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ApiToken.objects.exists())

    def test_a_liaison_cannot_make_tokens_for_a_service_account(self) -> None:
        account = self.make_account()
        self.login(self.liaison_a)
        response = self.client.post(reverse("tokens:create"), {"name": "对接", "days": "90", "account": account.pk})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ApiToken.objects.filter(user=account).exists())


class BearerTests(BaseTestCase):
    def issue(self, user: User, days: int = 90) -> tuple[ApiToken, str]:
        return tokens.issue(user, "对接", days, created_by=user)

    def test_a_token_acts_as_its_user_with_the_same_reach(self) -> None:
        _, token = self.issue(self.liaison_a)
        response = self.client.get(reverse("api:plan_tasks", args=[self.plan.pk]), headers=bearer(token))
        self.assertEqual(sorted(t["id"] for t in response.json()["results"]), sorted([self.task_a.pk, self.task_b.pk]))
        self.assertEqual(self.client.get(reverse("api:units"), headers=bearer(token)).status_code, 403)

    def test_a_token_records_when_and_from_where_it_was_last_used(self) -> None:
        record, token = self.issue(self.leader)
        self.assertIsNone(record.last_used_at)
        self.client.get(reverse("api:plans"), headers=bearer(token), REMOTE_ADDR="10.1.2.3")
        record.refresh_from_db()
        assert record.last_used_at is not None
        self.assertLess(timezone.now() - record.last_used_at, dt.timedelta(minutes=1))
        self.assertEqual(record.last_used_ip, "10.1.2.3")

    def test_a_token_does_not_open_the_pages(self) -> None:
        _, token = self.issue(self.office)
        response = self.client.get(reverse("plans:list"), headers=bearer(token))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("login")))

    def test_a_bad_token_is_refused_even_with_a_logged_in_session(self) -> None:
        self.login(self.office)
        response = self.client.get(reverse("api:plans"), headers=bearer(tokens.PREFIX + "x" * 43))
        self.assertEqual(response.status_code, 401)
        self.assertIn("令牌无效", response.json()["error"])

    def test_every_refusal_says_why_in_chinese(self) -> None:
        revoked, revoked_token = self.issue(self.office)
        tokens.revoke(revoked, self.office)
        expired, expired_token = self.issue(self.office, days=1)
        ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        inactive_user = User.objects.create_user("left", role=User.LEADER, government=self.gov, is_active=False)
        _, inactive_token = self.issue(inactive_user)
        cases = [
            (f"Bearer {revoked_token}", "已被撤销"),
            (f"Bearer {expired_token}", "已过期"),
            (f"Bearer {inactive_token}", "已停用"),
            ("Bearer 123", "令牌无效"),
            (f"Bearer {tokens.PREFIX}{'Z' * 43}", "没有这个令牌"),
            (f"Basic {revoked_token}", "格式应为"),
            ("Bearer", "令牌无效"),
        ]
        for header, words in cases:
            with self.subTest(header=header[:20]):
                response = self.client.get(reverse("api:plans"), headers={"authorization": header})
                self.assertEqual(response.status_code, 401)
                self.assertIn(words, response.json()["error"])
                self.assertTrue(response["WWW-Authenticate"].startswith('Bearer realm="luoshi"'))

    def test_an_anonymous_call_is_told_how_to_authenticate(self) -> None:
        response = self.client.get(reverse("api:plans"))
        self.assertEqual(response.status_code, 401)
        self.assertIn("Authorization: Bearer", response.json()["error"])
        self.assertEqual(response["WWW-Authenticate"], 'Bearer realm="luoshi"')

    @override_settings(API_TOKEN_FAILURE_LIMIT=3)
    def test_repeated_bad_tokens_from_one_address_are_throttled(self) -> None:
        _, good = self.issue(self.office)
        for _ in range(3):
            response = self.client.get(reverse("api:plans"), headers=bearer("guess"), REMOTE_ADDR="10.9.9.9")
            self.assertEqual(response.status_code, 401)
        refused = self.client.get(reverse("api:plans"), headers=bearer(good), REMOTE_ADDR="10.9.9.9")
        self.assertEqual(refused.status_code, 429)
        self.assertIn("失败次数过多", refused.json()["error"])
        self.assertGreater(int(refused["Retry-After"]), 0)
        elsewhere = self.client.get(reverse("api:plans"), headers=bearer(good), REMOTE_ADDR="10.1.1.1")
        self.assertEqual(elsewhere.status_code, 200)

    @override_settings(API_TOKEN_FAILURE_LIMIT=2, API_TOKEN_FAILURE_WINDOW=60)
    def test_the_throttle_forgets_old_failures(self) -> None:
        from luoshi_web.accounts.models import ApiTokenFailure

        _, good = self.issue(self.office)
        for _ in range(2):
            self.client.get(reverse("api:plans"), headers=bearer("guess"))
        ApiTokenFailure.objects.update(at=timezone.now() - dt.timedelta(seconds=61))
        self.assertEqual(self.client.get(reverse("api:plans"), headers=bearer(good)).status_code, 200)

    def test_a_token_post_is_refused_as_read_only_not_as_forgery(self) -> None:
        _, token = self.issue(self.office)
        client = Client(enforce_csrf_checks=True)
        self.assertEqual(client.post(reverse("api:plans"), headers=bearer(token)).status_code, 405)

    def test_the_openapi_document_describes_the_bearer_scheme(self) -> None:
        document = openapi_document()
        schemes = document["components"]["securitySchemes"]
        self.assertEqual((schemes["bearer"]["type"], schemes["bearer"]["scheme"]), ("http", "bearer"))
        self.assertIn({"bearer": []}, document["security"])
        for path in document["paths"].values():
            self.assertIn("401", path["get"]["responses"])
            self.assertIn("429", path["get"]["responses"])
