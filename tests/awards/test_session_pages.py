"""The council pages of the staff: open a session, put a published nomination on the agenda,
take attendance, count the ballot, request the minutes; objections during the notice."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import NominationState, SessionState
from awards.models import CouncilSession, Objection
from documents.models import Job
from emulation.enums import Role
from tests.awards.conftest import in_state
from tests.awards.factories import NominationFactory
from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_session_pages_are_for_staff(client, unit, role):
    client.force_login(UserFactory(role=role, unit=unit))
    response = client.get(reverse("awards:session_list"))
    assert response.status_code == (200 if role == Role.AUTHORITY_STAFF else 403)


@pytest.mark.django_db
def test_session_of_another_authority_is_404(client, staff, other_authority):
    foreign = CouncilSession.objects.create(
        authority=other_authority, title="Phiên họp khác", held_on=datetime.date(2026, 1, 8)
    )
    client.force_login(staff)
    assert client.get(reverse("awards:session_detail", args=[foreign.pk])).status_code == 404


@pytest.mark.django_db
def test_staff_run_a_session_from_the_pages(client, staff, unit, nomination):
    members = [UserFactory(role=Role.COUNCIL_MEMBER, unit=unit) for _ in range(3)]
    client.force_login(staff)
    response = client.post(
        reverse("awards:session_list"),
        {
            "title": "Phiên họp xét khen thưởng năm 2025",
            "held_on": "08/01/2026",
            "members": [member.pk for member in members],
        },
    )
    session = CouncilSession.objects.get()
    assert (response.status_code, session.memberships.count()) == (302, 3)

    in_state(
        nomination,
        NominationState.PUBLIC_NOTICE,
        verdict="eligible",
        notice_until=datetime.date(2026, 1, 1),
    )
    client.post(
        reverse("awards:session_action", args=[session.pk, "agenda"]),
        {"nomination": nomination.pk},
    )
    nomination.refresh_from_db()
    assert nomination.state == NominationState.IN_COUNCIL

    line = nomination.lines.get()
    for member in members:
        client.force_login(member)
        client.post(reverse("awards:vote", args=[nomination.pk]), {f"line_{line.pk}": "yes"})
    client.force_login(staff)
    client.post(reverse("awards:session_action", args=[session.pk, "close"]))
    minutes = client.post(reverse("awards:session_action", args=[session.pk, "minutes"]))
    session.refresh_from_db()
    nomination.refresh_from_db()
    job = Job.objects.get(kind="council_minutes")
    assert (session.state, nomination.state, nomination.lines.get().yes_votes) == (
        SessionState.CLOSED,
        NominationState.APPROVED,
        3,
    )
    assert (minutes["Location"], job.params) == (
        reverse("documents:job_detail", args=[job.pk]),
        {"session": session.pk},
    )


@pytest.mark.django_db
def test_objection_is_recorded_and_answered_from_the_page(client, staff, nomination):
    in_state(nomination, NominationState.PUBLIC_NOTICE, verdict="eligible")
    client.force_login(staff)
    client.post(
        reverse("awards:nomination_review", args=[nomination.pk, "objection"]),
        {"text": "Đề nghị xem lại số tháng công tác"},
    )
    objection = Objection.objects.get()
    client.post(
        reverse("awards:nomination_review", args=[nomination.pk, "answer"]),
        {"objection": objection.pk, "answer": "Đã đối chiếu, đủ 12 tháng"},
    )
    objection.refresh_from_db()
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert "Trả lời: Đã đối chiếu, đủ 12 tháng" in page
    assert (objection.text, objection.answer) == (
        "Đề nghị xem lại số tháng công tác",
        "Đã đối chiếu, đủ 12 tháng",
    )


@pytest.mark.django_db
def test_unit_head_cannot_record_objections(client, nomination, other_unit):
    in_state(nomination, NominationState.PUBLIC_NOTICE, verdict="eligible")
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    response = client.post(
        reverse("awards:nomination_review", args=[nomination.pk, "objection"]), {"text": "Ý kiến"}
    )
    assert (response.status_code, Objection.objects.count()) == (403, 0)


@pytest.mark.django_db
def test_council_members_are_offered_and_listed_by_full_name(client, staff, unit):
    member = UserFactory(
        role=Role.COUNCIL_MEMBER,
        unit=unit,
        username="hoidong",
        last_name="Trần Gia",
        first_name="Thông",
    )
    client.force_login(staff)
    offered = client.get(reverse("awards:session_list")).content.decode()
    client.post(
        reverse("awards:session_list"),
        {"title": "Phiên họp thứ nhất", "held_on": "08/01/2026", "members": [member.pk]},
    )
    session = CouncilSession.objects.get()
    listed = client.get(reverse("awards:session_detail", args=[session.pk])).content.decode()
    assert (
        re.search(r"<label[^>]*>\s*<input[^>]*>\s*([^<]*?)\s*</label>", offered).group(1),
        f"<li>Trần Gia Thông · {unit.name} · Có mặt" in listed,
        "hoidong" in offered + listed,
    ) == ("Trần Gia Thông", True, False)


@pytest.mark.django_db
def test_agenda_offers_only_nominations_whose_notice_has_ended(
    client, staff, unit, nomination, head
):
    """A nomination published minutes ago is not offered (choosing it would only answer
    E-17); one whose notice ended yesterday is, and goes on the agenda."""
    today = timezone.localdate()
    ended = in_state(
        nomination,
        NominationState.PUBLIC_NOTICE,
        verdict="eligible",
        notice_until=today - datetime.timedelta(days=1),
    )
    running = in_state(
        NominationFactory(unit=nomination.unit, created_by=head, title="Đang công khai"),
        NominationState.PUBLIC_NOTICE,
        verdict="eligible",
        notice_until=today + datetime.timedelta(days=3),
    )
    session = CouncilSession.objects.create(
        authority=unit.authority, title="Phiên họp", held_on=today
    )
    client.force_login(staff)
    page = client.get(reverse("awards:session_detail", args=[session.pk])).content.decode()
    offered = re.findall(r'<option value="(\d+)">', page)
    assert offered == [str(ended.pk)]
    assert running.title not in page
    client.post(
        reverse("awards:session_action", args=[session.pk, "agenda"]), {"nomination": ended.pk}
    )
    ended.refresh_from_db()
    assert ended.state == NominationState.IN_COUNCIL
