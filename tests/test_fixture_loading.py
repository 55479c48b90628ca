"""tests/fixture_loading.py leaves the rows `manage.py loaddata` leaves, keys and links
included, new rows after it take keys past the loaded ones, and a row pointing at nothing is
refused when it is loaded."""

import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from demo.fixtures import fixture_path
from demo.management.commands.build_demo_fixtures import PARTS
from emulation.models import Person
from tests.factories import PersonFactory
from tests.fixture_loading import _objects, load_fixture_files

# Every committed demo fixture, in the order `make demo` loads them.
DEMO = [str(fixture_path(name)) for name, _command, _option in PARTS]


def rows(paths) -> dict:
    """Every row of the fixtures' tables and of their many-to-many tables, as values."""
    models = {type(instance) for path in paths for instance, _links in _objects(path)}
    seen = {
        model._meta.label: sorted(model._base_manager.values_list(), key=repr) for model in models
    }
    # A link's own key is the sequence's next value, which a rolled-back load does not give back.
    for model in models:
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            pair = (field.m2m_field_name(), field.m2m_reverse_field_name())
            seen[through._meta.label] = sorted(through._base_manager.values_list(*pair))
    return seen


def loaded_with(load, paths) -> dict:
    with transaction.atomic():
        load(*paths)
        seen = rows(paths)
        transaction.set_rollback(True)
    return seen


@pytest.mark.django_db
def test_the_demo_loads_to_the_same_rows_as_with_loaddata():
    expected = loaded_with(lambda *paths: call_command("loaddata", *paths, verbosity=0), DEMO)
    assert sum(len(table) for table in expected.values()) > 2_000
    assert expected["emulation.Movement_units"], "the demo links movements to units"
    assert loaded_with(load_fixture_files, DEMO) == expected


@pytest.mark.django_db
def test_loading_twice_replaces_rows_and_links_and_new_rows_follow_the_keys():
    # Not the pledges: their history is append-only on PostgreSQL, for loaddata too.
    paths = [str(fixture_path("demo")), str(fixture_path("demo_movements"))]
    load_fixture_files(*paths)
    person = Person.objects.order_by("pk").last()
    person.full_name = "Changed"
    person.save(update_fields=["full_name"])
    movement_units = rows(paths)["emulation.Movement_units"]
    load_fixture_files(*paths)
    person.refresh_from_db()
    assert person.full_name != "Changed"
    assert rows(paths)["emulation.Movement_units"] == movement_units
    assert PersonFactory().pk > person.pk


@pytest.mark.django_db
def test_a_row_pointing_at_a_missing_row_is_refused_at_load_as_with_loaddata(tmp_path):
    dangling = tmp_path / "dangling.json"
    dangling.write_text(
        json.dumps(
            [
                {
                    "model": "emulation.employment",
                    "pk": 990_001,
                    "fields": {
                        "person": 990_001,
                        "unit": 990_001,
                        "position": "Công chức",
                        "category": "official",
                        "start_date": "2020-01-01",
                        "end_date": None,
                    },
                }
            ]
        ),
        encoding="utf-8",
    )
    for load in (load_fixture_files, lambda path: call_command("loaddata", path, verbosity=0)):
        with pytest.raises(IntegrityError), transaction.atomic():
            load(str(dangling))
