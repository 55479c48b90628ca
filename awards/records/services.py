"""Writes of the records: a unit's annual ratings and months worked (kết quả năm)."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from awards.enums import DutyRating
from awards.errors import AwardsError
from awards.models import PersonYear, UnitYear
from emulation.models import Person, Unit, User

logger = logging.getLogger(__name__)


def save_year_records(
    *,
    unit: Unit,
    year: int,
    user: User,
    unit_rating: str,
    entries: list[tuple[Person, str, int]],
) -> int:
    """Record the unit's own rating and each person's rating and months for `year`.

    Every entry is checked before anything is written (AwardsError listing the first problem):
    a known rating, months between 0 and 12, and a person not already on another unit's roll
    that year. Returns how many person records were written.
    """
    ratings = set(DutyRating.values)
    if unit_rating and unit_rating not in ratings:
        raise AwardsError(_("Xếp loại của tập thể không hợp lệ."))
    elsewhere = set(
        PersonYear.objects.filter(person__in=[person for person, _r, _m in entries], year=year)
        .exclude(unit=unit)
        .values_list("person__full_name", flat=True)
    )
    for person, rating, months in entries:
        if rating not in ratings:
            raise AwardsError(_("%(name)s: xếp loại không hợp lệ.") % {"name": person.full_name})
        if not 0 <= months <= 12:
            raise AwardsError(
                _("%(name)s: số tháng công tác phải từ 0 đến 12.") % {"name": person.full_name}
            )
        if person.full_name in elsewhere:
            raise AwardsError(
                _("%(name)s đã có kết quả năm %(year)s ở đơn vị khác.")
                % {"name": person.full_name, "year": year}
            )
    with transaction.atomic():
        if unit_rating:
            UnitYear.objects.update_or_create(
                unit=unit, year=year, defaults={"duty_rating": unit_rating}
            )
        for person, rating, months in entries:
            PersonYear.objects.update_or_create(
                person=person,
                year=year,
                defaults={"unit": unit, "duty_rating": rating, "months_worked": months},
            )
    logger.info(
        "records of unit %s for %s saved by %s (%s people)", unit.pk, year, user.pk, len(entries)
    )
    return len(entries)
