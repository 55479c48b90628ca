"""A province on one instance (issue 18): a commune's signed submission (tờ trình) arrives at
its province as the province's own nominations, one per nominee, with the commune's dossier;
the province returns one with a reason and decides the other with its own council's approval
and its chairperson's signature; the outcome flows back: the commune's nomination is decided
by the province's decision, the title and money enter the person's history at the commune,
and the commune's submission page shows each line's state. Neither authority reads the
other's records beyond that."""

import datetime
import math

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from awards.catalogue.selectors import base_salary_on, rule_set_for
from awards.decisions.services import draft_decision, sign_decision
from awards.enums import NominationState
from awards.errors import AwardsError
from awards.models import Nomination, NominationAttachment, TitleHeld
from awards.nominations.attachments import attach_evidence
from awards.nominations.selectors import dossier, dossier_lines
from awards.nominations.services import add_nominee, return_nomination
from awards.submissions.services import (
    draft_submission,
    record_superior_decision,
    sign_submission,
)
from emulation.enums import Role
from emulation.models import Unit
from tests.awards.conftest import in_state
from tests.awards.factories import NominationFactory
from tests.factories import UserFactory, province_above

pytestmark = pytest.mark.django_db
SIGNED = datetime.date(2026, 1, 20)
DECIDED = datetime.date(2026, 3, 2)
S = NominationState


@pytest.fixture
def province(authority):
    """The province above the test's ward, with its staff and chairperson, and its unit that
    stands for the ward."""
    province, office = province_above(authority)
    return {
        "authority": province,
        "unit": Unit.objects.get(represents=authority),
        "staff": UserFactory(role=Role.AUTHORITY_STAFF, unit=office, username="so_noi_vu"),
        "chair": UserFactory(role=Role.CHAIRPERSON, unit=office, username="chu_tich_tinh"),
    }


