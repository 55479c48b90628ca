"""Who may do what with cluster scoring. Loaded by `EmulationConfig.ready()`.

A round the user's unit has no part in (another cluster, another authority) and a sheet the
user may not read (another member's unpublished sheet) are answered 404 by the scoped
selectors before any permission is asked. The object of each permission is a ScoreSheet.
"""

import rules

from emulation.clusters import checking_unit_ids
from emulation.enums import Role
from emulation.rules import any_role, is_administrator, is_authority_staff
from emulation.scoring.enums import Stage
from emulation.scoring.services import stage_refusal


def _may_score(stage: Stage):
    @rules.predicate(name=f"may_score_{stage}")
    def predicate(user, sheet) -> bool:
        return sheet is not None and stage_refusal(user, sheet, stage) is None

    return predicate


@rules.predicate
def takes_part_in_workflow(user, sheet) -> bool:
    """The user acts on the sheet's workflow: its unit's head, the head of a unit leading the
    cluster, or thi đua staff (each move's own rule is then checked by the service)."""
    if sheet is None:
        return False
    if user.role == Role.AUTHORITY_STAFF:
        return True
    if user.role != Role.UNIT_HEAD:
        return False
    return user.unit_id == sheet.unit_id or user.unit_id in checking_unit_ids(
        sheet.round.table.cluster
    )


rules.add_perm("scoring.view_rounds", any_role)
# Tables, their copies to the next year and rounds: thi đua staff and the administrator.
rules.add_perm("scoring.manage_tables", is_authority_staff | is_administrator)
rules.add_perm("scoring.score_self", any_role & _may_score(Stage.SELF))
rules.add_perm("scoring.score_cross", any_role & _may_score(Stage.CROSS))
rules.add_perm("scoring.score_final", any_role & _may_score(Stage.FINAL))
rules.add_perm("scoring.move_sheet", any_role & takes_part_in_workflow)
