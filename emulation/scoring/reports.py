"""Cluster scoring in the year-end report: each cluster's final year-end ranking."""

from emulation.reports.hooks import CLUSTER_SCORES, ClusterScore, register_section
from emulation.scoring.selectors import cluster_results


def cluster_scores(*, authority, year: int) -> list[ClusterScore]:
    """The ranked units of every cluster and bloc whose year-end round is final; a round still
    being scored is left out rather than reported with provisional figures."""
    return [
        ClusterScore(
            cluster_id=result.cluster.pk,
            unit_name=row.unit.name,
            score=row.total,
            rank=row.rank,
            leading=row.leader,
        )
        for result in cluster_results(authority, year)
        if result.complete
        for row in result.ranked
    ]


def register_report_sections() -> None:
    register_section(CLUSTER_SCORES, cluster_scores)
