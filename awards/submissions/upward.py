"""Submissions that travel up the tree of authorities on one instance (a commune's tờ trình to
its province), and the outcome that comes back down.

When a commune signs a submission and its superior is on the instance (`Authority.superior_on`,
through the province's unit that represents the commune), each nominee it forwards becomes
the province's own nomination, submitted by that unit: one nomination per nominee, so that the
province appraises, returns, publishes, votes and decides each line on its own with the same
machinery the commune uses. The received line keeps `forwarded_from`, the commune's line.

When the province signs a decision, the commune's nomination is decided by it: its state, the
superior decision's number and date, as the commune's staff used to copy by hand; when the
province's council turns down every line the commune sent of it, it is rejected. The titles
held are the province decision's own rows (one per person or collective, `TitleHeld`), which
the commune's records read: next year's checks see them.
"""

import datetime
import logging

from django.utils.translation import gettext as _

from awards.enums import NominationState
from awards.models import Decision, Nomination, NominationLine, Submission
from awards.nominations.services import set_nomination_state
from awards.submissions.selectors import submission_lines
from emulation.models import User

logger = logging.getLogger(__name__)


def send_up(submission: Submission, *, by: User, day: datetime.date) -> list[Nomination]:
    """At signing (inside its transaction): the submission's nominees become the superior's
    submitted nominations, when the superior is on the instance; none otherwise (the PDF goes
    by the document exchange, and staff record the outcome by hand)."""
    unit = submission.authority.representing_unit_on(day)
    if unit is None:
        return []
    issuer = str(submission.authority)
    received = []
    for row in submission_lines(submission):
        line = row.nomination_line
        nominee = line.person or line.subject_unit or line.household_name
        nomination = Nomination.objects.create(
            authority=unit.authority,
            unit=unit,
            year=line.nomination.year,
            title=_("%(award)s — %(nominee)s (%(issuer)s)")
            % {"award": line.award.name, "nominee": nominee, "issuer": issuer},
            summary=line.achievement,
            created_by=by,
        )
        NominationLine.objects.create(
            nomination=nomination,
            award=line.award,
            subject_kind=line.subject_kind,
            person=line.person,
            subject_unit=line.subject_unit,
            household_name=line.household_name,
            achievement=line.achievement,
            forwarded_from=row,
        )
        received.append(
            set_nomination_state(
                nomination,
                NominationState.SUBMITTED,
                by=by,
                reason=_("Tờ trình số %(reference)s của %(issuer)s")
                % {"reference": submission.reference, "issuer": issuer},
            )
        )
    logger.info(
        "submission %s sent up to authority %s: %s nominations",
        submission.pk,
        unit.authority_id,
        len(received),
    )
    return received


def settle_below(decision: Decision, *, by: User) -> None:
    """After the superior signed `decision` (inside its transaction): each subordinate
    nomination whose forwarded nominee it decides becomes decided, with the decision's
    number and date."""
    below = (
        Nomination.objects.filter(
            lines__submission_line__received_as__decision_line__decision=decision,
            state=NominationState.FORWARDED,
        )
        .distinct()
        .order_by("pk")
    )
    for nomination in below:
        set_nomination_state(
            nomination,
            NominationState.DECIDED,
            by=by,
            reason=_("Quyết định số %(reference)s ngày %(day)s của %(issuer)s")
            % {
                "reference": decision.reference,
                "day": decision.signed_on.strftime("%d/%m/%Y"),
                "issuer": decision.authority,
            },
            superior_decision_number=decision.reference,
            superior_decision_date=decision.signed_on,
        )


def settle_refusals(rejected: list[Nomination], *, by: User) -> None:
    """After the superior's council turned down received nominations (inside its
    transaction): each subordinate nomination whose every line sent up on this instance is now
    turned down becomes rejected, as staff recorded a superior's refusal by hand before."""
    if not rejected:
        return
    below = (
        Nomination.objects.filter(
            lines__submission_line__received_as__nomination__in=rejected,
            state=NominationState.FORWARDED,
        )
        .distinct()
        .order_by("pk")
    )
    for nomination in below:
        states = set(
            NominationLine.objects.filter(
                nomination=nomination, submission_line__received_as__isnull=False
            ).values_list("submission_line__received_as__nomination__state", flat=True)
        )
        if states == {NominationState.REJECTED}:
            set_nomination_state(
                nomination,
                NominationState.REJECTED,
                by=by,
                reason=_("Hội đồng Thi đua – Khen thưởng của %(issuer)s không thông qua")
                % {"issuer": rejected[0].authority},
            )
