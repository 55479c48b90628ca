import pytest

from emulation.models import User
from tests.conftest import fixture_rows_for_the_module

# The demo authority with its targets (2025–2027), clusters, pledges and awards, loaded once
# per module: the tests read it, and what a test adds is rolled back after it.
demo_rows = fixture_rows_for_the_module(
    "fixtures/demo.json",
    "fixtures/demo_targets.json",
    "fixtures/demo_pledges.json",
    "fixtures/demo_awards.json",
)


@pytest.fixture
def demo(demo_rows, db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def demo_user(demo):
    return lambda username: User.objects.get(username=username)


@pytest.fixture
def broker(monkeypatch):
    """The job ids published (the broker is the boundary replaced here)."""
    from celery import current_app

    sent: list[int] = []
    monkeypatch.setattr(
        current_app, "send_task", lambda name, kwargs=None, **_: sent.append(kwargs["job_id"])
    )
    return sent
