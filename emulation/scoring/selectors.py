"""Reads of cluster scoring: the versions of a sheet's scores, target evaluations, totals,
what a user may see, the ranking of a round, and `cluster_results` for year-end reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from emulation.clusters import checking_unit_ids
from emulation.enums import AUTHORITY_WIDE_ROLES
from emulation.models import Actual, Authority, Target, User
from emulation.models.scoring import ScoreEntry, ScoreSheet, ScoringRound
from emulation.scoring import hooks
from emulation.scoring.computation import (
    ZERO,
    RankRow,
    Totals,
    classify,
    rank,
    totals,
)
from emulation.scoring.enums import (
    Classification,
    ItemKind,
    Method,
    RoundKind,
    SheetState,
    Stage,
)
from emulation.targets.enums import PeriodKind, Status, ValueKind
from emulation.targets.evaluation import Evaluation, evaluate
from emulation.targets.selectors import tolerances_by_year

# Which stages come before a stage (the score a new version is compared with).
_BEFORE = {
    Stage.SELF: (),
    Stage.CROSS: (Stage.SELF,),
    Stage.FINAL: (Stage.CROSS, Stage.SELF),
}
_ALL = (Stage.FINAL, Stage.CROSS, Stage.SELF)
ROUND_PERIOD = {RoundKind.MID_YEAR: PeriodKind.H1, RoundKind.YEAR_END: PeriodKind.YEAR}


def latest_entries(sheet: ScoreSheet) -> dict[tuple[int, str], ScoreEntry]:
    """The latest entry of each (item, stage) of the sheet. One query."""
    latest = {}
    for entry in sheet.entries.select_related("author").order_by("created_at", "pk"):
        latest[(entry.criterion_id, entry.stage)] = entry
    return latest


def effective_entry(
    latest: dict[tuple[int, str], ScoreEntry], item_id: int, *, before: Stage | None = None
) -> ScoreEntry | None:
    """The score in force for an item: final, else cross-check, else self; with `before`, the
    score in force just before that stage."""
    for stage in _BEFORE[before] if before else _ALL:
        entry = latest.get((item_id, stage))
        if entry is not None:
            return entry
    return None


def target_evaluations(sheet: ScoreSheet) -> dict:
    """Each target item of the table with the evaluation of the sheet unit's own target of
    that code for the round's period (the official figure, else the estimate)."""
    table = sheet.round.table
    cluster = table.cluster
    items = [item for item in table.items.all() if item.method == Method.TARGET]
    if not items:
        return {}
    targets = {
        target.code: target
        for target in Target.objects.filter(
            unit_id=sheet.unit_id, year=cluster.year, code__in=[i.target_code for i in items]
        )
    }
    values = {}
    for actual in Actual.objects.filter(
        target__in=targets.values(), period__kind=ROUND_PERIOD[RoundKind(sheet.round.kind)]
    ).order_by("value_kind"):
        if actual.target_id not in values or actual.value_kind == ValueKind.OFFICIAL:
            values[actual.target_id] = actual.value
    tolerance = tolerances_by_year(authority_id=cluster.authority_id, years=[cluster.year])[
        cluster.year
    ]
    result = {}
    for item in items:
        target = targets.get(item.target_code)
        if target is None:
            result[item] = Evaluation(Status.NO_DATA)
            continue
        result[item] = evaluate(target, values.get(target.pk), tolerance=tolerance)
    return result


def effective_points(sheet: ScoreSheet, latest=None) -> dict[int, Decimal]:
    latest = latest if latest is not None else latest_entries(sheet)
    points = {}
    for item in sheet.round.table.items.all():
        entry = effective_entry(latest, item.pk)
        if entry is not None:
            points[item.pk] = entry.points
    return points


def sheet_totals(sheet: ScoreSheet, latest=None) -> Totals:
    table = sheet.round.table
    return totals(
        table.items.select_related("group").order_by("group__sort_order", "sort_order", "pk"),
        effective_points(sheet, latest),
        bonus_cap=table.bonus_cap,
        penalty_cap=table.penalty_cap,
    )


def max_total(table) -> Decimal:
    return sum(
        (item.max_points or ZERO for item in table.items.all() if item.kind == ItemKind.CRITERION),
        ZERO,
    )


# --- what a user may see ---------------------------------------------------------------------


def leads_cluster(user: User, cluster) -> bool:
    return user.unit_id in checking_unit_ids(cluster)


def rounds_for(user: User) -> QuerySet[ScoringRound]:
    """Rounds the user may open: every round of the authority for authority-wide roles, the
    rounds of the user's clusters for unit roles."""
    if not getattr(user, "unit_id", None):
        return ScoringRound.objects.none()
    rounds = ScoringRound.objects.select_related("table__cluster").filter(
        table__cluster__authority_id=user.unit.authority_id
    )
    if user.role not in AUTHORITY_WIDE_ROLES:
        rounds = rounds.filter(table__cluster__memberships__unit_id=user.unit_id)
    return rounds.order_by("-table__cluster__year", "table__cluster__code", "kind")


