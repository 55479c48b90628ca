"""The demo's province (fixtures/demo_province.json), loaded after the demo ward's fixtures:
Thành phố Hồ Chí Minh on the same instance, with the demo ward (Phường Sài Gòn) and two more
wards (Bến Thành, Tân Định) under it, grouped into one cluster of wards for 2026. The
cluster's pledge is signed online by the wards' chairpersons: Bến Thành's and Tân Định's have
signed; Sài Gòn's (`chutich`), whose ward leads the cluster, signs last.

The province has its Sở Nội vụ staff (`sonoivu`), its chairperson (`chutich.tp`) and a
council member (`hoidong.tp`); each new ward has its chairperson and staff. One submission has
gone up and come back: Phòng Kinh tế of the demo ward proposed two people for the city's Bằng
khen; the ward's council approved both and its chairperson signed the submission; the Sở Nội
vụ returned one (the achievement is the ward's, not the city's) and appraised and published
the other; the city's council approved it and the city's chairperson signed the decision,
which settled the ward's nomination and entered the person's history.

Made like the other parts: the real services run on the loaded demo, what they wrote is
serialised, and everything is rolled back.
"""

import datetime
import os

from awards.council.services import (
    cast_ballot,
    close_session,
    create_session,
    send_to_council,
    set_attendance,
)
from awards.decisions.services import draft_decision
from awards.enums import BallotChoice, SubjectKind
from awards.models import (
    Award,
    BallotCast,
    CouncilSession,
    Decision,
    DecisionLine,
    DecisionRegister,
    DecisionSignature,
    Nomination,
    NominationEvent,
    NominationLine,
    Submission,
    SubmissionLine,
    TitleHeld,
    VoteTally,
)
from awards.models.council import CouncilMembership
from awards.nominations.notice import publish_nomination
from awards.nominations.services import (
    add_nominee,
    appraise_nomination,
    create_nomination,
    return_nomination,
    submit_nomination,
)
from awards.submissions.services import draft_submission, sign_submission
from config.reauth import AuthMethod
from demo import clock
from demo.fixtures import queued_again
from demo.nominations import sign_as_the_chair
from demo.writers import demo_password_hash
from documents.models import Job
from documents.services import run_job
from emulation.enums import AuthorityLevel, Gender, Role, StaffCategory, UnitKind
from emulation.models import Authority, AuthorityIdentity, Employment, Person, Unit, User
from emulation.models.clusters import Cluster, ClusterMembership, ClusterTerm
from emulation.models.pledges import (
    PledgeEvent,
    PledgeItem,
    PledgeVersion,
    Signature,
    SignatureSlot,
)
from emulation.pledges.clusters import set_cluster_term
from emulation.pledges.enums import ClusterKind, ItemKind
from emulation.pledges.policy import CONSENT_VERSION
from emulation.pledges.services import create_pledge
from emulation.pledges.signing import open_for_signature, sign_pledge

