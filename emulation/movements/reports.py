"""Movements and exemplary people in the year-end report."""

import datetime

from django.utils.translation import gettext as _

from emulation.models.movements import Exemplary as ExemplaryStory
from emulation.models.movements import Movement as MovementModel
from emulation.reports.hooks import (
    EXEMPLARY,
    MOVEMENTS,
    Exemplary,
    Movement,
    register_section,
)


def _overlapping(queryset, year: int):
    return queryset.filter(
        period_start__lte=datetime.date(year, 12, 31), period_end__gte=datetime.date(year, 1, 1)
    )


def movements(*, authority, year: int) -> list[Movement]:
    """The movements carried out in the year (their period overlaps it), oldest launch first."""
    rows = []
    queryset = _overlapping(MovementModel.objects.filter(authority=authority), year)
    for movement in queryset.order_by("launch_date", "name").prefetch_related("units"):
        count = len(movement.units.all())
        rows.append(
            Movement(
                name=movement.name,
                scope=_("%(count)s đơn vị tham gia") % {"count": count},
                launched_on=f"{movement.launch_date:%d/%m/%Y}",
            )
        )
    return rows


def exemplary(*, authority, year: int) -> list[Exemplary]:
    """The exemplary people and collectives whose story falls in the year."""
    queryset = _overlapping(ExemplaryStory.objects.filter(authority=authority), year)
    return [
        Exemplary(
            kind=story.get_kind_display(),
            name=story.person.full_name if story.person_id else story.unit.name,
            unit_name=story.unit.name,
            achievement=story.title,
        )
        for story in queryset.select_related("person", "unit").order_by("period_start", "pk")
    ]


def register_report_sections() -> None:
    register_section(MOVEMENTS, movements)
    register_section(EXEMPLARY, exemplary)
