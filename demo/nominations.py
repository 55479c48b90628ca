"""The demo's nominations (hồ sơ đề nghị khen thưởng) of 2026, one at each step of the way,
so that every role finds its next step on the demo:

- Phòng Văn hóa và Thông tin: just submitted, awaiting appraisal by thi đua staff;
- Phòng Giáo dục và Đào tạo: a draft its clerk is still writing (the head submits);
- Phòng Y tế: appraised and in its public notice (công khai; `manage.py settle_demo_dates`
  keeps the notice running whenever the demo is loaded);
- Phòng Tài chính – Kế hoạch: its notice has ended, ready for the council's open session;
- Phòng Tư pháp: voted by the council, its decision drafted and awaiting the chairperson;
- Phòng Kinh tế: decided, the decision signed with its evidence and its certificates printed.

The clerk of each unit drafts, its head submits, staff appraise and publish, the council
votes, the chairperson signs: each step by the account that takes it in the product, on the
day of the story (`demo.clock.at`).
"""

import dataclasses
import datetime

from awards.certificates.services import request_certificates
from awards.council.services import (
    cast_ballot,
    close_session,
    create_session,
    send_to_council,
    set_attendance,
)
from awards.decisions import policy
from awards.decisions.services import draft_decision, sign_decision_with_evidence
from awards.decisions.summary import signing_summary
from awards.enums import BallotChoice, DutyRating, SubjectKind
from awards.models import Award, CouncilSession, Nomination
from awards.nominations.notice import publish_nomination
from awards.nominations.services import (
    add_nominee,
    appraise_nomination,
    create_nomination,
    submit_nomination,
)
from config.reauth import AuthMethod
from demo import clock
from emulation.models import Authority, Person, Unit, User

D = datetime.datetime
# The draft, submitted, in notice, notice ended, voted, decided: the furthest step each reaches.
DRAFT, SUBMITTED, IN_NOTICE, NOTICE_ENDED, VOTED, DECIDED = range(6)
STAFF, CHAIR, COUNCIL = "canbo.thidua", "chutich", ("hoidong", "chutich")


@dataclasses.dataclass(frozen=True)
class UnitStory:
    """A nominating unit: its own rating, its initiative of the year, how far its nomination
    goes and the days of its steps (drafted, submitted, appraised, published)."""

    account: str  # the unit's accounts: canbo.<account> drafts, thutruong.<account> submits
    rating: str
    initiative: str
    reaches: int
    drafted: D
    submitted: D | None = None
    appraised: D | None = None
    published: D | None = None


NOMINATING_UNITS = {
    "VHTT": UnitStory(
        "vhtt",
        DutyRating.EXCELLENT,
        "Số hóa hồ sơ thi đua, khen thưởng của đơn vị",
        SUBMITTED,
        D(2026, 11, 27, 9, 0),
        D(2026, 12, 1, 10, 30),
    ),
    "GDDT": UnitStory(
        "gd",
        DutyRating.GOOD,
        "Ứng dụng học liệu số trong sinh hoạt chuyên môn liên trường",
        DRAFT,
        D(2026, 12, 2, 14, 0),
    ),
    "YT": UnitStory(
        "yt",
        DutyRating.EXCELLENT,
        "Sổ tiêm chủng điện tử cho trẻ em trên địa bàn phường",
        IN_NOTICE,
        D(2026, 11, 13, 9, 0),
        D(2026, 11, 16, 10, 0),
        D(2026, 11, 23, 9, 0),
        D(2026, 11, 24, 8, 30),
    ),
    "TCKH": UnitStory(
        "tckh",
        DutyRating.EXCELLENT,
        "Đối chiếu số liệu thu ngân sách hằng ngày với Kho bạc",
        NOTICE_ENDED,
        D(2026, 10, 26, 9, 0),
        D(2026, 10, 28, 10, 0),
        D(2026, 11, 2, 9, 0),
        D(2026, 11, 3, 8, 30),
    ),
    "TP": UnitStory(
        "tp",
        DutyRating.EXCELLENT,
        "Tủ sách pháp luật điện tử tại bộ phận một cửa",
        VOTED,
        D(2026, 10, 5, 9, 0),
        D(2026, 10, 7, 10, 0),
        D(2026, 10, 12, 9, 0),
        D(2026, 10, 13, 8, 30),
    ),
    "KT": UnitStory(
        "kt",
        DutyRating.EXCELLENT,
        "Bản đồ số các tuyến phố kinh doanh, dịch vụ",
        DECIDED,
        D(2026, 10, 5, 9, 30),
        D(2026, 10, 7, 10, 30),
        D(2026, 10, 12, 9, 30),
        D(2026, 10, 13, 8, 30),
    ),
}
# The council's sessions: the first voted on Tư pháp and Kinh tế and is closed; the second
# is open for what is ready next (its day follows today: settle_demo_dates).
FIRST_SESSION = ("Phiên họp xét khen thưởng đợt 1 năm 2026", D(2026, 11, 2, 8, 0))
FIRST_SESSION_DAY = datetime.date(2026, 11, 6)
SECOND_SESSION = ("Phiên họp xét khen thưởng đợt 2 năm 2026", D(2026, 11, 30, 8, 0))
SECOND_SESSION_DAY = datetime.date(2026, 12, 11)
DRAFTED_DECISIONS = D(2026, 11, 9, 9, 0)
DECISION_SIGNED = D(2026, 11, 12, 15, 0)
CERTIFICATES_PRINTED = D(2026, 11, 13, 9, 0)
DRAFTED_PENDING_DECISION = D(2026, 12, 3, 9, 0)


