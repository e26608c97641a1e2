"""A stamp that changes whenever any recorded data changes, for caching whole pages of figures.

Every change people make writes a history row (django-simple-history), so the
newest history id of each historical table says whether anything changed since
a page was drawn. Keyed by the stamp, a cached dashboard is never stale: a new
change makes a new key. One query, answered from the primary-key indexes.
"""

from functools import lru_cache

from django.apps import apps
from django.db import connection


@lru_cache(maxsize=1)
def _historical_tables() -> tuple[str, ...]:
    tables = []
    for model in apps.get_models():
        if any(field.name == "history_id" for field in model._meta.local_fields):
            tables.append(connection.ops.quote_name(model._meta.db_table))
    return tuple(sorted(tables))


def data_stamp() -> str:
    """The newest history id in every historical table, joined. Changes with any recorded change."""
    columns = ", ".join(f"(SELECT MAX(history_id) FROM {table})" for table in _historical_tables())  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")  # noqa: S608 - table names come from the models, not from input
        return "-".join(str(value or 0) for value in cursor.fetchone())


class LazyFigures:
    """A dashboard's figures, computed on first use: a page served from the cache never asks."""

    def __init__(self, compute):
        self._compute = compute
        self._values = None

    def values(self) -> dict:
        if self._values is None:
            self._values = self._compute()
        return self._values

    def context(self, names) -> dict:
        from django.utils.functional import SimpleLazyObject

        return {name: SimpleLazyObject(lambda name=name: self.values()[name]) for name in names}
