"""The awards sections of the year-end report: awards by title and by unit with money, from
signed decisions only, and the years they open on the report page."""

import datetime
from decimal import Decimal

import pytest

from awards.decisions.services import draft_decision, revoke_decision, sign_decision
from awards.reports import award_tallies
from emulation.reports.documents import YEAR_END_REPORT, report_parts
from emulation.reports.selectors import report_years
from tests.awards.conftest import in_state
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(nomination, staff, chair):
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    decision = draft_decision(
        user=staff,
        year=2025,
        title="Về việc công nhận danh hiệu Lao động tiên tiến năm 2025",
        lines=nomination.lines.all(),
    )
    return sign_decision(decision=decision, user=chair, day=datetime.date(2026, 1, 5))


def test_award_tallies_count_signed_lines_by_title_and_unit(signed, authority, other_unit):
    [tally] = award_tallies(authority=authority, year=2025)
    assert tally.title == "Lao động tiên tiến"
    assert (tally.collectives, tally.individuals, tally.households) == (0, 1, 0)
    assert tally.amount == Decimal("710000")
    assert tally.by_unit == {other_unit.name: [1, Decimal("710000")]}
    assert award_tallies(authority=authority, year=2024) == []


def test_revoked_decision_leaves_the_report(signed, authority, chair):
    revoke_decision(
        decision=signed, user=chair, reason="Sai đối tượng", day=datetime.date(2026, 2, 1)
    )
    assert award_tallies(authority=authority, year=2025) == []


def test_year_with_decisions_only_can_be_reported(signed, authority, staff, other_unit):
    assert 2025 in report_years(authority=authority)
    job = JobFactory(kind=YEAR_END_REPORT, params={"year": 2025}, requested_by=staff)
    html = "".join(report_parts(job).htmls)
    assert "Tổng số 1 lượt khen thưởng, tiền thưởng 710.000 đồng." in html
    assert "Lao động tiên tiến" in html
    assert other_unit.name in html
    assert "Số lượt khen thưởng theo danh hiệu, hình thức" in html


def test_proposals_to_the_superior_fill_the_danh_sach_de_nghi(
    nomination, award, staff, chair, authority, other_unit
):
    """The submission's nominees are the report's danh sách đề nghị, with the tờ trình number
    once signed; the report's appendix prints them."""
    from awards.reports import proposed_to_superior
    from awards.submissions.services import draft_submission, sign_submission

    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(award=award("cstd_tinh"), approved=True)
    submission = draft_submission(
        user=staff,
        year=2025,
        title="Về việc đề nghị tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2025",
        lines=nomination.lines.select_related("award", "nomination"),
    )
    [line] = nomination.lines.all()
    [draft] = proposed_to_superior(authority=authority, year=2025)
    assert (draft.subject, draft.award, draft.unit_name, draft.submission) == (
        line.subject_name,
        line.award.name,
        other_unit.name,
        "",
    )
    sign_submission(submission=submission, user=chair, day=datetime.date(2026, 1, 20))
    submission.refresh_from_db()
    [signed] = proposed_to_superior(authority=authority, year=2025)
    assert signed.submission == submission.reference
    assert proposed_to_superior(authority=authority, year=2024) == []
    job = JobFactory(kind=YEAR_END_REPORT, params={"year": 2025}, requested_by=staff)
    html = "".join(report_parts(job).htmls)
    assert (
        "Đề nghị cấp trên khen thưởng 1 tập thể, cá nhân, 0 được khen thưởng "
        "(danh sách kèm theo)." in html
    )
    assert f"<td>{submission.reference}</td><td>Cấp trên đang xét</td>" in html
    assert f"<td>{line.subject_name}</td><td>{other_unit.name}</td>" in html
    assert f"<td>{submission.reference}</td>" in html
