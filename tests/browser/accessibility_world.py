"""The world the accessibility pages are opened in, built once per module and committed, with a
live server of its own (the pages are only read, and each error state writes nothing).

It is the authorization matrix's world (the demo authority with an object for every URL
pattern, tests/authz/world.py) with, in addition, the states that give the pages their forms:
a ward's clerk (the wards have targets of their own), a clerk of the unit whose nomination is
still a draft, nomination 1 on the council's agenda with a member present, the draft decision
holding one of its lines, and the bloc pledge's document rendered for signing.
"""

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.db import transaction
from pytest_django.live_server_helper import LiveServer

from awards.enums import NominationState, Verdict
from awards.models import CouncilMembership, DecisionLine, Nomination
from documents.models import Job
from documents.services import run_job
from emulation.enums import Role
from emulation.models import Unit, User
from tests.authz.world import build_world
from tests.browser.conftest import session_cookie
from tests.factories import UserFactory
from tests.fixture_loading import load_fixture_files

WARD_PK = 1  # Phường Bến Nghé: head of the wards' cluster 1
DRAFT_NOMINATION_PK = 2  # Phòng Giáo dục và Đào tạo's draft nomination of the demo
GRID_YEAR, GRID_PERIOD = 2026, "year"  # the demo year: the authority's 38 targets
STAFF_UNIT_PK = 12  # Phòng Nội vụ, where the demo's thi đua staff work


@dataclass
class Site:
    """What the pages need without asking the database: the server's address, one user per
    role, and the primary keys and values that go into the URLs."""

    base: str
    users: dict = field(default_factory=dict)  # name -> username
    cookies: dict = field(default_factory=dict)  # name -> a session cookie of the user
    keys: dict = field(default_factory=dict)  # name -> pk or value


def _council_agenda(world, member) -> None:
    """Nomination 1 (the owning unit's) in the world's open session, appraised eligible, with
    `member` present: the member's ballot has one choice per nominee."""
    nomination = world.objects["nomination"]
    session = world.objects["session"]
    CouncilMembership.objects.create(session=session, user=member, present=True)
    Nomination.objects.filter(pk=nomination.pk).update(
        state=NominationState.IN_COUNCIL, council_session=session, verdict=Verdict.ELIGIBLE
    )


def _decision_to_sign(world) -> None:
    """The world's draft decision with a line of nomination 1 not yet in a decision, approved
    by the council: the chairperson's signing page has a line, its money and a total."""
    decision = world.objects["decision"]
    taken = DecisionLine.objects.values_list("nomination_line_id", flat=True)
    line = world.objects["nomination"].lines.exclude(pk__in=taken).order_by("pk").first()
    line.approved = True
    line.save(update_fields=["approved"])
    DecisionLine.objects.create(decision=decision, nomination_line=line)


def build_site() -> tuple[object, dict]:
    """Build and commit the world; return it with the extra users by name."""
    with transaction.atomic():
        world = build_world()
        ward = Unit.objects.get(pk=WARD_PK)
        draft_unit = Nomination.objects.get(pk=DRAFT_NOMINATION_PK).unit
        extra = {
            "ward_clerk": UserFactory(role=Role.UNIT_CLERK, unit=ward),
            "draft_clerk": UserFactory(role=Role.UNIT_CLERK, unit=draft_unit),
            # Not of the nominating unit, from which a member recuses themselves.
            "member": UserFactory(
                role=Role.COUNCIL_MEMBER, unit=Unit.objects.get(pk=STAFF_UNIT_PK)
            ),
        }
        _council_agenda(world, extra["member"])
        # The staff user's own document job (a job is shown to whoever asked for it).
        Job.objects.filter(pk=world.objects["job"].pk).update(
            requested_by=world.users[(Role.AUTHORITY_STAFF, "own")]
        )
        _decision_to_sign(world)
    # The signing page shows its form once the version's document is rendered (the job
    # commits its own steps, as in the worker).
    run_job(job_id=world.objects["version"].document_job_id, worker_pid=os.getpid())
    return world, extra


@contextlib.contextmanager
def database_put_back():
    """The rows of the database as they were before the block, put back after it (the
    catalogue and calendar the migrations seed included): the tests that run after these,
    in the same transaction-per-test way, find the database they expect."""
    with tempfile.TemporaryDirectory() as folder:
        before = Path(folder) / "before.json"
        call_command("dumpdata", output=str(before), verbosity=0)
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            load_fixture_files(str(before))


@contextlib.contextmanager
def served_site(django_db_blocker):
    """The committed world and a live server on it; the database is put back as it was
    afterwards."""
    with django_db_blocker.unblock(), database_put_back():
        world, extra = build_site()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        site = Site(base=server.url)
        roles = {
            "staff": Role.AUTHORITY_STAFF,
            "head": Role.UNIT_HEAD,
            "clerk": Role.UNIT_CLERK,
            "chair": Role.CHAIRPERSON,
            "admin": Role.ADMINISTRATOR,
        }
        site.users = {name: world.users[(role, "own")].username for name, role in roles.items()}
        site.users.update({name: user.username for name, user in extra.items()})
        site.cookies = {
            name: session_cookie(User.objects.get(username=username), site.base)
            for name, username in site.users.items()
        }
        objects = world.objects
        site.keys = {
            "unit": world.unit.pk,
            "ward": WARD_PK,
            "person": objects["person"].pk,
            "nomination": objects["nomination"].pk,
            "draft_nomination": DRAFT_NOMINATION_PK,
            "pledge": objects["pledge"].pk,
            "version": objects["version"].pk,
            "target": objects["target"].pk,
            "year": GRID_YEAR,
            "period": GRID_PERIOD,
            "session": objects["session"].pk,
            "decision": objects["decision"].pk,
            "signed_decision": objects["certificate_decision"].pk,
            "submission": objects["submission"].pk,
            "certificate": objects["certificate"].code,
            "job": objects["job"].pk,
            "movement": objects["movement"].pk,
            "exemplary": objects["exemplary"].pk,
            "registration_year": objects["registration"].round.year,
            "round": objects["sheet"].round_id,
            "sheet": objects["sheet"].pk,
            "cluster_vote": objects["cluster_vote"].pk,
            "pledge_code": objects["version"].verification_code,
            "decision_reference": objects["certificate_decision"].reference,
            "decision_year": objects["certificate_decision"].number_year,
            "records_year": objects["year"],
        }
        try:
            yield site
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
