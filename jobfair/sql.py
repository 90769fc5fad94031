"""SQL the two databases write differently: a JSON list holding a value, and the quarter hour
of a time.

Profiles keep lists as JSON (programmes, wanted locations); SQLite reads them with
`json_each`, PostgreSQL with `json_array_elements_text`. A value that is not a list (SQL
NULL, JSON null) holds nothing, as `value in (stored or [])` would say in Python. Each
construct compiles for the database the statement runs on, so a query is written once.
"""

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement


class ListHolds(ColumnElement):
    """True when the JSON list in `column` holds one of `values` (`lower`: compared in
    lower case, the values given already lowered)."""

    type = sa.Boolean()
    inherit_cache = False  # the values are part of the SQL text's shape

    def __init__(self, column, values, *, lower: bool = False):
        self.column = column
        self.values = list(values)
        self.lower = lower


def list_holds(column, *values: str, lower: bool = False) -> ColumnElement:
    """The SQL condition "the JSON list `column` holds one of `values`"."""
    if not values:
        return sa.false()
    return ListHolds(column, values, lower=lower)


def _list_holds(element, compiler, *, items: str, is_list: str, empty: str, **kw) -> str:
    column = compiler.process(element.column, **kw)
    values = ", ".join(compiler.process(sa.literal(v, sa.String), **kw) for v in element.values)
    item = "lower(item.value)" if element.lower else "item.value"
    source = f"CASE WHEN {is_list.format(column)} THEN {column} ELSE {empty} END"
    # Only the compiled column and bound parameters go in: no value is written into the SQL.
    return f"EXISTS (SELECT 1 FROM {items}({source}) AS item WHERE {item} IN ({values}))"  # noqa: S608


@compiles(ListHolds, "sqlite")
def _list_holds_sqlite(element, compiler, **kw):
    return _list_holds(
        element, compiler, items="json_each", is_list="json_type({}) = 'array'", empty="'[]'", **kw
    )


@compiles(ListHolds, "postgresql")
def _list_holds_postgresql(element, compiler, **kw):
    return _list_holds(
        element,
        compiler,
        items="json_array_elements_text",
        is_list="json_typeof({}) = 'array'",
        empty="'[]'::json",
        **kw,
    ).replace("AS item WHERE", "AS item(value) WHERE")


class QuarterHour(ColumnElement):
    """Which quarter hour since 1970 (UTC) a time falls in, as an integer.

    Every time zone's offset is a whole number of quarter hours, so counts grouped by
    quarter hour in SQL regroup exactly into local days and hours in Python.
    """

    type = sa.Integer()
    inherit_cache = False

    def __init__(self, column):
        self.column = column


QUARTER = 900  # seconds


@compiles(QuarterHour, "sqlite")
def _quarter_sqlite(element, compiler, **kw):
    return f"(CAST(strftime('%s', {compiler.process(element.column, **kw)}) AS INTEGER) / 900)"


@compiles(QuarterHour, "postgresql")
def _quarter_postgresql(element, compiler, **kw):
    column = compiler.process(element.column, **kw)
    return f"CAST(floor(extract(epoch FROM {column}) / 900) AS INTEGER)"


def quarter_hour(column) -> ColumnElement:
    return QuarterHour(column)
