"""Fixtures of the document tests: a private media folder and a recording broker.

The broker is the one external boundary replaced here: `broker` records what would be sent,
`broker_down` refuses like an unreachable Redis (kombu's OperationalError). The worker tests in
test_worker_integration.py use the real Redis instead."""

import pytest
from celery import current_app
from kombu.exceptions import OperationalError


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def broker(monkeypatch):
    """The job ids published, in order."""
    sent: list[int] = []

    def send_task(name, args=None, kwargs=None, **options):
        assert name == "documents.render_document"
        sent.append(kwargs["job_id"])

    monkeypatch.setattr(current_app, "send_task", send_task)
    return sent


@pytest.fixture
def broker_down(monkeypatch):
    attempts: list[int] = []

    def send_task(name, args=None, kwargs=None, **options):
        attempts.append(kwargs["job_id"])
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(current_app, "send_task", send_task)
    return attempts
