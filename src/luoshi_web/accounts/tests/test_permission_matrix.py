"""The permission matrix: every role against every page and API endpoint, by session and by API token.

Each row is one URL (with the method the page uses) and the status each role must get:
``L`` a redirect to the login page, 401 for the API when anonymous, 403 for a role that may not
use the page, 404 for data outside the user's reach (another unit's task, another government's
plan), and 200 (or 302 after a successful POST) when allowed. Every request runs in a rolled-back
transaction, so a POST by one role never changes what the next role sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from luoshi_web.accounts import tokens
from luoshi_web.accounts.models import ApiToken
from luoshi_web.reporting.models import Attachment
from luoshi_web.test import BaseTestCase
from luoshi_web.units.models import UnitAlias

L = "login"
ROLES = ("office", "leader", "liaison_a", "liaison_b", "anonymous")


@dataclass(frozen=True)
class Row:
    name: str
    args: Callable[[Any], list[Any]]
    expected: tuple[Any, Any, Any, Any, Any]  # office, leader, liaison_a, liaison_b, anonymous
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] | None = None


def none(t: Any) -> list[Any]:
    return []


ROWS: tuple[Row, ...] = (
    # pages
    Row("home", none, (200, 200, 302, 302, L)),
    Row("plans:list", none, (200, 200, 200, 200, L)),
    Row("reporting:plan", lambda t: [t.plan.pk], (200, 200, 200, 200, L)),
    Row("reporting:plan", lambda t: [t.other_plan.pk], (404, 404, 404, 404, L)),
    Row("reporting:task", lambda t: [t.task_a.pk], (200, 200, 200, 404, L)),
    Row("reporting:task", lambda t: [t.task_street.pk], (200, 200, 404, 200, L)),
    Row("reporting:task", lambda t: [t.other_task.pk], (404, 404, 404, 404, L)),
    Row("plans:import", none, (200, 403, 403, 403, L)),
    Row("plans:import", none, (400, 403, 403, 403, L), "post", lambda t: {}),
    Row(
        "plans:period_create",
        lambda t: [t.plan.pk],
        (302, 403, 403, 403, L),
        "post",
        lambda t: {
            "name": "一季度",
            "kind": "quarter",
            "start": "2021-01-01",
            "end": "2021-03-31",
            "due": "2021-04-10",
        },
    ),
    Row("plans:period_create", lambda t: [t.other_plan.pk], (404, 403, 403, 403, L), "post", lambda t: {}),
    Row("units:list", none, (200, 200, 403, 403, L)),
    Row("units:edit", lambda t: [t.unit_a.pk], (200, 403, 403, 403, L)),
    Row("units:edit", lambda t: [t.unit_other.pk], (404, 403, 403, 403, L)),
    Row("units:create", none, (302, 403, 403, 403, L), "post", lambda t: {"name": "区档案馆", "kind": "department"}),
    Row("units:alias_add", lambda t: [t.unit_a.pk], (302, 403, 403, 403, L), "post", lambda t: {"name": "科技局"}),
    Row("units:alias_delete", lambda t: [t.alias.pk], (302, 403, 403, 403, L), "post"),
    Row("reporting:mine", none, (403, 403, 200, 200, L)),
    Row("reporting:write", lambda t: [t.task_a.pk, t.period.pk], (403, 403, 200, 404, L)),
    Row("reporting:write", lambda t: [t.task_b.pk, t.period.pk], (403, 403, 200, 200, L)),
    Row("reporting:write", lambda t: [t.other_task.pk, t.other_period.pk], (403, 403, 404, 404, L)),
    Row(
        "reporting:write",
        lambda t: [t.task_a.pk, t.period.pk],
        (403, 403, 200, 404, L),
        "post",
        lambda t: {"text": "进展顺利。", "action": "read", "base_version": "0"},
    ),
    Row("reporting:upload", none, (403, 403, 200, 200, L)),
    Row("reporting:upload_preview", lambda t: ["0" * 32], (403, 403, 404, 404, L)),
    Row("reporting:template", lambda t: [t.period.pk], (403, 403, 200, 200, L)),
    Row("reporting:template", lambda t: [t.other_period.pk], (403, 403, 404, 404, L)),
    Row("review:reminders", none, (403, 403, 200, 200, L)),
    Row("reporting:attachment", lambda t: [t.attachment.pk], (200, 200, 200, 404, L)),
    Row("plans:import_preview", lambda t: ["0" * 32], (404, 403, 403, 403, L)),
    Row("reporting:progress_import", lambda t: [t.plan.pk], (200, 403, 403, 403, L)),
    Row("reporting:progress_import", lambda t: [t.other_plan.pk], (404, 403, 403, 403, L)),
    Row("reporting:progress_import", lambda t: [t.plan.pk], (400, 403, 403, 403, L), "post", lambda t: {}),
    Row("reporting:progress_preview", lambda t: ["0" * 32], (404, 403, 403, 403, L)),
    Row("review:queue", none, (200, 403, 403, 403, L)),
    Row(
        "review:signoff",
        lambda t: [t.task_a.pk, t.period.pk],
        (302, 403, 403, 403, L),
        "post",
        lambda t: {"value": "done", "version": "1"},
    ),
    Row(
        "review:signoff", lambda t: [t.other_task.pk, t.other_period.pk], (404, 403, 403, 403, L), "post", lambda t: {}
    ),
    Row("review:adjust", lambda t: [t.task_a.pk], (302, 403, 403, 403, L), "post", lambda t: {}),
    Row(
        "review:remind",
        none,
        (302, 403, 403, 403, L),
        "post",
        lambda t: {"unit": t.unit_a.pk, "task": t.task_a.pk, "message": "请报送"},
    ),
    Row("review:remind", none, (404, 403, 403, 403, L), "post", lambda t: {"unit": t.unit_other.pk}),
    Row("review:close_period", lambda t: [t.period.pk], (302, 403, 403, 403, L), "post", lambda t: {"version": "1"}),
    Row("review:close_period", lambda t: [t.other_period.pk], (404, 403, 403, 403, L), "post", lambda t: {}),
    Row("review:download", lambda t: [t.plan.pk, t.period.pk, "table", "docx"], (200, 200, 403, 403, L)),
    Row("review:download", lambda t: [t.other_plan.pk, t.other_period.pk, "table", "docx"], (404, 404, 403, 403, L)),
    # API
    Row("api:index", none, (200, 200, 200, 200, 401)),
    Row("api:openapi", none, (200, 200, 200, 200, 401)),
    Row("api:plans", none, (200, 200, 200, 200, 401)),
    Row("api:plan", lambda t: [t.plan.pk], (200, 200, 200, 200, 401)),
    Row("api:plan", lambda t: [t.other_plan.pk], (404, 404, 404, 404, 401)),
    Row("api:plan_tasks", lambda t: [t.plan.pk], (200, 200, 200, 200, 401)),
    Row("api:plan_tasks", lambda t: [t.other_plan.pk], (404, 404, 404, 404, 401)),
    Row("api:task", lambda t: [t.task_a.pk], (200, 200, 200, 404, 401)),
    Row("api:task", lambda t: [t.task_street.pk], (200, 200, 404, 200, 401)),
    Row("api:task", lambda t: [t.other_task.pk], (404, 404, 404, 404, 401)),
    Row("api:task_progress", lambda t: [t.task_a.pk], (200, 200, 200, 404, 401)),
    Row("api:task_progress", lambda t: [t.task_street.pk], (200, 200, 404, 200, 401)),
    Row("api:period_statuses", lambda t: [t.period.pk], (200, 200, 200, 200, 401)),
    Row("api:period_statuses", lambda t: [t.other_period.pk], (404, 404, 404, 404, 401)),
    Row("api:units", none, (200, 200, 403, 403, 401)),
    # API tokens: everyone with a role holds their own; the office also revokes its government's.
    Row("tokens:list", none, (200, 200, 200, 200, L)),
    Row("tokens:create", none, (302, 302, 302, 302, L), "post", lambda t: {"name": "督查系统对接", "days": "90"}),
    Row("tokens:revoke", lambda t: [t.token_a.pk], (302, 404, 302, 404, L), "post"),
    Row("tokens:revoke", lambda t: [t.other_token.pk], (404, 404, 404, 404, L), "post"),
    Row(
        "tokens:service_account",
        none,
        (302, 403, 403, 403, L),
        "post",
        lambda t: {"username": "ducha", "first_name": "督查系统", "role": "leader"},
    ),
)


class PermissionMatrixTests(BaseTestCase):
    """One test per row; within it, one sub-test per role."""

    def setUp(self) -> None:
        self.attachment = Attachment(
            unit=self.unit_a,
            period=self.period,
            uploaded_by=self.liaison_a,
            original_name="报送.docx",
            size=4,
            sha256="0" * 64,
        )
        self.attachment.file.save("报送.docx", ContentFile(b"test"), save=False)
        self.attachment.save()
        self.alias = UnitAlias.objects.get(name="区科学技术局")
        self.token_a, _ = tokens.issue(self.liaison_a, "对接", 90, created_by=self.liaison_a)
        self.other_token, _ = tokens.issue(self.other_office, "对接", 90, created_by=self.other_office)

    def check(self, row: Row) -> None:
        url = reverse(row.name, args=row.args(self))
        for role, expected in zip(ROLES, row.expected, strict=True):
            with self.subTest(role=role, url=url, method=row.method):
                self.client.logout()
                if role != "anonymous":
                    self.login(getattr(self, role))
                with transaction.atomic():
                    if row.method == "post":
                        response = self.client.post(url, row.data(self) if row.data else {})
                    else:
                        response = self.client.get(url)
                    transaction.set_rollback(True)
                if expected == L:
                    self.assertEqual(response.status_code, 302)
                    self.assertTrue(response["Location"].startswith(reverse("login") + "?next="), response["Location"])
                else:
                    self.assertEqual(response.status_code, expected)
                    if expected == 302:
                        self.assertFalse(response["Location"].startswith(reverse("login")), response["Location"])


def _make_test(row: Row) -> Callable[[PermissionMatrixTests], None]:
    def test(self: PermissionMatrixTests) -> None:
        self.check(row)

    return test


for _index, _row in enumerate(ROWS):
    _name = f"test_{_index:02d}_{_row.method}_{_row.name.replace(':', '_')}"
    setattr(PermissionMatrixTests, _name, _make_test(_row))


class CoverageTests(BaseTestCase):
    def test_every_named_url_is_in_the_matrix(self) -> None:
        from django.urls import get_resolver

        names = set()
        for app in ("plans", "units", "reporting", "review", "api", "tokens"):
            resolver = get_resolver().namespace_dict[app][1]
            names |= {f"{app}:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
        names.add("home")
        self.assertEqual(names - {r.name for r in ROWS}, set())


TOKEN_ROLES = ("office", "leader", "liaison_a", "liaison_b")
BAD_TOKENS = ("revoked", "expired", "garbage", "unknown")


class TokenMatrixTests(BaseTestCase):
    """Every API row again, each role calling with its own token and no session: the same answers.

    A revoked, an expired, a malformed and an unknown well-formed token are each refused with 401
    and a Chinese message on every endpoint, whatever the endpoint would have answered.
    """

    bearer: ClassVar[dict[str, str]]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.bearer = {}
        for role in TOKEN_ROLES:
            _, cls.bearer[role] = tokens.issue(getattr(cls, role), "对接", 90, created_by=getattr(cls, role))
        revoked, cls.bearer["revoked"] = tokens.issue(cls.office, "旧系统", 90, created_by=cls.office)
        tokens.revoke(revoked, cls.office)
        expired, cls.bearer["expired"] = tokens.issue(cls.office, "到期", 30, created_by=cls.office)
        ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
        cls.bearer["garbage"] = "not-a-token"
        cls.bearer["unknown"] = tokens.PREFIX + "A" * 43

    def check(self, row: Row) -> None:
        url = reverse(row.name, args=row.args(self))
        self.client.logout()
        for role, expected in zip(TOKEN_ROLES, row.expected, strict=False):
            with self.subTest(role=role, url=url):
                response = self.client.get(url, headers={"authorization": f"Bearer {self.bearer[role]}"})
                self.assertEqual(response.status_code, expected)
                self.assertEqual(response["Content-Type"], "application/json")
        for bad in BAD_TOKENS:
            with self.subTest(token=bad, url=url):
                response = self.client.get(url, headers={"authorization": f"Bearer {self.bearer[bad]}"})
                self.assertEqual(response.status_code, 401)
                self.assertRegex(response.json()["error"], "[\u4e00-\u9fff]")
                self.assertIn('error="invalid_token"', response["WWW-Authenticate"])


def _make_token_test(row: Row) -> Callable[[TokenMatrixTests], None]:
    def test(self: TokenMatrixTests) -> None:
        self.check(row)

    return test


for _index, _row in enumerate(ROWS):
    if _row.name.startswith("api:"):
        setattr(TokenMatrixTests, f"test_{_index:02d}_token_{_row.name.replace(':', '_')}", _make_token_test(_row))
