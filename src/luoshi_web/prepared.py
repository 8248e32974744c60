"""Queries a page runs on every request, built and compiled by Django once per process and then run with the
request's values.

Django builds a query (``filter``, joins, lookups) and compiles it to SQL on every call: for the small queries of
a page (a user by id, a count of unread reminders, the rows of a task) that is most of their time — 0.3 ms of
Python each against a database round trip of 0.15 ms. The SQL of such a query is the same on every request but
for its parameters. ``Prepared(build)`` calls ``build`` once with markers in place of its arguments, compiles
the query, and notes which parameter each marker became; later calls send that SQL with the arguments put in
the markers' places, and read the rows as Django reads them (its converters, ``values()`` dicts,
``values_list()`` tuples, model instances with their ``select_related`` objects).

What decides the SQL's shape must be in the shape's key: ``None`` and booleans are (their SQL differs: ``IS NULL``,
a filter left out), and so is an argument a caller wraps in ``Fixed`` (a role, a page's limit) or passes as
``shape=``. A query whose markers do not come out as its parameters — a value Django rewrites (``%x%`` for
``contains``), writes into the SQL (a slice's ``LIMIT``) or finds out of a column's range — is not prepared: it is
built by Django on every call, as before. (An integer argument the query does not read at all, found in no form
anywhere, is allowed: a stand-in's field that the access rules only test, ``plans.access.ForReader``.)
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any, NamedTuple

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

# Markers: values no argument of a real request takes, each found again among the compiled parameters.
_INT_MARK = 2_000_000_000
_DATE_MARK = dt.date(1001, 1, 1)
_STR_MARK = "\x00prepared-marker-{}\x00"
_UNPREPARED = object()
_MARKED = (int, str, dt.date, list)  # the kinds of arguments a marker stands for
SHAPES = 32  # the forms of one query kept compiled at most


class Fixed(NamedTuple):
    """An argument that decides the query's form (a role, a flag): part of the shape's key, handed to ``build``
    as it is."""

    value: Hashable


def _markers(args: Sequence[Any]) -> tuple[list[Any], tuple[Any, ...]] | None:
    """A marker for each argument, and the key of the arguments' shape (None: an argument no marker stands for)."""
    marks: list[Any] = []
    kinds: list[Any] = []
    for i, arg in enumerate(args):
        if isinstance(arg, Fixed):
            marks.append(arg.value)
            kinds.append((Fixed, arg.value))
        elif arg is None or isinstance(arg, bool):
            marks.append(arg)
            kinds.append(arg)
        elif isinstance(arg, int):
            marks.append(_INT_MARK + i)
            kinds.append(int)
        elif isinstance(arg, str):
            marks.append(_STR_MARK.format(i))
            kinds.append(str)
        elif type(arg) is dt.date:
            marks.append(_DATE_MARK + dt.timedelta(days=i))
            kinds.append(dt.date)
        elif isinstance(arg, list | tuple) and arg and all(type(x) is int for x in arg):
            marks.append([_INT_MARK + i])  # a list of ids sent as one parameter (memo.AnyOf)
            kinds.append(list)
        else:
            return None
    return marks, tuple(kinds)


class _Shape:
    """One compiled query: its SQL, where each argument goes among its parameters, and how its rows are read."""

    def __init__(
        self, query: QuerySet[Any] | tuple[QuerySet[Any], ...], marks: list[Any], kinds: tuple[Any, ...]
    ) -> None:
        if isinstance(query, tuple):  # aggregates read in one row (``memo.scalars``)
            sql, params = scalars_sql(query)
            self.iterable: Any = tuple
        else:
            plain = not (
                getattr(query, "_prefetch_related_lookups", ()) or getattr(query, "_known_related_objects", {})
            )
            if not plain or query._result_cache is not None:
                raise ValueError("not a plain query")
            self.iterable = query._iterable_class
            if self.iterable not in (ModelIterable, ValuesIterable, ValuesListIterable, FlatValuesListIterable):
                raise ValueError("rows of another kind")
            self.compiler = query.query.get_compiler(using=query.db)
            sql, params = self.compiler.as_sql()  # EmptyResultSet / FullResultSet: not prepared
            self.db = query.db
            if self.iterable is ValuesIterable:
                q = query.query
                self.names = (
                    list(q.selected) if q.selected else [*q.extra_select, *q.values_select, *q.annotation_select]
                )
        # Each parameter: an argument's index and how it is sent (psycopg's Int4 where Django wraps an integer, a
        # list of ids as SQLite's JSON text), or a constant.
        slots: list[tuple[bool, Any, Any]] = []
        found: set[int] = set()
        for param in params:
            at, sent = next(
                ((i, how) for i, m in enumerate(marks) if kinds[i] in _MARKED and (how := _sent_as(param, m))),
                (None, None),
            )
            if at is None:
                if _marked(param, [m for m, kind in zip(marks, kinds, strict=True) if kind in _MARKED]):
                    raise ValueError("a marker rewritten")
                slots.append((False, param, None))
            else:  # an argument may be sent several times (a government and those below it)
                found.add(at)
                slots.append((True, at, sent))
        # Every marker found as a parameter — but an integer the query does not read (a stand-in's field that its
        # rules only test), found in no other form either (``_marked`` above, a text parameter, the SQL).
        unread = [i for i, kind in enumerate(kinds) if kind in _MARKED and i not in found]
        texts = [sql, *(p for p in params if isinstance(p, str))]
        if any(kinds[i] is not int or any(str(marks[i]) in t for t in texts) for i in unread):
            raise ValueError("a marker not a parameter")
        if any(_STR_MARK.format(i) in sql or str(_INT_MARK + i) in sql for i in found):
            raise ValueError("a marker written into the SQL")
        self.sql = sql
        self.slots = slots

    def run(self, args: Sequence[Any]) -> list[Any]:
        params = [sent(args[v]) if is_arg else v for is_arg, v, sent in self.slots]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.iterable is tuple:
            return list(rows[0])
        compiler = self.compiler
        if self.iterable is ValuesListIterable:
            return list(compiler.results_iter([rows], tuple_expected=True))
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in compiler.results_iter([rows])]
        if self.iterable is ValuesIterable:
            names = self.names
            indexes = range(len(names))
            return [{names[i]: row[i] for i in indexes} for row in compiler.results_iter([rows])]
        return self._instances(rows)

    def _instances(self, rows: list[Any]) -> list[Any]:
        """The rows as model instances, as Django's ``ModelIterable`` makes them."""
        compiler = self.compiler
        select, klass_info, annotations = compiler.select, compiler.klass_info, compiler.annotation_col_map
        model = klass_info["model"]
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        populators = get_related_populators(klass_info, select, self.db)  # type: ignore[call-arg]  # Django 5.2's
        out = []
        for row in compiler.results_iter([rows]):
            obj = model.from_db(self.db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            if annotations:
                for name, at in annotations.items():
                    setattr(obj, name, row[at])
            out.append(obj)
        return out


def scalars_sql(values: Sequence[QuerySet[Any]]) -> tuple[str, list[Any]]:
    """The SQL of several aggregate queries (one row each) read as one row, and its parameters."""
    parts: list[str] = []
    params: list[Any] = []
    for query in values:
        try:
            sql, found = query.query.sql_with_params()
        except EmptyResultSet:  # a filter no row can match (``pk__in=[]``): no values
            sql, found = "SELECT " + ", ".join("NULL" for _ in query.query.annotation_select), ()
        parts.append(f"({sql}) AS part{len(parts)}")
        params.extend(found)
    return "SELECT * FROM " + ", ".join(parts), params


def scalars_row(values: Sequence[QuerySet[Any]]) -> list[Any]:
    """The values of several aggregate queries, asked in one round trip (``scalars_sql``), in order."""
    sql, params = scalars_sql(values)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchone())


