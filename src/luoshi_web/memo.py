"""Figures kept in the cache under the state of the rows they come from, so they are never stale.

A caller names what it computes and gives the state of its sources — counts and the last change of the
rows it reads (every report, verdict and sign-off touches its status row; every edit of a task, a unit
or a period bumps its version or timestamp). While nothing changed, one small aggregate query stands in
for the queries and the work of computing it again; once anything changed, the key is new.

``scalars(...)`` reads those aggregates — over several tables — in that one query; ``AnyOf`` filters rows
by a list of ids as one parameter (``ids_in``: none asks nothing).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import F, Func, IntegerField, Lookup, Q, QuerySet

from luoshi_web.prepared import scalars_row

T = TypeVar("T")
# The form of what is kept: bumped when a kept value changes its form, so a new release never reads an
# old release's values (the cache outlives a restart).
FORM = 3


def remembered(name: str, state: Iterable[Any], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave last time for the same ``name`` and ``state``."""
    parts = ":".join(map(str, state))
    key = f"memo:{FORM}:{name}:{hashlib.sha256(parts.encode()).hexdigest()[:32]}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found)
    return found


def scalars(*values: QuerySet[Any]) -> tuple[Any, ...]:
    """The values of several aggregate queries (``aggregate``, ``fingerprint``: one row each), asked in one round
    trip, in order (None for a query no row can match)."""
    return tuple(scalars_row(values))


def aggregate(rows: QuerySet[Any], function: str, field: str = "pk") -> QuerySet[Any]:
    """``rows`` reduced to one value by an SQL aggregate (``COUNT``, ``MAX``, ``SUM``): a part of ``scalars``."""
    return rows.order_by().values(value=Func(F(field), function=function))


def fingerprint(rows: QuerySet[Any], *aggregates: tuple[str, str]) -> QuerySet[Any]:
    """How many ``rows`` there are and each of ``aggregates`` over them (``("MAX", "updated_at")``), read in one
    pass over the rows: a part of ``scalars``.

    The rows are counted as ``COUNT(*)``, not by their ids: an index holding the filtered and aggregated columns
    (a task's plan, withdrawn and updated_at; a status's period and updated_at) then answers alone, without
    reading the rows (PostgreSQL's index-only scan, docs/cockpit.md lever 8)."""
    found = {"n": Func(template="COUNT(*)", output_field=IntegerField())}
    for i, (function, field) in enumerate(aggregates):
        found[f"a{i}"] = Func(F(field), function=function)
    return rows.order_by().values(**found)


class AnyOf(Lookup):
    """``AnyOf(F("plan_id"), ids)``: the rows whose column is one of ``ids``, the list sent as one parameter
    (PostgreSQL: an array, ``= ANY``; SQLite: a JSON array, ``json_each``).

    ``plan_id__in=ids`` writes, prepares and sends one parameter per id — for a hundred ids a fifth of a page's
    time — and its SQL changes with their number; this filter's SQL is the same for any list.
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", (*params, json.dumps([int(i) for i in self.rhs]))

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*params, [int(i) for i in self.rhs])


def ids_in(field: str, ids: Collection[int]) -> Any:
    """``field`` is one of ``ids``: ``AnyOf`` (the list as one parameter), or for no ids ``field__in=[]`` — which
    Django answers without a query, as the lists of a page's ids did."""
    return AnyOf(F(field), ids) if ids else Q(**{f"{field}__in": []})
