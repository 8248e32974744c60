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
from luoshi_web.plans.models import Plan
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
    Row("plans:archive", lambda t: [t.plan.pk], (302, 403, 403, 403, L), "post", lambda t: {"confirm": "yes"}),
    Row("plans:archive", lambda t: [t.other_plan.pk], (404, 403, 403, 403, L), "post", lambda t: {"confirm": "yes"}),
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
    Row("units:merge", lambda t: [t.street.pk], (302, 403, 403, 403, L), "post", lambda t: {"into": t.unit_a.pk}),
    Row("units:merge", lambda t: [t.unit_other.pk], (404, 403, 403, 403, L), "post", lambda t: {"into": t.unit_a.pk}),
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
    Row("review:reminders", none, (200, 200, 200, 200, L)),
    Row("reporting:attachment", lambda t: [t.attachment.pk], (200, 200, 200, 404, L)),
    Row("plans:import_preview", lambda t: ["0" * 32], (404, 403, 403, 403, L)),
    Row("reporting:progress_import", lambda t: [t.plan.pk], (200, 403, 403, 403, L)),
    Row("reporting:progress_import", lambda t: [t.other_plan.pk], (404, 403, 403, 403, L)),
    Row("reporting:progress_import", lambda t: [t.plan.pk], (400, 403, 403, 403, L), "post", lambda t: {}),
    Row("reporting:progress_preview", lambda t: ["0" * 32], (404, 403, 403, 403, L)),
    Row("review:queue", none, (200, 403, 403, 403, L)),
    Row("review:batch", none, (302, 403, 403, 403, L), "post", lambda t: {"action": "remind"}),
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
    # the cockpit
    Row("dashboard:plan", lambda t: [t.plan.pk], (200, 200, 403, 403, L)),
    Row("dashboard:plan", lambda t: [t.other_plan.pk], (404, 404, 403, 403, L)),
    Row("dashboard:unit", lambda t: [t.unit_a.pk], (200, 200, 403, 403, L)),
    Row("dashboard:unit", lambda t: [t.unit_other.pk], (404, 404, 403, 403, L)),
    Row("dashboard:compare", none, (200, 200, 403, 403, L)),
    Row("dashboard:notice", lambda t: [t.plan.pk, t.period.pk], (200, 200, 403, 403, L)),
    Row("dashboard:notice", lambda t: [t.other_plan.pk, t.other_period.pk], (404, 404, 403, 403, L)),
    Row("dashboard:publish", lambda t: [t.plan.pk], (302, 403, 403, 403, L), "post", lambda t: {"public": "1"}),
    Row("dashboard:publish", lambda t: [t.other_plan.pk], (404, 403, 403, 403, L), "post", lambda t: {"public": "1"}),
    # 政务公开: no login; only a plan the office published (``plan`` is, ``other_plan`` is not).
    Row("dashboard:public", lambda t: [t.plan.pk], (200, 200, 200, 200, 200)),
    Row("dashboard:public", lambda t: [t.other_plan.pk], (404, 404, 404, 404, 404)),
    # API
    Row("api:index", none, (200, 200, 200, 200, 401)),
    Row("api:openapi", none, (200, 200, 200, 200, 401)),
    Row("api:not_found", lambda t: ["tasks/abc"], (404, 404, 404, 404, 401)),
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
    # accounts: the office manages its government's; everyone changes their own password
    Row("accounts:users", none, (200, 403, 403, 403, L)),
    Row("accounts:user_create", none, (200, 403, 403, 403, L)),
    Row("accounts:user_edit", lambda t: [t.liaison_a.pk], (200, 403, 403, 403, L)),
    Row("accounts:user_edit", lambda t: [t.other_office.pk], (404, 403, 403, 403, L)),
    Row(
        "accounts:user_act",
        lambda t: [t.liaison_b.pk],
        (302, 403, 403, 403, L),
        "post",
        lambda t: {"action": "disable"},
    ),
    Row(
        "accounts:user_act",
        lambda t: [t.other_office.pk],
        (404, 403, 403, 403, L),
        "post",
        lambda t: {"action": "disable"},
    ),
    Row("accounts:password_change", none, (200, 200, 200, 200, L)),
    # 督办: notices (a's unit has one), requests, the ladder
    Row("supervision:notices", none, (200, 200, 200, 200, L)),
    Row(
        "supervision:notice_create",
        none,
        (302, 403, 403, 403, L),
        "post",
        lambda t: {"task": t.task_a.pk, "unit": t.unit_a.pk, "reason": "滞后", "reply_by": "2099-01-01"},
    ),
    Row("supervision:notice_create", none, (404, 403, 403, 403, L), "post", lambda t: {"task": t.other_task.pk}),
    Row("supervision:notice", lambda t: [t.notice.pk], (200, 200, 200, 404, L)),
    Row("supervision:notice", lambda t: [t.other_notice.pk], (404, 404, 404, 404, L)),
    Row(
        "supervision:notice_act",
        lambda t: [t.notice.pk],
        (302, 403, 403, 404, L),
        "post",
        lambda t: {"action": "escalate", "note": "x"},
    ),
    Row("supervision:notice_download", lambda t: [t.notice.pk, "txt"], (200, 200, 200, 404, L)),
    Row("supervision:notice_download", lambda t: [t.other_notice.pk, "txt"], (404, 404, 404, 404, L)),
    Row("supervision:requests", none, (200, 200, 200, 200, L)),
    Row(
        "supervision:request_create",
        none,
        (403, 403, 302, 404, L),
        "post",
        lambda t: {"task": t.task_a.pk, "kind": "return", "reason": "不是本单位职责"},
    ),
    Row(
        "supervision:request_decide",
        lambda t: [t.unit_request.pk],
        (302, 403, 403, 403, L),
        "post",
        lambda t: {"decision": "refuse"},
    ),
    Row(
        "supervision:request_decide",
        lambda t: [t.other_request.pk],
        (404, 403, 403, 403, L),
        "post",
        lambda t: {"decision": "refuse"},
    ),
    Row("supervision:ladder", none, (200, 403, 403, 403, L)),
    Row(
        "supervision:ladder",
        none,
        (302, 403, 403, 403, L),
        "post",
        lambda t: {
            "before_days": "3",
            "after_days": "1,3",
            "escalate_after_days": "3",
            "behind_escalate_days": "7",
            "digest_weekday": "0",
        },
    ),
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
        Plan.objects.filter(pk=self.plan.pk).update(public=True)
        from luoshi_web.supervision.models import Notice, UnitRequest

        self.notice = Notice.objects.create(
            government=self.gov, year=2026, serial=1, unit=self.unit_a, task=self.task_a, period=self.period,
            reason="滞后", reply_by=dt.date(2099, 1, 1), issued_by=self.office,
        )  # fmt: skip
        self.other_notice = Notice.objects.create(
            government=self.other_gov, year=2026, serial=1, unit=self.unit_other, task=self.other_task,
            period=self.other_period, reason="滞后", reply_by=dt.date(2099, 1, 1), issued_by=self.other_office,
        )  # fmt: skip
        self.unit_request = UnitRequest.objects.create(
            government=self.gov, kind="return", unit=self.unit_a, task=self.task_a, reason="x", asked_by=self.liaison_a
        )
        self.other_request = UnitRequest.objects.create(
            government=self.other_gov, kind="return", unit=self.unit_other, task=self.other_task, reason="x",
            asked_by=self.other_office,
        )  # fmt: skip

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
        for app in ("plans", "units", "reporting", "review", "dashboard", "supervision", "accounts", "api", "tokens"):
            resolver = get_resolver().namespace_dict[app][1]
            names |= {f"{app}:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
        names.add("home")
        self.assertEqual(names - {r.name for r in ROWS}, set())


# --------------------------------------------------------------------------- a province above the districts

# The office of 江苏省, above 南京市 above 鼓楼区 and 玄武区: it reads every district's plans, tasks,
# dashboards and reports (both 鼓楼区's and 玄武区's), and changes nothing there (404, as for data out
# of reach); it keeps the office's own pages (import, units, tokens) for its own government. Every
# named URL has a row (the coverage test below).
PROVINCE_ROWS: tuple[tuple[str, Callable[[Any], list[Any]], Any, str, Callable[[Any], dict[str, Any]] | None], ...] = (
    ("home", none, 200, "get", None),
    ("plans:list", none, 200, "get", None),
    ("reporting:plan", lambda t: [t.plan.pk], 200, "get", None),
    ("reporting:plan", lambda t: [t.other_plan.pk], 200, "get", None),
    ("reporting:task", lambda t: [t.task_a.pk], 200, "get", None),
    ("reporting:task", lambda t: [t.other_task.pk], 200, "get", None),
    ("plans:import", none, 200, "get", None),
    ("plans:import_preview", lambda t: ["0" * 32], 404, "get", None),
    ("plans:period_create", lambda t: [t.plan.pk], 404, "post", lambda t: {"name": "一季度", "kind": "quarter"}),
    ("units:list", none, 200, "get", None),
    ("units:edit", lambda t: [t.unit_a.pk], 404, "get", None),
    ("units:edit", lambda t: [t.unit_a.pk], 404, "post", lambda t: {"name": "改名", "version": "1"}),
    ("units:create", none, 302, "post", lambda t: {"name": "省政府办公厅", "kind": "department"}),
    ("units:alias_add", lambda t: [t.unit_a.pk], 404, "post", lambda t: {"name": "科技局"}),
    ("units:alias_delete", lambda t: [t.alias.pk], 404, "post", None),
    ("reporting:mine", none, 403, "get", None),
    ("reporting:write", lambda t: [t.task_a.pk, t.period.pk], 403, "get", None),
    ("reporting:upload", none, 403, "get", None),
    ("reporting:upload_preview", lambda t: ["0" * 32], 403, "get", None),
    ("reporting:template", lambda t: [t.period.pk], 403, "get", None),
    ("reporting:attachment", lambda t: [t.attachment.pk], 404, "get", None),
    ("review:reminders", none, 200, "get", None),  # reminders addressed to this user
    ("review:queue", none, 200, "get", None),
    ("review:signoff", lambda t: [t.task_a.pk, t.period.pk], 404, "post", lambda t: {"value": "done", "version": "1"}),
    ("review:adjust", lambda t: [t.task_a.pk], 404, "post", lambda t: {}),
    ("review:remind", none, 404, "post", lambda t: {"unit": t.unit_a.pk, "task": t.task_a.pk, "message": "请报送"}),
    ("review:remind", none, 404, "post", lambda t: {"unit": t.unit_a.pk, "message": "请报送"}),
    ("review:close_period", lambda t: [t.period.pk], 404, "post", lambda t: {"version": "1"}),
    ("review:download", lambda t: [t.plan.pk, t.period.pk, "table", "docx"], 200, "get", None),
    ("review:download", lambda t: [t.other_plan.pk, t.other_period.pk, "table", "docx"], 200, "get", None),
    ("dashboard:plan", lambda t: [t.plan.pk], 200, "get", None),
    ("dashboard:plan", lambda t: [t.other_plan.pk], 200, "get", None),
    ("dashboard:unit", lambda t: [t.unit_other.pk], 200, "get", None),
    ("dashboard:compare", none, 200, "get", None),
    ("dashboard:notice", lambda t: [t.other_plan.pk, t.other_period.pk], 200, "get", None),
    ("dashboard:publish", lambda t: [t.plan.pk], 404, "post", lambda t: {"public": "1"}),
    ("dashboard:public", lambda t: [t.plan.pk], 200, "get", None),
    ("api:index", none, 200, "get", None),
    ("api:openapi", none, 200, "get", None),
    ("api:plans", none, 200, "get", None),
    ("api:plan", lambda t: [t.other_plan.pk], 200, "get", None),
    ("api:plan_tasks", lambda t: [t.plan.pk], 200, "get", None),
    ("api:task", lambda t: [t.task_street.pk], 200, "get", None),
    ("api:task_progress", lambda t: [t.other_task.pk], 200, "get", None),
    ("api:period_statuses", lambda t: [t.other_period.pk], 200, "get", None),
    ("api:units", none, 200, "get", None),
    ("plans:archive", lambda t: [t.plan.pk], 404, "post", lambda t: {"confirm": "yes"}),
    ("units:merge", lambda t: [t.street.pk], 404, "post", lambda t: {"into": t.unit_a.pk}),
    # Batch actions on a district's tasks: the picks below the province are ignored, nothing is done.
    (
        "review:batch",
        none,
        302,
        "post",
        lambda t: {"action": "signoff", "note": "同意", "pick": [f"{t.task_a.pk}:{t.period.pk}"]},
    ),
    ("api:not_found", lambda t: ["tasks/abc"], 404, "get", None),
    # Progress from another document goes into a plan only by its own government's office.
    ("reporting:progress_import", lambda t: [t.plan.pk], 404, "get", None),
    ("reporting:progress_preview", lambda t: ["0" * 32], 404, "get", None),
    ("accounts:users", none, 200, "get", None),
    ("accounts:user_create", none, 200, "get", None),
    ("accounts:user_edit", lambda t: [t.liaison_a.pk], 404, "get", None),
    ("accounts:user_act", lambda t: [t.liaison_a.pk], 404, "post", lambda t: {"action": "disable"}),
    ("accounts:password_change", none, 200, "get", None),
    ("supervision:notices", none, 200, "get", None),
    ("supervision:notice_create", none, 404, "post", lambda t: {"task": t.task_a.pk, "unit": t.unit_a.pk}),
    # A district's 督办单 are its own correspondence with its units: not shown above it.
    ("supervision:notice", lambda t: [t.notice.pk], 404, "get", None),
    ("supervision:notice_act", lambda t: [t.notice.pk], 404, "post", lambda t: {"action": "close"}),
    ("supervision:notice_download", lambda t: [t.notice.pk, "txt"], 404, "get", None),
    ("supervision:requests", none, 200, "get", None),
    ("supervision:request_create", none, 403, "post", lambda t: {"task": t.task_a.pk, "kind": "return"}),
    ("supervision:request_decide", lambda t: [t.unit_request.pk], 404, "post", lambda t: {"decision": "approve"}),
    ("supervision:ladder", none, 200, "get", None),
    ("tokens:list", none, 200, "get", None),
    ("tokens:create", none, 302, "post", lambda t: {"name": "省级平台对接", "days": "90"}),
    ("tokens:revoke", lambda t: [t.token_a.pk], 404, "post", None),
    (
        "tokens:service_account",
        none,
        302,
        "post",
        lambda t: {"username": "sheng", "first_name": "省平台", "role": "leader"},
    ),
)


class ProvinceMatrixTests(BaseTestCase):
    """The province office against every named URL: reads below, changes nothing below."""

    setUp = PermissionMatrixTests.setUp

    def check_province(self, name: str, args: list[Any], expected: Any, method: str, data: dict[str, Any]) -> None:
        url = reverse(name, args=args)
        self.login(self.province_office)
        with transaction.atomic():
            response = self.client.post(url, data) if method == "post" else self.client.get(url)
            transaction.set_rollback(True)
        self.assertEqual(response.status_code, expected, f"{method} {url}")
        if expected == 302:
            self.assertFalse(response["Location"].startswith(reverse("login")), response["Location"])

    def test_the_province_reads_every_district_below_and_changes_nothing_there(self) -> None:
        for name, args, expected, method, data in PROVINCE_ROWS:
            with self.subTest(name=name, method=method):
                self.check_province(name, args(self), expected, method, data(self) if data else {})

    def test_every_named_url_has_a_province_row(self) -> None:
        from django.urls import get_resolver

        names = {"home"}
        for app in ("plans", "units", "reporting", "review", "dashboard", "supervision", "accounts", "api", "tokens"):
            resolver = get_resolver().namespace_dict[app][1]
            names |= {f"{app}:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
        self.assertEqual(names - {row[0] for row in PROVINCE_ROWS}, set())

    def test_a_district_office_sees_no_other_district(self) -> None:
        self.login(self.office)
        for name, args in (
            ("dashboard:plan", [self.other_plan.pk]),
            ("reporting:plan", [self.other_plan.pk]),
            ("api:plan", [self.other_plan.pk]),
            ("dashboard:unit", [self.unit_other.pk]),
        ):
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(name, args=args)).status_code, 404)
        page = self.client.get(reverse("dashboard:compare")).content.decode()
        self.assertNotIn("玄武区", page)


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
