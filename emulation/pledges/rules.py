"""Who may do what with clusters and pledges. Loaded by `EmulationConfig.ready()`.

The object of every pledge permission is a Pledge, or a PledgeVersion for signing. A pledge
the user may not see at all (another authority, a cluster their unit is not in) is answered
404 by the scoped selectors before any permission is asked.
"""

import rules

from config import clock
from emulation.clusters import current_term
from emulation.models.clusters import Cluster
from emulation.models.pledges import Pledge, PledgeVersion
from emulation.pledges.signing import signing_slot
from emulation.rules import (
    any_role,
    is_administrator,
    is_authority_staff,
    is_unit_clerk,
    is_unit_head,
)

is_pledge_staff = is_authority_staff | is_administrator


@rules.predicate
def is_member(user, pledge: Pledge) -> bool:
    return pledge is not None and pledge.cluster.memberships.filter(unit_id=user.unit_id).exists()


@rules.predicate
def heads_cluster_head_unit(user, obj: Pledge | Cluster) -> bool:
    """The user's unit leads the cluster (cụm trưởng) today; `obj` is a pledge or a cluster."""
    if obj is None:
        return False
    term = current_term(getattr(obj, "cluster", obj), clock.today())
    return term is not None and term.head_unit_id == user.unit_id


@rules.predicate
def may_sign(user, version: PledgeVersion) -> bool:
    return (
        version is not None
        and signing_slot(version=version, user=user, day=clock.today()) is not None
    )


rules.add_perm("pledges.view_pledges", any_role)
# Drafting, opening and amending: thi đua staff, administrators, and the head of the unit
# that leads the cluster.
can_manage = is_pledge_staff | (is_unit_head & heads_cluster_head_unit)
rules.add_perm("pledges.manage_pledge", can_manage)


@rules.predicate
def manages_version(user, version: PledgeVersion) -> bool:
    """`pledges.manage_pledge` on the version's pledge (the workflow asks with the version)."""
    return version is not None and can_manage.test(user, version.pledge)


rules.add_perm("pledges.open_version", manages_version)
# The object is a cluster that has no pledge yet.
rules.add_perm("pledges.create_pledge", can_manage)
rules.add_perm(
    "pledges.comment_pledge", is_pledge_staff | ((is_unit_head | is_unit_clerk) & is_member)
)
rules.add_perm("pledges.sign_pledge", any_role & may_sign)
rules.add_perm("pledges.view_history", is_pledge_staff)
