"""Reads of the document core."""

import rules
from django.db.models import QuerySet

from documents.models import Job


def jobs_of(user) -> QuerySet[Job]:
    """The user's own jobs, newest first."""
    return Job.objects.filter(requested_by=user).order_by("-created_at", "-pk")


def visible_jobs(user) -> QuerySet[Job]:
    """Jobs the user may open: with `documents.view_any_job` every job asked for by a user of
    the same authority, otherwise their own."""
    if rules.has_perm("documents.view_any_job", user) and user.unit_id:
        return (
            Job.objects.filter(requested_by__unit__authority_id=user.unit.authority_id)
            .select_related("requested_by")
            .order_by("-created_at", "-pk")
        )
    return jobs_of(user).select_related("requested_by")
