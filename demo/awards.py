"""The awards part of the demo authority (code "quan-1") for the demo year 2026: the year's
records of six units (ratings, months worked, an initiative, a reprimand, earlier titles) and
nominations at every step of their way (`demo.nominations`).

Everything is written through the services, each step on the day the story tells
(`demo.clock`), so the demo's history reads like real use and the fixture is the same on every
build. Loaded after fixtures/demo.json and fixtures/demo_targets.json.
"""

import datetime

from django.db import transaction

from awards.enums import DisciplineLevel, DutyRating, InitiativeLevel
from awards.models import (
    Award,
    BallotCast,
    Certificate,
    CouncilMembership,
    CouncilSession,
    Decision,
    DecisionLine,
    DecisionRegister,
    DecisionSignature,
    Discipline,
    Initiative,
    Nomination,
    NominationEvent,
    NominationLine,
    PersonYear,
    TitleHeld,
    UnitYear,
    VoteTally,
)
from awards.records.selectors import year_roll
from demo import clock
from demo.fixtures import in_pk_order, queued_again
from demo.nominations import NOMINATING_UNITS, tell_the_nominations
from documents.models import Job
from emulation.models import Authority, Person, Unit

DEMO_AUTHORITY = "quan-1"
DEMO_YEAR = 2026
# When the units recorded their year (đánh giá, xếp loại cuối năm).
RECORDED_AT = datetime.datetime(2026, 10, 5, 9, 0)


def _rating(index: int) -> DutyRating:
    """First of a unit excellent, then good, every fourth "hoàn thành"."""
    if index == 0:
        return DutyRating.EXCELLENT
    if index % 4 == 3:
        return DutyRating.COMPLETED
    return DutyRating.GOOD


def _records(unit: Unit, rating: DutyRating, *, initiative: str) -> list[Person]:
    """The unit's year: a rating for it and for each of its people (the sixth worked eight
    months, the seventh was reprimanded), an initiative of its best, and the titles its best
    four held in the two years before."""
    people = [row["person"] for row in year_roll(unit, DEMO_YEAR)]
    UnitYear.objects.create(unit=unit, year=DEMO_YEAR, duty_rating=rating)
    for index, person in enumerate(people):
        PersonYear.objects.create(
            person=person,
            unit=unit,
            year=DEMO_YEAR,
            duty_rating=_rating(index),
            months_worked=8 if index == 5 else 12,
        )
    best = people[0]
    Initiative.objects.create(
        person=best,
        title=initiative,
        level=InitiativeLevel.BASE,
        decision_number="112/QĐ-UBND",
        recognised_on=datetime.date(DEMO_YEAR, 9, 25),
    )
    ldtt, cstdcs = Award.objects.get(code="ldtt"), Award.objects.get(code="cstdcs")
    for year in (DEMO_YEAR - 2, DEMO_YEAR - 1):
        TitleHeld.objects.create(
            person=best, award=cstdcs, year=year, decision_reference=f"15/QĐ-UBND ({year + 1})"
        )
        for person in people[1:4]:
            TitleHeld.objects.create(
                person=person, award=ldtt, year=year, decision_reference=f"14/QĐ-UBND ({year + 1})"
            )
    Discipline.objects.create(
        person=people[6],
        level=DisciplineLevel.REPRIMAND,
        decided_on=datetime.date(DEMO_YEAR, 5, 20),
        decision_number="45/QĐ-UBND",
    )
    return people


@transaction.atomic
def seed_demo_awards(*, authority: Authority) -> list[Nomination]:
    """Write the demo's awards data for `authority` (fixtures/demo.json loaded): the records of
    each nominating unit, then its nomination, taken as far as the story goes."""
    with clock.seeded_codes():
        people = {}
        with clock.at(RECORDED_AT):
            for code, story in NOMINATING_UNITS.items():
                unit = Unit.objects.get(authority=authority, code=code)
                people[code] = _records(unit, story.rating, initiative=story.initiative)
        return tell_the_nominations(authority=authority, year=DEMO_YEAR, people=people)


def demo_records(*, authority: Authority) -> list:
    """The awards part of the demo, as fixtures/demo_awards.json holds it (loaded after
    fixtures/demo.json). The document jobs (decision, certificates) are left queued: the
    worker draws them when the demo starts."""
    decisions = Decision.objects.filter(authority=authority)
    return in_pk_order(
        UnitYear.objects.filter(unit__authority=authority),
        PersonYear.objects.filter(unit__authority=authority),
        Initiative.objects.filter(person__authority=authority),
        Discipline.objects.filter(person__authority=authority),
        CouncilSession.objects.filter(authority=authority),
        CouncilMembership.objects.filter(session__authority=authority),
        Nomination.objects.filter(authority=authority),
        NominationLine.objects.filter(nomination__authority=authority),
        NominationEvent.objects.filter(nomination__authority=authority),
        BallotCast.objects.filter(nomination__authority=authority),
        VoteTally.objects.filter(line__nomination__authority=authority),
        queued_again(Job.objects.filter(authority_id=authority.pk).order_by("pk")),
        DecisionRegister.objects.filter(authority=authority),
        decisions,
        DecisionLine.objects.filter(decision__in=decisions),
        DecisionSignature.objects.filter(decision__in=decisions),
        TitleHeld.objects.filter(person__authority=authority),
        Certificate.objects.filter(authority=authority),
    )
