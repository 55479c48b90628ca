"""The rows the migrations seed (the award catalogue, the solar holidays), put back with their
own ids each time a transactional test has emptied the tables.

Django empties every table after a test that commits (`django_db(transaction=True)`) and counts
on those tests running last, after every test that reads what the migrations wrote. Under
`--dist loadgroup` a group is handed to a worker as one unit, the largest first: the browser
journeys commit, and the tests a worker runs after them found no catalogue (the demo fixtures
name award 2). `remember` keeps the seeded rows of the freshly migrated test database;
`put_back`, on the post_migrate signal that Django's flush sends, writes them again, ids
included. Content types and permissions are left to Django, which makes them again on the same
signal.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_migrate

from tests.fixture_loading import reset_sequences, write_as_given

MADE_BY_DJANGO = ("contenttypes.contenttype", "auth.permission")

_seeded: dict[str, dict[type, list[dict]]] = {}  # database alias -> model -> its rows


def _models():
    for model in apps.get_models():
        meta = model._meta
        if meta.managed and not meta.proxy and meta.label_lower not in MADE_BY_DJANGO:
            yield model


def remember(using: str) -> None:
    """The rows of every table that holds any, read once from the migrated database."""
    seeded = {}
    for model in _models():
        rows = list(
            model._base_manager.using(using).values(
                *(field.attname for field in model._meta.concrete_fields)
            )
        )
        if rows:
            seeded[model] = rows
    _seeded[using] = seeded


def put_back(using: str) -> None:
    """The remembered rows written again, with their ids, into tables a flush emptied."""
    seeded = _seeded.get(using, {})
    missing = {
        model: rows
        for model, rows in seeded.items()
        if not model._base_manager.using(using).exists()
    }
    if not missing:
        return
    with transaction.atomic(using=using):  # foreign keys checked at the end, in any order
        for model, rows in missing.items():
            write_as_given(model, [model(**row) for row in rows], using)
        reset_sequences(list(missing), using)


def _after_migrate_or_flush(sender, using, **kwargs) -> None:
    # Sent once per app with models; the last one's comes when every table is as it will stay.
    if sender is not [config for config in apps.get_app_configs() if config.models_module][-1]:
        return
    if using in _seeded:
        put_back(using)
    else:
        remember(using)


def connect() -> None:
    post_migrate.connect(_after_migrate_or_flush, dispatch_uid="tests.seeded_rows")
