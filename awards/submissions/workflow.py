"""A submission's workflow (tờ trình): a draft is signed by the chairperson, who takes its
number from the submission series (E-15). Applied by `config.workflow` as a compare-and-set
on the status, on the row the service has locked.
"""

from django.utils.translation import gettext_lazy as _

from awards.enums import SubmissionStatus
from awards.models import Submission
from config.workflow import Transition, Workflow

SUBMISSION_WORKFLOW = Workflow(
    model=Submission,
    transitions=[
        Transition(
            SubmissionStatus.DRAFT,
            SubmissionStatus.SIGNED,
            "sign",
            _("Ký tờ trình"),
            "awards.sign_submission",
        ),
    ],
    state_field="status",
)
