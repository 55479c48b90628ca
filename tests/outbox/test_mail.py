"""The outbox: a message is kept with the change that causes it, published to the "mail" queue
after commit, sent once however often its task is delivered, and retried on SMTP errors."""

import smtplib

import pytest
from celery import current_app
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from outbox import services
from outbox.enums import MailStatus
from outbox.models import OutgoingMail
from outbox.services import deliver_mail, queue_mail, requeue_unpublished_mail
from outbox.tasks import MAX_RETRIES, send_mail

pytestmark = pytest.mark.django_db

# The publisher itself, before tests/conftest.py lets the test process deliver in its place.
PUBLISH_MAIL = services.publish_mail


class FlakyBackend(locmem.EmailBackend):
    """An SMTP server that drops the connection for the first `refusals` sends, then takes
    the messages (into Django's test outbox)."""

    refusals = 0
    refused = 0

    def send_messages(self, email_messages):
        if type(self).refused < type(self).refusals:
            type(self).refused += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(email_messages)


@pytest.fixture
def flaky_smtp(settings):
    """Returns a function setting how many sends the server refuses before it takes one."""
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"

    def refuse(count: int) -> None:
        FlakyBackend.refusals, FlakyBackend.refused = count, 0

    return refuse


@pytest.fixture
def published(monkeypatch):
    """The real publisher, with the broker's publish recorded as (task name, kwargs)."""
    sent = []
    monkeypatch.setattr(services, "publish_mail", PUBLISH_MAIL)
    monkeypatch.setattr(
        current_app,
        "send_task",
        lambda name, args=None, kwargs=None, **options: sent.append((name, kwargs)),
    )
    return sent


def queued(**overrides) -> OutgoingMail:
    values = {
        "subject": "Nhắc ký giao ước thi đua Cụm số 1",
        "body": "Đơn vị Phường Bến Thành chưa ký.",
        "recipients": ["truong@example.vn"],
    }
    return OutgoingMail.objects.create(**{**values, **overrides})


def test_queue_mail_publishes_to_the_mail_task_after_commit(
    published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kept = queue_mail(
            subject="Nhắc ký", body="Chưa ký.", recipients=[" a@example.vn ", "", "b@example.vn"]
        )
        assert published == []
    assert published == [("outbox.send_mail", {"mail_id": kept.pk})]
    kept.refresh_from_db()
    assert (kept.recipients, kept.status) == (["a@example.vn", "b@example.vn"], MailStatus.QUEUED)
    assert kept.published_at is not None
    assert mail.outbox == []


def test_queue_mail_in_a_rolled_back_transaction_keeps_and_publishes_nothing(
    published, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_mail(subject="Nhắc ký", body="Chưa ký.", recipients=["a@example.vn"])
        raise RuntimeError("the change that the e-mail tells of failed")
    assert (callbacks, published, OutgoingMail.objects.count()) == ([], [], 0)


def test_queue_mail_without_recipients_keeps_nothing(published):
    assert queue_mail(subject="Nhắc ký", body="Chưa ký.", recipients=["", "  "]) is None
    assert (OutgoingMail.objects.count(), published) == (0, [])


def test_publish_with_the_broker_down_leaves_the_message_for_the_sweeper(monkeypatch):
    def broker_down(name, args=None, kwargs=None, **options):
        raise BrokerError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(current_app, "send_task", broker_down)
    message = queued()
    assert PUBLISH_MAIL(message.pk) is False
    message.refresh_from_db()
    assert (message.status, message.published_at) == (MailStatus.QUEUED, None)


def test_deliver_mail_sends_once_however_often_the_task_is_delivered():
    message = queued()
    assert deliver_mail(mail_id=message.pk) is True
    assert deliver_mail(mail_id=message.pk) is False
    send_mail.apply(kwargs={"mail_id": message.pk})
    assert [(m.subject, m.to, m.body) for m in mail.outbox] == [
        (
            "Nhắc ký giao ước thi đua Cụm số 1",
            ["truong@example.vn"],
            "Đơn vị Phường Bến Thành chưa ký.",
        )
    ]
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error) == (MailStatus.SENT, 1, "")
    assert message.sent_at is not None


def test_deliver_mail_of_a_missing_message_sends_nothing():
    assert deliver_mail(mail_id=987_654) is False
    assert mail.outbox == []


def test_send_mail_task_retries_on_smtp_errors_then_sends_once(flaky_smtp, monkeypatch):
    countdowns = []
    retry = send_mail.retry
    monkeypatch.setattr(
        send_mail,
        "retry",
        lambda **options: countdowns.append(options["countdown"]) or retry(**options),
    )
    message = queued()
    flaky_smtp(2)
    assert send_mail.apply(kwargs={"mail_id": message.pk}).state == "SUCCESS"
    assert send_mail.apply(kwargs={"mail_id": message.pk}).state == "SUCCESS"
    assert (FlakyBackend.refused, countdowns) == (2, [30, 60])
    assert [m.to for m in mail.outbox] == [["truong@example.vn"]]
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error) == (MailStatus.SENT, 3, "")


def test_send_mail_task_gives_up_after_its_last_retry(flaky_smtp):
    message = queued()
    flaky_smtp(100)
    assert send_mail.apply(kwargs={"mail_id": message.pk}).state == "SUCCESS"
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MailStatus.FAILED, MAX_RETRIES + 1)
    assert message.error == "SMTPServerDisconnected: Connection unexpectedly closed"
    flaky_smtp(0)
    send_mail.apply(kwargs={"mail_id": message.pk})
    assert (FlakyBackend.refused, mail.outbox) == (0, [])


def test_sweep_mail_publishes_the_unpublished_messages_only(published):
    waiting = queued()
    sent = queued(status=MailStatus.SENT)
    assert requeue_unpublished_mail() == 1
    assert requeue_unpublished_mail() == 0
    assert published == [("outbox.send_mail", {"mail_id": waiting.pk})]
    assert sent.pk != waiting.pk


def test_sweep_mail_command_reports_how_many_it_published(published, capsys):
    queued()
    queued()
    call_command("sweep_mail")
    assert capsys.readouterr().out == "Đã đưa lại vào hàng đợi 2 thư.\n"
    assert len(published) == 2
