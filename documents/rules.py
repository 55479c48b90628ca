"""Who may see a document job. A job is private to the user who asked for it; users holding
`documents.view_any_job` (administrators) may see and download every job. Anyone else is told
the job does not exist."""

import rules


@rules.predicate
def is_job_owner(user, job) -> bool:
    return job is not None and job.requested_by_id == user.pk


@rules.predicate
def may_view_any_job(user) -> bool:
    return user.has_perm("documents.view_any_job")


rules.add_perm("documents.view_job", is_job_owner | may_view_any_job)
rules.add_perm("documents.download_job", is_job_owner | may_view_any_job)
rules.add_perm("documents.retry_job", is_job_owner)