D = datetime.datetime
YEAR = 2026
PROVINCE_CODE = "tp-ho-chi-minh"
WARD_CODE = "quan-1"  # the demo ward (Phường Sài Gòn since 01/07/2025), coded before
SINCE = datetime.date(2025, 7, 1)
# When the city and the new wards' records and accounts were set up.
JOINED = D(2025, 7, 1, 8, 0)
BORN = datetime.date(1975, 5, 19)
PROVINCE = {
    "name": "Thành phố Hồ Chí Minh",
    "issuer_name": "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
    "place_name": "Thành phố Hồ Chí Minh",
    "address": "86 Lê Thánh Tôn, phường Sài Gòn, Thành phố Hồ Chí Minh",
}
# (code, name, place, chairperson's name, staff member's name)
NEW_WARDS = (
    ("phuong-ben-thanh", "Phường Bến Thành", "Bến Thành", "Võ Minh Tâm", "Đặng Thu Hà"),
    ("phuong-tan-dinh", "Phường Tân Định", "Tân Định", "Lý Thị Ngọc Lan", "Phan Quốc Việt"),
)
# The city's accounts: (username, role, full name, unit code).
CITY_ACCOUNTS = (
    ("sonoivu", Role.AUTHORITY_STAFF, "Ngô Thị Thanh Xuân", "SNV"),
    ("chutich.tp", Role.CHAIRPERSON, "Trần Văn Đức", "VP"),
    ("hoidong.tp", Role.COUNCIL_MEMBER, "Huỳnh Thị Mỹ Dung", "SNV"),
)
CLUSTER = ("CUM-PHUONG-1", "Cụm thi đua số 1: các phường trung tâm")
PLEDGE_OPENED = D(2026, 2, 2, 8, 0)
# The wards' chairpersons who have signed the cluster's pledge, in order; Sài Gòn's leads the
# cluster and signs last (`chutich`).
PLEDGE_SIGNERS = ("chutich.benthanh", "chutich.tandinh")
# Another seed than the ward's pledges: the verification codes must not repeat theirs.
PLEDGE_CODE_SEED = 2027
PLEDGE_ITEMS = (
    ("Nhiệm vụ chính trị", f"Hoàn thành 100% chỉ tiêu kinh tế – xã hội năm {YEAR} được giao."),
    ("Cải cách hành chính", "Giải quyết đúng hạn 100% hồ sơ thủ tục hành chính."),
    ("Phong trào thi đua", "Thực hiện phong trào “Dân vận khéo” trong các khu phố."),
)
# The ward's steps, then the city's.
DRAFTED = D(2026, 10, 14, 9, 0)
SUBMITTED = D(2026, 10, 15, 10, 0)
APPRAISED = D(2026, 10, 16, 9, 0)
WARD_SESSION = ("Phiên họp xét đề nghị Bằng khen của Thành phố", D(2026, 10, 26, 8, 0))
WARD_SESSION_DAY = datetime.date(2026, 11, 3)
SUBMISSION_DRAFTED = D(2026, 11, 4, 9, 0)
SUBMISSION_SIGNED = D(2026, 11, 5, 16, 0)
CITY_APPRAISED = D(2026, 11, 9, 9, 0)
RETURN_REASON = (
    "Thành tích nêu trong hồ sơ là thành tích cấp phường, chưa có đóng góp cấp Thành phố; "
    "đề nghị phường xét khen thưởng theo thẩm quyền."
)
CITY_SESSION = (
    "Phiên họp Hội đồng Thi đua – Khen thưởng Thành phố tháng 11",
    D(2026, 11, 10, 8, 0),
)
CITY_SESSION_DAY = datetime.date(2026, 11, 24)
CITY_DECISION_DRAFTED = D(2026, 11, 25, 9, 0)
CITY_DECISION_SIGNED = D(2026, 11, 26, 15, 0)
NOMINEES = (
    "Đóng góp xây dựng bản đồ số các tuyến phố kinh doanh, được Thành phố nhân rộng.",
    "Hoàn thành xuất sắc nhiệm vụ năm 2026 tại Phòng Kinh tế.",
)


def _authority(code: str, name: str, level: str, issuer: str, place: str, address: str = ""):
    authority = Authority.objects.create(code=code)
    AuthorityIdentity.objects.create(
        authority=authority,
        valid_from=SINCE,
        name=name,
        level=level,
        superior_name="" if level == AuthorityLevel.PROVINCE else PROVINCE["name"].upper(),
        issuer_name=issuer,
        issuer_symbol="UBND",
        place_name=place,
        address=address,
    )
    return authority


def _account(username: str, role: str, full_name: str, unit: Unit, staff_code: str) -> User:
    person = Person.objects.create(
        authority=unit.authority,
        full_name=full_name,
        gender=Gender.FEMALE if " Thị " in full_name else Gender.MALE,
        date_of_birth=BORN,
        staff_code=staff_code,
    )
    Employment.objects.create(
        person=person,
        unit=unit,
        position=str(Role(role).label),
        category=StaffCategory.OFFICIAL,
        start_date=SINCE,
    )
    family, _space, given = full_name.rpartition(" ")
    return User.objects.create(
        username=username,
        password=demo_password_hash(),
        role=role,
        unit=unit,
        person=person,
        first_name=given,
        last_name=family,
        date_joined=clock.aware(JOINED),
    )


