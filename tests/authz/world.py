"""The world the authorization matrix runs in.

Authority A is the demo authority (fixtures/demo*.json) with a council session, a decision and a
submission added; its records of the "owning" unit carry CANARY strings. The principals are one
user per role in A ("own") and, as "other", one user per role in authority B, plus, for the
unit roles, a user of a unit of A outside the owning unit's subtree and clusters ("sibling"),
and the administrator of A as the demo and `seed_demo` build it, a Django superuser ("own
superuser"): its cells are those of its role (issue 12 §3).

Above A stands a province P (issue 18): P's unit "UBND of A" represents A, and P's users —
staff, council member, chairperson, administrator and the head of one of its departments — are
the "superior" principals. They read nothing of A's (404, as another authority) except the
cross-level objects: P's nomination received from A's submission, with A's evidence file
(tests/authz/policy.py CROSS_ROWS), which A's own users in turn cannot open.
"""

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from awards.cluster_votes.services import open_cluster_vote
from awards.enums import DecisionStatus
from awards.models import (
    Certificate,
    CouncilSession,
    Decision,
    DecisionLine,
    Nomination,
    NominationAttachment,
    Submission,
    SubmissionLine,
)
from awards.submissions.upward import send_up
from documents.enums import JobStatus, SignedFileOrigin
from documents.models import Job, SignedFile
from emulation.enums import UNIT_ROLES, Role
from emulation.models import (
    Actual,
    DataImport,
    DataImportChange,
    Employment,
    Person,
    Target,
    Unit,
    User,
)
from emulation.models.clusters import ClusterMembership
from emulation.models.movements import (
    Exemplary,
    ExemplaryPhoto,
    Milestone,
    Movement,
    MovementDocument,
    Registration,
    RegistrationLine,
    RegistrationRound,
)
from emulation.models.pledges import Pledge, PledgeActivity, PledgeItem, PledgeVersion
from emulation.models.scoring import ScoreSheet
from tests.factories import AuthorityFactory, UnitFactory, UserFactory, province_above
from tests.fixture_loading import load_fixture_files

CANARY = "CANARY-7f3a"
DEMO_FIXTURES = (
    "fixtures/demo.json",
    "fixtures/demo_awards.json",
    "fixtures/demo_pledges.json",
    "fixtures/demo_targets.json",
    "fixtures/demo_movements.json",  # movements 1-2, registration 2026, exemplary stories
    "fixtures/demo_scoring.json",  # the bloc's final round, the owning unit's sheet 1
)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A 1×1 PNG: the exemplary story's photo.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000005c5a2dc6f0000000049454e44ae426082"
)
# Scopes whose principals work in the owning unit's authority with the owning unit in reach.
OWN_SCOPES = ("own", "superuser")
OWN_UNIT_PK = 17  # Phòng Văn hóa và Thông tin of the demo authority: nomination 1, bloc pledge 2

# The principals of the matrix, one line each: (role, scope). Role None is the anonymous
# visitor; scope "own" is a user of the owning unit (unit roles) or of its authority, "other"
# a user of authority B, "sibling" a user of a unit of A outside the owning unit's subtree and
# clusters, "superuser" the administrator as the demo makes it (a Django superuser, which must
# get what its role gets and no more). The matrix has one test per URL pattern × principal.
# The province's principals: every role but the unit clerk (a department's head stands for
# the unit roles).
SUPERIOR_ROLES = (
    Role.AUTHORITY_STAFF,
    Role.COUNCIL_MEMBER,
    Role.CHAIRPERSON,
    Role.ADMINISTRATOR,
    Role.UNIT_HEAD,
)
PRINCIPALS: tuple[tuple[Role | None, str], ...] = (
    (None, "anonymous"),
    *(
        (role, scope)
        for role in Role
        for scope in ("own", "other", "sibling")
        if scope != "sibling" or role in UNIT_ROLES
    ),
    (Role.ADMINISTRATOR, "superuser"),
    *((role, "superior") for role in SUPERIOR_ROLES),
)


def principal_id(role, scope) -> str:
    """The principal's part of a matrix test id: "anonymous", "unit_head-sibling"…"""
    return scope if role is None else f"{role}-{scope}"


@dataclass
class World:
    authority: object
    unit: object
    objects: dict
    users: dict = field(default_factory=dict)  # (role, scope) of PRINCIPALS -> user


