"""Who leads a cluster or bloc (cụm trưởng, cụm phó): reads of its terms (nhiệm kỳ), shared
by pledges, scoring and the awards app's cluster vote. Terms are written by
`emulation.pledges.clusters.set_cluster_term`."""

import datetime

from config import clock
from emulation.models.clusters import Cluster, ClusterTerm


def current_term(cluster: Cluster, day: datetime.date | None = None) -> ClusterTerm | None:
    """The term covering `day`, or the latest one when none does (a term not yet started)."""
    terms = cluster.terms.select_related("head_unit", "deputy_unit")
    if day is not None:
        covering = (
            terms.filter(valid_from__lte=day)
            .exclude(valid_to__lt=day)
            .order_by("-valid_from")
            .first()
        )
        if covering is not None:
            return covering
    return terms.order_by("-valid_from").first()


def checking_unit_ids(cluster: Cluster, day: datetime.date | None = None) -> set[int]:
    """The head unit and the deputy unit (cụm trưởng, cụm phó) of the cluster's current term."""
    term = current_term(cluster, day or clock.today())
    if term is None:
        return set()
    return {pk for pk in (term.head_unit_id, term.deputy_unit_id) if pk}