def _sent_as(param: Any, mark: Any) -> Callable[[Any], Any] | None:
    """How an argument is sent where its marker became ``param`` (None: ``param`` is not the marker)."""
    if type(mark) is int:  # an integer Django sent as it is, or wrapped in psycopg's type for its column
        if isinstance(param, int) and not isinstance(param, bool) and int(param) == mark:
            return _as_is if type(param) is int else type(param)
        return None
    if type(mark) is list:  # a list of ids (memo.AnyOf): PostgreSQL's array, SQLite's JSON text
        if type(param) is list and param == mark:
            return _as_list
        return _as_json if type(param) is str and param == json.dumps(mark) else None
    if type(mark) is dt.date and type(param) is str and param == mark.isoformat():  # SQLite's text
        return dt.date.isoformat
    return _as_is if type(param) is type(mark) and param == mark else None


def _as_is(arg: Any) -> Any:
    return arg


def _as_list(arg: Any) -> list[int]:
    return [int(i) for i in arg]


def _as_json(arg: Any) -> str:
    return json.dumps([int(i) for i in arg])


def _marked(param: Any, marks: list[Any]) -> bool:
    """Whether a parameter holds a marker in another form (``%marker%``, a list holding one among others)."""
    for m in marks:
        if isinstance(m, str) and isinstance(param, str) and m in param:
            return True
        if isinstance(m, int) and not isinstance(m, bool) and param == m:
            return True
        if isinstance(m, list) and isinstance(param, list | tuple) and m[0] in param:
            return True
    return False


class Prepared:
    """``Prepared(build)(*args, shape=key)``: the rows of ``build(*args)`` (a ``QuerySet``), its SQL compiled once
    per process for each ``shape`` (whatever besides ``None`` and booleans among the arguments changes the
    query's form: a branch on the user's role). A ``build`` giving a tuple of aggregate queries (``memo.aggregate``,
    ``memo.fingerprint``) gives their values in one row, as ``memo.scalars`` reads them."""

    def __init__(self, build: Callable[..., QuerySet[Any] | tuple[QuerySet[Any], ...]]) -> None:
        self.build: Callable[..., Any] = build
        self._shapes: dict[Hashable, Any] = {}
        self._lock = threading.Lock()

    def __call__(self, *args: Any, shape: Hashable = ()) -> list[Any]:
        found = _markers(args)
        if found is None:
            return self._unprepared(args)
        marks, kinds = found
        key = (connection.vendor, shape, kinds)
        compiled: _Shape | object | None = self._shapes.get(key)
        if compiled is None:
            try:
                compiled = _Shape(self.build(*marks), marks, kinds)
            except (ValueError, EmptyResultSet, FullResultSet):
                compiled = _UNPREPARED
            if len(self._shapes) < SHAPES:  # past that, a rare form (a page far down a list) is built each time
                with self._lock:
                    self._shapes[key] = compiled
        if not isinstance(compiled, _Shape):  # _UNPREPARED
            return self._unprepared(args)
        return compiled.run(args)

    def _unprepared(self, args: Sequence[Any]) -> list[Any]:
        built = self.build(*(a.value if isinstance(a, Fixed) else a for a in args))
        if isinstance(built, tuple):
            return scalars_row(built)
        return list(built)