def build_world() -> World:
    load_fixture_files(*DEMO_FIXTURES)
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
    movement, milestone, document, exemplary, photo = _movement_objects(unit, owner)
    registration, line = _registration_objects(unit, person)
    certificate = _certificate(authority, nomination, person, owner)
    attachment = NominationAttachment(
        nomination=nomination, title="Báo cáo thành tích", size=len(PDF), sha256="0" * 64
    )
    attachment.uploaded_by = owner
    attachment.file.save("bao-cao.pdf", ContentFile(PDF), save=True)
    # Canaries in the owning unit's private records.
    Person.objects.filter(pk=person.pk).update(full_name=f"Nguyễn {CANARY}")
    Nomination.objects.filter(pk=nomination.pk).update(title=f"Tờ trình {CANARY}")
    objects = {
        "unit": unit,
        "person": person,
        "nomination": nomination,
        "attachment": attachment,
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
        "movement": movement,
        "milestone": milestone,
        "document": document,
        "exemplary": exemplary,
        "photo": photo,
        "registration": registration,
        "registration_line": line,
        "sheet": ScoreSheet.objects.select_related("round").get(
            round__table__cluster=pledge.cluster, unit=unit
        ),
        "certificate": certificate,
        "certificate_decision": certificate.decision_line.decision,
    }
    world = World(authority=authority, unit=unit, objects=objects)
    clustered = set(ClusterMembership.objects.values_list("unit_id", flat=True))
    # Nor a unit the canary person once worked in (a former unit sees its former staff).
    sibling_unit = (
        Unit.objects.filter(authority=authority, children__isnull=True)
        .exclude(pk__in=clustered)
        .exclude(pk=unit.pk)
        .exclude(parent=unit)
        .exclude(pk__in=Employment.objects.filter(person=person).values("unit_id"))
        .order_by("pk")
        .first()
    )
    other_authority = AuthorityFactory()
    other_unit = UnitFactory(authority=other_authority, name="Đơn vị khác")
    # The other authority opens its own registration of the year, so that "my registration"
    # (no unit in the URL) has a page of their own for its users.
    RegistrationRound.objects.create(
        authority=other_authority,
        year=registration.round.year,
        deadline=registration.round.deadline,
    )
    superior_unit = _province_above(authority)
    RegistrationRound.objects.create(
        authority=superior_unit.authority,
        year=registration.round.year,
        deadline=registration.round.deadline,
    )
    units = {"other": other_unit, "sibling": sibling_unit, "superior": superior_unit}
    for role, scope in PRINCIPALS:
        if role is not None:
            own_unit = unit if role in UNIT_ROLES else (unit.parent or unit)
            world.users[(role, scope)] = UserFactory(
                role=role,
                unit=units.get(scope, own_unit),
                # The demo's and seed_demo's administrator is a Django superuser: the product's
                # pages must give it what its role gets and nothing more.
                is_staff=scope == "superuser",
                is_superuser=scope == "superuser",
            )
    objects["cluster_vote"] = _cluster_vote(objects["sheet"].round, owner)
    objects["data_import"] = _data_import(authority, owner)
    objects.update(_received(submission, nomination, person, attachment, owner))
    return world


def _province_above(authority):
    """Province P over A, with its unit that represents A; returns P's department, where
    its principals work."""
    _province, department = province_above(authority)
    return department


def _received(submission, nomination, canary_person, attachment, owner) -> dict:
    """A's submission signed with one line (not the canary person's) that P received as its
    nomination, which carries A's evidence file of the whole nomination."""
    line = nomination.lines.exclude(person=canary_person).order_by("pk").first()
    Submission.objects.filter(pk=submission.pk).update(
        status="signed",
        number=7,
        number_year=2025,
        symbol="TTr-UBND",
        signed_on=datetime.date(2025, 12, 1),
    )
    SubmissionLine.objects.create(submission=submission, nomination_line=line)
    submission.refresh_from_db()
    [received] = send_up(submission, by=owner, day=submission.signed_on)
    return {"received_nomination": received, "received_attachment": attachment}


def _data_import(authority, owner):
    """A written import of the owning authority whose history names the canary."""
    written = DataImport.objects.create(
        authority=authority,
        kind="can-bo",
        uploaded_by=owner,
        filename=f"can-bo-{CANARY}.xlsx",
        sha256="0" * 64,
        committed_at=timezone.now(),
        changed=1,
    )
    DataImportChange.objects.create(
        data_import=written, row=2, key="NV1", before={"Họ và tên": CANARY}, after={}
    )
    return written