def _nominees(story: UnitStory, people: list[Person]) -> tuple[Person | None, list[Person]]:
    """Who the clerk proposes: for Chiến sĩ thi đua cơ sở the best of the unit (only where
    the unit proposes enough Lao động tiên tiến for the E-05 share), and for Lao động tiên
    tiến the first six of the unit where the dossier still awaits appraisal (the appraisal
    then shows a rating too low and a short year, E-01 and E-02), elsewhere everyone
    rated at least "hoàn thành tốt" who worked the whole year without discipline."""
    if story.reaches <= SUBMITTED:
        return people[0], people[:6]
    # Indices as `demo.awards._records` rates them: every fourth "hoàn thành", the sixth
    # eight months, the seventh reprimanded.
    workers = [p for i, p in enumerate(people) if i % 4 != 3 and i not in (5, 6)]
    return (people[0] if len(workers) >= 7 else None), workers


def _draft(unit: Unit, story: UnitStory, people: list[Person], year: int) -> Nomination:
    """The clerk's dossier: the unit's summary of achievements and a claim per line, the
    unit itself proposed for Tập thể lao động tiên tiến."""
    clerk = User.objects.get(username=f"canbo.{story.account}")
    best, workers = _nominees(story, people)
    with clock.at(story.drafted):
        nomination = create_nomination(
            user=clerk,
            unit=unit,
            year=year,
            title=f"Tờ trình đề nghị công nhận danh hiệu thi đua năm {year}",
            summary=(
                f"{unit.name} hoàn thành xuất sắc nhiệm vụ năm {year}; 100% cán bộ hoàn thành "
                f"nhiệm vụ; sáng kiến “{story.initiative}” được công nhận cấp cơ sở."
            ),
        )
        awards = {award.code: award for award in Award.objects.filter(code__in=CODES)}
        if best is not None:
            add_nominee(
                nomination=nomination,
                user=clerk,
                award=awards["cstdcs"],
                subject_kind=SubjectKind.INDIVIDUAL,
                person=best,
                achievement=(
                    f"Hai năm liền Chiến sĩ thi đua cơ sở; chủ trì sáng kiến “{story.initiative}”."
                ),
            )
        for person in workers:
            add_nominee(
                nomination=nomination,
                user=clerk,
                award=awards["ldtt"],
                subject_kind=SubjectKind.INDIVIDUAL,
                person=person,
                achievement="Hoàn thành tốt nhiệm vụ; tích cực tham gia phong trào “Dân vận khéo”.",
            )
        add_nominee(
            nomination=nomination,
            user=clerk,
            award=awards["ttldtt"],
            subject_kind=SubjectKind.COLLECTIVE,
            subject_unit=unit,
            achievement="Hoàn thành tốt nhiệm vụ và kế hoạch năm; nội bộ đoàn kết.",
        )
    return nomination


CODES = ("cstdcs", "ldtt", "ttldtt")


