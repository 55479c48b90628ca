"""Reads across the tree of authorities (awards.submissions.upward): what the superior reads of
a nominee a subordinate sent up — the subordinate's checks, votes and evidence files — and
what the subordinate reads of each line it sent — its state at the superior, the reason of a
return, the decision and its money. Nothing else of either authority is visible to the other.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from awards.eligibility import rule_verdicts
from awards.enums import NominationState, SubjectKind
from awards.models import Nomination, NominationAttachment, NominationEvent, Submission


def received_attachments(
    nomination: Nomination, *, lines: list | None = None
) -> QuerySet[NominationAttachment]:
    """The subordinate's evidence files of the nominees `nomination` received: the files of
    the sending nomination as a whole and those of the forwarded lines. A caller that holds
    the nomination's `lines` passes them: when none was received from below (most
    nominations) nothing is read again."""
    if lines is not None and not any(line.forwarded_from_id for line in lines):
        return NominationAttachment.objects.none()
    sources = [
        line.forwarded_from.nomination_line
        for line in nomination.lines.select_related("forwarded_from__nomination_line")
        if line.forwarded_from_id
    ]
    if not sources:
        return NominationAttachment.objects.none()
    return NominationAttachment.objects.filter(
        Q(nomination_id__in={source.nomination_id for source in sources}, line__isnull=True)
        | Q(line__in=sources)
    ).order_by("uploaded_at", "pk")


def readable_attachments(nomination: Nomination) -> QuerySet[NominationAttachment]:
    """The files a reader of `nomination` may open: its own and those it received."""
    return NominationAttachment.objects.filter(nomination=nomination) | received_attachments(
        nomination
    )


def below(line) -> dict | None:
    """What the subordinate said of a received line: who sent it, by which submission, its
    checks at appraisal, the council's votes there and its evidence files; None for a line
    proposed here."""
    if not line.forwarded_from_id:
        return None
    row = line.forwarded_from
    source = row.nomination_line
    collective = source.subject_kind == SubjectKind.COLLECTIVE
    return {
        "issuer": row.submission.authority,
        "submission": row.submission,
        "line": source,
        "verdicts": []
        if source.eligible is None
        else rule_verdicts(source.award.code, collective=collective, failures=source.failures),
    }


@dataclass(frozen=True)
class UpwardStatus:
    """One forwarded line as the superior holds it."""

    state: str
    label: str
    reason: str
    decision: object | None
    amount: int | None


def upward_statuses(submission: Submission) -> dict[int, UpwardStatus]:
    """For each line of a submission sent up on this instance (by SubmissionLine id): its
    state at the superior, the reason given with a return or a rejection, and the decision
    with its money once decided."""
    received = Nomination.objects.filter(
        lines__forwarded_from__submission=submission
    ).prefetch_related("lines__decision_line__decision")
    latest_reason = {}
    for event in NominationEvent.objects.filter(nomination__in=received).order_by("at", "pk"):
        latest_reason[event.nomination_id] = event.reason
    statuses = {}
    for nomination in received:
        for line in nomination.lines.all():
            decision_line = getattr(line, "decision_line", None)
            decided = decision_line is not None and decision_line.decision.number
            statuses[line.forwarded_from_id] = UpwardStatus(
                state=nomination.state,
                label=nomination.get_state_display(),
                reason=latest_reason.get(nomination.pk, "")
                if nomination.state in (NominationState.RETURNED, NominationState.REJECTED)
                else "",
                decision=decision_line.decision if decided else None,
                amount=decision_line.amount if decided else None,
            )
    return statuses
