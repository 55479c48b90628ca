"""Reads of the awards app: the rule set and base salary in force, the facts the eligibility
engine judges, and the scoped lists the pages show."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from awards.eligibility import (
    Failure,
    PersonFacts,
    RuleValues,
    UnitFacts,
    cstdcs_cap_failures,
    meets_ldtt,
    person_failures,
    registration_failures,
    unit_failures,
)
from awards.enums import (
    ACTIVE_STATES,
    AwardCategory,
    AwardCode,
    DecidingLevel,
    DecisionStatus,
    NominationState,
    SessionState,
    SubjectKind,
)
from awards.models import (
    Award,
    AwardRuleSet,
    BallotCast,
    BaseSalary,
    Certificate,
    ClusterVote,
    CouncilSession,
    Decision,
    Discipline,
    Initiative,
    Nomination,
    NominationLine,
    PersonYear,
    Submission,
    TitleHeld,
    UnitYear,
)
from emulation.enums import AUTHORITY_WIDE_ROLES, Role
from emulation.models import Employment, Unit, User
from emulation.movements.catalogue import RegistrableTitle
from emulation.movements.selectors import is_registered
from emulation.scoring.selectors import unit_leads
from emulation.selectors import units_in_scope


class MissingSettingError(Exception):
    """No rule set or base salary covers the date; the message is Vietnamese."""


def evaluation_day(year: int) -> datetime.date:
    """The rules of an evaluation year are those in force on its last day."""
    return datetime.date(year, 12, 31)


def rule_set_for(award: Award, year: int) -> AwardRuleSet:
    rule_set = award.rule_set_on(evaluation_day(year))
    if rule_set is None:
        raise MissingSettingError(
            _("Chưa có quy định cho “%(award)s” áp dụng năm %(year)s.")
            % {"award": award.name, "year": year}
        )
    return rule_set


def rule_values(rule_set: AwardRuleSet) -> RuleValues:
    return RuleValues(
        min_months_worked=rule_set.min_months_worked,
        requires_initiative=rule_set.requires_initiative,
        max_ratio=rule_set.max_ratio,
        max_ratio_rounding=rule_set.max_ratio_rounding,
        min_member_ratio=rule_set.min_member_ratio,
        consecutive_years=rule_set.consecutive_years,
    )


def award_rules(code: str, year: int) -> RuleValues:
    return rule_values(rule_set_for(Award.objects.get(code=code), year))


def base_salary_on(day: datetime.date) -> Decimal:
    """Mức lương cơ sở in force on `day` (R-M1)."""
    row = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if row is None:
        raise MissingSettingError(
            _("Chưa có mức lương cơ sở áp dụng ngày %(day)s.") % {"day": f"{day:%d/%m/%Y}"}
        )
    return row.amount


def _pending_lines(year: int, exclude_nomination_id: int | None) -> QuerySet[NominationLine]:
    lines = NominationLine.objects.filter(
        nomination__year=year, nomination__state__in=ACTIVE_STATES
    ).exclude(approved=False)
    if exclude_nomination_id is not None:
        lines = lines.exclude(nomination_id=exclude_nomination_id)
    return lines


def people_facts(
    person_ids: list[int], year: int, *, exclude_nomination_id: int | None = None
) -> dict[int, PersonFacts]:
    """PersonFacts for each person in a constant number of queries."""
    rows = {
        row.person_id: row for row in PersonYear.objects.filter(person_id__in=person_ids, year=year)
    }
    disciplines = defaultdict(list)
    for person_id, level in Discipline.objects.filter(
        person_id__in=person_ids, decided_on__year=year
    ).values_list("person_id", "level"):
        disciplines[person_id].append(level)
    initiatives = defaultdict(lambda: defaultdict(list))
    for person_id, day, level in Initiative.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "recognised_on", "level"
    ):
        initiatives[person_id][day.year].append(level)
    titles = defaultdict(lambda: defaultdict(set))
    for person_id, title_year, code in TitleHeld.objects.filter(
        person_id__in=person_ids, revoked=False
    ).values_list("person_id", "year", "award__code"):
        titles[person_id][title_year].add(code)
    pending = defaultdict(set)
    for person_id, code in (
        _pending_lines(year, exclude_nomination_id)
        .filter(person_id__in=person_ids)
        .values_list("person_id", "award__code")
    ):
        pending[person_id].add(code)
    facts = {}
    for person_id in person_ids:
        row = rows.get(person_id)
        facts[person_id] = PersonFacts(
            year=year,
            duty_rating=row.duty_rating if row else None,
            months_worked=row.months_worked if row else None,
            disciplines=tuple(disciplines[person_id]),
            initiatives={y: tuple(levels) for y, levels in initiatives[person_id].items()},
            titles={y: frozenset(codes) for y, codes in titles[person_id].items()},
            pending=frozenset(pending[person_id]),
        )
    return facts


def roll_person_ids(unit: Unit, year: int) -> list[int]:
    """The unit's member roll for the year (danh sách thành viên)."""
    return list(
        PersonYear.objects.filter(unit=unit, year=year)
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )


