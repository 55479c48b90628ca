"""The product's clock (config/clock.py): the real time moved by CLOCK_OFFSET_DAYS for the
decisions that depend on the day, refused outside development unless allowed, and never
used for the times of records."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from config import clock

# 17:30 UTC on 31 March is already 1 April in Ho Chi Minh City (UTC+7).
REAL_NOW = datetime.datetime(2026, 3, 31, 17, 30, tzinfo=datetime.UTC)


@pytest.fixture
def real_time(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: REAL_NOW)


def test_clock_without_offset_is_the_real_time_in_the_authoritys_zone(real_time, settings):
    settings.CLOCK_OFFSET_DAYS = 0
    assert (clock.now(), clock.today()) == (REAL_NOW, datetime.date(2026, 4, 1))


def test_clock_offset_moves_today_and_now_by_whole_days(real_time, settings):
    settings.CLOCK_OFFSET_DAYS = 12
    assert (clock.now(), clock.today()) == (
        datetime.datetime(2026, 4, 12, 17, 30, tzinfo=datetime.UTC),
        datetime.date(2026, 4, 13),
    )
    settings.CLOCK_OFFSET_DAYS = -1
    assert clock.today() == datetime.date(2026, 3, 31)


def test_clock_offset_is_refused_with_debug_off_unless_allowed(real_time, settings):
    settings.DEBUG, settings.CLOCK_OFFSET_ALLOWED, settings.CLOCK_OFFSET_DAYS = False, False, 3
    with pytest.raises(ImproperlyConfigured, match=r"^CLOCK_OFFSET_DAYS=3 chỉ dùng khi"):
        clock.today()
    settings.CLOCK_OFFSET_DAYS = 0
    assert clock.today() == datetime.date(2026, 4, 1)


@pytest.mark.parametrize(
    ("debug", "allowed", "refused"),
    [(True, False, False), (False, True, False), (False, False, True)],
)
def test_check_offset_allows_development_and_rehearsal_only(debug, allowed, refused):
    if refused:
        with pytest.raises(ImproperlyConfigured, match="CLOCK_OFFSET_ALLOWED=true"):
            clock.check_offset(offset_days=5, debug=debug, allowed=allowed)
    else:
        assert clock.check_offset(offset_days=5, debug=debug, allowed=allowed) is None
    assert clock.check_offset(offset_days=0, debug=False, allowed=False) is None
