"""Writes of clusters and blocs (cụm, khối thi đua): who leads them (terms, with the rotation
rule) and copying a year's clusters to the next. Terms are read through `emulation.clusters`.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from emulation.clusters import current_term
from emulation.models import Unit
from emulation.models.clusters import Cluster, ClusterMembership, ClusterTerm
from emulation.pledges import policy
from emulation.pledges.services import PledgeError


def set_cluster_term(
    *,
    cluster: Cluster,
    head_unit: Unit,
    deputy_unit: Unit | None,
    valid_from: datetime.date,
    elected_at_meeting: str = "",
) -> ClusterTerm:
    """Record the head (cụm trưởng) and deputy (cụm phó) units from `valid_from`.

    Preconditions: both are members; the head is not the deputy; with the rotation setting
    (PLEDGE_NO_CONSECUTIVE_HEAD) the head did not lead the same cluster (same code) the year
    before. Side effects: the open term before it ends the day before.
    """
    member_ids = set(cluster.memberships.values_list("unit_id", flat=True))
    if head_unit.pk not in member_ids or (deputy_unit and deputy_unit.pk not in member_ids):
        raise PledgeError(_("Cụm trưởng và cụm phó phải là đơn vị thành viên."))
    if deputy_unit is not None and deputy_unit.pk == head_unit.pk:
        raise PledgeError(_("Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."))
    if policy.no_consecutive_head():
        previous = Cluster.objects.filter(
            authority_id=cluster.authority_id, code=cluster.code, year=cluster.year - 1
        ).first()
        previous_term = current_term(previous) if previous else None
        if previous_term is not None and previous_term.head_unit_id == head_unit.pk:
            raise PledgeError(
                _(
                    "%(unit)s đã là cụm trưởng năm %(year)s; theo quy định luân phiên, "
                    "không làm cụm trưởng hai năm liền."
                )
                % {"unit": head_unit.name, "year": cluster.year - 1}
            )
    with transaction.atomic():
        cluster.terms.filter(valid_to__isnull=True, valid_from__lt=valid_from).update(
            valid_to=valid_from - datetime.timedelta(days=1)
        )
        return ClusterTerm.objects.create(
            cluster=cluster,
            head_unit=head_unit,
            deputy_unit=deputy_unit,
            valid_from=valid_from,
            elected_at_meeting=elected_at_meeting,
        )


def copy_clusters_to_year(*, authority, from_year: int, to_year: int) -> list[Cluster]:
    """Copy the clusters and blocs of `from_year` with their members to `to_year`; those
    whose code exists there already are skipped. Terms are not copied: the new head is
    elected at the year-end meeting. Returns the clusters created."""
    created = []
    with transaction.atomic():
        existing = set(
            Cluster.objects.filter(authority=authority, year=to_year).values_list("code", flat=True)
        )
        sources = Cluster.objects.filter(authority=authority, year=from_year).prefetch_related(
            "memberships"
        )
        for source in sources:
            if source.code in existing:
                continue
            cluster = Cluster.objects.create(
                authority=authority,
                kind=source.kind,
                year=to_year,
                code=source.code,
                name=source.name,
            )
            ClusterMembership.objects.bulk_create(
                ClusterMembership(cluster=cluster, unit_id=m.unit_id, sort_order=m.sort_order)
                for m in source.memberships.all()
            )
            created.append(cluster)
    return created