def _city(ward: Authority) -> tuple[Authority, dict[str, Unit]]:
    """The city, its offices, its units for the three wards and its accounts."""
    city = _authority(
        PROVINCE_CODE,
        PROVINCE["name"],
        AuthorityLevel.PROVINCE,
        PROVINCE["issuer_name"],
        PROVINCE["place_name"],
        PROVINCE["address"],
    )
    units = {
        "VP": Unit.objects.create(
            authority=city,
            code="VP",
            name="Văn phòng Ủy ban nhân dân Thành phố",
            kind=UnitKind.SPECIALIST_OFFICE,
            valid_from=SINCE,
            sort_order=1,
        ),
        "SNV": Unit.objects.create(
            authority=city,
            code="SNV",
            name="Sở Nội vụ",
            kind=UnitKind.SPECIALIST_OFFICE,
            valid_from=SINCE,
            sort_order=2,
        ),
    }
    wards = [ward] + [
        _authority(code, name, AuthorityLevel.WARD, f"ỦY BAN NHÂN DÂN {name.upper()}", place)
        for code, name, place, _chair, _staff in NEW_WARDS
    ]
    for order, authority in enumerate(wards, start=10):
        identity = authority.identity_on(SINCE)
        units[authority.code] = Unit.objects.create(
            authority=city,
            code=f"UBND-{authority.code.removeprefix('phuong-').upper()}",
            name=f"Ủy ban nhân dân phường {identity.name.removeprefix('Phường ')}",
            kind=UnitKind.WARD,
            valid_from=SINCE,
            sort_order=order,
            represents=authority,
        )
    for index, (username, role, full_name, unit_code) in enumerate(CITY_ACCOUNTS):
        _account(username, role, full_name, units[unit_code], f"TP{index + 1:03d}")
    for index, (code, _name, _place, chair, staff) in enumerate(NEW_WARDS):
        authority = Authority.objects.get(code=code)
        office = Unit.objects.create(
            authority=authority,
            code="VP",
            name="Văn phòng HĐND và UBND phường",
            kind=UnitKind.SPECIALIST_OFFICE,
            valid_from=SINCE,
        )
        short = code.removeprefix("phuong-").replace("-", "")
        _account(f"chutich.{short}", Role.CHAIRPERSON, chair, office, f"P{index}01")
        _account(f"canbo.{short}", Role.AUTHORITY_STAFF, staff, office, f"P{index}02")
    cluster = Cluster.objects.create(
        authority=city, kind=ClusterKind.CLUSTER, year=YEAR, code=CLUSTER[0], name=CLUSTER[1]
    )
    for order, authority in enumerate(wards):
        ClusterMembership.objects.create(
            cluster=cluster, unit=units[authority.code], sort_order=order
        )
    return city, units


def _vote(nomination: Nomination, *, staff: User, members: list[User], title, created, day):
    with clock.at(created):
        session = create_session(user=staff, title=title, held_on=day, members=members)
    with clock.at(D.combine(day, datetime.time(8, 30))) as moment:
        for member in members:
            set_attendance(session=session, member=member, present=True)
        send_to_council(nomination=nomination, user=staff, session=session, day=moment.date())
    with clock.at(D.combine(day, datetime.time(10, 0))):
        lines = nomination.lines.values_list("pk", flat=True)
        for member in members:
            cast_ballot(
                nomination=nomination, member=member, choices=dict.fromkeys(lines, BallotChoice.YES)
            )
        close_session(session=session, user=staff)
    nomination.refresh_from_db()
    return session