@pytest.fixture
def sent(other_unit, head, make_person, award, staff, chair, province, settings, tmp_path):
    """The ward's nomination of two people for Chiến sĩ thi đua cấp tỉnh, approved by its
    council, with a file for one of them, forwarded by a signed submission."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    nomination = NominationFactory(unit=other_unit, created_by=head, year=2025)
    for name in ("Lê Văn Tám", "Trần Thị Hoa"):
        add_nominee(
            nomination=nomination,
            user=head,
            award=award("cstd_tinh"),
            subject_kind="individual",
            person=make_person(name),
            achievement=f"Sáng kiến cấp tỉnh của {name}",
        )
    first = nomination.lines.order_by("pk").first()
    attach_evidence(
        nomination=nomination,
        user=head,
        upload=SimpleUploadedFile("sang-kien.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        title="Quyết định công nhận sáng kiến",
        line=first,
    )
    nomination = in_state(nomination, S.APPROVED, verdict="eligible")
    nomination.lines.update(
        approved=True, eligible=True, yes_votes=5, members_total=5, members_present=5
    )
    submission = draft_submission(
        user=staff,
        year=2025,
        title="Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2025",
        lines=nomination.lines.select_related("award", "nomination"),
    )
    sign_submission(submission=submission, user=chair, day=SIGNED)
    submission.refresh_from_db()
    nomination.refresh_from_db()
    received = list(Nomination.objects.filter(authority=province["authority"]).order_by("pk"))
    return nomination, submission, received


def test_the_signed_submission_arrives_as_the_provinces_own_nominations(sent, province):
    nomination, submission, received = sent
    assert nomination.state == S.FORWARDED
    assert [item.state for item in received] == [S.SUBMITTED, S.SUBMITTED]
    assert {item.unit_id for item in received} == {province["unit"].pk}
    forwarded = [row.nomination_line for row in submission.lines.order_by("pk")]
    got = [item.lines.get() for item in received]
    assert [line.forwarded_from.nomination_line for line in got] == forwarded
    assert [(line.person_id, line.award.code) for line in got] == [
        (line.person_id, "cstd_tinh") for line in forwarded
    ]
    reason = received[0].events.get(to_state=S.SUBMITTED).reason
    assert reason == f"Tờ trình số {submission.reference} của {submission.authority}"


def test_without_the_superior_on_the_instance_nothing_travels(
    other_unit, head, make_person, award, staff, chair
):
    nomination = NominationFactory(unit=other_unit, created_by=head, year=2025)
    add_nominee(
        nomination=nomination,
        user=head,
        award=award("cstd_tinh"),
        subject_kind="individual",
        person=make_person(),
    )
    nomination = in_state(nomination, S.APPROVED, verdict="eligible")
    nomination.lines.update(approved=True)
    submission = draft_submission(
        user=staff, year=2025, title="Đề nghị", lines=nomination.lines.all()
    )
    sign_submission(submission=submission, user=chair, day=SIGNED)
    assert Nomination.objects.count() == 1


def test_the_province_reads_the_wards_dossier_and_files(sent, province):
    _nomination, submission, received = sent
    client = Client()
    client.force_login(province["staff"])
    body = client.get(f"/khen-thuong/ho-so/{received[0].pk}/").content.decode()
    assert f"Hồ sơ ở cấp dưới: {submission.authority}, tờ trình số {submission.reference}" in body
    assert "Hội đồng cấp dưới: 5/5 thành viên đồng ý" in body
    assert (
        f"Nhận từ tờ trình số {submission.reference} ngày 20/01/2026 của {submission.authority}"
        in body
    )
    assert "Sáng kiến cấp tỉnh của Lê Văn Tám" in body
    [evidence] = NominationAttachment.objects.all()
    url = f"/khen-thuong/ho-so/{received[0].pk}/minh-chung/{evidence.pk}/"
    assert url in body
    assert client.get(url).status_code == 200
    # The other nominee's province nomination does not carry that file.
    assert (
        client.get(f"/khen-thuong/ho-so/{received[1].pk}/minh-chung/{evidence.pk}/").status_code
        == 404
    )
    rows = dossier(received[0]).lines
    assert [file.pk for file in rows[0]["below"]["attachments"]] == [evidence.pk]


def test_neither_authority_opens_the_others_nominations(sent, province, staff):
    nomination, submission, received = sent
    ward = Client()
    ward.force_login(staff)
    assert ward.get(f"/khen-thuong/ho-so/{received[0].pk}/").status_code == 404
    up = Client()
    up.force_login(province["staff"])
    assert up.get(f"/khen-thuong/ho-so/{nomination.pk}/").status_code == 404
    assert up.get(f"/khen-thuong/trinh-cap-tren/{submission.pk}/").status_code == 404


def _decide(received, province, award_line=None):
    approved = in_state(received, S.APPROVED, verdict="eligible")
    approved.lines.update(
        approved=True, eligible=True, yes_votes=9, members_total=11, members_present=10
    )
    decision = draft_decision(user=province["staff"], year=2025, lines=approved.lines.all())
    return sign_decision(decision=decision, user=province["chair"], day=DECIDED)


def test_return_one_decide_the_other_and_the_outcome_flows_back(sent, province, staff):
    nomination, submission, received = sent
    return_nomination(
        nomination=received[1],
        user=province["staff"],
        reason="Chưa có quyết định công nhận sáng kiến cấp tỉnh.",
    )
    decision = _decide(received[0], province)
    nomination.refresh_from_db()
    assert nomination.state == S.DECIDED
    assert (nomination.superior_decision_number, nomination.superior_decision_date) == (
        decision.reference,
        DECIDED,
    )
    # Money at the province (E-11): coefficient × base salary on the day, rounded up to 10.000.
    line = decision.lines.get()
    rule_set = rule_set_for(line.nomination_line.award, 2025)
    expected = math.ceil(rule_set.coefficient * base_salary_on(DECIDED) / 10_000) * 10_000
    assert line.amount == expected
    # The title enters the person's history at the ward; next year's dossier reads it.
    person = line.nomination_line.person
    held = TitleHeld.objects.get(person=person)
    assert (held.award.code, held.year, held.decision_reference) == (
        "cstd_tinh",
        2025,
        decision.reference,
    )
    next_year = NominationFactory(unit=nomination.unit, created_by=nomination.created_by, year=2026)
    add_nominee(
        nomination=next_year,
        user=nomination.created_by,
        award=line.nomination_line.award,
        subject_kind="individual",
        person=person,
    )
    [row] = dossier_lines(next_year)
    assert [title.decision_reference for title in row["titles"]] == [decision.reference]
    # The ward's submission page shows each line at the province.
    client = Client()
    client.force_login(staff)
    body = client.get(f"/khen-thuong/trinh-cap-tren/{submission.pk}/").content.decode()
    assert "Ở cấp trên" in body
    assert "Bị trả lại: Chưa có quyết định công nhận sáng kiến cấp tỉnh." in body
    amount = f"{expected:,}".replace(",", ".")
    assert (
        f"Quyết định số {decision.reference} ngày 02/03/2026 của Thành phố Thử Nghiệm, "
        f"tiền thưởng {amount} đồng" in body
    )
    assert "Ghi nhận quyết định của cấp trên" not in body
    # The ward's year-end report counts them: two proposed, one commended.
    from awards.reports import proposed_to_superior
    from emulation.reports.documents import report_parts
    from tests.factories import JobFactory

    rows = proposed_to_superior(authority=submission.authority, year=2025)
    assert [(row.outcome, row.commended) for row in rows] == [
        (f"Được khen: Quyết định số {decision.reference}", True),
        ("Bị trả lại", False),
    ]
    job = JobFactory(kind="year_end_report", params={"year": 2025}, requested_by=staff)
    html = "".join(report_parts(job).htmls)
    assert (
        "Đề nghị cấp trên khen thưởng 2 tập thể, cá nhân, 1 được khen thưởng "
        "(danh sách kèm theo)." in html
    )


def test_the_ward_cannot_record_an_outcome_by_hand_once_sent_up(sent, staff):
    nomination, submission, _received = sent
    with pytest.raises(AwardsError, match="cấp trên cập nhật"):
        record_superior_decision(
            submission=submission,
            nomination=nomination,
            user=staff,
            number="12/QĐ-UBND",
            day=DECIDED,
        )
    nomination.refresh_from_db()
    assert nomination.state == S.FORWARDED


def test_a_claim_sent_up_is_the_provinces_one_open_claim(sent, province, head, other_unit, award):
    """E-10 at both levels: the province appraising the received line does not count the
    ward's forwarded line as another open claim; the ward proposing the same person for the
    same award and year again meets the province's line."""
    from awards.nominations.services import appraise_nomination, submit_nomination

    _nomination, _submission, received = sent
    appraised = appraise_nomination(nomination=received[0], user=province["staff"])
    codes = [failure["rule"] for failure in appraised.lines.get().failures]
    assert "E-10" not in codes and "E-06" in codes
    person = appraised.lines.get().person
    again = NominationFactory(unit=other_unit, created_by=head, year=2025)
    add_nominee(
        nomination=again,
        user=head,
        award=award("cstd_tinh"),
        subject_kind="individual",
        person=person,
    )
    submit_nomination(nomination=again, user=head)
    ward_staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=other_unit)
    [line] = appraise_nomination(nomination=again, user=ward_staff).lines.all()
    assert "E-10" in [failure["rule"] for failure in line.failures]


def _council_turns_down(nominations, province):
    """The province's council sits with its chairperson present and nobody votes yes."""
    from awards.council.services import close_session
    from awards.models import CouncilMembership, CouncilSession

    session = CouncilSession.objects.create(
        authority=province["authority"], title="Phiên họp tỉnh", held_on=DECIDED
    )
    CouncilMembership.objects.create(session=session, user=province["chair"], present=True)
    for nomination in nominations:
        in_state(nomination, S.IN_COUNCIL, council_session=session)
    close_session(session=session, user=province["staff"])


def test_the_province_council_turning_down_every_line_rejects_the_wards_nomination(sent, province):
    nomination, _submission, received = sent
    _council_turns_down(received[:1], province)
    nomination.refresh_from_db()
    assert nomination.state == S.FORWARDED  # the other line is still at the province
    _council_turns_down(received[1:], province)
    nomination.refresh_from_db()
    assert nomination.state == S.REJECTED
    assert nomination.events.latest("at").reason == (
        f"Hội đồng Thi đua – Khen thưởng của {province['authority']} không thông qua"
    )
