"""A form summed up the tree of authorities (DOMAIN §10.3): an authority's figures are its own
records plus, for each authority that one of its units represents on the day (a province's
communes, wards and departments), that authority's figures, summed the same way. The page shows
the breakdown and links each part to its own figures."""

import datetime
from dataclasses import dataclass

from awards.statistics.figures import FORMS, Period, own_tables
from awards.statistics.tables import Table, table_sum
from emulation.models import Authority, Unit


def _tree(authority: Authority, day: datetime.date) -> dict[int, list[Unit]]:
    """The units standing for another authority on `day`, by the id of the authority they
    belong to, from `authority` down (one query a level). An authority reached twice (a tree
    entered with a loop) is followed once."""
    below: dict[int, list[Unit]] = {}
    reached = {authority.pk}
    level = {authority.pk}
    while level:
        units = (
            Unit.objects.valid_on(day)
            .filter(authority_id__in=level, represents__isnull=False)
            .select_related("represents")
            .order_by("sort_order", "name", "pk")
        )
        level = set()
        for unit in units:
            if unit.represents_id in reached:
                continue
            below.setdefault(unit.authority_id, []).append(unit)
            reached.add(unit.represents_id)
            level.add(unit.represents_id)
    return below


def reachable_authorities(authority: Authority, day: datetime.date) -> set[int]:
    """The ids of `authority` and of every authority below it on `day`."""
    below = _tree(authority, day)
    return {authority.pk} | {unit.represents_id for units in below.values() for unit in units}


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


def statistics(slug: str, authority: Authority, period: Period) -> Statistics:
    """Form `slug` ("0601", "0603") for `authority`: own records, breakdown and total. The
    whole tree is read at once: a query a level, and the form's queries for all of it."""
    if slug not in FORMS:
        raise KeyError(slug)
    below = _tree(authority, period.day)
    ids = {authority.pk} | {unit.represents_id for units in below.values() for unit in units}
    own = own_tables(slug, ids, period)

    def summed(node: Authority) -> Statistics:
        parts = tuple(
            Part(unit, unit.represents, summed(unit.represents).total)
            for unit in below.get(node.pk, [])
        )
        return Statistics(node, period, own[node.pk], parts)

    return summed(authority)
