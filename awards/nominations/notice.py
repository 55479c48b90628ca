"""The public notice of an appraised nomination (công khai, E-17) and the objections
received during it (ý kiến phản ánh).
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from awards.catalogue.selectors import rule_set_for
from awards.enums import NominationState
from awards.errors import AwardsError
from awards.models import Nomination, Objection
from awards.nominations.services import set_nomination_state
from awards.nominations.workflow import ineligibility
from config.permissions import require
from emulation.calendar import add_working_days
from emulation.models import User


def require_eligible(nomination: Nomination) -> None:
    """E-16 (`ineligibility`, also the guard of the moves it forbids) as an AwardsError."""
    refused = ineligibility(nomination)
    if refused:
        raise AwardsError(refused)


def notice_days(nomination: Nomination) -> int:
    return max(
        (
            rule_set_for(line.award, nomination.year).public_notice_days
            for line in nomination.lines.select_related("award")
        ),
        default=0,
    )


def publish_nomination(*, nomination: Nomination, user: User, day: datetime.date) -> Nomination:
    """Công khai: publish the list from `day` for the rule set's number of working days
    (E-17); the council may take it up from the day the notice ends."""
    require(user, "awards.appraise", nomination)
    require_eligible(nomination)
    until = add_working_days(day, notice_days(nomination))
    return set_nomination_state(
        nomination, NominationState.PUBLIC_NOTICE, by=user, notice_until=until
    )


def record_objection(
    *, nomination: Nomination, user: User, text: str, day: datetime.date
) -> Objection:
    require(user, "awards.appraise", nomination)
    if nomination.state != NominationState.PUBLIC_NOTICE:
        raise AwardsError(_("Chỉ ghi nhận ý kiến khi hồ sơ đang công khai."))
    with transaction.atomic():
        return Objection.objects.create(nomination=nomination, text=text.strip(), received_on=day)


def answer_objection(*, objection: Objection, user: User, answer: str) -> Objection:
    require(user, "awards.appraise", objection.nomination)
    if not answer.strip():
        raise AwardsError(_("Cần ghi nội dung trả lời."))
    with transaction.atomic():
        objection.answer = answer.strip()
        objection.save(update_fields=["answer"])
    return objection
