"""The year-end report: PDF content against the targets evaluation, empty sections, the
section hooks, the xlsx annex, the request page's permissions and bad input."""

import hashlib
import io
import os

import openpyxl
import pytest
from django.db import transaction
from django.test import override_settings
from django.utils.html import escape
from pypdf import PdfReader

from documents.enums import JobStatus
from documents.models import Job
from documents.services import run_job
from emulation.models import User
from emulation.models.clusters import Cluster
from emulation.reports import hooks
from emulation.reports.annex import SHEETS
from emulation.reports.documents import YEAR_END_REPORT, report_parts
from emulation.targets.selectors import dashboard
from emulation.templatetags.vn_format import vn_number
from tests.documents.pdf_checks import (
    numbered_in_parts,
    page_texts,
    pdf_text,
    pdfa_declaration,
    top_margin_texts,
)
from tests.factories import JobFactory
from tests.fixture_loading import load_fixture_files

pytestmark = pytest.mark.django_db

PAGE_URL = "/bao-cao/tong-ket/"


def annex_url(year: int) -> str:
    return f"/bao-cao/tong-ket/{year}/phu-luc.xlsx"


def html_of(user, year: int) -> str:
    job = JobFactory(kind=YEAR_END_REPORT, params={"year": year}, requested_by=user)
    return "".join(report_parts(job).htmls)


@pytest.fixture
def staff(demo_user):
    return demo_user("canbo.thidua")


