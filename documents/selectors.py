"""Reads of the document core."""

import rules
from django.db.models import QuerySet

from documents.authority import authority_of
from documents.models import Job


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
