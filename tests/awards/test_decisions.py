"""Decisions: numbers from the yearly register at signing (E-15), money at the base salary of
the signing day (E-11, E-12), only the chairperson signs, revocation keeps the record (E-18)."""

import datetime
import gc
import weakref
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.certificates.services import issue_certificates
from awards.decisions.selectors import StreamedRows, recovery_list
from awards.decisions.services import draft_decision, revoke_decision, sign_decision
from awards.enums import DecisionStatus, NominationState
from awards.errors import AwardsError
from awards.models import Certificate, Decision, DecisionRegister, TitleHeld
from config.permissions import NotPermitted
from config.workflow import available_actions
from emulation.enums import Role
from emulation.templatetags.vn_format import vn_number
from tests.awards.conftest import in_state
from tests.awards.factories import NominationFactory, NominationLineFactory
from tests.factories import UnitFactory, UserFactory

SIGNED_2026 = datetime.date(2026, 1, 20)


@pytest.fixture
def approved_lines(nomination, award, other_unit):
    """An approved LĐTT and an approved collective Giấy khen."""
    nomination = in_state(nomination, NominationState.APPROVED, verdict="eligible")
    ldtt = nomination.lines.get()
    ldtt.approved = True
    ldtt.save(update_fields=["approved"])
    team = UnitFactory(authority=other_unit.authority, parent=other_unit, name="Tổ Văn phòng")
    giay_khen = NominationLineFactory(
        nomination=nomination,
        award=award("giay_khen"),
        subject_kind="collective",
        subject_unit=team,
        approved=True,
    )
    return [ldtt, giay_khen]


def drafted(staff, lines) -> Decision:
    return draft_decision(
        user=staff, year=2025, title="Về việc công nhận danh hiệu thi đua năm 2025", lines=lines
    )


@pytest.mark.django_db
def test_signing_takes_number_01_and_computes_money(staff, chair, approved_lines):
    decision = sign_decision(decision=drafted(staff, approved_lines), user=chair, day=SIGNED_2026)
    amounts = list(decision.lines.order_by("pk").values_list("amount", flat=True))
    assert (decision.reference, decision.status, decision.base_salary) == (
        "01/QĐ-UBND",
        DecisionStatus.SIGNED,
        Decimal(2_340_000),
    )
    assert amounts == [Decimal(710_000), Decimal(1_410_000)]
    assert decision.total == Decimal(2_120_000)


@pytest.mark.django_db
def test_money_uses_the_base_salary_of_the_signing_day(staff, chair, approved_lines):
    decision = sign_decision(
        decision=drafted(staff, approved_lines), user=chair, day=datetime.date(2026, 7, 1)
    )
    assert list(decision.lines.order_by("pk").values_list("amount", flat=True)) == [
        Decimal(760_000),
        Decimal(1_520_000),
    ]


@pytest.mark.django_db
def test_signing_records_titles_and_decides_nominations(staff, chair, approved_lines, nomination):
    sign_decision(decision=drafted(staff, approved_lines), user=chair, day=SIGNED_2026)
    nomination.refresh_from_db()
    held = TitleHeld.objects.order_by("pk").values_list("award__code", "year", "decision_reference")
    assert nomination.state == NominationState.DECIDED
    assert list(held) == [("ldtt", 2025, "01/QĐ-UBND"), ("giay_khen", 2025, "01/QĐ-UBND")]


@pytest.mark.django_db
def test_only_the_chairperson_signs(staff, approved_lines, head):
    decision = drafted(staff, approved_lines)
    for user in (staff, head):
        with pytest.raises(NotPermitted, match="Bạn không có quyền thực hiện thao tác này"):
            sign_decision(decision=decision, user=user, day=SIGNED_2026)
    decision.refresh_from_db()
    assert (decision.status, decision.number, DecisionRegister.objects.count()) == (
        DecisionStatus.DRAFT,
        None,
        0,
    )


@pytest.mark.django_db
def test_register_counts_on_and_restarts_each_year(staff, chair, approved_lines, other_unit, award):
    first = sign_decision(decision=drafted(staff, approved_lines[:1]), user=chair, day=SIGNED_2026)
    second = sign_decision(decision=drafted(staff, approved_lines[1:]), user=chair, day=SIGNED_2026)
    later = NominationFactory(unit=other_unit, state=NominationState.APPROVED, year=2026)
    line = NominationLineFactory(
        nomination=later,
        award=award("giay_khen"),
        subject_kind="household",
        household_name="Hộ ông Nguyễn Văn An",
        approved=True,
    )
    next_year = draft_decision(user=staff, year=2026, title="Tặng Giấy khen", lines=[line])
    third = sign_decision(decision=next_year, user=chair, day=datetime.date(2027, 1, 4))
    assert [first.reference, second.reference, third.reference] == [
        "01/QĐ-UBND",
        "02/QĐ-UBND",
        "01/QĐ-UBND",
    ]


@pytest.mark.django_db
def test_signed_decision_cannot_be_signed_again(staff, chair, approved_lines):
    decision = sign_decision(decision=drafted(staff, approved_lines), user=chair, day=SIGNED_2026)
    with pytest.raises(AwardsError, match="Quyết định đã được ký"):
        sign_decision(decision=decision, user=chair, day=SIGNED_2026)
    assert DecisionRegister.objects.get().last_number == 1


@pytest.mark.django_db
def test_superior_level_award_is_not_decided_here(staff, nomination, award):
    nomination = in_state(nomination, NominationState.APPROVED)
    line = nomination.lines.get()
    line.award, line.approved = award("cstd_tinh"), True
    line.save(update_fields=["award", "approved"])
    with pytest.raises(AwardsError, match="do cấp trên quyết định"):
        drafted(staff, [line])
    assert Decision.objects.count() == 0


