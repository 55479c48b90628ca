"""The helper task of certificate jobs: another worker process draws chunks of a job."""

import logging

from celery import shared_task

from awards.certificates.documents import HELPER_TASK, help_with_job

logger = logging.getLogger(__name__)


@shared_task(name=HELPER_TASK, acks_late=True, ignore_result=True)
def render_certificate_chunks(*, job_id: int) -> None:
    """Draw chunks of certificate job `job_id` until none is left to claim. A helper that
    fails leaves its chunk running; the job's own process takes it over when it is stale."""
    drawn = help_with_job(job_id)
    logger.info("job %s: helper drew %s chunks", job_id, drawn)
