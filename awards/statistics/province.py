"""A form summed up the tree of authorities (DOMAIN §10.3): an authority's figures are its own
records plus, for each authority that one of its units represents on the day (a province's
communes, wards and departments), that authority's figures, summed the same way. The page shows
the breakdown and links each part to its own figures."""

import datetime
from dataclasses import dataclass

from awards.statistics.figures import FORMS, Period, own_table
from awards.statistics.tables import Table, table_sum
from emulation.models import Authority, Unit


def represented_units(authority: Authority, day: datetime.date) -> list[Unit]:
    """The authority's units that stand for another authority on `day`, in the unit order."""
    return list(
        Unit.objects.valid_on(day)
        .filter(authority=authority, represents__isnull=False)
        .exclude(represents=authority)
        .select_related("represents")
        .order_by("sort_order", "name", "pk")
    )


def reachable_authorities(authority: Authority, day: datetime.date) -> set[int]:
    """The ids of `authority` and of every authority below it on `day` (one query a level)."""
    reached = {authority.pk}
    level = [authority.pk]
    while level:
        below = set(
            Unit.objects.valid_on(day)
            .filter(authority_id__in=level, represents__isnull=False)
            .values_list("represents_id", flat=True)
        )
        level = list(below - reached)
        reached |= below
    return reached


@dataclass(frozen=True)
class Part:
    """One represented authority's figures in its superior's breakdown."""

    unit: Unit
    authority: Authority
    table: Table


@dataclass(frozen=True)
class Statistics:
    """A form for one authority: its own records, each represented authority's figures (their
    own sums), and the total."""

    authority: Authority
    period: Period
    own: Table
    parts: tuple[Part, ...]

    @property
    def spec(self):
        return self.own.spec

    @property
    def total(self) -> Table:
        return table_sum(self.spec, [self.own, *(part.table for part in self.parts)])


def _summed(slug: str, authority: Authority, period: Period, seen: frozenset[int]) -> Table:
    return _statistics(slug, authority, period, seen).total


def _statistics(slug: str, authority: Authority, period: Period, seen: frozenset[int]):
    seen = seen | {authority.pk}
    parts = tuple(
        Part(unit, unit.represents, _summed(slug, unit.represents, period, seen))
        for unit in represented_units(authority, period.day)
        # A tree entered with a loop is cut where it turns back.
        if unit.represents_id not in seen
    )
    return Statistics(authority, period, own_table(slug, authority, period), parts)


def statistics(slug: str, authority: Authority, period: Period) -> Statistics:
    """Form `slug` ("0601", "0603") for `authority`: own records, breakdown and total."""
    if slug not in FORMS:
        raise KeyError(slug)
    return _statistics(slug, authority, period, frozenset())
