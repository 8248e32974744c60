"""The office manages its own government's accounts; a new liaison logs in and must change the password first."""

from __future__ import annotations

import html
import re

from django.test import override_settings
from django.urls import reverse

from luoshi_web.accounts.models import User
from luoshi_web.accounts.passwords import CharacterClassesValidator, temporary_password
from luoshi_web.audit.models import AuditEvent
from luoshi_web.test import PASSWORD, BaseTestCase


class AccountTests(BaseTestCase):
    def create(self, **extra: str) -> str:
        self.login(self.office)
        data = {"username": "liu", "first_name": "刘联络员", "role": "liaison", "unit": str(self.unit_b.pk), **extra}
        page = self.client.post(reverse("accounts:user_create"), data)
        self.assertEqual(page.status_code, 200, page.content[:500])
        return html.unescape(re.search(r'<code class="secret">([^<]+)</code>', page.content.decode()).group(1))

    def test_the_office_creates_a_liaison_who_logs_in_and_must_change_the_password(self) -> None:
        temporary = self.create()
        liu = User.objects.get(username="liu")
        self.assertEqual(
            (liu.government, liu.unit, liu.role, liu.must_change_password), (self.gov, self.unit_b, "liaison", True)
        )
        self.assertEqual(AuditEvent.objects.filter(action="user-create", object_id=str(liu.pk)).count(), 1)
        self.assertNotIn(temporary, str(AuditEvent.objects.get(action="user-create").after))
        self.client.logout()
        response = self.client.post(reverse("login"), {"username": "liu", "password": temporary})
        self.assertEqual(response.status_code, 302)
        # Every page leads to the password form until the password is changed.
        self.assertRedirects(self.client.get(reverse("reporting:mine")), reverse("accounts:password_change"))
        self.assertEqual(self.client.get("/api/plans").status_code, 403)
        weak = self.client.post(
            reverse("accounts:password_change"),
            {"old_password": temporary, "new_password1": "abcdefghijk", "new_password2": "abcdefghijk"},
        )
        self.assertContains(weak, "至少 3 类", status_code=400)
        new = "Gulou-2026-lianluo"
        done = self.client.post(
            reverse("accounts:password_change"), {"old_password": temporary, "new_password1": new, "new_password2": new}
        )
        self.assertRedirects(done, reverse("home"), fetch_redirect_response=False)
        self.assertEqual(self.client.get(reverse("reporting:mine")).status_code, 200)
        liu.refresh_from_db()
        self.assertFalse(liu.must_change_password)
        self.assertTrue(liu.check_password(new))

    def test_disable_and_reset_are_audited_and_take_effect(self) -> None:
        self.login(self.office)
        self.client.post(reverse("accounts:user_act", args=[self.liaison_b.pk]), {"action": "disable"})
        self.liaison_b.refresh_from_db()
        self.assertFalse(self.liaison_b.is_active)
        self.client.logout()
        refused = self.client.post(reverse("login"), {"username": "liaison_b", "password": PASSWORD})
        self.assertEqual(refused.status_code, 200)
        self.login(self.office)
        self.client.post(reverse("accounts:user_act", args=[self.liaison_b.pk]), {"action": "enable"})
        page = self.client.post(reverse("accounts:user_act", args=[self.liaison_b.pk]), {"action": "reset"})
        temporary = html.unescape(re.search(r'<code class="secret">([^<]+)</code>', page.content.decode()).group(1))
        self.liaison_b.refresh_from_db()
        self.assertTrue(self.liaison_b.check_password(temporary) and self.liaison_b.must_change_password)
        self.assertEqual(
            list(AuditEvent.objects.filter(action__startswith="user-").order_by("id").values_list("action", flat=True)),
            ["user-disable", "user-enable", "user-reset-password"],
        )

    def test_the_office_sees_and_edits_only_its_own_governments_accounts(self) -> None:
        self.login(self.office)
        listed = [u.username for u in self.client.get(reverse("accounts:users")).context["page"]]
        self.assertIn("liaison_a", listed)
        self.assertNotIn("other_office", listed)
        self.assertEqual(self.client.get(reverse("accounts:user_edit", args=[self.other_office.pk])).status_code, 404)
        other_unit = self.client.post(
            reverse("accounts:user_create"),
            {"username": "x1", "first_name": "x", "role": "liaison", "unit": str(self.unit_other.pk)},
        )
        self.assertEqual(other_unit.status_code, 400)
        self.assertFalse(User.objects.filter(username="x1").exists())

    def test_a_head_and_a_leader_who_oversees_units(self) -> None:
        self.create(username="zhou", is_unit_head="on")
        self.assertTrue(User.objects.get(username="zhou").is_unit_head)
        self.client.post(
            reverse("accounts:user_edit", args=[self.leader.pk]),
            {
                "username": "leader",
                "first_name": "李区长",
                "role": "leader",
                "oversees": [str(self.unit_a.pk), str(self.unit_b.pk)],
            },
        )
        self.assertEqual(set(self.leader.oversees.all()), {self.unit_a, self.unit_b})
        self.assertEqual(set(self.unit_a.overseers.all()), {self.leader})

    def test_a_liaison_needs_a_unit_and_only_leaders_oversee(self) -> None:
        self.login(self.office)
        response = self.client.post(reverse("accounts:user_create"), {"username": "nobody", "role": "liaison"})
        self.assertContains(response, "联络员须指定所属单位", status_code=400)
        response = self.client.post(
            reverse("accounts:user_create"),
            {"username": "nobody", "role": "office", "oversees": [str(self.unit_a.pk)]},
        )
        self.assertContains(response, "只有领导可以分管单位", status_code=400)

    def test_every_user_changes_their_own_password(self) -> None:
        self.login(self.leader)
        new = "Lizhang#2026abc"
        self.client.post(
            reverse("accounts:password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
        )
        self.leader.refresh_from_db()
        self.assertTrue(self.leader.check_password(new))
        self.assertTrue(AuditEvent.objects.filter(action="password-change", user=self.leader).exists())

    def test_the_token_link_shows_to_the_office_only(self) -> None:
        self.login(self.office)
        self.assertContains(self.client.get(reverse("plans:list")), reverse("tokens:list"))
        self.login(self.liaison_a)
        self.assertNotContains(self.client.get(reverse("reporting:mine")), reverse("tokens:list"))


class PasswordPolicyTests(BaseTestCase):
    def test_character_classes_are_counted_and_configurable(self) -> None:
        for password, classes_ok in (
            ("abcdefghij", False),
            ("abcdEFGHij", False),
            ("abcdEFGH12", True),
            ("中文密码abc123", True),
        ):
            with self.subTest(password=password):
                try:
                    CharacterClassesValidator(3).validate(password)
                    ok = True
                except Exception:
                    ok = False
                self.assertEqual(ok, classes_ok)

    @override_settings(LUOSHI_PASSWORD_MIN_LENGTH=16)
    def test_temporary_passwords_meet_the_policy(self) -> None:
        from django.contrib.auth.password_validation import validate_password

        for _ in range(20):
            password = temporary_password()
            self.assertGreaterEqual(len(password), 16)
            validate_password(password)
