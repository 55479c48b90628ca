"""The end of a public notice (E-17) is decided on the product's clock (config/clock.py):
moving CLOCK_OFFSET_DAYS, not the database, lets the council take the nomination up."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import NominationState
from awards.models import CouncilSession
from config import clock
from tests.awards.conftest import in_state


def in_notice_for(nomination, *, days: int, settings) -> CouncilSession:
    """The nomination in its public notice for `days` more days by the real clock (the
    product's clock set back to it), and an open session on the day the notice ends."""
    settings.CLOCK_OFFSET_DAYS = 0
    notice_ends = timezone.localdate() + datetime.timedelta(days=days)
    in_state(
        nomination, NominationState.PUBLIC_NOTICE, verdict="eligible", notice_until=notice_ends
    )
    return CouncilSession.objects.create(
        authority=nomination.authority, title="Phiên họp", held_on=notice_ends
    )


@pytest.mark.django_db
def test_council_takes_a_nomination_once_the_clock_reaches_the_end_of_its_notice(
    client, settings, staff, nomination
):
    """E-17 is decided on the product's clock: moving the setting, not the database, ends the
    notice; the history row of the move keeps the real time."""
    session = in_notice_for(nomination, days=9, settings=settings)
    client.force_login(staff)
    agenda = reverse("awards:session_action", args=[session.pk, "agenda"])

    client.post(agenda, {"nomination": nomination.pk})
    nomination.refresh_from_db()
    assert (nomination.state, nomination.council_session_id) == (
        NominationState.PUBLIC_NOTICE,
        None,
    )

    settings.CLOCK_OFFSET_DAYS = 9
    client.post(agenda, {"nomination": nomination.pk})
    nomination.refresh_from_db()
    assert (nomination.state, nomination.council_session_id) == (
        NominationState.IN_COUNCIL,
        session.pk,
    )
    moved = nomination.events.get(to_state=NominationState.IN_COUNCIL)
    assert moved.at < clock.now() - datetime.timedelta(days=8)


@pytest.mark.django_db
def test_agenda_offers_a_nomination_only_once_its_notice_has_ended(
    client, settings, staff, nomination
):
    session = in_notice_for(nomination, days=3, settings=settings)
    client.force_login(staff)
    page = reverse("awards:session_detail", args=[session.pk])

    waiting = client.get(page)
    assert list(waiting.context["candidates"]) == []
    assert "Chưa có hồ sơ nào hết thời hạn công khai để đưa vào phiên họp." in (
        waiting.content.decode()
    )
    settings.CLOCK_OFFSET_DAYS = 3
    offered = client.get(page)
    assert list(offered.context["candidates"]) == [nomination]
    assert f'<option value="{nomination.pk}">' in offered.content.decode()
