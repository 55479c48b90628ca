"""Forwarding to the superior: after the council, staff prepare a submission (tờ trình) listing
the approved nominees of superior-decided awards; the chairperson signs it and takes its number
from the register's submission series; staff record the superior's decision or refusal."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from awards.decisions.services import draft_decision, sign_decision
from awards.documents import build_submission
from awards.enums import NominationState, RegisterSeries, SubmissionStatus
from awards.errors import AwardsError, TransitionError
from awards.models import DecisionRegister, NominationEvent, Submission, TitleHeld
from awards.nominations.services import set_nomination_state
from awards.nominations.workflow import NOMINATION_TRANSITIONS
from awards.statistics.figures import Period, province_awards_table
from awards.submissions.services import (
    draft_submission,
    record_superior_decision,
    record_superior_refusal,
    sign_submission,
)
from config.permissions import NotPermitted
from documents.rendering import render_pdf
from emulation.enums import AUTHORITY_WIDE_ROLES, Role
from emulation.models import Person
from tests.awards.conftest import in_state
from tests.awards.factories import NominationFactory, NominationLineFactory
from tests.documents.pdf_checks import pdf_text
from tests.factories import JobFactory, UnitFactory, UserFactory

SIGNED = datetime.date(2026, 1, 20)
S = NominationState


def approve_for_superior(nomination, award):
    """The nomination's one nominee proposed for Chiến sĩ thi đua cấp tỉnh, approved 4 of 5
    members (4 present)."""
    nomination = in_state(nomination, S.APPROVED, verdict="eligible")
    nomination.lines.update(
        award=award("cstd_tinh"), approved=True, yes_votes=4, members_total=5, members_present=4
    )
    return nomination


@pytest.fixture
def approved(nomination, award):
    return approve_for_superior(nomination, award)


@pytest.fixture
def submission(approved, staff):
    return draft_submission(
        user=staff,
        year=2025,
        title="Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2025",
        lines=approved.lines.select_related("award", "nomination"),
    )


@pytest.fixture
def forwarded(submission, chair, approved):
    sign_submission(submission=submission, user=chair, day=SIGNED)
    submission.refresh_from_db()
    approved.refresh_from_db()
    return approved


def second_approved(other_unit, head, award, name="Trần Thị Hoa"):
    nomination = NominationFactory(unit=other_unit, created_by=head, state=S.APPROVED)
    NominationLineFactory(
        nomination=nomination,
        award=award("bang_khen_tinh"),
        subject_kind="household",
        household_name=name,
        approved=True,
        yes_votes=3,
        members_total=5,
        members_present=5,
    )
    return nomination


# The transition table ---------------------------------------------------------------------


def test_table_allows_exactly_the_forwarding_moves():
    assert (NOMINATION_TRANSITIONS[S.APPROVED], NOMINATION_TRANSITIONS[S.FORWARDED]) == (
        frozenset({S.DECIDED, S.FORWARDED}),
        frozenset({S.DECIDED, S.REJECTED}),
    )
    assert [state for state in S if S.FORWARDED in NOMINATION_TRANSITIONS[state]] == [S.APPROVED]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "target", "reason"),
    [
        (S.APPROVED, S.FORWARDED, "01/TTr-UBND"),
        (S.FORWARDED, S.DECIDED, "Quyết định số 125/QĐ-UBND"),
        (S.FORWARDED, S.REJECTED, "Chưa đủ tiêu chuẩn cấp tỉnh"),
    ],
)
def test_allowed_forwarding_transition_moves_and_writes_history(
    nomination, staff, start, target, reason
):
    nomination = in_state(nomination, start)
    set_nomination_state(nomination, target, by=staff, reason=reason)
    nomination.refresh_from_db()
    event = NominationEvent.objects.get()
    assert (nomination.state, nomination.version) == (target, 1)
    assert (event.from_state, event.to_state, event.reason, event.by) == (
        start,
        target,
        reason,
        staff,
    )


REFUSED = [(state, S.FORWARDED) for state in S if state not in (S.APPROVED, S.FORWARDED)] + [
    (S.FORWARDED, state) for state in S if state not in (S.DECIDED, S.REJECTED, S.FORWARDED)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "target"), REFUSED)
def test_refused_forwarding_transition_writes_nothing(nomination, staff, start, target):
    nomination = in_state(nomination, start)
    with pytest.raises(TransitionError):
        set_nomination_state(nomination, target, by=staff, reason="Thử")
    nomination.refresh_from_db()
    assert (nomination.state, nomination.version, NominationEvent.objects.count()) == (
        start,
        0,
        0,
    )


@pytest.mark.django_db
def test_superior_refusal_needs_a_reason(forwarded, submission, staff):
    events = NominationEvent.objects.count()
    with pytest.raises(AwardsError, match="Cần ghi lý do cấp trên không khen thưởng"):
        record_superior_refusal(submission=submission, nomination=forwarded, user=staff, reason=" ")
    forwarded.refresh_from_db()
    assert (forwarded.state, NominationEvent.objects.count()) == (S.FORWARDED, events)


# Drafting and signing ---------------------------------------------------------------------


@pytest.mark.django_db
def test_signing_numbers_the_submission_and_forwards_nominations(submission, chair, approved):
    signed = sign_submission(submission=submission, user=chair, day=SIGNED)
    approved.refresh_from_db()
    event = approved.events.get()
    assert (signed.reference, signed.status, signed.signed_on, signed.signed_by) == (
        "01/TTr-UBND",
        SubmissionStatus.SIGNED,
        SIGNED,
        chair,
    )
    assert (approved.state, event.to_state, event.reason) == (
        S.FORWARDED,
        S.FORWARDED,
        "01/TTr-UBND",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [role for role in Role if role != Role.CHAIRPERSON], ids=lambda role: role.value
)
def test_only_the_chairperson_signs_a_submission(submission, approved, unit, role):
    with pytest.raises(NotPermitted, match="Bạn không có quyền thực hiện thao tác này"):
        sign_submission(submission=submission, user=UserFactory(role=role, unit=unit), day=SIGNED)
    submission.refresh_from_db()
    approved.refresh_from_db()
    assert (submission.status, submission.number, approved.state) == (
        SubmissionStatus.DRAFT,
        None,
        S.APPROVED,
    )
    assert DecisionRegister.objects.count() == 0


@pytest.mark.django_db
def test_register_gives_consecutive_submission_numbers_apart_from_decisions(
    submission, chair, staff, other_unit, head, award
):
    first = sign_submission(submission=submission, user=chair, day=SIGNED)
    later = second_approved(other_unit, head, award)
    second = sign_submission(
        submission=draft_submission(
            user=staff, year=2025, title="Đề nghị tặng Bằng khen", lines=later.lines.all()
        ),
        user=chair,
        day=SIGNED,
    )
    ldtt = NominationFactory(unit=other_unit, created_by=head, state=S.APPROVED)
    line = NominationLineFactory(
        nomination=ldtt,
        award=award("giay_khen"),
        subject_kind="household",
        household_name="Hộ bà Lê Thị Lan",
        approved=True,
    )
    decision = sign_decision(
        decision=draft_decision(user=staff, year=2025, title="Tặng Giấy khen", lines=[line]),
        user=chair,
        day=SIGNED,
    )
    next_year = second_approved(other_unit, head, award, name="Hộ ông Phạm Văn Bình")
    third = sign_submission(
        submission=draft_submission(
            user=staff, year=2026, title="Đề nghị tặng Bằng khen", lines=next_year.lines.all()
        ),
        user=chair,
        day=datetime.date(2027, 1, 4),
    )
    assert [first.reference, second.reference, decision.reference, third.reference] == [
        "01/TTr-UBND",
        "02/TTr-UBND",
        "01/QĐ-UBND",
        "01/TTr-UBND",
    ]
    assert sorted(DecisionRegister.objects.values_list("series", "year", "last_number")) == [
        (RegisterSeries.DECISION, 2026, 1),
        (RegisterSeries.SUBMISSION, 2026, 2),
        (RegisterSeries.SUBMISSION, 2027, 1),
    ]


@pytest.mark.django_db
def test_signed_submission_cannot_be_signed_again(forwarded, submission, chair):
    with pytest.raises(AwardsError, match="Tờ trình đã được ký"):
        sign_submission(submission=submission, user=chair, day=SIGNED)
    assert DecisionRegister.objects.get(series=RegisterSeries.SUBMISSION).last_number == 1


@pytest.mark.django_db
def test_authority_level_award_is_not_forwarded(nomination, staff):
    nomination = in_state(nomination, S.APPROVED)
    nomination.lines.update(approved=True)
    with pytest.raises(AwardsError, match="do cấp mình quyết định, không trình cấp trên"):
        draft_submission(user=staff, year=2025, title="Tờ trình", lines=nomination.lines.all())
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_line_not_approved_by_the_council_is_not_forwarded(approved, staff):
    approved.lines.update(approved=False)
    with pytest.raises(AwardsError, match="chưa được Hội đồng thông qua"):
        draft_submission(user=staff, year=2025, title="Tờ trình", lines=approved.lines.all())
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_a_nominee_is_forwarded_by_one_submission_only(submission, approved, staff):
    with pytest.raises(AwardsError, match="đã thuộc một tờ trình khác"):
        draft_submission(user=staff, year=2025, title="Lần hai", lines=approved.lines.all())
    assert Submission.objects.count() == 1


# The superior's outcome -------------------------------------------------------------------


@pytest.mark.django_db
def test_superior_decision_stores_number_date_and_title(forwarded, submission, staff):
    record_superior_decision(
        submission=submission,
        nomination=forwarded,
        user=staff,
        number="125/QĐ-UBND",
        day=datetime.date(2026, 3, 2),
    )
    forwarded.refresh_from_db()
    held = TitleHeld.objects.values_list(
        "award__code", "year", "decision_reference", "decided_on", "person"
    )
    assert (
        forwarded.state,
        forwarded.superior_decision_number,
        forwarded.superior_decision_date,
    ) == (S.DECIDED, "125/QĐ-UBND", datetime.date(2026, 3, 2))
    assert list(held) == [
        (
            "cstd_tinh",
            2025,
            "125/QĐ-UBND",
            datetime.date(2026, 3, 2),
            forwarded.lines.get().person_id,
        )
    ]
    # The statistical form 0603.N of the authority counts it from the superior's date on.
    person = Person.objects.get(pk=forwarded.lines.get().person_id)
    counted = [
        province_awards_table(person.authority, Period(2026, day)).value("cstd_tinh", "total")
        for day in (datetime.date(2026, 3, 1), datetime.date(2026, 3, 2))
    ]
    assert counted == [0, 1]


@pytest.mark.django_db
def test_superior_outcome_waits_for_the_signature(submission, approved, staff):
    with pytest.raises(AwardsError, match="Tờ trình chưa được ký"):
        record_superior_decision(
            submission=submission, nomination=approved, user=staff, number="1", day=SIGNED
        )
    approved.refresh_from_db()
    assert (approved.state, approved.superior_decision_number) == (S.APPROVED, "")


@pytest.mark.django_db
def test_superior_refusal_keeps_the_reason(forwarded, submission, staff):
    record_superior_refusal(
        submission=submission, nomination=forwarded, user=staff, reason="Chưa đủ tiêu chuẩn"
    )
    forwarded.refresh_from_db()
    event = forwarded.events.order_by("-pk").first()
    assert (forwarded.state, event.from_state, event.reason) == (
        S.REJECTED,
        S.FORWARDED,
        "Chưa đủ tiêu chuẩn",
    )


# The PDF ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_submission_pdf_lists_nominees_and_council_result(forwarded, submission, chair):
    chair.last_name, chair.first_name = "Nguyễn Văn", "Hùng"
    chair.save(update_fields=["last_name", "first_name"])
    job = JobFactory(
        kind="award_submission", params={"submission": submission.pk}, requested_by=chair
    )
    built = build_submission(job, lambda percent: None)
    text = pdf_text(render_pdf(built.html).content)
    assert built.filename == "to-trinh-01-TTr-UBND.pdf"
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 01/TTr-UBND",
        "ngày 20 tháng 01 năm 2026",
        "TỜ TRÌNH",
        "Chiến sĩ thi đua cấp tỉnh (1)",
        "Lê Văn Tám",
        "4/5",
        "4/4",
        "Nguyễn Văn Hùng",
        "đã có thành tích năm 2025",
    ):
        assert expected in text
    assert "2.025" not in text


# Pages ------------------------------------------------------------------------------------


@pytest.fixture
def units(unit, other_unit, other_authority):
    """`unit` is the authority's office, `other_unit` nominates, `foreign` is of another
    authority."""
    return {
        "office": unit,
        "nominating": other_unit,
        "foreign": UnitFactory(authority=other_authority),
    }


def user_at(role, units, where):
    if where == "other":
        return UserFactory(role=role, unit=units["foreign"])
    unit = units["office"] if role in AUTHORITY_WIDE_ROLES else units["nominating"]
    return UserFactory(role=role, unit=unit)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_submission_pages_send_anonymous_visitors_to_sign_in(client, submission, approved):
    pages = [
        ("get", reverse("awards:submission_list")),
        ("get", reverse("awards:submission_create")),
        ("get", reverse("awards:submission_detail", args=[submission.pk])),
        ("post", reverse("awards:submission_sign", args=[submission.pk])),
        ("post", reverse("awards:submission_outcome", args=[submission.pk, "decided"])),
        ("post", reverse("awards:submission_print", args=[submission.pk])),
    ]
    for method, url in pages:
        response = getattr(client, method)(url)
        assert (url, response.status_code, response["Location"].split("?")[0]) == (
            url,
            302,
            "/dang-nhap/",
        )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
@pytest.mark.parametrize("where", ["own", "other"])
def test_submission_detail_by_role_and_authority(client, units, submission, role, where):
    client.force_login(user_at(role, units, where))
    response = client.get(reverse("awards:submission_detail", args=[submission.pk]))
    expected = 404 if where == "other" else 200 if role in AUTHORITY_WIDE_ROLES else 403
    assert response.status_code == expected
    assert ("Dự thảo tờ trình" in response.content.decode()) is (expected == 200)
    assert ("Ký tờ trình" in response.content.decode()) is (
        expected == 200 and role == Role.CHAIRPERSON
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
@pytest.mark.parametrize("where", ["own", "other"])
def test_submission_sign_page_by_role_and_authority(
    client, units, submission, approved, role, where
):
    client.force_login(user_at(role, units, where))
    response = client.post(reverse("awards:submission_sign", args=[submission.pk]))
    submission.refresh_from_db()
    approved.refresh_from_db()
    if where == "own" and role == Role.CHAIRPERSON:
        expected = (302, SubmissionStatus.SIGNED, S.FORWARDED)
    else:
        status = 404 if where == "other" else 403
        expected = (status, SubmissionStatus.DRAFT, S.APPROVED)
    assert (response.status_code, submission.status, approved.state) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
@pytest.mark.parametrize("where", ["own", "other"])
def test_superior_outcome_page_by_role_and_authority(
    client, units, forwarded, submission, role, where
):
    client.force_login(user_at(role, units, where))
    response = client.post(
        reverse("awards:submission_outcome", args=[submission.pk, "decided"]),
        {"nomination": forwarded.pk, "number": "125/QĐ-UBND", "day": "02/03/2026"},
    )
    forwarded.refresh_from_db()
    if where == "own" and role == Role.AUTHORITY_STAFF:
        expected = (302, S.DECIDED, "125/QĐ-UBND", datetime.date(2026, 3, 2))
    else:
        status = 404 if where == "other" else 403
        expected = (status, S.FORWARDED, "", None)
    assert (
        response.status_code,
        forwarded.state,
        forwarded.superior_decision_number,
        forwarded.superior_decision_date,
    ) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_submission_list_and_create_by_role(client, units, submission, role):
    client.force_login(user_at(role, units, "own"))
    listing = client.get(reverse("awards:submission_list"))
    create = client.get(reverse("awards:submission_create"))
    sees = role in AUTHORITY_WIDE_ROLES
    assert (listing.status_code, create.status_code) == (
        200 if sees else 403,
        200 if role == Role.AUTHORITY_STAFF else 403,
    )
    assert ("Chiến sĩ thi đua cấp tỉnh năm 2025" in listing.content.decode()) is sees


@pytest.mark.django_db
def test_foreign_authority_lists_none_of_the_submissions(client, units, submission):
    client.force_login(user_at(Role.CHAIRPERSON, units, "other"))
    response = client.get(reverse("awards:submission_list"))
    assert response.status_code == 200
    assert "Chiến sĩ thi đua cấp tỉnh năm 2025" not in response.content.decode()


@pytest.mark.django_db
def test_staff_create_a_submission_from_approved_superior_nominees(
    client, staff, approved, nomination, award
):
    authority_level = NominationLineFactory(
        nomination=approved,
        award=award("giay_khen"),
        subject_kind="household",
        household_name="Hộ ông Nguyễn Văn An",
        approved=True,
    )
    client.force_login(staff)
    page = client.get(reverse("awards:submission_create")).content.decode()
    line = approved.lines.get(award__code="cstd_tinh")
    response = client.post(
        reverse("awards:submission_create"),
        {"year": 2025, "title": "Đề nghị tặng CSTĐ cấp tỉnh", "lines": [line.pk]},
    )
    submission = Submission.objects.get()
    assert ("Lê Văn Tám" in page, authority_level.household_name in page) == (True, False)
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("awards:submission_detail", args=[submission.pk]),
    )
    assert list(submission.lines.values_list("nomination_line", flat=True)) == [line.pk]


@pytest.mark.django_db
def test_refusal_without_reason_shows_a_message_and_writes_nothing(
    client, staff, forwarded, submission
):
    events = NominationEvent.objects.count()
    client.force_login(staff)
    response = client.post(
        reverse("awards:submission_outcome", args=[submission.pk, "rejected"]),
        {"nomination": forwarded.pk, "reason": ""},
    )
    forwarded.refresh_from_db()
    assert (response.status_code, messages_of(response)) == (
        302,
        ["Cần ghi lý do cấp trên không khen thưởng."],
    )
    assert (forwarded.state, NominationEvent.objects.count()) == (S.FORWARDED, events)


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["2026/03/02", "31/02/2026", "ngày 2 tháng 3"])
def test_decision_date_in_the_wrong_format_shows_a_message_and_writes_nothing(
    client, staff, forwarded, submission, day
):
    client.force_login(staff)
    response = client.post(
        reverse("awards:submission_outcome", args=[submission.pk, "decided"]),
        {"nomination": forwarded.pk, "number": "125/QĐ-UBND", "day": day},
    )
    forwarded.refresh_from_db()
    assert (response.status_code, messages_of(response)) == (
        302,
        ["Ngày quyết định phải có dạng dd/mm/yyyy."],
    )
    assert (
        forwarded.state,
        forwarded.superior_decision_number,
        TitleHeld.objects.count(),
    ) == (S.FORWARDED, "", 0)


@pytest.mark.django_db
def test_outcome_for_a_nomination_outside_the_submission_is_404(
    client, staff, forwarded, submission, other_unit, head, award
):
    stranger = second_approved(other_unit, head, award)
    client.force_login(staff)
    response = client.post(
        reverse("awards:submission_outcome", args=[submission.pk, "rejected"]),
        {"nomination": stranger.pk, "reason": "Thử"},
    )
    stranger.refresh_from_db()
    assert (response.status_code, stranger.state) == (404, S.APPROVED)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.AUTHORITY_STAFF, Role.CHAIRPERSON], ids=lambda r: r.value)
def test_forwarded_submission_page_offers_the_outcome_to_staff_only(
    client, units, forwarded, submission, role
):
    client.force_login(user_at(role, units, "own"))
    page = client.get(reverse("awards:submission_detail", args=[submission.pk])).content.decode()
    assert ("Tờ trình số 01/TTr-UBND" in page, "Đã trình cấp trên" in page) == (True, True)
    assert ("Ghi nhận quyết định của cấp trên" in page) is (role == Role.AUTHORITY_STAFF)
    assert "Ký tờ trình" not in page
