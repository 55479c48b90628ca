"""A real mail worker (`celery worker -Q mail`) delivers e-mail while the documents queue holds
a job that no worker takes: a December print run never holds up a notice. Needs PostgreSQL
(DATABASE_URL=postgres://…) and redis-server, like the other worker tests."""

import email
import email.policy
import os
import time

import pytest
import redis

from documents.enums import JobStatus
from documents.models import Job
from documents.services import publish_job
from outbox.enums import MailStatus
from outbox.models import OutgoingMail
from outbox.services import queue_mail
from tests.documents.test_worker_integration import worker_redis  # noqa: F401 (fixture)
from tests.factories import JobFactory
from tests.processes import (
    READY_TIMEOUT,
    end_worker,
    project_env,
    publisher_on,
    spawn_worker,
    wait_until,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

MAIL_TIMEOUT = 60


@pytest.fixture
def mail_worker(require_postgres, worker_redis, tmp_path):  # noqa: F811 (fixture)
    """A worker of the mail queue only, as docker-compose.yml's worker-mail service; its
    e-mail backend writes each message to a file under `tmp_path / "sent"`."""
    worker_redis.flush()
    sent = tmp_path / "sent"
    env = {**project_env(redis_url=worker_redis.url), "EMAIL_URL": f"filemail:///{sent}"}
    running = spawn_worker(
        options=[
            *("-P", "prefork", "-c", "1", "--loglevel=INFO", "-Q", "mail"),
            *("-n", f"mail-test-{os.getpid()}@%h", "--without-gossip", "--without-mingle"),
        ],
        env=env,
    )
    wait_until(
        lambda: any(" ready." in line for line in running.log),
        READY_TIMEOUT,
        running,
        "the mail worker did not start",
    )
    with publisher_on(worker_redis.url):
        yield running, sent
    end_worker(running)
    print(f"--- mail worker log (exit code {running.process.returncode}) ---")
    print("".join(running.log))


def test_mail_worker_delivers_while_the_documents_queue_waits(mail_worker, worker_redis):  # noqa: F811
    worker, sent = mail_worker
    broker = redis.Redis.from_url(worker_redis.url)
    # A print run waits on the documents queue: no worker of that queue is running.
    print_run = JobFactory()
    assert publish_job(print_run.pk) is True
    assert broker.llen("documents") == 1

    started = time.monotonic()
    message = queue_mail(
        subject="Nhắc ký giao ước thi đua Cụm số 1",
        body="Đơn vị Phường Bến Thành chưa ký.",
        recipients=["truong@example.vn"],
    )
    delivered = wait_until(
        lambda: OutgoingMail.objects.filter(pk=message.pk, status=MailStatus.SENT).first(),
        MAIL_TIMEOUT,
        worker,
        "the mail worker did not send the message",
    )
    print(f"\nmail_delivered_behind_a_waiting_print_run_seconds: {time.monotonic() - started:.2f}")

    files = sorted(sent.iterdir())
    assert len(files) == 1
    # The file backend writes each message, then a line of 79 dashes.
    raw = files[0].read_bytes().split(b"\n" + b"-" * 79)[0]
    written = email.message_from_bytes(raw, policy=email.policy.default)
    assert (written["To"], written["Subject"].strip(), written.get_content().strip()) == (
        "truong@example.vn",
        "Nhắc ký giao ước thi đua Cụm số 1",
        "Đơn vị Phường Bến Thành chưa ký.",
    )
    assert (delivered.attempts, delivered.error) == (1, "")
    # The print run is still where it was: queued, its message untouched on its own queue.
    assert Job.objects.get(pk=print_run.pk).status == JobStatus.QUEUED
    assert broker.llen("documents") == 1
    assert broker.llen("mail") == 0
