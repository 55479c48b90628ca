"""The awards part of the demo authority (code "quan-1"): 2025 records for the staff of two
units, earlier titles, and nominations in progress — one submitted for the reviewer, one draft.

Everything is written through the services, so the demo's history reads like real use.
Loaded after fixtures/demo.json: `manage.py loaddata fixtures/demo.json fixtures/demo_awards.json`.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from awards.enums import DisciplineLevel, DutyRating, InitiativeLevel, SubjectKind
from awards.models import (
    Award,
    Discipline,
    Initiative,
    Nomination,
    NominationEvent,
    NominationLine,
    PersonYear,
    TitleHeld,
    UnitYear,
)
from awards.nominations.services import add_nominee, create_nomination, submit_nomination
from awards.records.selectors import year_roll
from demo.fixtures import in_pk_order
from emulation.models import Authority, Unit, User

DEMO_AUTHORITY = "quan-1"
DEMO_YEAR = 2025
# Unit code → (head's username, unit's own rating for the year).
DEMO_UNITS = {
    "VHTT": ("thutruong.vhtt", DutyRating.EXCELLENT),
    "GDDT": ("thutruong.gd", DutyRating.GOOD),
}
DEMO_MOMENT = datetime.datetime(2025, 12, 10, 9, 0)


def _rating(index: int) -> DutyRating:
    """First of a unit excellent, then good, every fourth "hoàn thành"."""
    if index == 0:
        return DutyRating.EXCELLENT
    if index % 4 == 3:
        return DutyRating.COMPLETED
    return DutyRating.GOOD


def _records(unit: Unit, rating: DutyRating) -> list:
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
        title="Số hóa hồ sơ thi đua, khen thưởng của đơn vị",
        level=InitiativeLevel.BASE,
        decision_number="112/QĐ-UBND",
        recognised_on=datetime.date(DEMO_YEAR, 10, 15),
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


def _nominate(unit: Unit, head: User, people: list, *, submit: bool) -> Nomination:
    nomination = create_nomination(
        user=head,
        unit=unit,
        year=DEMO_YEAR,
        title=f"Tờ trình đề nghị công nhận danh hiệu thi đua năm {DEMO_YEAR}",
        summary="Đơn vị hoàn thành tốt nhiệm vụ; phong trào thi đua thường xuyên, hiệu quả.",
    )
    ldtt, cstdcs = Award.objects.get(code="ldtt"), Award.objects.get(code="cstdcs")
    add_nominee(
        nomination=nomination,
        user=head,
        award=cstdcs,
        subject_kind=SubjectKind.INDIVIDUAL,
        person=people[0],
        achievement="Hoàn thành xuất sắc nhiệm vụ; sáng kiến được công nhận cấp cơ sở.",
    )
    for person in people[:6]:
        add_nominee(
            nomination=nomination,
            user=head,
            award=ldtt,
            subject_kind=SubjectKind.INDIVIDUAL,
            person=person,
            achievement="Hoàn thành tốt nhiệm vụ được giao.",
        )
    add_nominee(
        nomination=nomination,
        user=head,
        award=Award.objects.get(code="ttldtt"),
        subject_kind=SubjectKind.COLLECTIVE,
        subject_unit=unit,
        achievement="Hoàn thành tốt nhiệm vụ và kế hoạch năm.",
    )
    if submit:
        submit_nomination(nomination=nomination, user=head)
    return nomination


@transaction.atomic
def seed_demo_awards(*, authority: Authority) -> list[Nomination]:
    """Write the demo's awards data for `authority` (fixtures/demo.json loaded)."""
    nominations = []
    for index, (code, (username, rating)) in enumerate(DEMO_UNITS.items()):
        unit = Unit.objects.get(authority=authority, code=code)
        people = _records(unit, rating)
        head = User.objects.get(username=username)
        nominations.append(_nominate(unit, head, people, submit=index == 0))
    moment = timezone.make_aware(DEMO_MOMENT, timezone.get_default_timezone())
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(created_at=moment)
    NominationEvent.objects.filter(nomination__in=nominations).update(at=moment)
    return nominations


def demo_records(*, authority: Authority) -> list:
    """The awards part of the demo, as fixtures/demo_awards.json holds it (loaded after
    fixtures/demo.json)."""
    return in_pk_order(
        UnitYear.objects.filter(unit__authority=authority),
        PersonYear.objects.filter(unit__authority=authority),
        Initiative.objects.filter(person__authority=authority),
        Discipline.objects.filter(person__authority=authority),
        TitleHeld.objects.filter(person__authority=authority),
        Nomination.objects.filter(authority=authority),
        NominationLine.objects.filter(nomination__authority=authority),
        NominationEvent.objects.filter(nomination__authority=authority),
    )
