"""Row counts and a hash of the rows of every table: the before/after evidence of the
authorization matrix's POST cells and of the backup/restore drill."""

import hashlib

from django.apps import apps
from django.db import connection

SKIPPED = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


def _tables(skip) -> dict[str, list[str] | None]:
    """Table → the columns to compare (None: every column). A many-to-many link table is
    compared by its pairs: its own id is a surrogate that a restore renumbers."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.db_table in skip:
            continue
        tables[meta.db_table] = (
            [field.column for field in meta.local_fields if not field.primary_key]
            if meta.auto_created
            else None
        )
    return dict(sorted(tables.items()))


def snapshot(skip=frozenset()) -> dict[str, tuple[int, str]]:
    """Row count and SHA-256 of every row of every table, in a stable order."""
    result = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, columns in _tables(SKIPPED | set(skip)).items():
            if columns:
                listed = ", ".join(quote(column) for column in columns)
                sql = f"SELECT {listed} FROM {quote(table)} ORDER BY {listed}"  # noqa: S608
            else:
                sql = f"SELECT * FROM {quote(table)} ORDER BY 1"  # noqa: S608 (names from models)
            cursor.execute(sql)
            rows = cursor.fetchall()
            result[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return result
