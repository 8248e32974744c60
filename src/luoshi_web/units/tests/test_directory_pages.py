"""The unit directory pages: the office renames units (history and alias kept), adds aliases, safely."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from luoshi_web.test import BaseTestCase
from luoshi_web.units.directory import Directory
from luoshi_web.units.models import Unit, UnitAlias, UnitRename


class DirectoryPageTests(BaseTestCase):
    def setUp(self) -> None:
        self.login(self.office)

    def edit(self, unit: Unit, **fields: str) -> Any:
        data = {"name": unit.name, "kind": unit.kind, "active": "on", "version": str(unit.version), **fields}
        return self.client.post(reverse("units:edit", args=[unit.pk]), data)

    def test_a_renaming_is_kept_as_history_and_the_old_name_still_resolves(self) -> None:
        self.edit(self.unit_a, name="区科学技术和工业信息化局", renamed_on="2024-03-01", note="机构改革")
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.name, "区科学技术和工业信息化局")
        rename = UnitRename.objects.get(unit=self.unit_a)
        self.assertEqual(
            (rename.old_name, rename.new_name, str(rename.renamed_on)),
            ("区科技局", "区科学技术和工业信息化局", "2024-03-01"),
        )
        resolution = Directory.load(self.gov).resolve("区科技局")
        self.assertEqual((resolution.match, resolution.unit_id), ("alias", self.unit_a.pk))

    def test_a_stale_edit_does_not_overwrite_a_newer_one(self) -> None:
        stale = self.unit_a.version
        self.edit(self.unit_a, name="区科技局（新）")
        self.unit_a.refresh_from_db()
        response = self.edit(self.unit_a, name="别人的修改", version=str(stale))
        self.unit_a.refresh_from_db()
        self.assertEqual(self.unit_a.name, "区科技局（新）")
        self.assertIn("已被他人修改", self.client.get(response.url).content.decode())

    def test_an_alias_cannot_be_another_units_name(self) -> None:
        self.client.post(reverse("units:alias_add", args=[self.unit_a.pk]), {"name": "区发改委"})
        self.assertFalse(UnitAlias.objects.filter(name="区发改委").exists())
        self.client.post(reverse("units:alias_add", args=[self.unit_a.pk]), {"name": "科技局"})
        self.assertTrue(UnitAlias.objects.filter(name="科技局", unit=self.unit_a).exists())

    def test_a_unit_name_is_unique_within_its_government_only(self) -> None:
        self.client.post(reverse("units:create"), {"name": "区发改委", "kind": "department"})
        self.assertEqual(Unit.objects.filter(government=self.gov, name="区发改委").count(), 1)
        self.assertTrue(Unit.objects.filter(government=self.other_gov, name="区科技局").exists())

    def test_the_office_of_one_government_cannot_edit_anothers_units(self) -> None:
        self.assertEqual(self.client.get(reverse("units:edit", args=[self.unit_other.pk])).status_code, 404)
