"""A decision's workflow (quyết định): a draft is signed by the chairperson, who takes its
number (E-15); a signed decision may be revoked with a reason (E-18). Applied by
`config.workflow` as a compare-and-set on the status, on the row the service has locked.
"""

from django.utils.translation import gettext_lazy as _

from awards.enums import DecisionStatus
from awards.models import Decision
from config.workflow import Transition, Workflow

DECISION_WORKFLOW = Workflow(
    model=Decision,
    transitions=[
        Transition(
            DecisionStatus.DRAFT,
            DecisionStatus.SIGNED,
            "sign",
            _("Ký quyết định"),
            "awards.sign_decision",
        ),
        Transition(
            DecisionStatus.SIGNED,
            DecisionStatus.REVOKED,
            "revoke",
            _("Hủy bỏ quyết định"),
            "awards.revoke_decision",
            reason_required=_("Cần ghi lý do hủy bỏ quyết định."),
        ),
    ],
    state_field="status",
)
