"""Reads of the year-end report. The targets part is the targets dashboard itself (one
evaluation, never a second way of counting); the other parts are a few grouped queries each,
whatever the number of units."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q

from config import clock
from emulation.enums import Role, UnitKind
from emulation.models import Authority, Target, Unit, User
from emulation.models.clusters import Cluster
from emulation.models.pledges import PledgeVersion
from emulation.models.reports import AnnualReport
from emulation.pledges.enums import ClusterKind, SlotStatus, VersionStatus
from emulation.reports import hooks
from emulation.targets.enums import PeriodKind, Status
from emulation.targets.evaluation import Summary
from emulation.targets.selectors import Dashboard, dashboard


def report_years(*, authority: Authority) -> list[int]:
    """Years for which the authority holds something to report (targets, clusters, or data
    of a registered section), latest first."""
    years = set(Target.objects.filter(authority=authority).values_list("year", flat=True))
    years |= set(Cluster.objects.filter(authority=authority).values_list("year", flat=True))
    years |= set(hooks.section_rows(hooks.YEARS, authority=authority, year=0))
    return sorted(years, reverse=True)


@dataclass
class ClusterRow:
    cluster: Cluster
    member_count: int
    pledge_status: str = ""
    signed: int = 0
    slots: int = 0
    scores: list = field(default_factory=list)

    @property
    def leaders(self) -> list:
        return [score for score in self.scores if score.leading]


@dataclass
class KindSummary:
    label: str
    units: int
    summary: Summary


@dataclass
class YearEndReport:
    authority: Authority
    year: int
    day: datetime.date
    targets: Dashboard
    by_kind: list[KindSummary]
    unit_count: int
    clusters: list[ClusterRow]
    movements: list
    exemplary: list
    awards: list
    proposals: list = field(default_factory=list)
    next_year_target_names: list = field(default_factory=list)
    issuer_name: str = ""
    staff_count: int = 0
    council_count: int = 0

    @property
    def next_year_targets(self) -> int:
        return len(self.next_year_target_names)

    @property
    def cluster_counts(self) -> tuple[int, int]:
        """(clusters, blocs) of the year."""
        kinds = [row.cluster.kind for row in self.clusters]
        return kinds.count(ClusterKind.CLUSTER), kinds.count(ClusterKind.BLOC)

    @property
    def not_met_targets(self) -> list:
        return [row for row in self.targets.rows if row.status == Status.NOT_MET]

    @property
    def has_scores(self) -> bool:
        return any(row.scores for row in self.clusters)

    @property
    def award_total(self):
        return sum(tally.total for tally in self.awards)

    @property
    def award_amount(self):
        return sum(tally.amount for tally in self.awards)

    @property
    def commended_by_superior(self) -> int:
        """How many of the nominees proposed to the superior it commended."""
        return sum(1 for proposal in self.proposals if proposal.commended)

    @property
    def awards_by_unit(self) -> list[tuple[str, int, object]]:
        """(unit, awards, money) over every title, largest count first."""
        merged: dict[str, list] = defaultdict(lambda: [0, 0])
        for tally in self.awards:
            for unit_name, (count, amount) in tally.by_unit.items():
                merged[unit_name][0] += count
                merged[unit_name][1] += amount
        return sorted(
            ((name, count, amount) for name, (count, amount) in merged.items()),
            key=lambda row: (-row[1], row[0]),
        )

    @property
    def is_empty(self) -> bool:
        return not (
            self.targets.summary.total
            or self.by_kind
            or self.clusters
            or self.movements
            or self.exemplary
            or self.awards
            or self.proposals
        )


def _merge(into: Summary, other: Summary) -> None:
    for name in ("total", "exceeded", "met", "not_met", "no_data"):
        setattr(into, name, getattr(into, name) + getattr(other, name))


def summaries_by_unit_kind(targets: Dashboard) -> list[KindSummary]:
    """The dashboard's per-unit summaries added up by kind of unit (phường, trường học…):
    a dozen rows instead of one per unit. One query (the units' kinds)."""
    kinds = dict(
        Unit.objects.filter(pk__in=[unit_id for unit_id, _name, _s in targets.by_unit]).values_list(
            "pk", "kind"
        )
    )
    merged: dict[str, KindSummary] = {}
    labels = dict(UnitKind.choices)
    for unit_id, _name, summary in targets.by_unit:
        kind = kinds.get(unit_id, UnitKind.OTHER)
        row = merged.setdefault(kind, KindSummary(labels.get(kind, kind), 0, Summary()))
        row.units += 1
        _merge(row.summary, summary)
    return [merged[kind] for kind in UnitKind.values if kind in merged]


def cluster_rows(*, authority: Authority, year: int) -> list[ClusterRow]:
    """Clusters and blocs of the year with their members, the state of their pledge (the
    latest version opened for signature) and the scores registered for them. Three queries."""
    clusters = list(
        Cluster.objects.filter(authority=authority, year=year)
        .annotate(member_count=Count("members", distinct=True))
        .order_by("kind", "code")
    )
    rows = {c.pk: ClusterRow(cluster=c, member_count=c.member_count) for c in clusters}
    versions = (
        PledgeVersion.objects.filter(pledge__cluster__in=clusters)
        .filter(status__in=[VersionStatus.OPEN, VersionStatus.COMPLETE])
        .annotate(
            slot_total=Count("slots"),
            slot_signed=Count("slots", filter=Q(slots__status=SlotStatus.SIGNED)),
        )
        .values("pledge__cluster_id", "status", "slot_total", "slot_signed", "number")
        .order_by("number")
    )
    for version in versions:
        row = rows[version["pledge__cluster_id"]]
        row.pledge_status = VersionStatus(version["status"]).label
        row.signed, row.slots = version["slot_signed"], version["slot_total"]
    for score in hooks.section_rows(hooks.CLUSTER_SCORES, authority=authority, year=year):
        if score.cluster_id in rows:
            rows[score.cluster_id].scores.append(score)
    for row in rows.values():
        row.scores.sort(key=lambda score: score.rank)
    return list(rows.values())


def _people_counts(authority: Authority) -> tuple[int, int]:
    """(thi đua staff, council members) with an active account in the authority. One query."""
    counts = dict(
        User.objects.filter(
            unit__authority=authority,
            is_active=True,
            role__in=[Role.AUTHORITY_STAFF, Role.COUNCIL_MEMBER, Role.CHAIRPERSON],
        )
        .values_list("role")
        .annotate(count=Count("pk"))
        .values_list("role", "count")
    )
    # The chairperson presides over the council (Hội đồng Thi đua – Khen thưởng).
    return counts.get(Role.AUTHORITY_STAFF, 0), counts.get(Role.COUNCIL_MEMBER, 0) + counts.get(
        Role.CHAIRPERSON, 0
    )


def year_end_report(*, user: User, year: int) -> YearEndReport:
    """Everything the report and its annex show for the user's authority and `year`."""
    authority = user.unit.authority
    targets = dashboard(user=user, year=year, period=PeriodKind.YEAR)
    day = clock.today()
    identity = authority.identity_on(min(day, datetime.date(year, 12, 31)))
    staff_count, council_count = _people_counts(authority)
    return YearEndReport(
        authority=authority,
        year=year,
        day=day,
        targets=targets,
        by_kind=summaries_by_unit_kind(targets),
        unit_count=Unit.objects.filter(authority=authority)
        .valid_on(datetime.date(year, 12, 31))
        .count(),
        clusters=cluster_rows(authority=authority, year=year),
        movements=hooks.section_rows(hooks.MOVEMENTS, authority=authority, year=year),
        exemplary=hooks.section_rows(hooks.EXEMPLARY, authority=authority, year=year),
        awards=hooks.section_rows(hooks.AWARDS, authority=authority, year=year),
        proposals=hooks.section_rows(hooks.PROPOSALS, authority=authority, year=year),
        next_year_target_names=list(
            Target.objects.filter(
                authority=authority, year=year + 1, unit__isnull=True, children__isnull=True
            )
            .order_by("sort_order", "code")
            .values_list("name", flat=True)
        ),
        issuer_name=identity.name if identity else str(authority),
        staff_count=staff_count,
        council_count=council_count,
    )


def annual_report(*, authority: Authority, year: int) -> AnnualReport | None:
    """The report staff write for the authority and year, if one was saved or signed."""
    return (
        AnnualReport.objects.select_related("signed_by__person", "updated_by__person", "issued_job")
        .filter(authority=authority, year=year)
        .first()
    )


def expected_reference(report: AnnualReport | None, day: datetime.date) -> str:
    """The number a draft would take if signed on `day` ("05/BC-UBND"), its own once issued;
    empty when it cannot be known (no report, no name on `day`, no register)."""
    if report is None:
        return ""
    if report.is_issued:
        return report.reference
    numbering = hooks.report_numbering()
    identity = report.authority.identity_on(day)
    if numbering is None or identity is None:
        return ""
    number, symbol = numbering.expected(
        authority_id=report.authority_id, day=day, identity=identity
    )
    return AnnualReport(number=number, symbol=symbol).reference
