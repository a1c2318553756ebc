"""Queries built and compiled by the ORM once, then run again with each request's values.

Django builds a query and compiles its SQL afresh every time it runs. For the fixed queries of a busy
page that is most of their cost: the item page's own query (the item, its plan, status and parents,
and whether it has findings, fields, risks and entries) takes about 6 ms to build and compile and
0.5 ms to run. A `PreparedQuery` builds its query once per database connection, with a marker where
each of the request's values goes, keeps the SQL, and runs it with the values put in the markers'
places, through the queryset's own iterable: the rows come back exactly as the queryset would give
them (model instances with their select_related objects and annotations, or tuples of values), and
any prefetch_related lookups run as usual.

The rules for a query built this way (checked where they can be, when it is first built):
- `build` is a pure function of its named values: everything else in the query is fixed (a status,
  an ordering, a slice). A value the query takes from anywhere else would be frozen at its first run.
- Each value is a single int or str used as a parameter (`filter(pk=pk)`, `filter(area__slug=slug)`),
  not a list (`pk__in=...`: its length would be frozen too) and not an argument to Python code.
- The queryset is finished when `build` returns it: `.all(...)` lists it, `.first(...)` its first row
  (slice it with `[:1]` in `build` to read only one).
"""

import copy
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

Row = TypeVar("Row")

_INT_MARKER = 7_301_946_000_000_000  # far above any id, count or year a query compares with
_STR_MARKER = "\x1fprepared-value-{}\x1f"


@dataclass(frozen=True)
class _Compiled:
    connection: Any  # the connection it was compiled for (one per thread)
    queryset: QuerySet[Any, Any]
    compiler: SQLCompiler
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, str], ...]  # (position in params, name of the value that goes there)


def _marker(kind: type, index: int) -> int | str:
    if kind is int:
        return _INT_MARKER + index
    if kind is str:
        return _STR_MARKER.format(index)
    raise ImproperlyConfigured(f"A prepared query's values are ints or strs, not {kind.__name__}.")


class PreparedQuery(Generic[Row]):
    """A query whose shape never changes, built by `build(**values)` and compiled once per database
    connection; `kinds` names each value and its type (int or str)."""

    def __init__(self, build: Callable[..., "QuerySet[Any, Row]"], **kinds: type) -> None:
        self.build = build
        self.kinds = kinds
        self._local = threading.local()  # each thread has its own connection, so its own compiled copy

    def _compiled(self, using: str) -> _Compiled:
        connection = connections[using]
        compiled: _Compiled | None = getattr(self._local, using, None)
        if compiled is not None and compiled.connection is connection:
            return compiled
        markers = {name: _marker(kind, i) for i, (name, kind) in enumerate(self.kinds.items())}
        queryset = self.build(**markers)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        by_marker = {marker: name for name, marker in markers.items()}
        slots = tuple((i, by_marker[p]) for i, p in enumerate(params) if _is_marker(p, by_marker))
        missing = set(self.kinds) - {name for _, name in slots}
        if missing:
            raise ImproperlyConfigured(
                f"The prepared query's value {sorted(missing)[0]!r} is not one of its parameters: "
                "pass it as a single int or str the query filters by."
            )
        compiled = _Compiled(connection, queryset, compiler, sql, tuple(params), slots)
        setattr(self._local, using, compiled)
        return compiled

    def queryset(self, **values: int | str) -> "QuerySet[Any, Row]":
        """The query with these values, not yet run: iterating it runs the SQL compiled before (on the
        default database)."""
        if set(values) != set(self.kinds):
            raise TypeError(f"A prepared query takes the values {sorted(self.kinds)}, not {sorted(values)}.")
        compiled = self._compiled(DEFAULT_DB_ALIAS)
        params = list(compiled.params)
        for position, name in compiled.slots:
            params[position] = values[name]
        compiler = copy.copy(compiled.compiler)
        compiler.as_sql = lambda *args, **kwargs: (compiled.sql, tuple(params))  # type: ignore[method-assign]
        queryset = compiled.queryset._chain()  # type: ignore[attr-defined]
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return queryset

    def all(self, **values: int | str) -> list[Row]:
        return list(self.queryset(**values))

    def first(self, **values: int | str) -> Row | None:
        return next(iter(self.queryset(**values)), None)


def _is_marker(param: object, by_marker: dict[int | str, str]) -> bool:
    return isinstance(param, int | str) and not isinstance(param, bool) and param in by_marker


_BY_KEY: dict[Hashable, PreparedQuery[Any]] = {}


def prepared_for(key: Hashable, make: Callable[[], PreparedQuery[Row]]) -> PreparedQuery[Row]:
    """The PreparedQuery kept under `key`, made by `make()` the first time it is asked for: for a query
    whose fixed parts (a page size, a set of annotations) differ between callers but never between two
    requests of one caller. Name the key after its query, e.g. ("history.newest_of_item", 51)."""
    query = _BY_KEY.get(key)
    if query is None:
        query = _BY_KEY[key] = make()
    return query
