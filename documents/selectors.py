"""Reads of the document core."""

import rules
from django.db.models import QuerySet

from documents.authority import authority_of
from documents.enums import SignedFileOrigin
from documents.models import Job, SignedFile
from documents.signature_check import file_signatures


def jobs_of(user) -> QuerySet[Job]:
    """The user's own jobs, newest first."""
    return Job.objects.filter(requested_by=user).order_by("-created_at", "-pk")


def visible_jobs(user) -> QuerySet[Job]:
    """Jobs the user may open: with `documents.view_any_job` every job asked for by a user of
    the same authority, otherwise their own."""
    may_view_any = rules.has_perm("documents.view_any_job", user)
    authority_id = authority_of(user) if may_view_any else None
    if authority_id is not None:
        return (
            Job.objects.filter(authority_id=authority_id)
            .select_related("requested_by")
            .order_by("-created_at", "-pk")
        )
    return jobs_of(user).select_related("requested_by")


def signed_originals_of(jobs) -> QuerySet[SignedFile]:
    """The signed originals filed for these issued `jobs` (a queryset or list), newest first:
    each copy signed outside and uploaded, and the same copy with the body's seal after it."""
    return SignedFile.objects.filter(
        origin__in=[SignedFileOrigin.UPLOADED, SignedFileOrigin.SEALED], job__in=jobs
    ).select_related("uploaded_by")


def signed_original_panel(originals: QuerySet[SignedFile]) -> dict:
    """What the "Bản gốc đã ký số" panel shows (documents/partials/signed_original.html): the
    newest signed original, its signatures checked now, and whether the body's seal is still
    to come (the copy was kept while no certificate of the body was configured)."""
    original = originals.first()
    return {
        "original": original,
        "original_signatures": file_signatures(original.file) if original else [],
        "awaiting_seal": original is not None and original.origin == SignedFileOrigin.UPLOADED,
    }
