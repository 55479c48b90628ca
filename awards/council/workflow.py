"""The council session's workflow: open while members vote, closed by the count (kiểm phiếu).
Applied by `config.workflow` as a compare-and-set on the state; `close_session` makes the move.
"""

from django.utils.translation import gettext_lazy as _

from awards.enums import SessionState
from awards.models import CouncilSession
from config.workflow import Transition, Workflow

SESSION_WORKFLOW = Workflow(
    model=CouncilSession,
    transitions=[
        Transition(
            SessionState.OPEN,
            SessionState.CLOSED,
            "close",
            _("Kiểm phiếu và kết thúc"),
            "awards.manage_council",
        ),
    ],
    conflict_message=_("Phiên họp đã kết thúc bỏ phiếu."),
)
