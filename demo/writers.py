"""Writing a plan: as `loaddata` records with fixed primary keys, or as rows with
`bulk_create`."""

import dataclasses
import functools
import json
from collections.abc import Sequence

from django.contrib.auth.hashers import make_password
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from demo.district import demo_plan
from demo.fixtures import fixture_path
from demo.plans import AuthorityPlan, EmploymentSpec, UserSpec, split_full_name
from emulation.models import Authority, AuthorityIdentity, Employment, Person, Unit, User

DEMO_PASSWORD = "ThiDua@2026"  # noqa: S105 - the published password of the demo accounts
DEMO_FIXTURE_PATH = fixture_path("demo")
# A fixed salt keeps the generated fixture byte-for-byte reproducible; the password itself is
# published in the README, so the salt protects nothing here.
_DEMO_PASSWORD_SALT = "thiduademo2026"  # noqa: S105
_DEMO_JOINED = "2024-01-02T08:00:00+07:00"
_DEMO_CREATED = "2023-01-03T08:00:00+07:00"


@functools.cache
def demo_password_hash() -> str:
    """The demo accounts' password, hashed once per process: the salt and the hasher are
    fixed, so every call gives the same string, and each PBKDF2 costs about 0.25 s (the
    province's seven accounts asked for it one by one)."""
    return make_password(DEMO_PASSWORD, salt=_DEMO_PASSWORD_SALT, hasher="pbkdf2_sha256")


def fixture_records(plan: AuthorityPlan, *, password_hash: str) -> list[dict]:
    """The plan as `loaddata` records with fixed primary keys from 1, so that loading the
    fixture again updates the same rows instead of adding new ones."""
    unit_pk = {unit.code: number for number, unit in enumerate(plan.units, start=1)}
    records: list[dict] = [
        {
            "model": "emulation.authority",
            "pk": 1,
            "fields": {"code": plan.code, "created_at": _DEMO_CREATED},
        }
    ]
    records += [
        {
            "model": "emulation.authorityidentity",
            "pk": number,
            "fields": {"authority": 1, **dataclasses.asdict(identity)},
        }
        for number, identity in enumerate(plan.identities, start=1)
    ]
    records += [
        {
            "model": "emulation.unit",
            "pk": unit_pk[unit.code],
            "fields": {
                "authority": 1,
                "parent": unit_pk[unit.parent] if unit.parent else None,
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind,
                "head": None if unit.head is None else unit.head + 1,
                "address": unit.address,
                "phone": "",
                "valid_from": unit.valid_from,
                "valid_to": unit.valid_to,
                "merged_into": unit_pk[unit.merged_into] if unit.merged_into else None,
                "sort_order": unit.sort_order,
            },
        }
        for unit in plan.units
    ]
    records += [
        {
            "model": "emulation.person",
            "pk": number,
            "fields": {"authority": 1, "email": "", **dataclasses.asdict(person)},
        }
        for number, person in enumerate(plan.people, start=1)
    ]
    records += [
        {
            "model": "emulation.employment",
            "pk": number,
            "fields": {
                "person": employment.person + 1,
                "unit": unit_pk[employment.unit],
                "position": employment.position,
                "category": employment.category,
                "start_date": employment.start_date,
                "end_date": employment.end_date,
            },
        }
        for number, employment in enumerate(_ordered(plan.employments), start=1)
    ]
    records += [
        {
            "model": "emulation.user",
            "pk": number,
            "fields": {
                "password": password_hash,
                "last_login": None,
                "is_superuser": user.is_superuser,
                "username": user.username,
                **_user_names(plan, user),
                "email": "",
                "is_staff": user.is_staff,
                "is_active": True,
                "date_joined": _DEMO_JOINED,
                "role": user.role,
                "unit": unit_pk[user.unit],
                "person": None if user.person is None else user.person + 1,
                "groups": [],
                "user_permissions": [],
            },
        }
        for number, user in enumerate(plan.users, start=1)
    ]
    return records


def _ordered(employments: Sequence[EmploymentSpec]) -> list[EmploymentSpec]:
    return sorted(employments, key=lambda e: (e.person, e.start_date))


def _user_names(plan: AuthorityPlan, user: UserSpec) -> dict[str, str]:
    if user.person is None:
        return {"first_name": "", "last_name": ""}
    last_name, first_name = split_full_name(plan.people[user.person].full_name)
    return {"first_name": first_name, "last_name": last_name}


def fixture_json(plan: AuthorityPlan | None = None) -> str:
    """The text of fixtures/demo.json: stable key order, readable Vietnamese."""
    records = fixture_records(plan or demo_plan(), password_hash=demo_password_hash())
    return json.dumps(records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1) + "\n"


class AuthorityExists(Exception):
    """An authority with this code is already in the database."""


@transaction.atomic
def create_authority(plan: AuthorityPlan, *, password: str = DEMO_PASSWORD) -> dict[str, int]:
    """Inserts the plan with one `bulk_create` per table and returns the row counts.

    Preconditions: no authority has `plan.code` (raises `AuthorityExists`), and no user has one
    of the plan's usernames. Every account gets `password` (hashed once for all)."""
    if Authority.objects.filter(code=plan.code).exists():
        raise AuthorityExists(plan.code)
    authority = Authority.objects.create(code=plan.code)
    AuthorityIdentity.objects.bulk_create(
        AuthorityIdentity(authority=authority, **dataclasses.asdict(identity))
        for identity in plan.identities
    )
    people = Person.objects.bulk_create(
        Person(authority=authority, **dataclasses.asdict(person)) for person in plan.people
    )
    units = Unit.objects.bulk_create(
        Unit(
            authority=authority,
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            head=None if spec.head is None else people[spec.head],
            address=spec.address,
            valid_from=spec.valid_from,
            valid_to=spec.valid_to,
            sort_order=spec.sort_order,
        )
        for spec in plan.units
    )
    by_code = {unit.code: unit for unit in units}
    linked = []
    for spec in plan.units:
        if spec.parent or spec.merged_into:
            unit = by_code[spec.code]
            unit.parent = by_code.get(spec.parent) if spec.parent else None
            unit.merged_into = by_code.get(spec.merged_into) if spec.merged_into else None
            linked.append(unit)
    Unit.objects.bulk_update(linked, ["parent", "merged_into"], batch_size=500)
    Employment.objects.bulk_create(
        Employment(
            person=people[spec.person],
            unit=by_code[spec.unit],
            position=spec.position,
            category=spec.category,
            start_date=spec.start_date,
            end_date=spec.end_date,
        )
        for spec in _ordered(plan.employments)
    )
    password_hash = make_password(password)
    User.objects.bulk_create(
        User(
            username=spec.username,
            password=password_hash,
            role=spec.role,
            unit=by_code[spec.unit],
            person=None if spec.person is None else people[spec.person],
            is_staff=spec.is_staff,
            is_superuser=spec.is_superuser,
            **_user_names(plan, spec),
        )
        for spec in plan.users
    )
    return plan.counts()


@transaction.atomic
def delete_authority(*, code: str) -> bool:
    """Deletes the authority `code` with its units, people, employments and users; returns
    False when there is none. Records of other apps that protect a unit, person or user stop
    the deletion with `django.db.models.ProtectedError` and nothing is deleted."""
    authority = Authority.objects.filter(code=code).first()
    if authority is None:
        return False
    units = Unit.objects.filter(authority=authority)
    User.objects.filter(unit__in=units).delete()
    Employment.objects.filter(unit__in=units).delete()
    units.update(parent=None, merged_into=None, head=None)
    units.delete()
    Person.objects.filter(authority=authority).delete()
    authority.delete()
    return True
