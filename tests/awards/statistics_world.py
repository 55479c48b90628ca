"""Hand-made records for the statistical forms: a province whose units represent two communes
(and a third only until 2024), each commune with people, units, movements and awards of the
province level decided by the province, by hand, revoked or out of the period."""

import datetime

from django.utils import timezone

from awards.enums import AwardCode, DecisionStatus, SubjectKind
from awards.models import (
    Award,
    Decision,
    DecisionLine,
    NominationLine,
    Submission,
    SubmissionLine,
)
from emulation.enums import AuthorityLevel, Role, StaffCategory, UnitKind
from emulation.models.movements import Milestone, Movement
from emulation.movements.enums import MilestoneKind, MovementKind
from tests.awards.factories import NominationFactory, TitleHeldFactory
from tests.factories import (
    AuthorityFactory,
    EmploymentFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
)

D = datetime.date


def province_authority():
    return AuthorityFactory(identity__level=AuthorityLevel.PROVINCE, identity__name="Tỉnh Thử")


def represent(province, commune, **kwargs):
    """The province's unit standing for `commune`, listed after those made before it."""
    return UnitFactory(
        authority=province,
        represents=commune,
        kind=UnitKind.WARD,
        name=str(commune),
        sort_order=province.units.count(),
        **kwargs,
    )


def decision(authority, signed_on, *, status=DecisionStatus.SIGNED, revoked_on=None):
    owner = UserFactory(role=Role.AUTHORITY_STAFF, unit=UnitFactory(authority=authority))
    return Decision.objects.create(
        authority=authority,
        year=signed_on.year,
        title="Quyết định khen thưởng",
        created_by=owner,
        status=status,
        signed_on=signed_on,
        revoked_on=revoked_on,
    )


def award_line(paper, code, *, person=None, unit=None, household="", forwarded_from=None):
    """A line of `paper` (a decision) awarding `code` to a person, a unit or a household,
    proposed by a nomination of the decision's authority."""
    kind = (
        SubjectKind.INDIVIDUAL
        if person
        else SubjectKind.COLLECTIVE
        if unit
        else SubjectKind.HOUSEHOLD
    )
    nomination = NominationFactory(unit=UnitFactory(authority=paper.authority))
    line = NominationLine.objects.create(
        nomination=nomination,
        award=Award.objects.get(code=code),
        subject_kind=kind,
        person=person,
        subject_unit=unit,
        household_name=household,
        forwarded_from=forwarded_from,
    )
    return DecisionLine.objects.create(decision=paper, nomination_line=line)


def forwarded_household(commune, name):
    """A commune's household nominee as its signed submission sends it up."""
    nomination = NominationFactory(unit=UnitFactory(authority=commune))
    line = NominationLine.objects.create(
        nomination=nomination,
        award=Award.objects.get(code=AwardCode.BANG_KHEN_TINH),
        subject_kind=SubjectKind.HOUSEHOLD,
        household_name=name,
    )
    submission = Submission.objects.create(
        authority=commune, year=2025, title="Tờ trình", created_by=nomination.created_by
    )
    return SubmissionLine.objects.create(submission=submission, nomination_line=line)