@pytest.fixture(scope="module")
def rendered(demo_rows, django_db_blocker, tmp_path_factory):
    """The 2026 report rendered once per module (and xdist worker) for the tests that read it:
    the job as it was saved and the file's bytes. Its rows are rolled back at once, so the
    module's other tests find no report job."""
    media_root = str(tmp_path_factory.mktemp("year-end-report-media"))
    with (
        override_settings(MEDIA_ROOT=media_root),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        staff = User.objects.get(username="canbo.thidua")
        job = JobFactory(kind=YEAR_END_REPORT, params={"year": 2026}, requested_by=staff)
        job = run_job(job_id=job.pk, worker_pid=os.getpid())
        assert job.status == JobStatus.DONE, job.error
        content = job.result.open("rb").read()
        transaction.set_rollback(True)
    return job, content


def test_report_pdf_summary_line_is_the_evaluation_of_the_targets(staff, rendered):
    job, content = rendered
    summary = dashboard(user=staff, year=2026).summary
    assert (summary.met_or_exceeded, summary.total, summary.exceeded) == (35, 38, 13)
    text = pdf_text(content)
    assert "35/38 chỉ tiêu đạt và vượt, 13 vượt kế hoạch." in text
    for expected in (
        "BÁO CÁO",
        "Tổng kết công tác thi đua, khen thưởng năm 2026; phương hướng, nhiệm vụ năm 2027",
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
        "Tổng thu ngân sách nhà nước trên địa bàn tỷ đồng 15.931 16.728 105,0 % Vượt",
        "Kết quả thực hiện chỉ tiêu năm 2026",
        "Số chỉ tiêu đạt và vượt qua các năm",
        "Cụm thi đua các trường trung học cơ sở",
        "Năm 2027 đã giao 38 chỉ tiêu chung của cơ quan.",
        "Còn 3 chỉ tiêu không đạt kế hoạch:",
    ):
        assert expected in text
    pages = len(PdfReader(io.BytesIO(content)).pages)
    assert pages == job.page_count
    assert 2 <= pages <= 8
    assert "tổ chức thành 0" not in text and "0 cụm" not in text


def test_report_pdf_is_pdfa_and_stored_hash_is_the_files(rendered):
    job, content = rendered
    assert job.result_sha256 == hashlib.sha256(content).hexdigest()
    assert job.result.name.endswith("du-thao-bao-cao-tong-ket-thi-dua-2026.pdf")
    declared = pdfa_declaration(content)
    assert (declared["part"], declared["conformance"]) == ("3", "B")
    assert declared["output_intents"] == ["/GTS_PDFA1"]
    assert "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026" in declared["xmp"]


def test_the_appendix_is_numbered_on_its_own_and_the_body_keeps_its_numbers(rendered):
    """Nghị định 30/2020: the report's pages from 2 on carry their number, the appendix's
    pages are numbered from 1 again, with no number on its first page."""
    content = rendered[1]
    pages = page_texts(content)
    [first] = [index for index, text in enumerate(pages) if "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" in text]
    assert first >= 1 and "BÁO CÁO" in pages[0]
    assert top_margin_texts(content) == numbered_in_parts(first, len(pages) - first)
    # One file: the body's signature anchor and a bookmark to the appendix's first page.
    reader = PdfReader(io.BytesIO(content))
    assert "chu-ky-so" in reader.named_destinations
    assert reader.named_destinations["chu-ky-so"].page.indirect_reference in {
        page.indirect_reference for page in reader.pages[:first]
    }
    top = [item for item in reader.outline if not isinstance(item, list)]  # a list: sub-items
    titles = {item.title: reader.get_destination_page_number(item) for item in top}
    assert titles == {"BÁO CÁO": 0, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG": first}


def test_report_without_scores_says_chua_co(staff):
    """A year with a cluster and nothing else: the other sections say "chưa có"."""
    Cluster.objects.create(
        authority=staff.unit.authority, year=2024, code="CUM-2024", name="Cụm thi đua năm 2024"
    )
    html = html_of(staff, 2024)
    assert "Kết quả chấm điểm của các cụm, khối: chưa có." in html
    assert "Chưa có chỉ tiêu chung của cơ quan cho năm này." in html
    assert "Cụm thi đua năm 2024" in html


def test_report_shows_leaders_from_a_registered_scores_provider(staff, monkeypatch):
    cluster = Cluster.objects.filter(year=2026).order_by("code").first()
    score = hooks.ClusterScore(
        cluster_id=cluster.pk, unit_name="Trường Tiểu học Lê Lợi", score=95.5, rank=1, leading=True
    )
    monkeypatch.setitem(
        hooks._PROVIDERS, hooks.CLUSTER_SCORES, [lambda *, authority, year: [score]]
    )
    html = html_of(staff, 2026)
    assert "Trường Tiểu học Lê Lợi (95,5 điểm)" in html
    assert "Kết quả chấm điểm của các cụm, khối: chưa có." not in html


def test_register_section_refuses_unknown_name():
    with pytest.raises(ValueError, match="unknown report section"):
        hooks.register_section("scores", lambda *, authority, year: [])


def test_annex_has_expected_sheets_and_values(client, staff):
    client.force_login(staff)
    response = client.get(annex_url(2026))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="phu-luc-tong-ket-2026.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == list(SHEETS)
    rows = list(workbook["Chi tieu"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Mã", "Chỉ tiêu")
    assert len([row for row in rows[1:] if len(row) == 8 and row[0] and row[7]]) == 38
    assert rows[-1][:2] == ("Tổng hợp", "35/38 chỉ tiêu đạt và vượt, 13 vượt kế hoạch")
    budget = next(row for row in rows if row[1] == "Tổng thu ngân sách nhà nước trên địa bàn")
    assert budget[4:6] == (15931, 16728)
    assert budget[6] == pytest.approx(16728 / 15931 * 100)
    assert budget[7] == "Vượt"


def test_annex_neutralises_formula_like_text(client, staff):
    target = dashboard(user=staff, year=2026).rows[0]
    from emulation.models import Target

    Target.objects.filter(pk=target.id).update(name='=HYPERLINK("http://x.example","bấm")')
    client.force_login(staff)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(annex_url(2026)).content))
    names = [row[1] for row in workbook["Chi tieu"].iter_rows(values_only=True)]
    assert '\'=HYPERLINK("http://x.example","bấm")' in names


@pytest.mark.parametrize("username", ["canbo.thidua", "chutich", "quantri"])
def test_page_open_to_staff_chair_and_administrator(client, demo_user, username):
    client.force_login(demo_user(username))
    response = client.get(PAGE_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Báo cáo tổng kết công tác thi đua, khen thưởng" in body
    assert annex_url(2026) in body


@pytest.mark.parametrize("username", ["thutruong.vhtt", "canbo.vhtt", "hoidong"])
def test_page_annex_and_request_forbidden_to_unit_users_and_council(
    client, demo_user, username, broker
):
    client.force_login(demo_user(username))
    assert client.get(PAGE_URL).status_code == 403
    assert client.get(annex_url(2026)).status_code == 403
    assert client.post(PAGE_URL, {"year": 2026}).status_code == 403
    assert not Job.objects.filter(kind=YEAR_END_REPORT).exists()
    assert broker == []


def test_anonymous_is_sent_to_sign_in(client, demo):
    for url in (PAGE_URL, annex_url(2026)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/dang-nhap/")


def test_request_queues_job_and_shows_its_page(
    client, staff, broker, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE_URL, {"year": "2026"})
    job = Job.objects.get(kind=YEAR_END_REPORT)
    assert response.status_code == 302
    assert response["Location"] == f"/tai-lieu/{job.pk}/"
    assert job.params == {"year": 2026}
    assert job.requested_by == staff
    assert broker == [job.pk]
    assert "2026" in client.get(PAGE_URL).content.decode()


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("2019", "Năm 2019 chưa có số liệu để báo cáo"),
        ("abc", "Năm báo cáo phải là một số, ví dụ 2025."),
        ("", "Hãy nhập năm báo cáo."),
        ("1990", "Năm báo cáo phải từ 2000 trở đi."),
    ],
)
def test_request_bad_year_refused_without_job(client, staff, broker, year, message):
    client.force_login(staff)
    response = client.post(PAGE_URL, {"year": year})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Job.objects.filter(kind=YEAR_END_REPORT).exists()
    assert broker == []


def test_annex_of_year_without_data_redirects_with_message(client, staff):
    client.force_login(staff)
    response = client.get(annex_url(2019), follow=True)
    assert response.redirect_chain == [(PAGE_URL, 302)]
    assert "Năm 2019 chưa có số liệu để báo cáo." in response.content.decode()


def test_job_for_year_without_data_fails_with_vietnamese_reason(staff):
    job = JobFactory(kind=YEAR_END_REPORT, params={"year": 2019}, requested_by=staff)
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    assert job.status == JobStatus.FAILED
    assert job.error == "Năm 2019 chưa có số liệu để báo cáo."


def test_report_carries_the_final_scoring_movements_and_exemplary_people(staff):
    """The scoring, movements and exemplary sections come from their features' providers."""
    from emulation.models.movements import Exemplary, Movement
    from emulation.scoring.selectors import cluster_results

    load_fixture_files("fixtures/demo_scoring.json", "fixtures/demo_movements.json")
    html = html_of(staff, 2026)

    leaders = [
        row
        for result in cluster_results(staff.unit.authority, 2026)
        if result.complete
        for row in result.leaders
    ]
    assert leaders, "the demo bloc's year-end round is final"
    for row in leaders:
        assert f"{row.unit.name} ({vn_number(row.total)} điểm)" in html
    assert "Kết quả chấm điểm của các cụm, khối: chưa có." not in html
    for movement in Movement.objects.filter(
        period_start__year__lte=2026, period_end__year__gte=2026
    ):
        assert escape(movement.name) in html
    stories = Exemplary.objects.filter(period_start__year__lte=2026, period_end__year__gte=2026)
    assert stories.exists()
    for story in stories:
        assert escape(story.title) in html


def test_chart_labels_and_title_are_escaped():
    from emulation.reports.charts import Bar, bar_chart

    svg = str(bar_chart([Bar("<script>x</script>", 3), Bar("Đạt", 1)], title="A & <B>"))
    assert "<script>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt;" in svg
    assert 'aria-label="A &amp; &lt;B&gt;"' in svg
    assert svg.count("<rect ") == 2 and svg.endswith("</svg>")
