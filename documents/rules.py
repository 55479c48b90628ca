"""Who may see a document job. A job is private to the user who asked for it; users holding
`documents.view_any_job` (administrators) may see and download every job of their own authority.
Anyone else is told the job does not exist."""

import rules

from documents.authority import authority_of


@rules.predicate
def is_job_owner(user, job) -> bool:
    return job is not None and job.requested_by_id == user.pk


@rules.predicate
def may_view_any_job(user, job) -> bool:
    """An administrator sees the jobs of their own authority, never another authority's."""
    if job is None or job.authority_id is None:
        return False
    if not rules.has_perm("documents.view_any_job", user):
        return False
    return job.authority_id == authority_of(user)


rules.add_perm("documents.view_job", is_job_owner | may_view_any_job)
rules.add_perm("documents.download_job", is_job_owner | may_view_any_job)
rules.add_perm("documents.retry_job", is_job_owner)
