"""Who may do what with awards. Objects passed to the nomination permissions are nominations.

A nomination outside the user's scope is answered 404 by the views (through the scoped
selectors) before any permission is asked; these predicates decide 403.
"""

import rules

from awards.enums import EDITABLE_STATES
from config import clock
from emulation.clusters import current_term
from emulation.rules import (
    any_role,
    in_scope,
    is_authority_staff,
    is_authority_wide,
    is_chairperson,
    is_council_member,
    is_unit_clerk,
    is_unit_head,
)


@rules.predicate
def nomination_in_scope(user, nomination) -> bool:
    return nomination is not None and in_scope(user, nomination.unit)


@rules.predicate
def nomination_editable(user, nomination) -> bool:
    return nomination is not None and nomination.state in EDITABLE_STATES


@rules.predicate
def from_nominating_unit(user, nomination) -> bool:
    """Members of the council from the nominating unit recuse themselves."""
    return nomination is not None and user.unit_id == nomination.unit_id


is_unit_author = is_unit_head | is_unit_clerk


@rules.predicate
def unit_in_scope(user, unit) -> bool:
    return unit is not None and in_scope(user, unit)


@rules.predicate
def manages_exemplary(user, exemplary) -> bool:
    """The unit that manages an exemplary story (điển hình tiên tiến) is the one to propose it."""
    return exemplary is not None and user.unit_id == exemplary.unit_id


rules.add_perm("awards.view_nominations", any_role)
# Ratings and months of a unit's roll: the authority's staff, or the unit's head and clerk.
rules.add_perm(
    "awards.enter_records", is_authority_staff | (is_unit_head | is_unit_clerk) & unit_in_scope
)
rules.add_perm("awards.view_nomination", any_role & nomination_in_scope)
rules.add_perm("awards.create_nomination", is_unit_author)
rules.add_perm("awards.propose_exemplary", is_unit_author & manages_exemplary)
rules.add_perm("awards.edit_nomination", is_unit_author & nomination_in_scope & nomination_editable)
# The head signs the tờ trình; a clerk prepares it.
rules.add_perm("awards.submit_nomination", is_unit_head & nomination_in_scope)
rules.add_perm("awards.withdraw_nomination", is_unit_head & nomination_in_scope)
# The council's deliberation (verdict details, tallies) stays inside the authority.
rules.add_perm("awards.view_deliberation", is_authority_wide)
rules.add_perm("awards.review", is_authority_staff)
rules.add_perm("awards.appraise", is_authority_staff)
rules.add_perm("awards.vote", (is_council_member | is_chairperson) & ~from_nominating_unit)
rules.add_perm("awards.manage_council", is_authority_staff)
rules.add_perm("awards.view_decisions", is_authority_wide)


@rules.predicate
def paper_of_users_authority(user, paper) -> bool:
    """A decision or submission of the user's own authority."""
    return paper is not None and bool(user.unit_id) and paper.authority_id == user.unit.authority_id


# Asked again on the locked draft while it is signed (decisions and submissions alike).
rules.add_perm("awards.sign_paper", is_chairperson & paper_of_users_authority)
rules.add_perm("awards.draft_decision", is_authority_staff)
rules.add_perm("awards.sign_decision", is_chairperson)
rules.add_perm("awards.revoke_decision", is_chairperson)
# The decision signed with the chairperson's own token comes back through the chairperson or
# the staff who keep the records (văn thư).
rules.add_perm("awards.file_signed_decision", is_chairperson | is_authority_staff)
# Submissions to the superior (tờ trình): staff prepare them and record the superior's outcome,
# only the chairperson signs.
rules.add_perm("awards.view_submissions", is_authority_wide)
rules.add_perm("awards.draft_submission", is_authority_staff)
rules.add_perm("awards.sign_submission", is_chairperson)
rules.add_perm("awards.record_superior_outcome", is_authority_staff)
# Certificates: staff print them and calibrate the blanks; the authority's wide roles download.
rules.add_perm("awards.print_certificates", is_authority_staff)
# A correction (đính chính) issues a new version of an issued certificate: the same staff.
rules.add_perm("awards.correct_certificate", is_authority_staff)


# The cluster's secret vote (awards.cluster_votes). Its pages answer 404 outside the scope of
# `selectors.cluster_votes_for`; these decide 403. Opening is asked of the scoring round (its
# cluster's current head unit), the rest of the vote (its head unit, frozen when it opened).
@rules.predicate
def heads_round_cluster(user, scoring_round) -> bool:
    term = current_term(scoring_round.table.cluster, clock.today())
    return term is not None and user.unit_id == term.head_unit_id


@rules.predicate
def heads_vote_unit(user, vote) -> bool:
    return vote is not None and user.unit_id == vote.head_unit_id


@rules.predicate
def votes_in(user, vote) -> bool:
    return vote is not None and vote.members.filter(user=user).exists()


@rules.predicate
def heads_member_unit(user, cluster) -> bool:
    return cluster is not None and cluster.memberships.filter(unit_id=user.unit_id).exists()


# Who may be a voter when a vote opens: the head of a member unit of the cluster.
rules.add_perm("awards.vote_in_cluster", is_unit_head & heads_member_unit)
rules.add_perm("awards.open_cluster_vote", is_authority_staff | is_unit_head & heads_round_cluster)
rules.add_perm("awards.cast_cluster_ballot", is_unit_head & votes_in)
rules.add_perm("awards.close_cluster_vote", is_authority_staff | is_unit_head & heads_vote_unit)
# Members follow their vote; the authority's wide roles follow every vote and, once it is
# closed, its totals. A clerk, or a head whose unit does not vote, has no view of it.
rules.add_perm(
    "awards.view_cluster_vote",
    is_authority_wide | is_unit_head & (votes_in | heads_vote_unit),
)
