"""PostgreSQL for the test suite (config/test_settings.py): Django's backend, except how the
database is emptied after a transactional test.

Django empties every table after each test that commits (`django_db(transaction=True)`: the
browser journeys, the worker and concurrency tests) with one TRUNCATE of all of them.
PostgreSQL gives every truncated table and index a new file, so emptying ~100 tables costs
about a second on an idle machine and several on a busy one, whatever the test wrote; DELETE
of the same tables costs a few milliseconds when they hold a test's rows. Here the tables are
emptied with DELETE in a transaction of the flush's own: the foreign keys Django creates are
checked at commit (INITIALLY DEFERRED), when every table is empty, so the order does not
matter. A table with a trigger of its own (the append-only pledge history refuses DELETE) is
still truncated, as is every table when Django asks for more than a plain flush (sequences
reset, or CASCADE to tables left out) or when the flush runs inside a transaction of the
caller's, which may have made the constraints immediate (emulation/management/backup.py).
"""

from django.db.backends.postgresql import base, operations

USER_TRIGGERS = """
SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE NOT t.tgisinternal AND pg_table_is_visible(c.oid) AND c.relname = ANY(%s)
"""
# Tables that hold a foreign key to one of the tables to truncate, themselves not truncated:
# TRUNCATE refuses those without CASCADE.
REFERENCING = """
SELECT DISTINCT r.relname FROM pg_constraint k
JOIN pg_class c ON c.oid = k.confrelid JOIN pg_class r ON r.oid = k.conrelid
WHERE k.contype = 'f' AND pg_table_is_visible(c.oid) AND c.relname = ANY(%s)
AND NOT r.relname = ANY(%s)
"""


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        """DELETE FROM each of `tables`, TRUNCATE for those with a trigger of their own; Django's
        single TRUNCATE when sequences are to be reset or CASCADE is allowed, inside the
        caller's transaction, or when a table to truncate is referenced from one that is not."""
        if not tables or reset_sequences or allow_cascade or self.connection.in_atomic_block:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        with self.connection.cursor() as cursor:
            cursor.execute(USER_TRIGGERS, [list(tables)])
            truncated = sorted(name for (name,) in cursor.fetchall())
            if truncated:
                cursor.execute(REFERENCING, [truncated, truncated])
                if cursor.fetchone():
                    return super().sql_flush(style, tables)
        deleted = [
            "{} {} {};".format(
                style.SQL_KEYWORD("DELETE"),
                style.SQL_KEYWORD("FROM"),
                style.SQL_FIELD(self.quote_name(table)),
            )
            for table in tables
            if table not in truncated
        ]
        return deleted + (super().sql_flush(style, truncated) if truncated else [])


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