def unit_rating(unit: Unit, year: int) -> str | None:
    return (
        UnitYear.objects.filter(unit=unit, year=year).values_list("duty_rating", flat=True).first()
    )


def unit_facts(unit: Unit, year: int, *, exclude_nomination_id: int | None = None) -> UnitFacts:
    rating = unit_rating(unit, year)
    members = people_facts(roll_person_ids(unit, year), year)
    titles = defaultdict(set)
    for title_year, code in TitleHeld.objects.filter(unit=unit, revoked=False).values_list(
        "year", "award__code"
    ):
        titles[title_year].add(code)
    pending = set(
        _pending_lines(year, exclude_nomination_id)
        .filter(subject_unit=unit)
        .values_list("award__code", flat=True)
    )
    return UnitFacts(
        year=year,
        duty_rating=rating,
        members=tuple(members.values()),
        dissolved=unit.valid_to is not None or unit.merged_into_id is not None,
        titles={y: frozenset(codes) for y, codes in titles.items()},
        pending=frozenset(pending),
    )


def _cstdcs_cap(line: NominationLine, year: int) -> list[Failure]:
    """E-05 for the roll unit of a CSTĐCS nominee: every active CSTĐCS nominee of that unit
    this year, this nomination included, against its LĐTT count."""
    roll = PersonYear.objects.filter(person_id=line.person_id, year=year).first()
    if roll is None:
        return []
    roll_ids = roll_person_ids(roll.unit, year)
    ldtt_rules = award_rules(AwardCode.LDTT, year)
    members = people_facts(roll_ids, year)
    ldtt_count = sum(meets_ldtt(member, ldtt_rules) for member in members.values())
    nominated = NominationLine.objects.filter(
        Q(nomination__state__in=ACTIVE_STATES) | Q(nomination_id=line.nomination_id),
        nomination__year=year,
        award__code=AwardCode.CSTDCS,
        person_id__in=roll_ids,
    ).exclude(approved=False)
    return cstdcs_cap_failures(
        cstdcs_count=nominated.values("person_id").distinct().count(),
        ldtt_count=ldtt_count,
        rules=award_rules(AwardCode.CSTDCS, year),
    )


def registrable_titles() -> list[RegistrableTitle]:
    """The emulation titles (danh hiệu thi đua) of the catalogue a unit may register for at
    the start of the year; the source registered with emulation's registration pages."""
    return [
        RegistrableTitle(
            code=award.code,
            name=award.name,
            for_individual=award.for_individual,
            for_collective=award.for_collective,
        )
        for award in Award.objects.filter(category=AwardCategory.TITLE)
    ]


def line_registration(line: NominationLine) -> bool | None:
    """Whether the nominee registered for the line's title (None: not required, or a
    household, which does not register)."""
    if line.award.category != AwardCategory.TITLE or line.subject_kind == SubjectKind.HOUSEHOLD:
        return None
    return is_registered(
        authority_id=line.nomination.authority_id,
        year=line.nomination.year,
        title_code=line.award.code,
        person_id=line.person_id if line.subject_kind == SubjectKind.INDIVIDUAL else None,
        unit_id=line.subject_unit_id,
    )


def line_failures(line: NominationLine) -> list[Failure]:
    """Every failed rule of one nominee, from the records and the rules of the year."""
    year = line.nomination.year
    code = line.award.code
    rules = rule_values(rule_set_for(line.award, year))
    ldtt_rules = award_rules(AwardCode.LDTT, year)
    exclude = line.nomination_id
    failures = registration_failures(line_registration(line))
    if line.subject_kind == SubjectKind.INDIVIDUAL:
        person = people_facts([line.person_id], year, exclude_nomination_id=exclude)[line.person_id]
        failures += person_failures(code, person, rules, ldtt_rules)
        if code == AwardCode.CSTDCS:
            failures += _cstdcs_cap(line, year)
        return failures
    if line.subject_kind == SubjectKind.COLLECTIVE:
        facts = unit_facts(line.subject_unit, year, exclude_nomination_id=exclude)
        if code == AwardCode.CO_TINH:
            facts = replace(facts, leads_cluster=unit_leads(line.subject_unit, year))
        failures += unit_failures(code, facts, rules, ldtt_rules)
    return failures


def nominations_for(user: User) -> QuerySet[Nomination]:
    """Nominations the user may see: those of units in the user's scope."""
    return (
        Nomination.objects.filter(unit__in=units_in_scope(user))
        .select_related("unit", "created_by")
        .order_by("-year", "-created_at", "-pk")
    )