def _ward_submission(ward: Authority) -> Submission:
    """Phòng Kinh tế proposes two people for the city's Bằng khen; the ward approves and
    sends them up."""
    unit = Unit.objects.get(authority=ward, code="KT")
    people = list(
        Person.objects.filter(employments__unit=unit, employments__end_date__isnull=True)
        .order_by("pk")
        .distinct()[1:3]
    )
    award = Award.objects.get(code="bang_khen_tinh")
    clerk, head = User.objects.get(username="canbo.kt"), User.objects.get(username="thutruong.kt")
    staff, chair = User.objects.get(username="canbo.thidua"), User.objects.get(username="chutich")
    with clock.at(DRAFTED):
        nomination = create_nomination(
            user=clerk,
            unit=unit,
            year=YEAR,
            title=f"Tờ trình đề nghị tặng Bằng khen của Chủ tịch UBND Thành phố năm {YEAR}",
            summary="Phòng Kinh tế đề nghị khen thưởng hai cá nhân có thành tích xuất sắc.",
        )
        for person, achievement in zip(people, NOMINEES, strict=True):
            add_nominee(
                nomination=nomination,
                user=clerk,
                award=award,
                subject_kind=SubjectKind.INDIVIDUAL,
                person=person,
                achievement=achievement,
            )
    with clock.at(SUBMITTED):
        submit_nomination(nomination=nomination, user=head)
    with clock.at(APPRAISED) as moment:
        appraise_nomination(nomination=nomination, user=staff)
        publish_nomination(nomination=nomination, user=staff, day=moment.date())
    title, created = WARD_SESSION
    members = list(User.objects.filter(username__in=("hoidong", "chutich")).order_by("username"))
    _vote(
        nomination, staff=staff, members=members, title=title, created=created, day=WARD_SESSION_DAY
    )
    with clock.at(SUBMISSION_DRAFTED):
        submission = draft_submission(
            user=staff,
            year=YEAR,
            title=f"Về việc đề nghị tặng Bằng khen của Chủ tịch UBND Thành phố năm {YEAR}",
            lines=nomination.lines.filter(approved=True).select_related("award", "nomination"),
        )
    with clock.at(SUBMISSION_SIGNED) as moment:
        sign_submission(submission=submission, user=chair, day=moment.date())
    submission.refresh_from_db()
    return submission


def _city_decides(city: Authority) -> Decision:
    """The Sở Nội vụ returns the second nominee and takes the first to the city's council;
    the city's chairperson signs the decision."""
    staff = User.objects.get(username="sonoivu")
    chair = User.objects.get(username="chutich.tp")
    first, second = Nomination.objects.filter(authority=city).order_by("pk")
    with clock.at(CITY_APPRAISED) as moment:
        return_nomination(nomination=second, user=staff, reason=RETURN_REASON)
        appraise_nomination(nomination=first, user=staff)
        publish_nomination(nomination=first, user=staff, day=moment.date())
    title, created = CITY_SESSION
    members = list(User.objects.filter(username__in=("hoidong.tp", "chutich.tp")))
    _vote(first, staff=staff, members=members, title=title, created=created, day=CITY_SESSION_DAY)
    with clock.at(CITY_DECISION_DRAFTED):
        decision = draft_decision(
            user=staff,
            year=YEAR,
            lines=first.lines.filter(approved=True).select_related("award", "nomination"),
        )
    sign_as_the_chair(decision, chair, CITY_DECISION_SIGNED)
    decision.refresh_from_db()
    return decision


def _cluster_pledge(city: Authority, units: dict[str, Unit]) -> PledgeVersion:
    """The cluster of wards elects Phường Sài Gòn to lead it; the Sở Nội vụ drafts its pledge
    and opens it for signature; the chairpersons of Bến Thành and Tân Định sign for their
    wards; Sài Gòn's (`chutich`) signs last, which completes it."""
    staff = User.objects.get(username="sonoivu")
    cluster = Cluster.objects.get(authority=city, code=CLUSTER[0])
    lead, deputy = units[WARD_CODE], units[NEW_WARDS[0][0]]
    with clock.at(PLEDGE_OPENED - datetime.timedelta(days=4)):
        set_cluster_term(
            cluster=cluster,
            head_unit=lead,
            deputy_unit=deputy,
            valid_from=datetime.date(YEAR, 1, 1),
            elected_at_meeting="Hội nghị tổng kết Cụm thi đua năm 2025",
        )
        pledge = create_pledge(
            cluster=cluster,
            by=staff,
            title=f"Giao ước thi đua năm {YEAR} của {CLUSTER[1]}",
            slogan="Đoàn kết, kỷ cương, sáng tạo, phục vụ Nhân dân",
            score_table_reference=f"Bảng chấm điểm thi đua các cụm phường năm {YEAR}",
            head_signs_last=True,
        )
        version = pledge.versions.get()
        for order, (section, text) in enumerate(PLEDGE_ITEMS):
            PledgeItem.objects.create(
                version=version, kind=ItemKind.FREE, section=section, text=text, sort_order=order
            )
    with clock.at(PLEDGE_OPENED):
        open_for_signature(version=version, by=staff)
    job = PledgeVersion.objects.get(pk=version.pk).document_job
    with clock.at(PLEDGE_OPENED + datetime.timedelta(minutes=5)):
        run_job(job_id=job.pk, worker_pid=os.getpid())
    job.refresh_from_db()
    for day, username in enumerate(PLEDGE_SIGNERS, start=1):
        with clock.at(PLEDGE_OPENED + datetime.timedelta(days=day, hours=1)) as moment:
            sign_pledge(
                version=version,
                user=User.objects.get(username=username),
                shown_hash=job.result_sha256,
                consent_version=CONSENT_VERSION,
                auth_method=AuthMethod.PASSWORD,
                authenticated_at=moment,
                meta=clock.SIGNING_META,
            )
    return PledgeVersion.objects.select_related("pledge").get(pk=version.pk)


