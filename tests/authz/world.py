"""The world the authorization matrix runs in.

Authority A is the demo authority (fixtures/demo*.json) with a council session, a decision and a
submission added; its records of the "owning" unit carry CANARY strings. The principals are one
user per role in A ("own") and, as "other", one user per role in authority B, plus, for the
unit roles, a user of a unit of A outside the owning unit's subtree and clusters ("sibling").
"""

import datetime
from dataclasses import dataclass, field

from django.core.management import call_command

from awards.models import CouncilSession, Decision, Nomination, Submission
from documents.models import Job
from emulation.enums import UNIT_ROLES, Role
from emulation.models import Actual, Person, Target, Unit
from emulation.models.clusters import (
    ClusterMembership,
    Pledge,
    PledgeActivity,
    PledgeItem,
    PledgeVersion,
)
from tests.factories import AuthorityFactory, UnitFactory, UserFactory

CANARY = "CANARY-7f3a"
DEMO_FIXTURES = (
    "fixtures/demo.json",
    "fixtures/demo_awards.json",
    "fixtures/demo_pledges.json",
    "fixtures/demo_targets.json",
)
OWN_UNIT_PK = 17  # Phòng Văn hóa và Thông tin of the demo authority: nomination 1, bloc pledge 2


@dataclass
class World:
    authority: object
    unit: object
    objects: dict
    users: dict = field(default_factory=dict)  # (role, scope) -> user; scope own/other/sibling


def build_world() -> World:
    call_command("loaddata", *DEMO_FIXTURES, verbosity=0)
    unit = Unit.objects.get(pk=OWN_UNIT_PK)
    authority = unit.authority
    person = Person.objects.filter(employments__unit=unit).first()
    nomination = Nomination.objects.filter(unit=unit).first()
    pledge = Pledge.objects.get(cluster__memberships__unit=unit)
    version = PledgeVersion.objects.filter(pledge=pledge).first()
    target = Target.objects.filter(authority=authority).first()
    actual = Actual.objects.filter(target=target).first()
    period = actual.period
    owner = UserFactory(
        role=Role.AUTHORITY_STAFF, unit=unit.parent or unit, username="canary_owner"
    )
    session = CouncilSession.objects.create(
        authority=authority, title=f"Phiên {CANARY}", held_on=datetime.date(2026, 1, 10)
    )
    decision = Decision.objects.create(
        authority=authority, year=2025, title=f"Quyết định {CANARY}", created_by=owner
    )
    submission = Submission.objects.create(
        authority=authority, year=2025, title=f"Tờ trình {CANARY}", created_by=owner
    )
    job = Job.objects.order_by("pk").first()
    # Canaries in the owning unit's private records.
    Person.objects.filter(pk=person.pk).update(full_name=f"Nguyễn {CANARY}")
    Nomination.objects.filter(pk=nomination.pk).update(title=f"Tờ trình {CANARY}")
    objects = {
        "unit": unit,
        "person": person,
        "nomination": nomination,
        "pledge": pledge,
        "version": version,
        "item": PledgeItem.objects.filter(version=version).first(),
        "activity": PledgeActivity.objects.filter(version=version).first(),
        "cluster": pledge.cluster,
        "target": target,
        "actual": actual,
        "period": period,
        "session": session,
        "decision": decision,
        "submission": submission,
        "job": job,
        "year": 2025,
    }
    world = World(authority=authority, unit=unit, objects=objects)
    clustered = set(ClusterMembership.objects.values_list("unit_id", flat=True))
    sibling_unit = (
        Unit.objects.filter(authority=authority, children__isnull=True)
        .exclude(pk__in=clustered)
        .exclude(pk=unit.pk)
        .exclude(parent=unit)
        .order_by("pk")
        .first()
    )
    other_authority = AuthorityFactory()
    other_unit = UnitFactory(authority=other_authority, name="Đơn vị khác")
    for role in Role:
        own_unit = unit if role in UNIT_ROLES else (unit.parent or unit)
        world.users[(role, "own")] = UserFactory(role=role, unit=own_unit)
        world.users[(role, "other")] = UserFactory(role=role, unit=other_unit)
        if role in UNIT_ROLES:
            world.users[(role, "sibling")] = UserFactory(role=role, unit=sibling_unit)
    return world
