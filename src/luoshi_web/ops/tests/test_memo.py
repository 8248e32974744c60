"""The cache's helpers: a filter by a list of ids sent as one parameter finds what ``__in`` finds."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import F

from luoshi_web import memo
from luoshi_web.units.models import Government


@pytest.mark.parametrize("picked", [[], [0], [0, 2], [0, 1, 2, 3], [10**6]])
def test_any_of_finds_the_rows_in_finds(picked: list[int], db: None) -> None:
    made = [Government.objects.create(name=f"第{i}区", full_name=f"第{i}区人民政府") for i in range(4)]
    ids = [made[i].pk if i < len(made) else i for i in picked]
    by_list = set(Government.objects.filter(pk__in=ids).values_list("pk", flat=True))
    assert set(Government.objects.filter(memo.AnyOf(F("pk"), ids)).values_list("pk", flat=True)) == by_list
    assert set(Government.objects.filter(memo.AnyOf(F("parent__pk"), ids)).values_list("pk", flat=True)) == set()


def test_any_of_sends_the_list_as_one_parameter_whatever_its_length(db: None) -> None:
    one, hundred = (
        Government.objects.filter(memo.AnyOf(F("pk"), list(range(n)))).query.sql_with_params() for n in (1, 100)
    )
    assert one[0] == hundred[0]
    assert len(one[1]) == len(hundred[1]) == 1


@pytest.mark.parametrize("picked", [[], [0], [0, 2], [0, 1, 2, 3], [10**6]])
def test_ids_in_finds_and_leaves_out_the_rows_in_does(picked: list[int], db: None) -> None:
    made = [Government.objects.create(name=f"第{i}区", full_name=f"第{i}区人民政府") for i in range(4)]
    ids = [made[i].pk if i < len(made) else i for i in picked]
    rows = Government.objects.values_list("pk", flat=True)
    assert set(rows.filter(memo.ids_in("pk", ids))) == set(rows.filter(pk__in=ids))
    assert set(rows.exclude(memo.ids_in("pk", ids))) == set(rows.exclude(pk__in=ids))


def test_ids_in_asks_nothing_for_no_ids(django_assert_num_queries: Any, db: None) -> None:
    with django_assert_num_queries(0):
        assert list(Government.objects.filter(memo.ids_in("pk", []))) == []
        assert Government.objects.filter(memo.ids_in("pk", [])).count() == 0
