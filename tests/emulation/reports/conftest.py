import pytest
from axes.utils import reset
from django.test import Client

from emulation.models import User
from emulation.reports.narrative import FIELDS, RECIPIENTS
from emulation.reports.services import save_report_texts
from tests.conftest import fixture_rows_for_the_module
from tests.factories import TEST_PASSWORD

# The demo's year whose report the signing tests write, sign and file.
YEAR = 2026

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


@pytest.fixture
def clean_axes():
    """Sign-in lockouts (django-axes) cleared before and after."""
    reset()
    yield
    reset()


@pytest.fixture
def staff(demo_user):
    return demo_user("canbo.thidua")


def with_test_password(user):
    """`user`, whose password is now the suite's (the chairperson signs with it)."""
    user.set_password(TEST_PASSWORD)
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def chair(demo_user):
    return with_test_password(demo_user("chutich"))


def write_report_texts(staff):
    """The year's report with every text written by `staff`, first saved (a draft)."""
    texts = {name: f"Phần {name} do cán bộ viết." for name in FIELDS}
    texts[RECIPIENTS] = "- Ủy ban nhân dân Thành phố;\n- Lưu: VT, TĐKT."
    return save_report_texts(user=staff, year=YEAR, texts=texts, version=0)


@pytest.fixture
def saved(staff):
    return write_report_texts(staff)


def client_for(user) -> Client:
    client = Client(HTTP_USER_AGENT="Chromium kiểm thử")
    client.force_login(user)
    return client
