"""The admin changelists make a constant number of queries, pinned at two sizes.

Moved out of tests/emulation/test_admin.py unchanged: that module loads the demo authority once
for all its tests, and these counts are taken on an authority of their own with no demo rows.
"""

import datetime

import factory
import pytest
from django.urls import reverse

from emulation.enums import Role, UnitKind
from emulation.models import Employment, Unit
from tests.factories import EmploymentFactory, PersonFactory, UnitFactory, UserFactory


def changelist(model: str) -> str:
    return reverse(f"admin:emulation_{model}_changelist")


def _make_units(authority, count: int) -> None:
    parent = UnitFactory(authority=authority, kind=UnitKind.SPECIALIST_OFFICE)
    for _ in range(count - 1):
        head = PersonFactory(authority=authority)
        unit = UnitFactory(
            authority=authority,
            parent=parent,
            head=head,
            kind=UnitKind.SCHOOL,
            valid_to=datetime.date(2025, 6, 30),
            merged_into=parent,
        )
        EmploymentFactory(person=head, unit=unit)


def _make_users(authority, count: int) -> None:
    # An unusable password: hashing a real one for each user would only slow the test down.
    units = list(Unit.objects.filter(authority=authority))
    for number in range(count):
        UserFactory(unit=units[number % len(units)], password=factory.Transformer.Force("!"))


# Queries of one changelist page, pinned: the same at 10 and at 50 units.
CHANGELIST_QUERIES = {"unit": 7, "person": 7, "employment": 5, "user": 5}


def _changelist(client, model: str, assert_queries) -> None:
    with assert_queries:
        response = client.get(changelist(model))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["unit", "person", "employment", "user"])
def test_admin_changelist_queries_do_not_grow_with_rows(
    client, authority, model, django_assert_num_queries
):
    admin = UserFactory(
        role=Role.ADMINISTRATOR,
        unit__authority=authority,
        is_staff=True,
        is_superuser=True,
    )
    client.force_login(admin)
    _make_units(authority, 10)
    _make_users(authority, 9)
    _changelist(client, model, django_assert_num_queries(CHANGELIST_QUERIES[model]))
    _make_units(authority, 40)
    _make_users(authority, 40)
    assert Unit.objects.count() >= 50
    assert Employment.objects.count() >= 48
    _changelist(client, model, django_assert_num_queries(CHANGELIST_QUERIES[model]))
