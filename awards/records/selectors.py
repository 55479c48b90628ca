"""Reads of the records (kết quả năm, kỷ luật, sáng kiến, danh hiệu đã đạt): the facts the
eligibility rules judge, a unit's roll for the annual records page, the award history.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery

from awards.catalogue.selectors import evaluation_day
from awards.eligibility import PersonFacts, UnitFacts
from awards.enums import ACTIVE_STATES
from awards.models import Discipline, Initiative, NominationLine, PersonYear, TitleHeld, UnitYear
from emulation.models import Employment, Unit, User
from emulation.selectors import units_in_scope


def _pending_lines(year: int, exclude_nomination_id: int | None) -> QuerySet[NominationLine]:
    """Claims still open for `year`. A line sent up to the superior on this instance is not
    one: the superior's received line is the same claim (awards.submissions.upward)."""
    lines = (
        NominationLine.objects.filter(nomination__year=year, nomination__state__in=ACTIVE_STATES)
        .exclude(approved=False)
        .exclude(submission_line__received_as__isnull=False)
    )
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


def award_history(user: User, *, search: str = "", year: int | None = None) -> QuerySet[TitleHeld]:
    """Titles and forms held by people and units in the user's scope, across years, with the
    money of those decided here or by the superior on this instance; a person counts as in
    scope when they have worked in a unit of the scope."""
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
    return titles.select_related("person", "unit", "award", "decision_line").order_by(
        "-year", "person__full_name", "unit__name", "pk"
    )
