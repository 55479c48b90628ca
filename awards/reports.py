"""The awards app's sections of the year-end report (emulation.reports.hooks): awards by title
and by unit with their money, and initiatives (sáng kiến) recognised in the year. Registered
in AwardsConfig.ready(); each provider is one grouped query."""

from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from awards.enums import DecisionStatus, SubjectKind
from awards.models import Decision, DecisionLine, Initiative
from emulation.reports.hooks import (
    AWARDS,
    EXEMPLARY,
    YEARS,
    AwardTally,
    Exemplary,
    register_section,
)

KIND_FIELD = {
    SubjectKind.COLLECTIVE: "collectives",
    SubjectKind.INDIVIDUAL: "individuals",
    SubjectKind.HOUSEHOLD: "households",
}


def award_tallies(*, authority, year: int) -> list[AwardTally]:
    """Lines of the authority's signed decisions for achievements of `year` (revoked decisions
    do not count), by award and by the proposing unit, in the catalogue's order."""
    rows = (
        DecisionLine.objects.filter(
            decision__authority=authority,
            decision__year=year,
            decision__status=DecisionStatus.SIGNED,
        )
        .values(
            "nomination_line__award__sort_order",
            "nomination_line__award__name",
            "nomination_line__subject_kind",
            "nomination_line__nomination__unit__name",
        )
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by("nomination_line__award__sort_order", "nomination_line__award__name")
    )
    tallies: dict[str, AwardTally] = {}
    for row in rows:
        title = row["nomination_line__award__name"]
        tally = tallies.setdefault(title, AwardTally(title=title))
        kind_field = KIND_FIELD[row["nomination_line__subject_kind"]]
        setattr(tally, kind_field, getattr(tally, kind_field) + row["count"])
        amount = row["amount"] or Decimal(0)
        tally.amount += amount
        unit = tally.by_unit.setdefault(row["nomination_line__nomination__unit__name"], [0, 0])
        unit[0] += row["count"]
        unit[1] += amount
    return list(tallies.values())


def recognised_initiatives(*, authority, year: int) -> list[Exemplary]:
    initiatives = (
        Initiative.objects.filter(person__authority=authority, recognised_on__year=year)
        .select_related("person")
        .order_by("recognised_on", "pk")
    )
    return [
        Exemplary(
            kind=_("Sáng kiến"),
            name=initiative.title,
            unit_name=initiative.person.full_name,
            achievement=initiative.get_level_display(),
        )
        for initiative in initiatives
    ]


def decision_years(*, authority, year: int) -> list[int]:
    return list(
        Decision.objects.filter(authority=authority, status=DecisionStatus.SIGNED)
        .values_list("year", flat=True)
        .distinct()
    )


def register_report_sections() -> None:
    register_section(AWARDS, award_tallies)
    register_section(EXEMPLARY, recognised_initiatives)
    register_section(YEARS, decision_years)
