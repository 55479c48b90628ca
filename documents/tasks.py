"""Celery tasks of the document core: thin adapters from a broker message to a service."""

import logging
import os

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext as _

from documents.chunks import HELPER_TASK, help_with_job
from documents.services import fail_job, run_job

logger = logging.getLogger(__name__)

# Seconds before the n-th retry after a lost database connection: 5, 10, 20…
RETRY_BASE_SECONDS = 5


@shared_task(
    name="documents.render_document",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    # Every run, retried or redelivered, counts against DOCUMENT_JOB_MAX_ATTEMPTS.
    max_retries=settings.DOCUMENT_JOB_MAX_ATTEMPTS - 1,
    ignore_result=True,
)
def render_document(self, *, job_id: int) -> None:
    """Render document job `job_id`. Retries only when the database connection failed."""
    try:
        run_job(job_id=job_id, worker_pid=os.getpid())
    except (OperationalError, InterfaceError) as exc:
        if self.request.retries >= self.max_retries:
            logger.exception("job %s: database unavailable, giving up", job_id)
            _give_up(job_id)
            return
        countdown = RETRY_BASE_SECONDS * 2**self.request.retries
        logger.warning("job %s: database unavailable (%s), retry in %s s", job_id, exc, countdown)
        raise self.retry(exc=exc, countdown=countdown) from exc


def _give_up(job_id: int) -> None:
    with translation.override("vi"):
        reason = _("Không kết nối được cơ sở dữ liệu khi tạo tài liệu. Vui lòng thử lại sau.")
    try:
        fail_job(job_id=job_id, reason=reason)
    except (OperationalError, InterfaceError):
        logger.exception("job %s could not be marked failed; it stays running", job_id)


@shared_task(name=HELPER_TASK, acks_late=True, ignore_result=True)
def run_job_chunks(*, job_id: int) -> None:
    """Do slices of job `job_id` until none is left to claim (documents.chunks). A slice that
    fails is given back to the job's own process; one whose process died is taken over by the
    job's process when it is stale."""
    done = help_with_job(job_id)
    logger.info("job %s: helper did %s chunks", job_id, done)