def cluster_votes_for(user: User) -> QuerySet[ClusterVote]:
    """Cluster votes the user may find: every vote of the authority for its wide roles, the
    votes of the clusters its unit belongs to for a unit's users; none without a unit."""
    unit = getattr(user, "unit", None)
    if unit is None:
        return ClusterVote.objects.none()
    votes = ClusterVote.objects.filter(authority_id=unit.authority_id)
    if user.role not in AUTHORITY_WIDE_ROLES:
        votes = votes.filter(cluster__memberships__unit_id=unit.pk)
    return votes.select_related("cluster", "scoring_round", "head_unit", "proposal")


def nomination_detail(user: User, pk: int) -> Nomination | None:
    return (
        nominations_for(user)
        .prefetch_related("lines__award", "lines__person", "lines__subject_unit", "objections")
        .filter(pk=pk)
        .first()
    )


def reviewer_queue(user: User, *, state: str = "", year: int | None = None) -> QuerySet[Nomination]:
    """The staff's queue: submitted and later nominations, oldest first, filterable."""
    states = (
        [state]
        if state
        else [
            NominationState.SUBMITTED,
            NominationState.APPRAISED,
            NominationState.PUBLIC_NOTICE,
            NominationState.IN_COUNCIL,
            NominationState.APPROVED,
        ]
    )
    queue = nominations_for(user).filter(state__in=states)
    if year:
        queue = queue.filter(year=year)
    return queue.order_by("created_at", "pk")


def decisions_for(user: User) -> QuerySet[Decision]:
    if not user.is_authenticated or not user.unit_id:
        return Decision.objects.none()
    return Decision.objects.filter(authority_id=user.unit.authority_id).select_related("signed_by")


def decided_by_superior(line: NominationLine) -> bool:
    """Whether the rules of the line's year leave its award to the superior body (DOMAIN §4.1)."""
    try:
        rule_set = rule_set_for(line.award, line.nomination.year)
    except MissingSettingError:
        return False
    return rule_set.deciding_level == DecidingLevel.SUPERIOR


def submissions_for(user: User) -> QuerySet[Submission]:
    """Submissions to the superior of the user's authority."""
    if not user.is_authenticated or not user.unit_id:
        return Submission.objects.none()
    return Submission.objects.filter(authority_id=user.unit.authority_id).select_related(
        "signed_by", "authority"
    )


def submission_lines(submission: Submission) -> QuerySet:
    return submission.lines.select_related(
        "nomination_line__award",
        "nomination_line__person",
        "nomination_line__subject_unit",
        "nomination_line__nomination__unit",
    )


def submission_nominations(submission: Submission) -> list[Nomination]:
    """The nominations whose nominees a submission forwards, in creation order."""
    return list(
        Nomination.objects.filter(lines__submission_line__submission=submission)
        .distinct()
        .order_by("pk")
    )


def forwardable_lines(user: User) -> list[NominationLine]:
    """Nominees the council approved, of nominations still approved, whose award the superior
    decides and which no submission lists yet: what a new submission may forward."""
    if not user.is_authenticated or not user.unit_id:
        return []
    candidates = (
        NominationLine.objects.filter(
            approved=True,
            nomination__state=NominationState.APPROVED,
            nomination__authority_id=user.unit.authority_id,
            submission_line__isnull=True,
        )
        .select_related("award", "person", "subject_unit", "nomination__unit")
        .order_by("nomination__year", "nomination_id", "award__sort_order", "pk")
    )
    return [line for line in candidates if decided_by_superior(line)]


def decision_lines(decision: Decision) -> QuerySet:
    return decision.lines.select_related(
        "nomination_line__award",
        "nomination_line__person",
        "nomination_line__subject_unit",
        "nomination_line__nomination__unit",
    )


def recovery_list(decision: Decision) -> list[dict]:
    """E-18: what is to be recovered from a revoked decision: each awardee, award and amount."""
    if decision.status != DecisionStatus.REVOKED:
        return []
    return [
        {
            "subject": line.nomination_line.subject_name,
            "award": line.nomination_line.award.name,
            "amount": line.amount or Decimal(0),
        }
        for line in decision_lines(decision)
    ]


def council_candidates(user: User) -> QuerySet[User]:
    """Users of the authority who may sit on the council."""
    if not user.unit_id:
        return User.objects.none()
    return (
        User.objects.filter(
            unit__authority_id=user.unit.authority_id,
            role__in=[Role.COUNCIL_MEMBER, Role.CHAIRPERSON],
            is_active=True,
        )
        .select_related("unit")
        .order_by("last_name", "first_name", "pk")
    )


def sessions_for(user: User) -> QuerySet[CouncilSession]:
    if not user.unit_id:
        return CouncilSession.objects.none()
    return CouncilSession.objects.filter(authority_id=user.unit.authority_id).order_by(
        "-held_on", "-pk"
    )


