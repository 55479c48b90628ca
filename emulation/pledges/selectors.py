"""Reads of clusters and pledges. Every pledge a user sees comes through `pledges_in_scope`."""

from django.db.models import Count, Prefetch, Q, QuerySet

from config import clock
from emulation.enums import AUTHORITY_WIDE_ROLES
from emulation.heads import headed_units
from emulation.models import User
from emulation.models.clusters import Cluster, ClusterMembership
from emulation.models.pledges import Pledge, PledgeVersion, SignatureSlot
from emulation.pledges.codes import canonical_code
from emulation.pledges.enums import SlotStatus, VersionStatus


def pledges_in_scope(user: User) -> QuerySet[Pledge]:
    """The authority's pledges for authority-wide roles; for unit roles, those of the clusters
    and blocs the user's unit is a member of. Besides, the pledges of every cluster with a
    member unit the user heads (`emulation.heads`): a commune's chairperson opens the
    province's pledges that they sign for the commune, and no other of the province's."""
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return Pledge.objects.none()
    own = Q(cluster__authority_id=user.unit.authority_id)
    if user.role not in AUTHORITY_WIDE_ROLES:
        own &= Q(cluster__in=_clusters_with(Q(unit_id=user.unit_id)))
    signed_for = Q(cluster__in=_clusters_with(Q(unit__in=headed_units(user, clock.today()))))
    return Pledge.objects.filter(own | signed_for).select_related("cluster")


def _clusters_with(members: Q):
    """The ids of the clusters with a member unit matching `members`, as a subquery: no join
    that would repeat a pledge once per member."""
    return ClusterMembership.objects.filter(members).values("cluster_id")


def clusters_in_scope(user: User) -> QuerySet[Cluster]:
    """The authority's clusters and blocs for authority-wide roles; for unit roles, those the
    user's unit is a member of."""
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return Cluster.objects.none()
    clusters = Cluster.objects.filter(authority_id=user.unit.authority_id)
    if user.role not in AUTHORITY_WIDE_ROLES:
        clusters = clusters.filter(memberships__unit_id=user.unit_id)
    return clusters


def clusters_without_pledge(*, user: User, year: int) -> QuerySet[Cluster]:
    """Clusters and blocs of `year` the user sees that have no pledge yet."""
    return clusters_in_scope(user).filter(year=year, pledge__isnull=True).order_by("kind", "code")


def scoped_version(*, user: User, version_id: int) -> PledgeVersion | None:
    pledges = pledges_in_scope(user)
    return (
        PledgeVersion.objects.filter(pk=version_id, pledge__in=pledges)
        .select_related("pledge__cluster", "document_job", "final_job")
        .first()
    )


def pledge_overview(*, user: User, year: int | None) -> list[dict]:
    """One row per pledge in scope: its latest version and how many members signed."""
    pledges = pledges_in_scope(user).order_by("cluster__kind", "cluster__code")
    if year:
        pledges = pledges.filter(cluster__year=year)
    versions = PledgeVersion.objects.annotate(
        slot_total=Count("slots"),
        signed_total=Count("slots", filter=Q(slots__status=SlotStatus.SIGNED)),
        declined_total=Count("slots", filter=Q(slots__status=SlotStatus.DECLINED)),
    ).order_by("-number")
    rows = []
    for pledge in pledges.prefetch_related(Prefetch("versions", queryset=versions)):
        latest = next(iter(pledge.versions.all()), None)
        rows.append({"pledge": pledge, "version": latest})
    return rows


def pledge_years(user: User) -> list[int]:
    return sorted(set(pledges_in_scope(user).values_list("cluster__year", flat=True)), reverse=True)


def version_slots(version: PledgeVersion) -> QuerySet[SignatureSlot]:
    return version.slots.select_related("unit", "signature").order_by("sort_order", "pk")


def pending_slots_for_head(user: User) -> QuerySet[SignatureSlot]:
    """Slots still to sign on open versions for the units the user heads (a unit head's own
    unit, a commune chairperson's unit at the province): their "to sign" list and home card."""
    return SignatureSlot.objects.filter(
        unit__in=headed_units(user, clock.today()),
        status=SlotStatus.PENDING,
        version__status=VersionStatus.OPEN,
    ).select_related("unit", "version__pledge__cluster")


def find_signed_versions(*, sha256: str = "", code: str = "") -> list[PledgeVersion]:
    """Versions whose signed text or final PDF has this SHA-256, or with this verification
    code as typed (any case, spaces or dashes); only versions opened for signature count."""
    query = Q()
    if sha256:
        query |= Q(document_job__result_sha256=sha256) | Q(final_job__result_sha256=sha256)
    if code:
        query |= Q(verification_code=canonical_code(code))
    if not query:
        return []
    return list(
        PledgeVersion.objects.filter(query)
        .exclude(status=VersionStatus.DRAFT)
        .exclude(verification_code="")
        .select_related("pledge__cluster", "document_job", "final_job")
        .prefetch_related("signatures__unit")
    )
