"""The product's clock for decisions that depend on the day: whether a public notice has ended,
whether a deadline has passed, which year a page opens on, who holds a cluster's term.

`now()` and `today()` are the real time moved by the setting `CLOCK_OFFSET_DAYS` (environment
variable of the same name, 0 by default). A demo or a rehearsal can thus reach the day a notice
ends without editing the database, and a test walks a year by moving the setting.

Records of what happened and when (audit events, signature evidence, job times, history rows)
keep the real time: they use `django.utils.timezone.now()`, never this clock.

Outside development the offset is refused unless `CLOCK_OFFSET_ALLOWED` says so (a rehearsal
server): a production server must not decide on a day that is not today.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone


def check_offset(*, offset_days: int, debug: bool, allowed: bool) -> None:
    """Refuse an offset where it is not allowed; the message names the variables."""
    if offset_days and not (debug or allowed):
        raise ImproperlyConfigured(
            f"CLOCK_OFFSET_DAYS={offset_days} chỉ dùng khi DJANGO_DEBUG=true hoặc "
            "CLOCK_OFFSET_ALLOWED=true. The clock offset is refused in production."
        )


def offset() -> datetime.timedelta:
    """How far the product's clock is from the real time (0 unless configured)."""
    days = getattr(settings, "CLOCK_OFFSET_DAYS", 0)
    check_offset(
        offset_days=days,
        debug=settings.DEBUG,
        allowed=getattr(settings, "CLOCK_OFFSET_ALLOWED", False),
    )
    return datetime.timedelta(days=days)


def now() -> datetime.datetime:
    """The aware current time of the product's decisions."""
    return timezone.now() + offset()


def today() -> datetime.date:
    """The product's current day in the authority's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.localdate(now())