def _advance(nomination: Nomination, story: UnitStory, staff: User) -> None:
    """The head submits; staff appraise from the records and publish the list."""
    if story.reaches >= SUBMITTED:
        head = User.objects.get(username=f"thutruong.{story.account}")
        with clock.at(story.submitted):
            submit_nomination(nomination=nomination, user=head)
    if story.reaches >= IN_NOTICE:
        with clock.at(story.appraised):
            appraise_nomination(nomination=nomination, user=staff)
        with clock.at(story.published) as moment:
            publish_nomination(nomination=nomination, user=staff, day=moment.date())


def _vote(nominations: list[Nomination], staff: User) -> CouncilSession:
    """The first session: both members present, each votes yes on every line, staff count."""
    members = list(User.objects.filter(username__in=COUNCIL).order_by("username"))
    title, created = FIRST_SESSION
    with clock.at(created):
        session = create_session(
            user=staff, title=title, held_on=FIRST_SESSION_DAY, members=members
        )
    with clock.at(D.combine(FIRST_SESSION_DAY, datetime.time(8, 30))) as moment:
        for member in members:
            set_attendance(session=session, member=member, present=True)
        for nomination in nominations:
            send_to_council(nomination=nomination, user=staff, session=session, day=moment.date())
    with clock.at(D.combine(FIRST_SESSION_DAY, datetime.time(10, 0))):
        for nomination in nominations:
            nomination.refresh_from_db()
            lines = nomination.lines.values_list("pk", flat=True)
            for member in members:
                cast_ballot(
                    nomination=nomination,
                    member=member,
                    choices=dict.fromkeys(lines, BallotChoice.YES),
                )
        close_session(session=session, user=staff)
    return session


def _decide(nomination: Nomination, staff: User) -> None:
    """Staff draft the decision, the chairperson signs it with password and consent, staff
    print its certificates."""
    chair = User.objects.get(username=CHAIR)
    with clock.at(DRAFTED_DECISIONS):
        decision = _draft_decision(nomination, staff)
    sign_as_the_chair(decision, chair, DECISION_SIGNED)
    with clock.at(CERTIFICATES_PRINTED):
        decision.refresh_from_db()
        request_certificates(decision=decision, user=staff)


def sign_as_the_chair(decision, chair: User, when: D) -> None:
    """The chairperson signs `decision` at `when`, with the summary shown, consent and the
    password entered again, from the office's computer."""
    with clock.at(when) as moment:
        sign_decision_with_evidence(
            decision=decision,
            user=chair,
            day=moment.date(),
            shown_hash=signing_summary(decision, moment.date()).sha256,
            consent_version=policy.CONSENT_VERSION,
            auth_method=AuthMethod.PASSWORD,
            authenticated_at=moment,
            meta=clock.SIGNING_META,
        )


def _draft_decision(nomination: Nomination, staff: User):
    nomination.refresh_from_db()
    return draft_decision(
        user=staff,
        year=nomination.year,
        title=(
            f"Quyết định công nhận danh hiệu thi đua năm {nomination.year} "
            f"cho {nomination.unit.name}"
        ),
        lines=nomination.lines.filter(approved=True).select_related("award", "nomination"),
    )


def tell_the_nominations(
    *, authority: Authority, year: int, people: dict[str, list[Person]]
) -> list[Nomination]:
    """Every nomination of the story, each taken as far as its unit's story goes; the second
    session is opened for what comes next."""
    staff = User.objects.get(username=STAFF)
    nominations = {}
    for code, story in NOMINATING_UNITS.items():
        unit = Unit.objects.get(authority=authority, code=code)
        nominations[code] = _draft(unit, story, people[code], year)
        _advance(nominations[code], story, staff)
    voted = [nominations[code] for code, s in NOMINATING_UNITS.items() if s.reaches >= VOTED]
    _vote(voted, staff)
    for code, story in NOMINATING_UNITS.items():
        if story.reaches == DECIDED:
            _decide(nominations[code], staff)
    with clock.at(DRAFTED_PENDING_DECISION):
        for code, story in NOMINATING_UNITS.items():
            if story.reaches == VOTED:
                _draft_decision(nominations[code], staff)
    title, created = SECOND_SESSION
    with clock.at(created):
        create_session(
            user=staff,
            title=title,
            held_on=SECOND_SESSION_DAY,
            members=User.objects.filter(username__in=COUNCIL).order_by("username"),
        )
    return list(nominations.values())
