"""The mail task: a thin adapter from a broker message on the "mail" queue to the outbox."""

import logging

from celery import shared_task

from outbox.services import SEND_TASK, deliver_mail, give_up_mail

logger = logging.getLogger(__name__)

# Seconds before the n-th retry after an SMTP or connection error: 30, 60, 120, 240, 480.
RETRY_BASE_SECONDS = 30
MAX_RETRIES = 5


@shared_task(
    name=SEND_TASK,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    ignore_result=True,
)
def send_mail(self, *, mail_id: int) -> None:
    """Send outgoing message `mail_id`; retry SMTP and connection errors, then give up."""
    try:
        deliver_mail(mail_id=mail_id)
    except OSError as exc:  # smtplib.SMTPException is an OSError
        if self.request.retries >= self.max_retries:
            logger.error("mail %s: not sent after %s attempts: %s", mail_id, MAX_RETRIES + 1, exc)
            give_up_mail(mail_id=mail_id)
            return
        countdown = RETRY_BASE_SECONDS * 2**self.request.retries
        logger.warning("mail %s: not sent (%s), retry in %s s", mail_id, exc, countdown)
        raise self.retry(exc=exc, countdown=countdown) from exc
