"""The nomination workflow (DOMAIN §6.2): the one table of a nomination's allowed moves, each
with its name (the buttons and `{% available_actions %}`), the rule that grants it and the
reason it needs, applied by `config.workflow` as a compare-and-set on (state, version) with a
NominationEvent for each move.

Services call `awards.nominations.services.set_nomination_state`, which applies this table.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards.eligibility import rule_text
from awards.enums import NominationState as S
from awards.enums import Verdict
from awards.models import Nomination
from config.workflow import Transition, Workflow


def ineligibility(nomination: Nomination, user=None) -> str | None:
    """E-16: no public notice and no council without an "đủ điều kiện" appraisal; the
    sentence, or None when the appraisal found the nomination eligible."""
    if nomination.verdict == Verdict.ELIGIBLE:
        return None
    return rule_text("E-16", gettext("Hồ sơ chưa được thẩm định đủ điều kiện"))


NOMINATION_WORKFLOW = Workflow(
    model=Nomination,
    transitions=[
        Transition(S.DRAFT, S.SUBMITTED, "submit", _("Gửi hồ sơ"), "awards.submit_nomination"),
        Transition(S.DRAFT, S.WITHDRAWN, "withdraw", _("Rút hồ sơ"), "awards.withdraw_nomination"),
        Transition(
            S.SUBMITTED, S.APPRAISED, "appraise", _("Thẩm định theo dữ liệu"), "awards.appraise"
        ),
        Transition(
            S.SUBMITTED,
            S.RETURNED,
            "return",
            _("Trả lại hồ sơ"),
            "awards.appraise",
            reason_required=_("Cần ghi lý do trả lại hồ sơ."),
        ),
        Transition(
            S.SUBMITTED, S.WITHDRAWN, "withdraw", _("Rút hồ sơ"), "awards.withdraw_nomination"
        ),
        Transition(S.RETURNED, S.SUBMITTED, "submit", _("Gửi hồ sơ"), "awards.submit_nomination"),
        Transition(
            S.RETURNED, S.WITHDRAWN, "withdraw", _("Rút hồ sơ"), "awards.withdraw_nomination"
        ),
        Transition(
            S.APPRAISED,
            S.PUBLIC_NOTICE,
            "publish",
            _("Công khai danh sách"),
            "awards.appraise",
            guard=ineligibility,
        ),
        Transition(
            S.APPRAISED,
            S.RETURNED,
            "return",
            _("Trả lại hồ sơ"),
            "awards.appraise",
            reason_required=_("Cần ghi lý do trả lại hồ sơ."),
        ),
        Transition(
            S.PUBLIC_NOTICE,
            S.IN_COUNCIL,
            "send_to_council",
            "",
            "awards.manage_council",
            guard=ineligibility,
        ),
        # The count of the session decides these two (`close_session`).
        Transition(S.IN_COUNCIL, S.APPROVED, "approve", "", "awards.manage_council"),
        Transition(S.IN_COUNCIL, S.REJECTED, "reject", "", "awards.manage_council"),
        # Signing a decision of this authority, or a submission for the superior's awards.
        Transition(S.APPROVED, S.DECIDED, "decide", "", "awards.sign_decision"),
        Transition(S.APPROVED, S.FORWARDED, "forward", "", "awards.sign_submission"),
        # Awards the superior decides: its decision (number and date) or its refusal.
        Transition(S.FORWARDED, S.DECIDED, "record_decision", "", "awards.record_superior_outcome"),
        Transition(
            S.FORWARDED,
            S.REJECTED,
            "record_refusal",
            "",
            "awards.record_superior_outcome",
            reason_required=_("Cần ghi lý do cấp trên không khen thưởng."),
        ),
    ],
    version_field="version",
    history="events",
    conflict_message=_("Hồ sơ vừa được người khác xử lý. Vui lòng tải lại trang."),
)

# The table by state, for readers that only ask where a state may go.
NOMINATION_TRANSITIONS: dict[S, frozenset[S]] = {
    state: frozenset(S(target) for target in NOMINATION_WORKFLOW.targets_from(state)) for state in S
}
