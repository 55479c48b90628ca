"""Reads of the document core."""

from django.db.models import QuerySet

from documents.models import Job


def jobs_of(user) -> QuerySet[Job]:
    """The user's own jobs, newest first."""
    return Job.objects.filter(requested_by=user).order_by("-created_at", "-pk")


def visible_jobs(user) -> QuerySet[Job]:
    """Jobs the user may open: every job with `documents.view_any_job`, otherwise their own."""
    if user.has_perm("documents.view_any_job"):
        return Job.objects.select_related("requested_by").order_by("-created_at", "-pk")
    return jobs_of(user).select_related("requested_by")