def demo_records() -> list:
    """Everything the province part writes, in an order loaddata can insert."""
    ward = Authority.objects.get(code=WARD_CODE)
    before = {
        model: set(model.objects.values_list("pk", flat=True))
        for model in (Nomination, NominationEvent, CouncilSession, TitleHeld)
    }
    with clock.at(JOINED):
        city, units = _city(ward)
    with clock.seeded_codes(PLEDGE_CODE_SEED):
        version = _cluster_pledge(city, units)
    submission = _ward_submission(ward)
    decision = _city_decides(city)
    cities = [city, *Authority.objects.filter(code__in=[code for code, *_ in NEW_WARDS])]
    authorities = sorted(cities, key=lambda authority: authority.pk)
    new_units = Unit.objects.filter(authority__in=authorities).order_by("pk")
    new = {model: model.objects.exclude(pk__in=pks).order_by("pk") for model, pks in before.items()}
    ward_nominations = new[Nomination].filter(authority=ward)
    city_nominations = new[Nomination].filter(authority=city)
    sessions = new[CouncilSession]
    lines = NominationLine.objects.filter(nomination__in=new[Nomination])
    return [
        *authorities,
        *AuthorityIdentity.objects.filter(authority__in=authorities).order_by("pk"),
        *Person.objects.filter(authority__in=authorities).order_by("pk"),
        *new_units,
        *Employment.objects.filter(unit__in=new_units).order_by("pk"),
        *User.objects.filter(unit__in=new_units).order_by("pk"),
        *Cluster.objects.filter(authority=city).order_by("pk"),
        *ClusterMembership.objects.filter(cluster__authority=city).order_by("pk"),
        *ClusterTerm.objects.filter(cluster__authority=city).order_by("pk"),
        version.pledge,
        *queued_again(Job.objects.filter(pk=version.document_job_id)),
        version,
        *PledgeItem.objects.filter(version=version).order_by("pk"),
        *SignatureSlot.objects.filter(version=version).order_by("pk"),
        *Signature.objects.filter(version=version).order_by("pk"),
        *PledgeEvent.objects.filter(pledge=version.pledge).order_by("sequence"),
        *sessions,
        *CouncilMembership.objects.filter(session__in=sessions).order_by("pk"),
        # The registers the ward and the city numbered from, as they stand after.
        *DecisionRegister.objects.filter(authority__in=[ward, city]).order_by("pk"),
        *ward_nominations,
        *lines.filter(nomination__in=ward_nominations).order_by("pk"),
        submission,
        *SubmissionLine.objects.filter(submission=submission).order_by("pk"),
        *city_nominations,
        *lines.filter(nomination__in=city_nominations).order_by("pk"),
        *new[NominationEvent],
        *BallotCast.objects.filter(session__in=sessions).order_by("pk"),
        *VoteTally.objects.filter(line__in=lines).order_by("pk"),
        decision,
        *DecisionLine.objects.filter(decision=decision).order_by("pk"),
        *DecisionSignature.objects.filter(decision=decision),
        *new[TitleHeld],
    ]
