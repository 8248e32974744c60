"""Printed unit names resolve against the directory: exact, alias, normalised, or a flagged suggestion."""

from __future__ import annotations

import pytest

from luoshi_web.units.directory import Directory
from luoshi_web.units.models import Government, Unit, UnitAlias


@pytest.fixture
def directory(db: None) -> Directory:
    gov = Government.objects.create(name="鼓楼区")
    for name in ("区科技局", "区商务局", "铁北管委会", "铁路管委会", "区发改委"):
        Unit.objects.create(government=gov, name=name)
    UnitAlias.objects.create(unit=Unit.objects.get(name="铁路管委会"), name="铁管委")
    UnitAlias.objects.create(unit=Unit.objects.get(name="区科技局"), name="区科学技术局")
    return Directory.load(gov)


@pytest.mark.parametrize(
    ("printed", "match", "unit"),
    [
        ("区科技局", "exact", "区科技局"),
        ("区科学技术局", "alias", "区科技局"),
        ("科技局", "normalized", "区科技局"),
        ("鼓楼区科技局", "normalized", "区科技局"),
        ("发改委", "normalized", "区发改委"),
        ("铁管委", "alias", "铁路管委会"),
    ],
)
def test_names_resolve_by_name_alias_or_prefix(directory: Directory, printed: str, match: str, unit: str) -> None:
    resolution = directory.resolve(printed)
    assert (resolution.match, resolution.unit_name) == (match, unit)


def test_a_similar_name_is_only_a_suggestion_never_a_match(directory: Directory) -> None:
    resolution = directory.resolve("区税务局")
    assert resolution.match == "suggested"
    assert resolution.unit_id is None
    assert "区商务局" in [name for _, name in resolution.suggestions]


def test_a_short_form_without_an_alias_is_flagged_not_guessed(directory: Directory) -> None:
    resolution = directory.resolve("铁北管")
    assert resolution.unit_id is None
    assert resolution.needs_attention


def test_an_unknown_name_has_no_unit(directory: Directory) -> None:
    resolution = directory.resolve("区档案馆")
    assert (resolution.match, resolution.unit_id) == ("unknown", None)
