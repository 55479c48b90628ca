"""Reads of decisions: the authority's decisions, their lines and what a revoked one asks to
recover.
"""

from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone

from awards.enums import DecisionStatus
from awards.models import Decision, DecisionSignature
from documents.enums import JobStatus
from documents.models import Job, SignedFile
from documents.selectors import signed_originals_of
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


class StreamedRows:
    """The rows of a long table, read from the database a batch at a time while the template
    renders them, for `{% for %}` (which would make a list of an iterable without a length).
    Built as one list, a decision's thousand lines, each with its person, award and units,
    are all held at once, and the web process kept about 5 MB of that after the page was
    sent; read in batches, each batch is freed before the next is read."""

    BATCH = 200

    def __init__(self, queryset: QuerySet, count: int):
        self.queryset, self.count = queryset, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        return self.queryset.iterator(chunk_size=self.BATCH)


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


def issued_files(decision_ids: list[int]) -> dict[int, list[Job]]:
    """The finished files of each decision rendered after its signing (drafts are not issued
    files), newest first. One query."""
    files: dict[int, list[Job]] = {pk: [] for pk in decision_ids}
    jobs = (
        Job.objects.filter(
            kind=DECISION_DOCUMENT, status=JobStatus.DONE, params__decision__in=decision_ids
        )
        .exclude(result_sha256="")
        .exclude(result__contains="du-thao")
        .order_by("-finished_at", "-pk")
    )
    for job in jobs:
        files[job.params["decision"]].append(job)
    return files


def made_after_signing(job: Job, decision: Decision) -> bool:
    """Files requested before the signing day are drafts, whatever their name. Both days are
    Vietnamese days: a file requested at 06:00 in Hà Nội is still 23:00 the day before in UTC."""
    return bool(decision.signed_on) and timezone.localdate(job.created_at) >= decision.signed_on


def issued_job(decision: Decision) -> Job | None:
    """The job whose file is the decision's issued file: the first finished after its signing.
    None for a draft, or before the first print after signing."""
    if decision.status == DecisionStatus.DRAFT:
        return None
    jobs = issued_files([decision.pk])[decision.pk]
    return next((job for job in reversed(jobs) if made_after_signing(job, decision)), None)


def signed_originals(decision: Decision) -> QuerySet[SignedFile]:
    """The decision's signed originals, newest first: each copy signed outside and uploaded,
    and the same with the body's seal added (the newest sealed one is the original)."""
    return signed_originals_of(
        Job.objects.filter(kind=DECISION_DOCUMENT, params__decision=decision.pk)
    )