def visible_sheets(user: User, scoring_round: ScoringRound) -> QuerySet[ScoreSheet]:
    """Sheets of the round the user may read: all for authority-wide roles; for the units
    leading the cluster, their own and every sheet once submitted (to cross-check it); for
    another member unit, its own sheet and the published (final) ones."""
    sheets = scoring_round.sheets.select_related("unit")
    if user.role in AUTHORITY_WIDE_ROLES:
        return sheets
    if leads_cluster(user, scoring_round.table.cluster):
        return sheets.filter(Q(unit_id=user.unit_id) | ~Q(state=SheetState.DRAFT))
    return sheets.filter(Q(unit_id=user.unit_id) | Q(state=SheetState.FINAL))


def sheet_for(user: User, pk: int) -> ScoreSheet | None:
    sheet = ScoreSheet.objects.select_related("round__table__cluster", "unit").filter(pk=pk).first()
    if sheet is None or sheet.round not in rounds_for(user):
        return None
    if not visible_sheets(user, sheet.round).filter(pk=sheet.pk).exists():
        return None
    return sheet


# --- ranking ---------------------------------------------------------------------------------


@dataclass
class RankedUnit:
    rank: int
    unit: object
    sheet: ScoreSheet
    total: Decimal
    first_group: Decimal
    votes: int
    classification: Classification
    decided_by: str
    leader: bool = False
    merit: bool = False


def ranking(
    scoring_round: ScoringRound, *, votes: dict[int, int] | None = None
) -> list[RankedUnit]:
    """The final (published) sheets of a round ranked by DOMAIN §7.4: total, first-group score,
    then the yes votes of the cluster's closed secret ballot (`votes` by unit id; by default
    read through `hooks.vote_counts`, empty until the round's vote closes). The first
    `flags_per_cluster` ranks lead (dẫn đầu, Cờ thi đua); the next `merits_per_cluster` are
    the excellent units (Bằng khen). Only units classified excellent may be either."""
    if votes is None:
        votes = hooks.vote_counts(scoring_round)
    table = scoring_round.table
    sheets = {
        sheet.unit_id: sheet
        for sheet in scoring_round.sheets.filter(state=SheetState.FINAL).select_related("unit")
    }
    rows = rank(
        RankRow(
            unit_id=unit_id,
            total=sheet.total or ZERO,
            first_group=sheet.first_group_total or ZERO,
            votes=votes.get(unit_id, 0),
        )
        for unit_id, sheet in sheets.items()
    )
    maximum = max_total(table)
    result = []
    for row in rows:
        sheet = sheets[row.unit_id]
        classification = classify(row.total, maximum, table)
        excellent = classification == Classification.EXCELLENT
        leader = excellent and row.rank <= table.flags_per_cluster
        merit = (
            excellent
            and not leader
            and row.rank <= table.flags_per_cluster + table.merits_per_cluster
        )
        result.append(
            RankedUnit(
                rank=row.rank,
                unit=sheet.unit,
                sheet=sheet,
                total=row.total,
                first_group=row.first_group,
                votes=row.votes,
                classification=classification,
                decided_by=row.decided_by,
                leader=leader,
                merit=merit,
            )
        )
    return result


@dataclass
class ClusterResult:
    cluster: object
    round: ScoringRound
    complete: bool
    ranked: list[RankedUnit]

    @property
    def leaders(self) -> list[RankedUnit]:
        return [row for row in self.ranked if row.leader]

    @property
    def merits(self) -> list[RankedUnit]:
        return [row for row in self.ranked if row.merit]


def cluster_results(
    authority: Authority, year: int, *, kind: RoundKind = RoundKind.YEAR_END
) -> list[ClusterResult]:
    """Per cluster and bloc of `authority` in `year`, the ranked units of the round of `kind`
    (year-end by default) and its leaders. `complete` says whether every sheet is final."""
    rounds = ScoringRound.objects.select_related("table__cluster").filter(
        table__cluster__authority=authority, table__cluster__year=year, kind=kind
    )
    results = []
    for scoring_round in rounds.order_by("table__cluster__kind", "table__cluster__code"):
        ranked = ranking(scoring_round)
        complete = not scoring_round.sheets.exclude(state=SheetState.FINAL).exists()
        results.append(
            ClusterResult(
                cluster=scoring_round.table.cluster,
                round=scoring_round,
                complete=complete,
                ranked=ranked,
            )
        )
    return results


def unit_leads(unit, year: int) -> bool:
    """E-09: the unit leads its cluster or bloc in the final year-end ranking of `year`."""
    for result in cluster_results(unit.authority, year):
        if result.complete and any(row.unit.pk == unit.pk for row in result.leaders):
            return True
    return False