def _cluster_vote(scoring_round, owner):
    """The bloc's open secret vote on its final round (the owning unit heads the bloc), opened
    after the principals exist so that the owning unit's head is one of its members; every
    other member unit gets a head to vote."""
    member_ids = scoring_round.table.cluster.memberships.values_list("unit_id", flat=True)
    for unit_id in member_ids:
        if not User.objects.filter(role=Role.UNIT_HEAD, unit_id=unit_id).exists():
            UserFactory(role=Role.UNIT_HEAD, unit=Unit.objects.get(pk=unit_id))
    return open_cluster_vote(
        scoring_round=scoring_round,
        user=owner,
        deadline=timezone.localdate() + datetime.timedelta(days=7),
        voters=User.objects.filter(role=Role.UNIT_HEAD, is_active=True, unit_id__in=member_ids),
    )


def _movement_objects(unit, owner):
    """Movement 2 of the demo (the bloc's units only) with a document and a reported
    milestone, each with a file; the owning unit's exemplary story with a photo."""
    movement = Movement.objects.filter(units=unit).exclude(pk=1).order_by("pk").first()
    document = MovementDocument(movement=movement, title="Kế hoạch", uploaded_by=owner)
    document.file.save("ke-hoach.pdf", ContentFile(PDF), save=True)
    milestone = Milestone.objects.filter(movement=movement).order_by("pk").first()
    milestone.report = "Báo cáo sơ kết"
    milestone.report_file.save("so-ket.pdf", ContentFile(PDF), save=True)
    exemplary = Exemplary.objects.filter(unit=unit, movement=movement).first()
    photo = ExemplaryPhoto(exemplary=exemplary, caption="Ảnh", width=1, height=1)
    photo.image.save("anh.png", ContentFile(PNG), save=True)
    return movement, milestone, document, exemplary, photo


def _registration_objects(unit, person):
    """A draft registration of the owning unit for the world's year, with one line (the
    canary person's)."""
    round_ = RegistrationRound.objects.create(
        authority=unit.authority, year=2025, deadline=datetime.date(2025, 3, 31)
    )
    registration = Registration.objects.create(round=round_, unit=unit)
    line = RegistrationLine.objects.create(
        registration=registration, title_code="ldtt", person=person
    )
    return registration, line


def _certificate(authority, nomination, person, owner):
    """A signed decision (its title is public: the verification page shows it) with one
    line, and that line's certificate with its file. The holder is not the canary person:
    the public page shows the holder by design."""
    decision = Decision.objects.create(
        authority=authority,
        year=2025,
        title="Công nhận Lao động tiên tiến",
        created_by=owner,
        status=DecisionStatus.SIGNED,
        # Past the demo's own decisions of 2026 (01/QĐ-UBND and its certificates).
        number=99,
        number_year=2026,
        symbol="QĐ-UBND",
        signed_on=datetime.date(2026, 1, 5),
        signed_by=owner,
    )
    nomination_line = nomination.lines.exclude(person=person).order_by("pk").first()
    decision_line = DecisionLine.objects.create(decision=decision, nomination_line=nomination_line)
    certificate = Certificate(
        decision_line=decision_line, authority=authority, code="AUTHZ0000001", gold_book_number=999
    )
    certificate.file.save("giay-khen.pdf", ContentFile(PDF), save=True)
    _signed_original(decision, owner)
    return certificate


def _signed_original(decision, owner):
    """The decision's issued file and its signed original (the chairperson's copy sealed), so
    that the original's download answers its readers."""
    job = Job.objects.create(
        kind="award_decision",
        params={"decision": decision.pk},
        requested_by=owner,
        status=JobStatus.DONE,
        result_sha256="0" * 64,
    )
    job.result.save("quyet-dinh.pdf", ContentFile(PDF), save=True)
    original = SignedFile(
        origin=SignedFileOrigin.SEALED,
        job=job,
        source_sha256="1" * 64,
        sha256="2" * 64,
        size=len(PDF),
        signer="Ủy ban nhân dân",
        uploaded_by=owner,
    )
    original.file.save("ban-goc.pdf", ContentFile(PDF), save=True)
