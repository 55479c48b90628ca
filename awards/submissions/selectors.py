"""Reads of submissions: the authority's submissions, their lines and nominations, and the
nominees a new submission may forward.
"""

from django.db.models import QuerySet

from awards.catalogue.selectors import decided_by_superior
from awards.enums import NominationState
from awards.models import Nomination, NominationLine, Submission
from emulation.models import User


def submissions_for(user: User) -> QuerySet[Submission]:
    """Submissions to the superior of the user's authority."""
    if not user.is_authenticated or not user.unit_id:
        return Submission.objects.none()
    return Submission.objects.filter(authority_id=user.unit.authority_id).select_related(
        "signed_by", "authority"
    )


def submission_lines(submission: Submission) -> QuerySet:
    return submission.lines.select_related(
        "nomination_line__award",
        "nomination_line__person",
        "nomination_line__subject_unit",
        "nomination_line__nomination__unit",
    )


def submission_nominations(submission: Submission) -> list[Nomination]:
    """The nominations whose nominees a submission forwards, in creation order."""
    return list(
        Nomination.objects.filter(lines__submission_line__submission=submission)
        .distinct()
        .order_by("pk")
    )


def forwardable_lines(user: User) -> list[NominationLine]:
    """Nominees the council approved, of nominations still approved, whose award the superior
    decides and which no submission lists yet: what a new submission may forward."""
    if not user.is_authenticated or not user.unit_id:
        return []
    candidates = (
        NominationLine.objects.filter(
            approved=True,
            nomination__state=NominationState.APPROVED,
            nomination__authority_id=user.unit.authority_id,
            submission_line__isnull=True,
        )
        .select_related("award", "person", "subject_unit", "nomination__unit")
        .order_by("nomination__year", "nomination_id", "award__sort_order", "pk")
    )
    return [line for line in candidates if decided_by_superior(line)]
