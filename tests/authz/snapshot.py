"""Row counts and a hash of the rows of every table: the before/after evidence of the
authorization matrix's POST cells and of the backup/restore drill."""

import hashlib

from django.apps import apps
from django.db import connection

SKIPPED = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


def _tables(skip):
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and model._meta.db_table not in skip
        }
    )


def snapshot(skip=frozenset()) -> dict[str, tuple[int, str]]:
    """Row count and SHA-256 of every row of every table, ordered by the first column."""
    result = {}
    with connection.cursor() as cursor:
        for table in _tables(SKIPPED | set(skip)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")  # noqa: S608 (names from models)
            rows = cursor.fetchall()
            result[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return result
