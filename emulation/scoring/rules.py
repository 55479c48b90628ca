"""Who may do what with cluster scoring. Loaded by `EmulationConfig.ready()`.

A round the user's unit has no part in (another cluster, another authority) and a sheet the
user may not read (another member's unpublished sheet) are answered 404 by the scoped
selectors before any permission is asked. The object of each permission is a ScoreSheet.
"""

import rules
from django.utils.translation import gettext as _

from emulation.clusters import checking_unit_ids
from emulation.enums import Role
from emulation.rules import any_role, is_administrator, is_authority_staff
from emulation.scoring.enums import SheetState, Stage


def stage_refusal(user, sheet, stage: Stage) -> str | None:
    """Why `user` may not enter `stage` scores on `sheet` now, or None: the rule behind
    `scoring.score_<stage>`, with the sentence the service shows."""
    cluster = sheet.round.table.cluster
    if stage == Stage.SELF:
        if user.role not in (Role.UNIT_HEAD, Role.UNIT_CLERK) or user.unit_id != sheet.unit_id:
            return _("Đơn vị chỉ được tự chấm phiếu của mình.")
        if sheet.state != SheetState.DRAFT:
            return _("Phiếu không còn ở trạng thái đang chấm.")
        return None
    if stage == Stage.CROSS:
        if user.role not in (Role.UNIT_HEAD, Role.UNIT_CLERK) or user.unit_id not in (
            checking_unit_ids(cluster)
        ):
            return _("Chỉ đơn vị cụm trưởng, cụm phó được chấm chéo.")
        if user.unit_id == sheet.unit_id:
            return _("Đơn vị không tự thẩm định phiếu của mình; việc này do đơn vị cụm phó làm.")
        if sheet.state != SheetState.SUBMITTED:
            return _("Chỉ chấm chéo phiếu đơn vị đã gửi.")
        return None
    if user.role != Role.AUTHORITY_STAFF:
        return _("Chỉ cán bộ thi đua của cơ quan được chốt điểm.")
    if sheet.state != SheetState.CHECKED:
        return _("Chỉ chốt điểm phiếu đã được cụm thẩm định.")
    return None


def _may_score(stage: Stage):
    @rules.predicate(name=f"may_score_{stage}")
    def predicate(user, sheet) -> bool:
        return sheet is not None and stage_refusal(user, sheet, stage) is None

    return predicate


@rules.predicate
def heads_the_sheets_unit(user, sheet) -> bool:
    return sheet is not None and user.role == Role.UNIT_HEAD and user.unit_id == sheet.unit_id


@rules.predicate
def heads_a_leading_unit(user, sheet) -> bool:
    """The head of the cluster's head or deputy unit (cụm trưởng, cụm phó) this term."""
    return (
        sheet is not None
        and user.role == Role.UNIT_HEAD
        and user.unit_id in checking_unit_ids(sheet.round.table.cluster)
    )


rules.add_perm("scoring.view_rounds", any_role)
# Tables, their copies to the next year and rounds: thi đua staff and the administrator.
rules.add_perm("scoring.manage_tables", is_authority_staff | is_administrator)
rules.add_perm("scoring.score_self", any_role & _may_score(Stage.SELF))
rules.add_perm("scoring.score_cross", any_role & _may_score(Stage.CROSS))
rules.add_perm("scoring.score_final", any_role & _may_score(Stage.FINAL))
# Who acts on a sheet's workflow at all (each move's own rule below then decides).
rules.add_perm(
    "scoring.move_sheet",
    any_role & (is_authority_staff | heads_the_sheets_unit | heads_a_leading_unit),
)
# The moves of a sheet (SHEET_WORKFLOW): the unit's head sends it, the leading units' heads
# confirm the cross check, thi đua staff finalise; a return goes one step back.
rules.add_perm("scoring.submit_sheet", heads_the_sheets_unit)
rules.add_perm("scoring.check_sheet", heads_a_leading_unit)
rules.add_perm("scoring.return_submitted_sheet", is_authority_staff | heads_a_leading_unit)
rules.add_perm("scoring.finalise_sheet", is_authority_staff)
rules.add_perm("scoring.return_checked_sheet", is_authority_staff)