@pytest.mark.django_db
def test_line_not_approved_is_refused(staff, nomination):
    with pytest.raises(AwardsError, match="chưa được Hội đồng thông qua"):
        drafted(staff, [nomination.lines.get()])


@pytest.mark.django_db
def test_e18_revocation_keeps_the_record_and_lists_recoveries(staff, chair, approved_lines):
    decision = sign_decision(decision=drafted(staff, approved_lines), user=chair, day=SIGNED_2026)
    with pytest.raises(AwardsError, match="Cần ghi lý do hủy bỏ quyết định"):
        revoke_decision(decision=decision, user=chair, reason="", day=SIGNED_2026)
    revoke_decision(
        decision=decision, user=chair, reason="Hồ sơ kê khai không trung thực", day=SIGNED_2026
    )
    decision.refresh_from_db()
    assert (decision.status, decision.reference, decision.revocation_reason) == (
        DecisionStatus.REVOKED,
        "01/QĐ-UBND",
        "Hồ sơ kê khai không trung thực",
    )
    assert list(TitleHeld.objects.values_list("revoked", flat=True)) == [True, True]
    assert [(row["subject"], row["amount"]) for row in recovery_list(decision)] == [
        ("Lê Văn Tám", Decimal(710_000)),
        ("Tổ Văn phòng", Decimal(1_410_000)),
    ]


@pytest.mark.parametrize(
    ("status", "revoked"),
    [(DecisionStatus.DRAFT, False), (DecisionStatus.SIGNED, False), (DecisionStatus.REVOKED, True)],
)
def test_decision_is_revoked_only_in_the_revoked_status(status, revoked):
    assert Decision(status=status).is_revoked is revoked


@pytest.mark.django_db
def test_e18_only_signed_decisions_are_revoked(staff, chair, approved_lines):
    decision = drafted(staff, approved_lines)
    with pytest.raises(AwardsError, match="Chỉ hủy bỏ được quyết định đã ký"):
        revoke_decision(decision=decision, user=chair, reason="Sai sót", day=SIGNED_2026)
    assert recovery_list(decision) == []


@pytest.mark.django_db
def test_the_chairperson_is_offered_sign_then_revoke_and_staff_neither(
    staff, chair, approved_lines
):
    decision = drafted(staff, approved_lines)
    draft = [list(available_actions(decision, user)) for user in (chair, staff)]
    decision = sign_decision(decision=decision, user=chair, day=SIGNED_2026)
    signed = [list(available_actions(decision, user)) for user in (chair, staff)]
    revoke_decision(decision=decision, user=chair, reason="Sai đối tượng", day=SIGNED_2026)
    decision.refresh_from_db()
    assert (draft, signed, decision.status, list(available_actions(decision, chair))) == (
        [["sign"], []],
        [["revoke"], []],
        DecisionStatus.REVOKED,
        [],
    )


@pytest.mark.django_db
def test_the_chairperson_of_another_authority_cannot_sign(staff, approved_lines, other_authority):
    decision = drafted(staff, approved_lines)
    stranger = UserFactory(role=Role.CHAIRPERSON, unit=UnitFactory(authority=other_authority))
    with pytest.raises(NotPermitted, match="Bạn không có quyền thực hiện thao tác này"):
        sign_decision(decision=decision, user=stranger, day=SIGNED_2026)
    decision.refresh_from_db()
    assert (decision.status, decision.number, DecisionRegister.objects.count()) == (
        DecisionStatus.DRAFT,
        None,
        0,
    )


@pytest.mark.django_db
def test_decision_page_reads_its_lines_a_batch_at_a_time(
    client, staff, chair, approved_lines, monkeypatch
):
    """The lines table shows every line and the total, and no more than a batch of lines is
    held while it is rendered: a line read earlier is freed once the next batch is read."""
    monkeypatch.setattr(StreamedRows, "BATCH", 1)
    decision = sign_decision(decision=drafted(staff, approved_lines), user=chair, day=SIGNED_2026)
    client.force_login(staff)
    response = client.get(reverse("awards:decision_detail", args=[decision.pk]))
    page = response.content.decode()
    assert "Tổ Văn phòng" in page and vn_number(Decimal(2_120_000)) in page
    rows = iter(response.context["lines"])
    first = weakref.ref(next(rows))
    second = next(rows)
    gc.collect()
    assert first() is None
    assert second.nomination_line.subject_name == "Tổ Văn phòng"
    assert len(response.context["lines"]) == 2


@pytest.mark.django_db
def test_decision_page_reads_its_certificates_a_batch_at_a_time(
    client, staff, chair, approved_lines, monkeypatch
):
    """The certificates table lists every certificate of the decision, each with its holder,
    and frees a certificate (with its line, award, person and unit) once the next is read."""
    monkeypatch.setattr(StreamedRows, "BATCH", 1)
    decision = sign_decision(decision=drafted(staff, approved_lines), user=chair, day=SIGNED_2026)
    issue_certificates(decision=decision)
    codes = list(
        Certificate.objects.filter(decision_line__decision=decision)
        .order_by("gold_book_number")
        .values_list("code", flat=True)
    )
    client.force_login(staff)
    response = client.get(reverse("awards:decision_detail", args=[decision.pk]))
    page = response.content.decode()
    assert len(codes) == 2 and all(code in page for code in codes)
    assert "Tổ Văn phòng" in page.split("Giấy khen đã cấp")[1]
    rows = iter(response.context["certificates"])
    first = weakref.ref(next(rows))
    second = next(rows)
    gc.collect()
    assert first() is None
    assert [second.code, len(response.context["certificates"])] == [codes[1], 2]
