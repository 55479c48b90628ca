"""Keeping the demo's story true on the day it is loaded (`manage.py settle_demo_dates`, run
by `make demo` after loaddata).

The fixtures are static and their story is dated (2026), but two of its steps depend on
today: the nomination in its public notice (công khai, E-17) must still be in it, and the
council's open session must lie ahead. Every other step is in the past whenever the demo is
loaded and stays as the fixtures hold it, including the nomination whose notice has ended.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from awards.enums import NominationState, SessionState
from awards.models import CouncilSession, Nomination
from demo.nominations import IN_NOTICE, NOMINATING_UNITS
from emulation.calendar import add_working_days
from emulation.models import Authority

# Working days the notice still runs, and days until the open session, from the loading day.
NOTICE_LEFT = 3
SESSION_AHEAD = 5


@dataclass(frozen=True)
class Settled:
    notice_until: list[datetime.date]
    session_days: list[datetime.date]


@transaction.atomic
def settle_demo_dates(*, authority: Authority, today: datetime.date) -> Settled:
    """The in-notice nomination's notice ends `NOTICE_LEFT` working days after `today`; an
    open session held before `today` + `SESSION_AHEAD` working days moves to that day.
    Idempotent: loading the fixtures again and settling on the same day gives the same dates.
    """
    in_notice = [code for code, story in NOMINATING_UNITS.items() if story.reaches == IN_NOTICE]
    notice_until = add_working_days(today, NOTICE_LEFT)
    nominations = Nomination.objects.filter(
        authority=authority, unit__code__in=in_notice, state=NominationState.PUBLIC_NOTICE
    )
    nominations.update(notice_until=notice_until)
    session_day = add_working_days(today, SESSION_AHEAD)
    sessions = CouncilSession.objects.filter(
        authority=authority, state=SessionState.OPEN, held_on__lt=session_day
    )
    moved = len(sessions)
    sessions.update(held_on=session_day)
    return Settled(
        notice_until=[notice_until] * nominations.count(), session_days=[session_day] * moved
    )
