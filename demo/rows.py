"""Writing generated rows fast: `COPY … FROM STDIN` on PostgreSQL, `bulk_create` elsewhere.

The province of `seed_demo --province` holds about a million rows; Django's `bulk_create` spends
most of its time building model instances and SQL text, where PostgreSQL's COPY takes the rows
as they are. No model's `save()` or signal runs: the rows are generated data, written whole.
"""

from collections.abc import Iterable, Sequence

from django.db import connection, models

BULK_BATCH = 2000


def reserve_ids(model: type[models.Model], count: int, *, after: int = 0) -> list[int]:
    """`count` primary keys for rows of `model` written later with `RowWriter`, so that other
    rows can point to them before they are written. On PostgreSQL they come from the table's
    sequence (unique whoever else inserts); elsewhere they follow `after` or the largest key in
    the table (one writer at a time, as in a test)."""
    if count <= 0:
        return []
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
    start = max(after, model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1
    return list(range(start, start + count))


class RowWriter:
    """Collects rows of one table (tuples in the order of `columns`, attribute names such as
    `person_id`) and writes them in batches on `flush()`."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model = model
        self.columns = tuple(columns)
        self.rows: list[tuple] = []
        self.written = 0

    def add(self, row: tuple) -> None:
        self.rows.append(row)

    def extend(self, rows: Iterable[tuple]) -> None:
        self.rows.extend(rows)

    def flush(self) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            self._copy()
        else:
            self.model.objects.bulk_create(
                (self.model(**dict(zip(self.columns, row, strict=True))) for row in self.rows),
                batch_size=BULK_BATCH,
            )
        self.written += len(self.rows)
        self.rows = []

    def _copy(self) -> None:
        meta = self.model._meta
        names = ", ".join(
            connection.ops.quote_name(meta.get_field(_field_name(meta, column)).column)
            for column in self.columns
        )
        table = connection.ops.quote_name(meta.db_table)
        statement = f"COPY {table} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in self.rows:
                copy.write_row(row)


def _field_name(meta, column: str) -> str:
    """`person_id` names the field `person`; `id` and plain fields name themselves."""
    if column == "id":
        return meta.pk.name
    for field in meta.concrete_fields:
        if field.attname == column:
            return field.name
    raise LookupError(f"{meta.label} has no column {column}")


def flush_all(writers: Iterable[RowWriter]) -> None:
    """Writes every writer's rows, in the order given: rows that other rows point to first."""
    for writer in writers:
        writer.flush()


def analyze(models_written: Iterable[type[models.Model]]) -> None:
    """Refreshes PostgreSQL's statistics of the tables just filled: until autovacuum comes by,
    the planner believes them nearly empty and picks plans that read whole tables. Outside a
    transaction, VACUUM also marks their pages visible, so that an index holding every column
    a query reads answers it alone."""
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in models_written:
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")
