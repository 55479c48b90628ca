"""The decision PDF in the Nghị định 30/2020 layout and the council minutes, rendered for real
and read back."""

import datetime
import hashlib
import os

import pytest

from awards.council.services import cast_ballot, close_session, create_session
from awards.decisions.services import draft_decision, revoke_decision, sign_decision
from awards.documents import build_decision, build_minutes
from documents.enums import JobStatus
from documents.rendering import DocumentError, render_pdf
from documents.services import run_job
from emulation.enums import Role
from tests.awards.conftest import in_state
from tests.documents.pdf_checks import pdf_text, pdfa_declaration
from tests.factories import JobFactory, UserFactory


def text_of(builder, job) -> str:
    built = builder(job, lambda percent: None)
    content = built.pdf if built.pdf is not None else render_pdf(built.html).content
    return pdf_text(content), built.filename


@pytest.mark.django_db
def test_decision_pdf_has_number_lines_money_and_signer(nomination, staff, chair):
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    chair.last_name, chair.first_name = "Nguyễn Văn", "Hùng"
    chair.save(update_fields=["last_name", "first_name"])
    decision = draft_decision(
        user=staff,
        year=2025,
        title="Về việc công nhận danh hiệu Lao động tiên tiến năm 2025",
        lines=nomination.lines.all(),
    )
    sign_decision(decision=decision, user=chair, day=datetime.date(2026, 1, 5))
    job = JobFactory(kind="award_decision", params={"decision": decision.pk}, requested_by=chair)
    text, filename = text_of(build_decision, job)
    assert filename == "quyet-dinh-01-QĐ-UBND.pdf"
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 01/QĐ-UBND",
        "ngày 05 tháng 01 năm 2026",
        "QUYẾT ĐỊNH",
        "Điều 1. Công nhận danh hiệu Lao động tiên tiến năm 2025 cho 1 cá nhân",
        "I. Lao động tiên tiến (1 cá nhân)",
        "Lê Văn Tám",
        "Tổng cộng 710.000",
        "Nguyễn Văn Hùng",
    ):
        assert expected in text


@pytest.mark.django_db
def test_decision_pdf_states_the_revocation_only_once_revoked(nomination, staff, chair):
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    decision = draft_decision(user=staff, year=2025, title="Tặng", lines=nomination.lines.all())
    sign_decision(decision=decision, user=chair, day=datetime.date(2026, 1, 5))
    job = JobFactory(kind="award_decision", params={"decision": decision.pk}, requested_by=chair)
    signed, _name = text_of(build_decision, job)
    revoke_decision(
        decision=decision, user=chair, reason="Sai đối tượng", day=datetime.date(2026, 2, 3)
    )
    revoked, _name = text_of(build_decision, job)  # the same job: its parts laid out again
    sentence = "Quyết định đã bị hủy bỏ ngày 03/02/2026."
    assert (sentence in signed, sentence in revoked, "Sai đối tượng" in revoked) == (
        False,
        True,
        True,
    )


@pytest.mark.django_db
def test_decision_pdf_of_another_authority_is_not_built(nomination, staff, other_authority):
    nomination = in_state(nomination, "approved")
    nomination.lines.update(approved=True)
    decision = draft_decision(user=staff, year=2025, title="Tặng", lines=nomination.lines.all())
    from tests.factories import UnitFactory

    stranger = UserFactory(role=Role.CHAIRPERSON, unit=UnitFactory(authority=other_authority))
    job = JobFactory(kind="award_decision", params={"decision": decision.pk}, requested_by=stranger)
    with pytest.raises(DocumentError, match="Không tìm thấy quyết định"):
        build_decision(job, lambda percent: None)


@pytest.mark.django_db
def test_minutes_pdf_lists_results_without_voters_choices(nomination, staff, unit):
    members = [UserFactory(role=Role.COUNCIL_MEMBER, unit=unit) for _ in range(3)]
    session = create_session(
        user=staff,
        title="Phiên họp tổng kết năm 2025",
        held_on=datetime.date(2026, 1, 8),
        members=members,
    )
    in_state(nomination, "in_council", council_session=session, verdict="eligible")
    line = nomination.lines.get()
    for member, choice in zip(members, ("yes", "yes", "no"), strict=True):
        cast_ballot(nomination=nomination, member=member, choices={line.pk: choice})
    close_session(session=session, user=staff)
    job = JobFactory(kind="council_minutes", params={"session": session.pk}, requested_by=staff)
    text, filename = text_of(build_minutes, job)
    assert filename == "bien-ban-hoi-dong-2026-01-08.pdf"
    for expected in ("BIÊN BẢN", "3/3 thành viên có mặt", "Lê Văn Tám", "2/3", "Thông qua"):
        assert expected in text


@pytest.mark.django_db
def test_decision_job_stores_pdfa_file_and_its_sha256(nomination, staff, chair, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    decision = draft_decision(
        user=staff, year=2025, title="Về việc tặng danh hiệu", lines=nomination.lines.all()
    )
    sign_decision(decision=decision, user=chair, day=datetime.date(2026, 1, 5))
    job = JobFactory(kind="award_decision", params={"decision": decision.pk}, requested_by=chair)
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    assert job.status == JobStatus.DONE, job.error
    content = job.result.open("rb").read()
    assert job.result_sha256 == hashlib.sha256(content).hexdigest()
    declared = pdfa_declaration(content)
    assert (declared["part"], declared["conformance"]) == ("3", "B")
    assert declared["output_intents"] == ["/GTS_PDFA1"]
