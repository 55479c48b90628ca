"""Fixture files written in a few statements, for the tests that read the demo.

Django's `loaddata` saves each object on its own: an UPDATE, then an INSERT when no row has
that key, so the demo's 2,200 objects cost about 4,400 round trips, over two seconds a module
on PostgreSQL, and the suite loads them in about twenty modules. `load_fixture_files` writes the
same rows with the same keys: the objects of each model, in the order of the files, with one
`INSERT … ON CONFLICT (pk) DO UPDATE` a batch (an object whose key is already there replaces
its row, as with loaddata), the many-to-many links replaced the same way, then the foreign
keys checked and the sequences reset, as loaddata does. Values are written as the files give
them (`raw`, as loaddata saves: no `auto_now` or upload handling). No model signal is sent;
loaddata sends them with raw=True and the project connects none.

tests/test_fixture_loading.py checks that both leave the same rows and refuse the same
dangling ones. The tests of the demo fixtures themselves (tests/demo/conftest.py `load_demo`,
tests/demo/test_district.py) keep `manage.py loaddata`, as `make demo` runs it.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models.constants import OnConflict


@functools.cache
def _objects(path: str) -> tuple:
    """The deserialized objects of the file at `path`, read once per process: (model
    instance, {many-to-many field name: [keys]}) in the file's order. Writing them below leaves
    the instances as they are, so each load reuses them."""
    full = Path(path) if Path(path).is_absolute() else Path(settings.BASE_DIR, path)
    with full.open(encoding="utf-8") as stream:
        return tuple(
            (item.object, dict(item.m2m_data or {}))
            for item in serializers.deserialize("json", stream, handle_forward_references=False)
        )


def write_as_given(model, instances: list, using: str = DEFAULT_DB_ALIAS) -> None:
    """The rows of `instances`, keys and values as they are (`raw`), a batch a statement; a
    row whose key is already there is replaced."""
    meta = model._meta
    fields = [field for field in meta.local_concrete_fields if not field.generated]
    updated = [field for field in fields if not field.primary_key]
    batch = connections[using].ops.bulk_batch_size(fields, instances) or len(instances)
    for start in range(0, len(instances), batch):
        model._base_manager.using(using)._insert(
            instances[start : start + batch],
            fields=fields,
            raw=True,
            on_conflict=OnConflict.UPDATE if updated else OnConflict.IGNORE,
            update_fields=updated or None,
            unique_fields=[meta.pk] if updated else None,
        )


def reset_sequences(models: list, using: str = DEFAULT_DB_ALIAS) -> None:
    """The key sequences of `models` past their highest key, as loaddata leaves them."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _link(model, links: dict[str, dict[object, list]]) -> None:
    """Each object's many-to-many links become those of the file (what `.set()` does)."""
    for name, by_key in links.items():
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        through._base_manager.filter(**{f"{source}__in": list(by_key)}).delete()
        through._base_manager.bulk_create(
            [
                through(**{f"{source}_id": key, f"{target}_id": other})
                for key, others in by_key.items()
                for other in others
            ]
        )


def load_fixture_files(*paths: str) -> None:
    """What `call_command("loaddata", *paths)` writes, in a few statements (module docstring)."""
    written = []
    with transaction.atomic():
        for path in paths:
            by_model: dict = defaultdict(list)
            links: dict = defaultdict(lambda: defaultdict(dict))
            for instance, m2m in _objects(str(path)):
                by_model[type(instance)].append(instance)
                for name, keys in m2m.items():
                    links[type(instance)][name][instance.pk] = keys
            for model, instances in by_model.items():
                write_as_given(model, instances)
            for model, model_links in links.items():
                _link(model, model_links)
            written.extend(model for model in by_model if model not in written)
        # The foreign keys are checked now, as loaddata checks them. On PostgreSQL they are
        # deferred: left pending, they would be checked again at the end of every test that
        # runs in a savepoint above these rows (its rollback puts the pending checks back).
        connection.check_constraints(table_names=[model._meta.db_table for model in written])
        reset_sequences(written)
