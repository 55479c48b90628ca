"""The year-end report's PDF against DOMAIN §10.3, read back with pdftotext: every section
(I–V with II.1 narrative, II.6, III ưu điểm / hạn chế / bài học, IV, V), the danh sách đề nghị,
the draft mark and number, the signature block and "Nơi nhận"; the data parts as the product
computes them ("reduce by" targets with their baseline, a ceiling with its bound, the same
verdict as the dashboard). A rasterised first page is kept as an artefact."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from documents.enums import JobStatus
from documents.services import run_job
from emulation.models import User
from emulation.reports.documents import YEAR_END_REPORT
from emulation.reports.narrative import FIELDS, RECIPIENTS
from emulation.reports.plans import plan_text
from emulation.reports.services import save_report_texts
from emulation.targets.enums import Direction
from emulation.targets.selectors import dashboard
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

YEAR = 2026
SITUATION = (
    "Năm 2026, Phường Sài Gòn có 39 đơn vị trực thuộc tham gia phong trào thi đua, tổ chức "
    "thành 1 cụm và 1 khối thi đua."
)
ARTEFACTS = Path(os.environ.get("TEST_ARTEFACTS", "var/test/artefacts"))
WRITTEN = {
    "situation": "Thuận lợi: kinh tế phục hồi. Khó khăn: ngập cục bộ mùa mưa.",
    "leadership": "Ban hành Kế hoạch số 12/KH-UBND phát động thi đua; tuyên truyền trên loa.",
    "organisation": "Hội đồng Thi đua – Khen thưởng họp 4 kỳ; quỹ thi đua được trích đủ.",
    "strengths": "Ưu điểm: 35 chỉ tiêu đạt và vượt.",
    "weaknesses": "Hạn chế: giải ngân vốn đầu tư công chậm do vướng mặt bằng.",
    "lessons": "Bài học: bám sát cơ sở.",
    "direction": "Chủ đề năm 2027: Đoàn kết, kỷ cương, đổi mới, bứt phá.",
    "proposals": "Kiến nghị Thành phố sớm phân bổ vốn.",
    RECIPIENTS: "- Ủy ban nhân dân Thành phố;\n- Lưu: VT, TĐKT.",
}


def pdftotext(content: bytes, tmp_path) -> str:
    """The text in the order it is drawn (-raw: a table row reads left to right, the rotated
    draft mark as one word), runs of white space as one space."""
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    out = subprocess.run(
        ["/usr/bin/pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
    ).stdout.decode()
    return " ".join(out.split())


def keep_first_page(content: bytes, tmp_path, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    prefix = str(ARTEFACTS / name)
    subprocess.run(
        ["/usr/bin/pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(path), prefix],
        check=True,
    )


@pytest.fixture
def staff(demo_user):
    return demo_user("canbo.thidua")


@pytest.fixture(scope="module")
def draft(demo_rows, django_db_blocker, tmp_path_factory):
    """The saved report's draft PDF: (its text, its page count). Rendered once per module (and
    xdist worker) for the tests that read it; the saved texts and the job are rolled back at
    once, so the module's other tests find the year's report unsaved, as before."""
    folder = tmp_path_factory.mktemp("year-end-draft")
    with (
        override_settings(MEDIA_ROOT=str(folder / "media")),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        staff = User.objects.get(username="canbo.thidua")
        save_report_texts(user=staff, year=YEAR, texts=WRITTEN, version=0)
        job = JobFactory(kind=YEAR_END_REPORT, params={"year": YEAR}, requested_by=staff)
        job = run_job(job_id=job.pk, worker_pid=os.getpid())
        assert job.status == JobStatus.DONE, job.error
        content = job.result.open("rb").read()
        keep_first_page(content, folder, "year-end-report-draft")
        transaction.set_rollback(True)
    return pdftotext(content, folder), job.page_count


@pytest.fixture
def draft_pdf(draft):
    return draft[0]


SECTIONS_IN_ORDER = (
    "BÁO CÁO",
    "Tổng kết công tác thi đua, khen thưởng năm 2026; phương hướng, nhiệm vụ năm 2027",
    "I. ĐẶC ĐIỂM TÌNH HÌNH",
    WRITTEN["situation"],
    "II. KẾT QUẢ THỰC HIỆN",
    "1. Công tác lãnh đạo, chỉ đạo, tuyên truyền; phát động phong trào thi đua",
    WRITTEN["leadership"],
    "2. Kết quả thực hiện các phong trào thi đua và chỉ tiêu kinh tế – xã hội",
    "35/38 chỉ tiêu đạt và vượt, 13 vượt kế hoạch.",
    "Kết quả thực hiện chỉ tiêu năm 2026",
    "3. Hoạt động của các cụm, khối thi đua",
    "4. Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến, người tốt việc tốt; sáng kiến",
    "5. Công tác khen thưởng",
    "6. Công tác tổ chức bộ máy làm công tác thi đua, khen thưởng; Hội đồng Thi đua – Khen "
    "thưởng; quỹ thi đua, khen thưởng",
    WRITTEN["organisation"],
    "III. ĐÁNH GIÁ CHUNG",
    "1. Ưu điểm",
    WRITTEN["strengths"],
    "2. Hạn chế và nguyên nhân",
    WRITTEN["weaknesses"],
    "3. Bài học kinh nghiệm",
    WRITTEN["lessons"],
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027",
    WRITTEN["direction"],
    "V. KIẾN NGHỊ, ĐỀ XUẤT",
    WRITTEN["proposals"],
    "Nơi nhận: - Ủy ban nhân dân Thành phố; - Lưu: VT, TĐKT.",
    "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
    "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG",
    "(Kèm theo Báo cáo số /BC-UBND)",
)


def test_every_section_of_domain_10_3_in_order(draft_pdf):
    position = 0
    for expected in SECTIONS_IN_ORDER:
        found = draft_pdf.find(expected, position)
        assert found >= 0, f"missing or out of order: {expected!r}"
        position = found + len(expected)


def test_draft_header_number_and_mark(draft):
    draft_pdf, pages = draft
    assert draft_pdf.startswith("DỰ THẢO THÀNH PHỐ HỒ CHÍ MINH ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN")
    assert draft_pdf.count("DỰ THẢO") == pages  # the mark is on every page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc" in draft_pdf
    assert "Số: /BC-UBND" in draft_pdf
    assert re.search(r"Sài Gòn, ngày \d{2} tháng \d{1,2} năm \d{4}", draft_pdf)
    assert "Người lập báo cáo" not in draft_pdf
    assert "0 cụm" not in draft_pdf


def test_reduce_by_and_ceiling_targets_print_their_terms_and_the_dashboard_verdict(
    staff, draft_pdf
):
    rows = {row.name: row for row in dashboard(user=staff, year=YEAR).rows}
    reduce = rows["Giảm số vụ vi phạm trật tự xây dựng so với năm trước"]
    ceiling = rows["Chỉ số giá tiêu dùng tăng không quá"]
    assert (reduce.direction, ceiling.direction) == (Direction.REDUCE_BY_PCT, Direction.RANGE)
    assert plan_text(reduce) == "Giảm 10 % so với mức gốc 120"
    assert plan_text(ceiling) == "Không quá 4,5"
    assert "Giảm 10 % so với mức gốc 120 108 100,0 % Đạt" in draft_pdf
    assert f"Không quá 4,5 3,2 — {ceiling.status.label}" in draft_pdf
    assert str(reduce.status.label) == "Đạt"


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        ({"direction": Direction.HIGHER_BETTER, "plan_value": 15931}, "15.931"),
        ({"direction": Direction.LOWER_BETTER, "plan_value": 50}, "Không quá 50"),
        ({"direction": Direction.BOOLEAN, "plan_value": None}, "Hoàn thành"),
        ({"direction": Direction.RANGE, "range_min": 85}, "Không dưới 85"),
        ({"direction": Direction.RANGE, "range_min": 1, "range_max": 2.5}, "Từ 1 đến 2,5"),
        ({"direction": Direction.REDUCE_BY_PCT, "plan_value": 5}, ""),
    ],
)
def test_plan_text_of_each_direction(terms, expected):
    from types import SimpleNamespace

    row = SimpleNamespace(
        **{"plan_value": None, "baseline_value": None, "range_min": None, "range_max": None} | terms
    )
    assert plan_text(row) == expected


def test_unsaved_report_prints_the_proposed_draft(staff, tmp_path):
    job = JobFactory(kind=YEAR_END_REPORT, params={"year": YEAR}, requested_by=staff)
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    text = pdftotext(job.result.open("rb").read(), tmp_path)
    assert SITUATION in text
    assert "Hội đồng Thi đua – Khen thưởng có" in text
    assert "Nơi nhận: - Ủy ban nhân dân cấp trên;" in text
    for field in FIELDS:
        assert WRITTEN.get(field, "§") not in text
