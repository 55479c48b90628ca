"""Writes of the outbox: queue an e-mail with the change that causes it, send it once.

A message is kept in the caller's transaction and published to the "mail" queue after that
transaction commits, so that an e-mail never tells of a change that was rolled back and a
December print run on the "documents" queue never holds up a notice. When the broker is down
the message stays queued and unpublished; `requeue_unpublished_mail` sends it later.
"""

import datetime
import logging
from collections.abc import Iterable
from functools import partial

from celery import current_app
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from config.republishing import republish_stale
from outbox.enums import MailStatus
from outbox.models import OutgoingMail

logger = logging.getLogger(__name__)

SEND_TASK = "outbox.send_mail"
# A published message that is still queued this long after was lost with the broker.
REQUEUE_AFTER_SECONDS = 900
SWEEP_BATCH = 500


def queue_mail(
    *, subject: str, body: str, recipients: Iterable[str], from_email: str = ""
) -> OutgoingMail | None:
    """Keep an e-mail to `recipients` and publish it to the mail worker once the caller's
    transaction commits (at once outside a transaction).

    Preconditions: none; blank addresses are dropped. Side effects: one OutgoingMail row and,
    after commit, one broker message. Returns None (nothing kept) without a recipient. A broker
    failure never reaches the caller: the message stays queued for the sweeper.
    """
    addresses = [address.strip() for address in recipients if address and address.strip()]
    if not addresses:
        return None
    with transaction.atomic():
        mail = OutgoingMail.objects.create(
            subject=subject[:255], body=body, from_email=from_email, recipients=addresses
        )
        transaction.on_commit(partial(publish_mail, mail.pk), robust=True)
    return mail


def publish_mail(mail_id: int) -> bool:
    """Send message `mail_id` to the mail queue and record when. Returns False when the
    broker cannot be reached (logged; the message stays as it was)."""
    try:
        current_app.send_task(SEND_TASK, kwargs={"mail_id": mail_id})
    except (BrokerError, OSError) as exc:
        logger.warning("mail %s not published, broker unavailable: %s", mail_id, exc)
        return False
    OutgoingMail.objects.filter(pk=mail_id, status=MailStatus.QUEUED).update(
        published_at=timezone.now()
    )
    return True


def deliver_mail(*, mail_id: int) -> bool:
    """Send queued message `mail_id` through the configured e-mail backend.

    Returns True when this call sent it, False when it is missing or no longer queued (sent by
    an earlier delivery of the same task, or given up). The row is locked while it is sent, so
    two deliveries of one task send it once. Side effects: the message marked sent, or its
    attempts and last error recorded; the SMTP error (an OSError) is raised again for the
    task to retry.
    """
    failure: OSError | None = None
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None:
            logger.warning("mail %s does not exist; nothing sent", mail_id)
            return False
        if mail.status != MailStatus.QUEUED:
            logger.info("mail %s is %s already; not sent again", mail_id, mail.status)
            return False
        message = EmailMessage(mail.subject, mail.body, mail.from_email or None, mail.recipients)
        mail.attempts += 1
        try:
            message.send(fail_silently=False)
        except OSError as exc:  # smtplib.SMTPException and connection errors alike
            failure = exc
            mail.error = f"{type(exc).__name__}: {exc}"[:2000]
            mail.save(update_fields=["attempts", "error"])
        else:
            mail.status = MailStatus.SENT
            mail.sent_at = timezone.now()
            mail.error = ""
            mail.save(update_fields=["attempts", "status", "sent_at", "error"])
    if failure is not None:
        raise failure
    logger.info("mail %s sent to %s recipients", mail_id, len(mail.recipients))
    return True


def give_up_mail(*, mail_id: int) -> bool:
    """Mark queued message `mail_id` failed after its last attempt (the error is kept).
    Returns whether it was still queued."""
    return bool(
        OutgoingMail.objects.filter(pk=mail_id, status=MailStatus.QUEUED).update(
            status=MailStatus.FAILED
        )
    )


def requeue_unpublished_mail(*, now: datetime.datetime | None = None) -> int:
    """Publish queued messages never published, or published longer ago than
    REQUEUE_AFTER_SECONDS (the broker lost them). Returns how many were sent; stops at the
    first broker failure. Rows are locked with SKIP LOCKED where the database can, so two
    sweepers never send the same message."""
    now = now or timezone.now()
    return republish_stale(
        OutgoingMail.objects.filter(status=MailStatus.QUEUED),
        cutoff=now - datetime.timedelta(seconds=REQUEUE_AFTER_SECONDS),
        publish=publish_mail,
        batch=SWEEP_BATCH,
    )
