"""The pages' Jinja2 environment prints values and applies filters exactly as Django's template language did."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

import pytest
from django.template import Context, Engine
from django.template import engines as template_engines
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

DJANGO = Engine(builtins=["django.template.defaultfilters", "django.template.defaulttags"])


def jinja(source: str, **context: Any) -> str:
    return template_engines["jinja2"].env.from_string(source).render(context)  # type: ignore[attr-defined]


def django(source: str, **context: Any) -> str:
    return DJANGO.from_string(source).render(Context(context))


NFD = "Cafe\u0301 "  # an accent written as a combining mark: NFC makes it one character

VALUES = [
    "plain",
    "<b>\"quoted\" & 'single'</b>",
    mark_safe("<i>kept</i>"),
    gettext_lazy("名称"),
    0,
    -12,
    10**20,
    True,
    None,
    0.1,
    12.0,
    -0.0,
    1e-07,
    3.5e20,
    float("inf"),
    decimal.Decimal("12.50"),
    dt.date(2021, 7, 8),
    dt.date(2021, 12, 1),
    dt.datetime(2021, 7, 8, 1, 30, tzinfo=dt.UTC),
    ["a", "<b>"],
    {"k": 1},
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_printed_value_is_as_django_prints_it(value: Any) -> None:
    assert jinja("{{ v }}", v=value) == django("{{ v }}", v=value)


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("短", 5),
        ("正好五个字", 5),
        ("超过五个字了", 5),
        (NFD * 3, 5),
        (NFD * 3, 20),
        ("", 3),
        ("零", 0),
        (mark_safe("<b>安全</b>"), 20),
    ],
)
def test_truncatechars_is_djangos(text: str, length: int) -> None:
    assert jinja("{{ t|truncatechars(n) }}", t=text, n=length) == django("{{ t|truncatechars:n }}", t=text, n=length)


@pytest.mark.parametrize(
    ("jinja_source", "django_source", "value"),
    [
        ('{{ v|date("Y-m-d H:i") }}', '{{ v|date:"Y-m-d H:i" }}', dt.datetime(2021, 12, 31, 20, 5, tzinfo=dt.UTC)),
        ('{{ v|date("Y年n月j日") }}', '{{ v|date:"Y年n月j日" }}', dt.date(2022, 1, 15)),
        ('{{ v|date("Y-m-d") }}', '{{ v|date:"Y-m-d" }}', None),
        ('{{ v|date("Y-m-d H:i") }}', '{{ v|date:"Y-m-d H:i" }}', dt.datetime(2021, 1, 2, 16, 5, tzinfo=dt.UTC)),
        ('{{ v|date("Y-m-d H:i") }}', '{{ v|date:"Y-m-d H:i" }}', dt.datetime(999, 1, 2, 3, 4)),
        ('{{ v|date("Y-m-d") }}', '{{ v|date:"Y-m-d" }}', dt.datetime(2021, 6, 30, 23, 59, tzinfo=dt.UTC)),
        ('{{ v|date("Y-m-d") }}', '{{ v|date:"Y-m-d" }}', dt.date(2021, 3, 4)),
        ('{{ v|date("Y年n月j日") }}', '{{ v|date:"Y年n月j日" }}', dt.datetime(2021, 12, 31, 16, 0, tzinfo=dt.UTC)),
        ('{{ v|date("n月j日") }}', '{{ v|date:"n月j日" }}', dt.date(2021, 7, 15)),
        ('{{ v|date("n月j日") }}', '{{ v|date:"n月j日" }}', dt.datetime(2021, 1, 9, 8, 0)),
        ('{{ v|date("n月j日") }}', '{{ v|date:"n月j日" }}', ""),
        ('{{ v|date("Y") }}', '{{ v|date:"Y" }}', dt.date(2021, 3, 4)),
        ('{{ v|default_if_none("") }}', "{{ v|default_if_none:'' }}", None),
        ('{{ v|default_if_none("") }}', "{{ v|default_if_none:'' }}", 0),
        ("{{ v|linebreaksbr }}", "{{ v|linebreaksbr }}", "一<二>\n三"),
        ("{{ v|floatformat(2) }}", "{{ v|floatformat:2 }}", 0.456),
        ("{{ v|urlencode }}", "{{ v|urlencode }}", "/review/?state=waiting&q=区 政府"),
        ('{{ v|json_script("x") }}', '{{ v|json_script:"x" }}', {"a": "</script><b>", "n": [1, 2.5]}),
        ('{{ v or "—" }}', '{{ v|default:"—" }}', ""),
        ('{{ v or "—" }}', '{{ v|default:"—" }}', "有"),
    ],
)
def test_a_filter_is_djangos(jinja_source: str, django_source: str, value: Any) -> None:
    with timezone.override("Asia/Shanghai"):
        assert jinja(jinja_source, v=value) == django(django_source, v=value)


def test_regroup_is_djangos_runs_of_equal_keys() -> None:
    rows = [{"g": "甲", "n": 1}, {"g": "甲", "n": 2}, {"g": "乙", "n": 3}, {"g": "甲", "n": 4}]
    assert jinja(
        "{% for g in rows|regroup('g') %}{{ g.grouper }}:{% for r in g.list %}{{ r.n }}{% endfor %};{% endfor %}",
        rows=rows,
    ) == django(
        "{% regroup rows by g as groups %}{% for g in groups %}{{ g.grouper }}:{% for r in g.list %}{{ r.n }}{% endfor %};{% endfor %}",
        rows=rows,
    )


def test_a_missing_name_or_attribute_prints_nothing_as_in_django() -> None:
    assert (
        jinja("[{{ missing }}][{{ missing.attribute.deeper }}][{{ none_value.attribute }}]", none_value=None)
        == "[][][]"
    )
