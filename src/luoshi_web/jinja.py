"""The app's pages are Jinja2 templates (Django's own Jinja2 backend): here is their environment.

Why Jinja2 and not Django's template language: a page is a few thousand printed values, and Django's
engine walks a node tree for each (``{% url %}`` in a loop, a lookup chain per ``{{ x.y }}``); Jinja2
compiles a template to Python once and renders the same pages in 55–75 % of the time (docs/cockpit.md).
The admin keeps Django's templates (a second backend in ``settings.TEMPLATES``).

Pages print as Django printed them: a value goes through ``printable`` (local time, dates and decimals
localised, escaped with Django's ``escape``), an undefined name or attribute prints nothing, and the
filters keep Django's meaning (``date`` in local time, ``truncatechars``, ``linebreaksbr`` …) beside the
project's own (``templatetags/luoshi.py``, one definition for both engines).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jinja2
from django.conf import settings
from django.template import defaultfilters
from django.templatetags.static import static
from django.test.signals import template_rendered
from django.urls import get_script_prefix, reverse
from django.utils.formats import get_format, localize
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape, json_script
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # not in django-stubs
from markupsafe import Markup

from luoshi_web.templatetags import luoshi


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """``{{ url('app:name', pk) }}``: Django's ``{% url %}``."""
    if kwargs or not all(type(a) in (int, str) for a in args):
        return reverse(name, args=args or None, kwargs=kwargs or None)
    return get_script_prefix() + _path(settings.ROOT_URLCONF, name, args)


@functools.lru_cache(maxsize=8192)
def _path(urlconf: str, name: str, args: tuple[int | str, ...]) -> str:
    """A path (after the script prefix) depends only on the URL patterns (code) and the arguments: found once
    per process (a page lists dozens, ``reverse`` walks the patterns each time). The app sets no URL
    patterns per request (``request.urlconf``)."""
    return reverse(name, urlconf=urlconf, args=args or None)[len(get_script_prefix()) :]


def printable(value: Any) -> Any:
    """A printed value as Django's template engine prints it (its escaping: ``&#x27;``, not ``&#39;``)."""
    kind = type(value)
    if kind is str:
        return Markup(html.escape(value))
    if kind is int and _plain_numbers():
        return str(value)
    if kind is float and _plain_numbers():
        text = repr(value)
        if "e" not in text:  # Django writes 1e-07 out in full
            return text
    if kind is dt.date and _date_format() == "Y年n月j日":
        return _FORMATS["Y年n月j日"](value)
    if hasattr(value, "__html__"):
        return value
    return conditional_escape(localize(template_localtime(value)))


@functools.cache
def _date_format() -> str:
    """How Django prints a date (the site's one language: zh-hans)."""
    return str(get_format("DATE_FORMAT"))


@functools.cache
def _plain_numbers() -> bool:
    """Whether Django writes a number as Python does: no thousands separator, a decimal point (the site's one
    language, zh-hans)."""
    return not settings.USE_THOUSAND_SEPARATOR and get_format("DECIMAL_SEPARATOR") == "."


def date(value: Any, arg: str | None = None) -> str:
    """Django's ``date`` filter, in the site's time zone as Django's engine gives it; the pages' formats written
    directly (Django's formatter parses the format for each value)."""
    value = template_localtime(value)
    kind = type(value)
    if kind is dt.datetime or (kind is dt.date and arg in _DATE_ONLY):
        fast = _FORMATS.get(arg)  # type: ignore[arg-type]
        if fast is not None:
            return fast(value)
    return defaultfilters.date(value, arg)


# The formats the pages use, as Django writes them (Y: four digits; m, d, H, i: two; n, j: no leading zero).
_FORMATS: dict[str, Any] = {
    "Y-m-d H:i": lambda v: f"{v.year:04d}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}",
    "Y-m-d": lambda v: f"{v.year:04d}-{v.month:02d}-{v.day:02d}",
    "Y年n月j日": lambda v: f"{v.year:04d}年{v.month}月{v.day}日",
    "n月j日": lambda v: f"{v.month}月{v.day}日",
}
_DATE_ONLY = {"Y-m-d", "Y年n月j日", "n月j日"}  # no time of day: a date prints with them too


def truncatechars(value: Any, length: int) -> str:
    """Django's ``truncatechars``; a text that fits comes back as Django gives it (in NFC), without its scan."""
    if type(value) is str and len(value) <= length and length > 0:
        return unicodedata.normalize("NFC", value)
    return defaultfilters.truncatechars(value, length)


def linebreaksbr(value: Any) -> str:
    return defaultfilters.linebreaksbr(value, autoescape=True)


@dataclass(frozen=True)
class Group:
    grouper: Any
    list: list[Any]


def regroup(items: Iterable[Any], attribute: str) -> list[Group]:
    """Django's ``{% regroup %}``: runs of consecutive items with the same ``attribute`` (dotted)."""
    key = _getter(attribute)
    return [Group(grouper, list(run)) for grouper, run in itertools.groupby(items, key)]


def _getter(path: str) -> Any:
    parts = path.split(".")

    def get(item: Any) -> Any:
        for part in parts:
            item = item.get(part) if isinstance(item, dict) else getattr(item, part, None)
        return item

    return get


FILTERS = {
    **luoshi.register.filters,
    "date": date,
    "default_if_none": defaultfilters.default_if_none,
    "floatformat": defaultfilters.floatformat,
    "json_script": json_script,
    "linebreaksbr": linebreaksbr,
    "regroup": regroup,
    "truncatechars": truncatechars,
    "urlencode": defaultfilters.urlencode,
}


def environment(**options: Any) -> jinja2.Environment:
    options.update(
        undefined=jinja2.ChainableUndefined,  # a missing name or attribute prints nothing, as in Django's engine
        finalize=printable,
        keep_trailing_newline=True,
    )
    env = jinja2.Environment(**options)
    env.template_class = Template
    env.globals.update(url=url, static=static)
    env.filters.update(FILTERS)
    return env


class Template(jinja2.Template):
    """A template that tells the test client what it rendered (``response.context``, ``response.templates``),
    as Django's docs ask of other engines; nothing listens outside tests."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        for name in ("csrf_input", "csrf_token"):
            if name in context:
                # Django's Jinja2 backend makes a new masked token at every print of these (a task's page of
                # fifteen forms made fifteen, a third of a millisecond each); Django's own engine makes one a
                # page (the ``csrf`` context processor's SimpleLazyObject), and so do these now — still only
                # when a form prints it.
                context[name] = SimpleLazyObject(functools.partial(str, context[name]))
        template_rendered.send(sender=self, template=self, context=context)
        return super().render(context)
