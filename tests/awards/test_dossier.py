"""What reviewers read before deciding (hồ sơ thành tích): the claims of the nomination and of
each nominee, every eligibility rule checked with its verdict and citation in plain words,
earlier titles; the same claims on the council ballot; the council's result naming E-14 and
what it required; and messages that read plain words first, then the rule and its citation."""

import datetime

import pytest
from django.urls import reverse

from awards.council.services import cast_ballot, close_session, create_session
from awards.eligibility import CITATIONS, rule_text, rule_verdicts
from awards.enums import NominationState
from awards.models import BallotCast, CouncilSession
from awards.nominations.services import appraise_nomination
from emulation.enums import Role
from tests.awards.conftest import in_state
from tests.awards.factories import PersonYearFactory, TitleHeldFactory
from tests.factories import UnitFactory, UserFactory

SUMMARY = "Phường hoàn thành vượt 12 chỉ tiêu kinh tế – xã hội năm 2025."
ACHIEVEMENT = "Chủ trì số hóa 4.200 hồ sơ hộ tịch, không để trễ hạn hồ sơ nào."
E01 = CITATIONS["E-01"]
E02 = CITATIONS["E-02"]
E10 = CITATIONS["E-10"]
E14 = CITATIONS["E-14"]
MET_E01 = f"<strong>Đạt:</strong> Xếp loại năm đạt “Hoàn thành tốt nhiệm vụ” trở lên (E-01, {E01})."
MET_E02 = (
    f"<strong>Đạt:</strong> Đủ thời gian công tác trong năm và không bị kỷ luật (E-02, {E02})."
)


def test_rule_text_puts_the_plain_sentence_first():
    assert rule_text("E-17", "Chưa hết thời hạn công khai danh sách.") == (
        f"Chưa hết thời hạn công khai danh sách (E-17, {CITATIONS['E-17']})."
    )


def test_rule_verdicts_list_passed_rules_and_each_failure():
    failures = [
        {"rule": "E-02", "message": "Bị kỷ luật trong năm đánh giá.", "citation": str(E02)},
    ]
    verdicts = rule_verdicts("ldtt", collective=False, failures=failures)
    assert verdicts == [
        {
            "rule": "E-10",
            "passed": True,
            "text": "Chưa được đề nghị, chưa được tặng hình thức này cho thành tích cùng năm "
            f"(E-10, {E10}).",
        },
        {
            "rule": "E-01",
            "passed": True,
            "text": f"Xếp loại năm đạt “Hoàn thành tốt nhiệm vụ” trở lên (E-01, {E01}).",
        },
        {"rule": "E-02", "passed": False, "text": f"Bị kỷ luật trong năm đánh giá (E-02, {E02})."},
    ]


def test_rule_verdicts_of_a_collective_check_dissolution_and_show_an_unlisted_failure():
    failures = [{"rule": "E-21", "message": "Chưa đăng ký.", "citation": ""}]
    verdicts = rule_verdicts("ttldtt", collective=True, failures=failures)
    assert [(verdict["rule"], verdict["passed"]) for verdict in verdicts] == [
        ("E-19", True),
        ("E-10", True),
        ("E-07", True),
        ("E-21", False),
    ]


@pytest.fixture
def appraised(nomination, staff):
    """The conftest nomination (one LĐTT) with its claims and an earlier year, appraised."""
    nomination.summary = SUMMARY
    nomination.save(update_fields=["summary"])
    line = nomination.lines.get()
    line.achievement = ACHIEVEMENT
    line.save(update_fields=["achievement"])
    PersonYearFactory(person=line.person, unit=nomination.unit, year=2024, months_worked=11)
    TitleHeldFactory(
        person=line.person, award=line.award, year=2024, decision_reference="12/QĐ-UBND"
    )
    in_state(nomination, NominationState.SUBMITTED)
    return appraise_nomination(nomination=nomination, user=staff)


def dossier_of(client, user, nomination) -> str:
    client.force_login(user)
    response = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.AUTHORITY_STAFF, Role.COUNCIL_MEMBER, Role.CHAIRPERSON])
def test_reviewers_see_claims_rules_checked_and_earlier_titles(client, unit, appraised, role):
    body = dossier_of(client, UserFactory(role=role, unit=unit), appraised)
    assert SUMMARY in body
    assert ACHIEVEMENT in body
    assert MET_E01 in body
    assert MET_E02 in body
    assert "2024 · Lao động tiên tiến · 12/QĐ-UBND" in body
    assert "2024 · Hoàn thành tốt nhiệm vụ · 11 tháng công tác" in body
    assert "Chưa có tệp minh chứng chung cho cả hồ sơ." in body
    assert "Chưa có tệp minh chứng riêng cho dòng này." in body


@pytest.mark.django_db
def test_a_failed_rule_reads_plain_words_then_code_and_citation(
    client, staff, nomination, make_person, award
):
    line = nomination.lines.get()
    line.person = make_person("Trần Thị Hoa", months_worked=8)
    line.save(update_fields=["person"])
    in_state(nomination, NominationState.SUBMITTED)
    appraise_nomination(nomination=nomination, user=staff)
    body = dossier_of(client, staff, nomination)
    sentence = f"Thời gian công tác trong năm 8 tháng, dưới 10 tháng (E-02, {E02})."
    assert f"<strong>Không đạt:</strong> {sentence}" in body
    assert MET_E01 in body
    assert "<strong>E-02</strong>" not in body
    assert '<details class="dossier-line" open>' in body
    assert "<summary>Trần Thị Hoa · Lao động tiên tiến — Không đủ điều kiện</summary>" in body