def ready_for_council(session: CouncilSession) -> QuerySet[Nomination]:
    """Published nominations of the session's authority that may be put on its agenda."""
    return Nomination.objects.filter(
        authority_id=session.authority_id, state=NominationState.PUBLIC_NOTICE
    ).select_related("unit")


def award_history(user: User, *, search: str = "", year: int | None = None) -> QuerySet[TitleHeld]:
    """Titles and forms held by people and units in the user's scope, across years; a person
    counts as in scope when they have worked in a unit of the scope."""
    units = units_in_scope(user)
    people = Employment.objects.filter(unit__in=units).values("person_id")
    titles = TitleHeld.objects.filter(Q(unit__in=units) | Q(person_id__in=people))
    if search:
        titles = titles.filter(
            Q(person__full_name__icontains=search)
            | Q(unit__name__icontains=search)
            | Q(decision_reference__icontains=search)
        )
    if year:
        titles = titles.filter(year=year)
    return titles.select_related("person", "unit", "award").order_by(
        "-year", "person__full_name", "unit__name", "pk"
    )


def year_roll(unit: Unit, year: int) -> list[dict]:
    """The people working in `unit` at the end of `year`, each with their record if any."""
    day = evaluation_day(year)
    staff = [
        employment.person
        for employment in Employment.objects.current_on(day)
        .filter(unit=unit)
        .select_related("person")
        .order_by("person__full_name", "person_id")
    ]
    records = {
        row.person_id: row
        for row in PersonYear.objects.filter(person__in=staff, year=year).select_related("unit")
    }
    return [{"person": person, "record": records.get(person.pk)} for person in staff]


# A person without a record yet is offered the whole year.
FULL_YEAR_MONTHS = 12


@dataclass(frozen=True)
class RollLine:
    """One line of the annual records page: a person on the roll and what is recorded."""

    person_id: int
    full_name: str
    duty_rating: str  # "" when nothing is recorded yet
    months_worked: int


def records_sheet(unit: Unit, year: int) -> list[RollLine]:
    """The roll of `year_roll` as plain lines for the annual records page (kết quả năm): one
    query whatever the number of people, the record read by subqueries, no model instances."""
    records = PersonYear.objects.filter(person_id=OuterRef("person_id"), year=year)
    rows = (
        Employment.objects.current_on(evaluation_day(year))
        .filter(unit=unit)
        .order_by("person__full_name", "person_id")
        .annotate(
            rating=Subquery(records.values("duty_rating")[:1]),
            months=Subquery(records.values("months_worked")[:1]),
        )
        .values_list("person_id", "person__full_name", "rating", "months")
    )
    return [
        RollLine(
            person_id=person_id,
            full_name=full_name,
            duty_rating=rating or "",
            months_worked=FULL_YEAR_MONTHS if months is None else months,
        )
        for person_id, full_name, rating, months in rows
    ]


def ballots_for(user: User) -> list[dict]:
    """Nominations awaiting the member's ballot in open sessions they sit on: whether they
    have voted, and whether they are recused (their own unit's nomination)."""
    nominations = (
        Nomination.objects.filter(
            state=NominationState.IN_COUNCIL,
            council_session__state=SessionState.OPEN,
            council_session__memberships__user=user,
        )
        .select_related("unit", "council_session")
        .order_by("council_session__held_on", "pk")
    )
    voted = set(
        BallotCast.objects.filter(member=user, nomination__in=nominations).values_list(
            "nomination_id", flat=True
        )
    )
    return [
        {
            "nomination": nomination,
            "voted": nomination.pk in voted,
            "recused": nomination.unit_id == user.unit_id,
        }
        for nomination in nominations
    ]


def certificates_for(user: User) -> QuerySet[Certificate]:
    """Certificates of the user's authority, with what their pages show."""
    if not user.is_authenticated or not user.unit_id:
        return Certificate.objects.none()
    return Certificate.objects.filter(authority_id=user.unit.authority_id).select_related(
        "decision_line__decision",
        "decision_line__nomination_line__award",
        "decision_line__nomination_line__person",
        "decision_line__nomination_line__subject_unit",
    )


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with public `code` (any authority: the code is the key), or None."""
    return (
        Certificate.objects.filter(code=code.strip().upper())
        .select_related(
            "authority",
            "decision_line__decision",
            "decision_line__nomination_line__award",
            "decision_line__nomination_line__person",
            "decision_line__nomination_line__subject_unit",
            "decision_line__nomination_line__nomination__unit",
        )
        .first()
    )


def certificate_is_valid(certificate: Certificate) -> bool:
    """Computed each time from the decision: revoking the decision revokes its certificates."""
    return certificate.decision_line.decision.status == DecisionStatus.SIGNED