def commune_awards(province, commune):
    """The commune's awardees, decided by the province in 2025 unless said otherwise.

    As of 30/11/2025 its 0603.N reads: Bằng khen 3 (cá nhân 2: 1 công chức, 1 chưa xác định;
    hộ gia đình 1); CSTĐ tỉnh 1 (cá nhân, người lao động); Cờ thi đua 1 (tập thể, doanh
    nghiệp); TTLĐXS 1 (tập thể, recorded by hand). On 31/08/2025 a CSTĐ tỉnh to the civil
    servant is still in force (revoked 01/09); on 31/12/2025 a Cờ thi đua to the office is
    signed (20/12)."""
    office = UnitFactory(authority=commune, kind=UnitKind.SPECIALIST_OFFICE)
    enterprise = UnitFactory(authority=commune, kind=UnitKind.ENTERPRISE)
    servant = EmploymentFactory(person=PersonFactory(authority=commune), unit=office).person
    worker = PersonFactory(authority=commune)
    EmploymentFactory(
        person=worker,
        unit=office,
        category=StaffCategory.PUBLIC_EMPLOYEE,
        end_date=D(2025, 3, 1),
    )
    EmploymentFactory(
        person=worker, unit=enterprise, category=StaffCategory.WORKER, start_date=D(2025, 3, 2)
    )
    newcomer = PersonFactory(authority=commune)
    june = decision(province, D(2025, 6, 10))
    award_line(june, AwardCode.BANG_KHEN_TINH, person=servant)
    award_line(june, AwardCode.CSTD_TINH, person=worker)
    award_line(june, AwardCode.BANG_KHEN_TINH, person=newcomer)
    award_line(june, AwardCode.CO_TINH, unit=enterprise)
    award_line(
        june,
        AwardCode.BANG_KHEN_TINH,
        household="Hộ ông Nguyễn Văn Ba",
        forwarded_from=forwarded_household(commune, "Hộ ông Nguyễn Văn Ba"),
    )
    award_line(june, AwardCode.LDTT, person=servant)  # not of the province level
    revoked = decision(
        province, D(2025, 5, 2), status=DecisionStatus.REVOKED, revoked_on=D(2025, 9, 1)
    )
    award_line(revoked, AwardCode.CSTD_TINH, person=servant)
    draft = decision(province, D(2025, 6, 1), status=DecisionStatus.DRAFT)
    award_line(draft, AwardCode.BANG_KHEN_TINH, person=servant)
    award_line(decision(province, D(2025, 12, 20)), AwardCode.CO_TINH, unit=office)
    award_line(decision(province, D(2024, 12, 20)), AwardCode.CO_TINH, unit=office)
    ttldxs = Award.objects.get(code=AwardCode.TTLDXS)
    TitleHeldFactory(person=None, unit=office, award=ttldxs, year=2024, decided_on=D(2025, 4, 1))
    TitleHeldFactory(
        person=None, unit=office, award=ttldxs, year=2023, decided_on=D(2025, 4, 1), revoked=True
    )
    TitleHeldFactory(person=None, unit=office, award=ttldxs, year=2023, decided_on=D(2024, 4, 1))
    return office


def commune_movements(commune):
    """As of 30/11/2025: one regular movement (a year, 3 units, reviewed mid-year only by the
    day) and one thematic (three months, 1 unit, reviewed at its end); one launched in 2024 and
    one launched in December do not count."""
    owner = UserFactory(role=Role.AUTHORITY_STAFF, unit=UnitFactory(authority=commune))

    def movement(kind, launched, start, end, units=0):
        made = Movement.objects.create(
            authority=commune,
            kind=kind,
            name="Phong trào",
            launched_by="UBND",
            launch_date=launched,
            period_start=start,
            period_end=end,
            created_by=owner,
        )
        made.units.set([UnitFactory(authority=commune) for _ in range(units)])
        return made

    regular = movement(MovementKind.REGULAR, D(2025, 1, 5), D(2025, 1, 1), D(2025, 12, 31), 3)
    reported = timezone.make_aware(datetime.datetime(2025, 7, 10, 9))
    Milestone.objects.create(
        movement=regular, kind=MilestoneKind.MID_YEAR, due_date=D(2025, 7, 1), reported_at=reported
    )
    Milestone.objects.create(
        movement=regular,
        kind=MilestoneKind.YEAR_END,
        due_date=D(2025, 12, 20),
        reported_at=timezone.make_aware(datetime.datetime(2025, 12, 21, 9)),
    )
    thematic = movement(MovementKind.THEMATIC, D(2025, 2, 20), D(2025, 3, 1), D(2025, 5, 31), 1)
    Milestone.objects.create(
        movement=thematic,
        kind=MilestoneKind.YEAR_END,
        due_date=D(2025, 6, 1),
        reported_at=timezone.make_aware(datetime.datetime(2025, 6, 2, 9)),
    )
    movement(MovementKind.THEMATIC, D(2024, 12, 1), D(2025, 1, 1), D(2025, 2, 1))
    movement(MovementKind.REGULAR, D(2025, 12, 1), D(2025, 12, 1), D(2026, 12, 1))
