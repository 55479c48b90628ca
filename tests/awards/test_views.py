"""Permission matrix of the awards pages: anonymous → 302 to sign-in; another unit's
nomination → 404; a missing right → 403 (a clerk cannot appraise; a council member cannot
vote twice or on their own unit's nomination; only the chairperson signs)."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.council.services import create_session
from awards.decisions import policy
from awards.decisions.services import draft_decision
from awards.decisions.summary import signing_summary
from awards.enums import DecisionStatus, NominationState
from awards.models import BallotCast, Decision, VoteTally
from emulation.enums import AUTHORITY_WIDE_ROLES, Role
from tests.awards.conftest import in_state
from tests.factories import TEST_PASSWORD, UnitFactory, UserFactory

TITLE = "Tờ trình đề nghị công nhận danh hiệu thi đua năm 2025"


@pytest.fixture
def world(nomination, unit, other_unit, authority):
    """`unit` is the authority's office (staff, council, chair); `other_unit` nominates; a third
    unit of the same authority is a stranger to the nomination."""
    third = UnitFactory(authority=authority, name="Trường Tiểu học Kết Đoàn")
    return {"nomination": nomination, "office": unit, "nominating": other_unit, "third": third}


def user_of(role: Role, unit):
    return UserFactory(role=role, unit=unit)


def page_urls(nomination, decision) -> list[str]:
    return [
        reverse("awards:nomination_list"),
        reverse("awards:nomination_create"),
        reverse("awards:nomination_detail", args=[nomination.pk]),
        reverse("awards:review_queue"),
        reverse("awards:vote", args=[nomination.pk]),
        reverse("awards:decision_detail", args=[decision.pk]),
    ]


@pytest.fixture
def decision(world, staff):
    in_state(world["nomination"], NominationState.APPROVED, verdict="eligible")
    world["nomination"].lines.update(approved=True)
    return draft_decision(
        user=staff, year=2025, title="Về việc công nhận LĐTT", lines=world["nomination"].lines.all()
    )


@pytest.mark.django_db
def test_every_page_sends_anonymous_visitors_to_sign_in(client, world, decision):
    for url in page_urls(world["nomination"], decision):
        response = client.get(url)
        assert (url, response.status_code, response["Location"]) == (
            url,
            302,
            f"/dang-nhap/?next={quote(url)}",
        )


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("where", ["nominating", "third"])
def test_nomination_detail_by_role_and_unit(client, world, role, where):
    # Authority-wide roles sit in the office whatever `where` says; unit roles in `where`.
    unit = world["office"] if role in AUTHORITY_WIDE_ROLES else world[where]
    client.force_login(user_of(role, unit))
    response = client.get(reverse("awards:nomination_detail", args=[world["nomination"].pk]))
    sees = role in AUTHORITY_WIDE_ROLES or where == "nominating"
    assert response.status_code == (200 if sees else 404)
    assert (TITLE in response.content.decode()) is sees


@pytest.mark.django_db
def test_unit_sees_its_timeline_but_not_the_deliberation(client, world):
    in_state(world["nomination"], NominationState.IN_COUNCIL)
    client.force_login(user_of(Role.UNIT_HEAD, world["nominating"]))
    body = client.get(
        reverse("awards:nomination_detail", args=[world["nomination"].pk])
    ).content.decode()
    assert ("Tiến trình" in body, "Hội đồng đang xét" in body, "Lịch sử xử lý" in body) == (
        True,
        True,
        False,
    )


@pytest.mark.django_db
def test_appraised_nomination_return_and_override_reasons_have_their_own_labels(
    client, world, staff
):
    in_state(world["nomination"], NominationState.APPRAISED, verdict="not_eligible")
    client.force_login(staff)

    body = client.get(
        reverse("awards:nomination_detail", args=[world["nomination"].pk])
    ).content.decode()

    assert (body.count('id="id_reason"'), body.count('id="override_reason"')) == (1, 1)
    assert body.count('name="reason"') == 2
    assert '<label for="override_reason"' in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_create_page_is_for_unit_roles(client, world, role):
    client.force_login(user_of(role, world["nominating"]))
    response = client.get(reverse("awards:nomination_create"))
    assert response.status_code == (200 if role in (Role.UNIT_HEAD, Role.UNIT_CLERK) else 403)


@pytest.mark.django_db
def test_clerk_creates_a_nomination_of_their_unit(client, world):
    client.force_login(user_of(Role.UNIT_CLERK, world["nominating"]))
    response = client.post(
        reverse("awards:nomination_create"),
        {"year": 2025, "title": "Tờ trình khen thưởng cuối năm", "summary": ""},
    )
    created = world["nominating"].nominations.get(title="Tờ trình khen thưởng cuối năm")
    assert (response.status_code, response["Location"], created.state) == (
        302,
        reverse("awards:nomination_detail", args=[created.pk]),
        NominationState.DRAFT,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_review_queue_is_for_staff(client, world, role):
    in_state(world["nomination"], NominationState.SUBMITTED)
    client.force_login(user_of(role, world["office"]))
    response = client.get(reverse("awards:review_queue"))
    assert response.status_code == (200 if role == Role.AUTHORITY_STAFF else 403)
    assert (TITLE in response.content.decode()) is (role == Role.AUTHORITY_STAFF)


@pytest.mark.django_db
def test_clerk_cannot_appraise(client, world):
    nomination = in_state(world["nomination"], NominationState.SUBMITTED)
    client.force_login(user_of(Role.UNIT_CLERK, world["nominating"]))
    response = client.post(reverse("awards:nomination_review", args=[nomination.pk, "appraise"]))
    nomination.refresh_from_db()
    assert (response.status_code, nomination.state) == (403, NominationState.SUBMITTED)


@pytest.mark.django_db
def test_staff_appraise_from_the_page(client, world, staff):
    nomination = in_state(world["nomination"], NominationState.SUBMITTED)
    client.force_login(staff)
    response = client.post(reverse("awards:nomination_review", args=[nomination.pk, "appraise"]))
    nomination.refresh_from_db()
    assert (response.status_code, nomination.state, nomination.verdict) == (
        302,
        NominationState.APPRAISED,
        "eligible",
    )


@pytest.mark.django_db
def test_unit_head_of_another_unit_gets_404_on_submit(client, world):
    client.force_login(user_of(Role.UNIT_HEAD, world["third"]))
    response = client.post(reverse("awards:nomination_submit", args=[world["nomination"].pk]))
    assert response.status_code == 404


@pytest.fixture
def ballot(world, staff):
    member = user_of(Role.COUNCIL_MEMBER, world["office"])
    insider = user_of(Role.COUNCIL_MEMBER, world["nominating"])
    session = create_session(
        user=staff,
        title="Phiên họp năm 2025",
        held_on=datetime.date(2026, 1, 8),
        members=[member, insider],
    )
    nomination = in_state(world["nomination"], NominationState.IN_COUNCIL, council_session=session)
    return {"member": member, "insider": insider, "nomination": nomination}


@pytest.mark.django_db
def test_council_member_votes_once(client, ballot):
    nomination, member = ballot["nomination"], ballot["member"]
    line = nomination.lines.get()
    url = reverse("awards:vote", args=[nomination.pk])
    client.force_login(member)
    first = client.post(url, {f"line_{line.pk}": "yes"})
    second = client.post(url, {f"line_{line.pk}": "no"})
    assert (first.status_code, second.status_code) == (302, 403)
    assert sorted(VoteTally.objects.values_list("choice", "count")) == [("no", 0), ("yes", 1)]
    assert BallotCast.objects.filter(member=member).count() == 1
    assert "Bạn đã bỏ phiếu cho hồ sơ này" in client.get(url).content.decode()


@pytest.mark.django_db
def test_council_member_cannot_vote_on_own_unit(client, ballot):
    nomination = ballot["nomination"]
    line = nomination.lines.get()
    client.force_login(ballot["insider"])
    url = reverse("awards:vote", args=[nomination.pk])
    assert (
        client.get(url).status_code,
        client.post(url, {f"line_{line.pk}": "yes"}).status_code,
    ) == (
        403,
        403,
    )
    assert BallotCast.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.UNIT_HEAD, Role.UNIT_CLERK, Role.AUTHORITY_STAFF, Role.ADMINISTRATOR]
)
def test_vote_page_refuses_roles_without_a_vote(client, ballot, world, role):
    client.force_login(
        user_of(
            role,
            world["nominating"] if role in (Role.UNIT_HEAD, Role.UNIT_CLERK) else world["office"],
        )
    )
    assert client.get(reverse("awards:vote", args=[ballot["nomination"].pk])).status_code == 403


@pytest.mark.django_db
def test_council_member_outside_the_session_gets_404(client, ballot, world):
    client.force_login(user_of(Role.COUNCIL_MEMBER, world["office"]))
    assert client.get(reverse("awards:vote", args=[ballot["nomination"].pk])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_only_the_chairperson_signs(client, world, decision, role):
    client.force_login(user_of(role, world["office"]))
    response = client.post(
        reverse("awards:decision_sign", args=[decision.pk]),
        {
            "document_sha256": signing_summary(decision, timezone.localdate()).sha256,
            "consent_version": policy.CONSENT_VERSION,
            "consent": "on",
            "password": TEST_PASSWORD,
        },
    )
    decision.refresh_from_db()
    if role == Role.CHAIRPERSON:
        assert (response.status_code, decision.status, decision.reference) == (
            302,
            DecisionStatus.SIGNED,
            "01/QĐ-UBND",
        )
    else:
        assert (response.status_code, decision.status, decision.number) == (
            403,
            DecisionStatus.DRAFT,
            None,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_decision_page_is_for_authority_wide_roles(client, world, decision, role):
    client.force_login(user_of(role, world["office"]))
    response = client.get(reverse("awards:decision_detail", args=[decision.pk]))
    allowed = role in AUTHORITY_WIDE_ROLES
    assert response.status_code == (200 if allowed else 403)
    assert ("Dự thảo quyết định" in response.content.decode()) is allowed
    assert ("Ký quyết định" in response.content.decode()) is (role == Role.CHAIRPERSON)


@pytest.mark.django_db
def test_decision_of_another_authority_is_404(client, decision, other_authority):
    client.force_login(user_of(Role.CHAIRPERSON, UnitFactory(authority=other_authority)))
    response = client.post(reverse("awards:decision_sign", args=[decision.pk]))
    assert (response.status_code, Decision.objects.get().status) == (404, DecisionStatus.DRAFT)


@pytest.mark.django_db
def test_staff_appraise_selected_nominations_in_bulk(
    client, world, staff, head, make_person, award
):
    from tests.awards.factories import NominationFactory

    first = in_state(world["nomination"], NominationState.SUBMITTED)
    second = NominationFactory(
        unit=world["nominating"], created_by=head, state=NominationState.SUBMITTED
    )
    untouched = NominationFactory(
        unit=world["nominating"], created_by=head, state=NominationState.SUBMITTED
    )
    client.force_login(staff)
    response = client.post(
        reverse("awards:review_bulk_appraise"), {"nomination": [first.pk, second.pk]}
    )
    states = [type(first).objects.get(pk=n.pk).state for n in (first, second, untouched)]
    assert (response.status_code, states) == (302, ["appraised", "appraised", "submitted"])


@pytest.mark.django_db
def test_clerk_cannot_appraise_in_bulk(client, world):
    nomination = in_state(world["nomination"], NominationState.SUBMITTED)
    client.force_login(user_of(Role.UNIT_CLERK, world["nominating"]))
    response = client.post(reverse("awards:review_bulk_appraise"), {"nomination": [nomination.pk]})
    nomination.refresh_from_db()
    assert (response.status_code, nomination.state) == (403, NominationState.SUBMITTED)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_decision_list_is_for_authority_wide_roles(client, world, decision, role):
    client.force_login(user_of(role, world["office"]))
    response = client.get(reverse("awards:decision_list"))
    allowed = role in AUTHORITY_WIDE_ROLES
    assert response.status_code == (200 if allowed else 403)
    assert ("Về việc công nhận LĐTT" in response.content.decode()) is allowed


@pytest.mark.django_db
def test_head_withdraws_with_a_reason_and_clerk_cannot(client, world):
    nomination = world["nomination"]
    url = reverse("awards:nomination_withdraw", args=[nomination.pk])
    client.force_login(user_of(Role.UNIT_CLERK, world["nominating"]))
    refused = client.post(url, {"reason": "Nộp nhầm"})
    client.force_login(user_of(Role.UNIT_HEAD, world["nominating"]))
    done = client.post(url, {"reason": "Nộp nhầm"})
    nomination.refresh_from_db()
    event = nomination.events.get()
    assert (refused.status_code, done.status_code, nomination.state, event.reason) == (
        403,
        302,
        NominationState.WITHDRAWN,
        "Nộp nhầm",
    )


@pytest.mark.django_db
def test_ballot_list_shows_each_members_own_status(client, ballot):
    nomination, member, insider = ballot["nomination"], ballot["member"], ballot["insider"]
    url = reverse("awards:ballot_list")
    client.force_login(member)
    before = client.get(url).content.decode()
    client.post(
        reverse("awards:vote", args=[nomination.pk]), {f"line_{nomination.lines.get().pk}": "no"}
    )
    after = client.get(url).content.decode()
    client.force_login(insider)
    recused = client.get(url).content.decode()
    assert (
        reverse("awards:vote", args=[nomination.pk]) in before,
        "Đã bỏ phiếu" in after,
        "Không bỏ phiếu (đơn vị của bạn)" in recused,
    ) == (True, True, True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.UNIT_HEAD, Role.UNIT_CLERK, Role.AUTHORITY_STAFF, Role.ADMINISTRATOR]
)
def test_ballot_list_refuses_roles_without_a_vote(client, world, role):
    client.force_login(user_of(role, world["office"]))
    assert client.get(reverse("awards:ballot_list")).status_code == 403


@pytest.mark.django_db
def test_ids_in_form_values_are_not_written_with_a_thousands_separator(client, world, staff):
    """With Vietnamese number format on, id 12345 printed as "12.345" would post an id that
    matches nothing, and the staff member's selection would be silently dropped."""
    from tests.awards.factories import NominationFactory

    NominationFactory(
        pk=12345, unit=world["nominating"], title="Tờ trình số lớn", state=NominationState.SUBMITTED
    )
    client.force_login(staff)
    html = client.get(reverse("awards:review_queue")).content.decode()
    assert ('value="12345"' in html, 'value="12.345"' in html) == (True, False)


def test_nominee_form_selects_open_on_explicit_labels(client, nomination, head):
    client.force_login(head)
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert ("---------" in page, page.count('<option value="" selected>')) == (False, 4)
    assert [label in page for label in EXPLICIT_NOMINEE_LABELS] == [True, True, True, True]


EXPLICIT_NOMINEE_LABELS = (
    '<option value="" selected>— Chọn danh hiệu, hình thức —</option>',
    '<option value="" selected>— Chọn cá nhân —</option>',
    '<option value="" selected>— Chọn tập thể —</option>',
    # The evidence form: a file for the whole nomination unless a nominee is chosen.
    '<option value="" selected>Cả hồ sơ</option>',
)
