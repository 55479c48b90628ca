"""Reads of decisions: the authority's decisions, their lines and what a revoked one asks to
recover.
"""

from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from awards.enums import DecisionStatus
from awards.models import Decision, DecisionSignature
from documents.enums import JobStatus, SignedFileOrigin
from documents.models import Job, SignedFile
from emulation.models import User

DECISION_DOCUMENT = "award_decision"


def decisions_for(user: User) -> QuerySet[Decision]:
    if not user.is_authenticated or not user.unit_id:
        return Decision.objects.none()
    return Decision.objects.filter(authority_id=user.unit.authority_id).select_related("signed_by")


def decision_lines(decision: Decision) -> QuerySet:
    return decision.lines.select_related(
        "nomination_line__award",
        "nomination_line__person",
        "nomination_line__subject_unit",
        "nomination_line__nomination__unit",
    )


def recovery_list(decision: Decision) -> list[dict]:
    """E-18: what is to be recovered from a revoked decision: each awardee, award and amount."""
    if decision.status != DecisionStatus.REVOKED:
        return []
    return [
        {
            "subject": line.nomination_line.subject_name,
            "award": line.nomination_line.award.name,
            "amount": line.amount or Decimal(0),
        }
        for line in decision_lines(decision)
    ]


def signature_of(decision: Decision) -> DecisionSignature | None:
    """The evidence of the decision's signature; None before signing (or for a decision
    signed before signatures were recorded)."""
    return DecisionSignature.objects.filter(decision=decision).first()


def issued_files(decisions: list[Decision]) -> dict[int, list[Job]]:
    """The finished files of each decision rendered after its signing, newest first: its
    issued files (drafts are not). One query."""
    files: dict[int, list[Job]] = {decision.pk: [] for decision in decisions}
    signed_on = {decision.pk: decision.signed_on for decision in decisions}
    jobs = (
        Job.objects.filter(
            kind=DECISION_DOCUMENT, status=JobStatus.DONE, params__decision__in=list(files)
        )
        .exclude(result_sha256="")
        .exclude(result__contains="du-thao")
        .order_by("-finished_at", "-pk")
    )
    for job in jobs:
        day = signed_on[job.params["decision"]]
        # Files rendered before the signing day are drafts, whatever their name. Both days are
        # Vietnamese days: a file rendered at 06:00 in Hà Nội is still 23:00 the day before in UTC.
        if day and timezone.localdate(job.created_at) >= day:
            files[job.params["decision"]].append(job)
    return files


def signed_originals(decision: Decision) -> QuerySet[SignedFile]:
    """The signed originals uploaded for the decision's issued files, newest first."""
    jobs = issued_files([decision])[decision.pk]
    return SignedFile.objects.filter(origin=SignedFileOrigin.UPLOADED, job__in=jobs).select_related(
        "uploaded_by"
    )