@pytest.mark.django_db
def test_before_appraisal_the_dossier_says_the_rules_are_not_checked_yet(client, staff, nomination):
    in_state(nomination, NominationState.SUBMITTED)
    body = dossier_of(client, staff, nomination)
    assert "Chưa thẩm định: các điều kiện được kiểm tra khi cán bộ thi đua thẩm định" in body
    assert "Đơn vị chưa ghi tóm tắt thành tích." in body
    assert "Chưa có danh hiệu nào được ghi nhận các năm trước." in body


@pytest.fixture
def sitting(appraised, staff, unit):
    members = [UserFactory(role=Role.COUNCIL_MEMBER, unit=unit) for _ in range(3)]
    session = create_session(
        user=staff, title="Phiên họp năm 2025", held_on=datetime.date(2026, 1, 8), members=members
    )
    in_state(appraised, NominationState.IN_COUNCIL, council_session=session)
    return {"session": session, "members": members, "nomination": appraised}


@pytest.mark.django_db
def test_council_member_opens_each_claim_on_the_ballot(client, sitting):
    client.force_login(sitting["members"][0])
    response = client.get(reverse("awards:vote", args=[sitting["nomination"].pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<summary>Lê Văn Tám · Lao động tiên tiến — Đủ điều kiện</summary>" in body
    assert ACHIEVEMENT in body
    assert SUMMARY in body
    assert MET_E01 in body


@pytest.mark.django_db
def test_council_member_of_another_authority_cannot_open_the_ballot(
    client, sitting, other_authority
):
    stranger = UserFactory(role=Role.COUNCIL_MEMBER, unit=UnitFactory(authority=other_authority))
    sitting["session"].memberships.create(user=stranger)
    client.force_login(stranger)
    response = client.get(reverse("awards:vote", args=[sitting["nomination"].pk]))
    assert response.status_code == 404
    assert ACHIEVEMENT not in response.content.decode()


@pytest.mark.django_db
def test_council_member_of_the_nominating_unit_is_refused_the_ballot(client, sitting, other_unit):
    insider = UserFactory(role=Role.COUNCIL_MEMBER, unit=other_unit)
    sitting["session"].memberships.create(user=insider)
    client.force_login(insider)
    response = client.get(reverse("awards:vote", args=[sitting["nomination"].pk]))
    assert response.status_code == 403
    assert ACHIEVEMENT not in response.content.decode()


def close_with(staff, sitting, *, yes: int) -> None:
    line = sitting["nomination"].lines.get()
    for index, member in enumerate(sitting["members"]):
        cast_ballot(
            nomination=sitting["nomination"],
            member=member,
            choices={line.pk: "yes" if index < yes else "no"},
        )
    close_session(session=sitting["session"], user=staff)


@pytest.mark.django_db
def test_council_result_names_the_rule_and_what_it_required(client, staff, sitting, award):
    line = sitting["nomination"].lines.get()
    line.award = award("cstd_tinh")
    line.save(update_fields=["award"])
    close_with(staff, sitting, yes=2)
    expected = f"Không đạt: cần ít nhất 90 % tổng số thành viên đồng ý (E-14, {E14}); có 2/3."
    assert expected in dossier_of(client, staff, sitting["nomination"])
    session_page = client.get(reverse("awards:session_detail", args=[sitting["session"].pk]))
    assert f"Lê Văn Tám · Chiến sĩ thi đua cấp tỉnh: {expected}" in session_page.content.decode()


@pytest.mark.django_db
def test_council_result_of_a_passed_line_names_its_rule_too(client, staff, sitting):
    close_with(staff, sitting, yes=2)
    body = dossier_of(client, staff, sitting["nomination"])
    assert f"Đạt: cần trên 50 % số thành viên có mặt đồng ý (E-14, {E14}); có 2/3." in body


@pytest.mark.django_db
def test_agenda_refusal_reads_plain_words_first_and_writes_nothing(client, staff, nomination):
    session = CouncilSession.objects.create(
        authority=nomination.authority, title="Phiên họp", held_on=datetime.date(2026, 1, 8)
    )
    in_state(
        nomination,
        NominationState.PUBLIC_NOTICE,
        verdict="eligible",
        notice_until=datetime.date(2099, 1, 1),
    )
    client.force_login(staff)
    response = client.post(
        reverse("awards:session_action", args=[session.pk, "agenda"]),
        {"nomination": nomination.pk},
        follow=True,
    )
    nomination.refresh_from_db()
    assert [str(message) for message in response.context["messages"]] == [
        f"Chưa hết thời hạn công khai danh sách (E-17, {CITATIONS['E-17']})."
    ]
    assert (nomination.state, BallotCast.objects.count()) == (NominationState.PUBLIC_NOTICE, 0)
