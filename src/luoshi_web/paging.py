"""Paged lists: every HTML list shows 50 rows a page, with links that keep the list's filters.

``page_of(request, rows)`` pages a queryset (counted in SQL) or a list with Django's ``Paginator``;
templates include ``includes/pager.html`` with ``page`` (and nothing else to pass: the links carry the
request's other query parameters).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50


class Countable(Protocol):
    """Rows the ``Paginator`` counts (``count()``) and slices without a ``QuerySet`` (``plans.access.Rows``)."""

    ordered: bool

    def count(self) -> int: ...

    def __getitem__(self, part: slice) -> Sequence[Any]: ...


def page_of(request: HttpRequest, rows: QuerySet[Any] | Sequence[Any] | Countable, per_page: int = PER_PAGE) -> Page:
    """The page of ``rows`` asked for by ``?page=`` (the first for a missing or bad number, the last past the end)."""
    # A Countable is counted by its count() (as a QuerySet is) and sliced: all the Paginator asks of it.
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    query = request.GET.copy()
    query.pop("page", None)
    page.query = query.urlencode()  # type: ignore[attr-defined]
    return page
