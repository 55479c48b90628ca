"""Writing the year-end report (issue 16): the product proposes each section from the year's
data, staff edit and save it per authority and year with its history (who, when, which
sections), stale copies and bad input are refused in Vietnamese with nothing written, and
only the authority's thi đua staff may write."""

import pytest
from django.test import Client

from emulation.enums import Role
from emulation.models.reports import AnnualReport, AnnualReportRevision
from emulation.reports.narrative import FIELDS, RECIPIENTS, proposed_texts, situation_sentence
from emulation.reports.selectors import year_end_report
from emulation.reports.services import ReportError, save_report_texts
from tests.factories import AuthorityFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

YEAR = 2026
SITUATION = (
    "Năm 2026, Phường Sài Gòn có 39 đơn vị trực thuộc tham gia phong trào thi đua, tổ chức "
    "thành 1 cụm và 1 khối thi đua."
)


def page(year: int = YEAR) -> str:
    return f"/bao-cao/tong-ket/{year}/"


@pytest.fixture
def staff(demo_user):
    return demo_user("canbo.thidua")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def written(**changes) -> dict:
    texts = {name: f"Nội dung phần {name}." for name in FIELDS}
    texts[RECIPIENTS] = "- Ủy ban nhân dân Thành phố;\n- Lưu: VT."
    return {"version": 0, **texts, **changes}


def test_page_proposes_a_draft_from_the_year_data(client, staff):
    client.force_login(staff)
    body = client.get(page()).content.decode()
    assert SITUATION in body
    assert "35/38 chỉ tiêu đạt và vượt kế hoạch." in body
    assert (
        "Còn 3 chỉ tiêu không đạt kế hoạch: Tỷ lệ thủ tục hành chính trực tuyến toàn trình; "
        "Tiến độ giải ngân vốn đầu tư công; Số trường đạt chuẩn quốc gia." in body
    )
    assert "Báo cáo chưa được lưu lần nào" in body
    sentence = situation_sentence(year_end_report(user=staff, year=YEAR))
    assert sentence == SITUATION
    assert not proposed_texts(year_end_report(user=staff, year=YEAR))["situation"].startswith(
        "Năm 2026"
    )  # printed by the product above the staff's text, not written twice


def test_draft_counts_the_clusters_and_blocs_it_has_never_zero(staff):
    from emulation.models.clusters import Cluster

    sentence = situation_sentence(year_end_report(user=staff, year=2026))
    clusters = Cluster.objects.filter(year=2026, authority=staff.unit.authority)
    counted = {
        "cluster": clusters.filter(kind="cluster").count(),
        "bloc": clusters.filter(kind="bloc").count(),
    }
    parts = []
    if counted["cluster"]:
        parts.append(f"{counted['cluster']} cụm")
    if counted["bloc"]:
        parts.append(f"{counted['bloc']} khối")
    assert parts, "the demo year 2026 has clusters"
    assert f"tổ chức thành {' và '.join(parts)} thi đua." in sentence
    assert "0 cụm" not in sentence and "0 khối" not in sentence


def test_staff_save_keeps_every_version_with_who_when_and_what(staff):
    client = client_for(staff)
    response = client.post(page(), written())
    assert response.status_code == 302 and response["Location"] == page()
    report = AnnualReport.objects.get(authority=staff.unit.authority, year=YEAR)
    assert (report.version, report.updated_by, report.situation) == (
        1,
        staff,
        "Nội dung phần situation.",
    )
    client.post(page(), written(version=1, proposals="Đề nghị Thành phố bổ sung biên chế."))
    revisions = list(AnnualReportRevision.objects.filter(report=report).order_by("version"))
    assert [(r.version, r.saved_by, r.changed) for r in revisions] == [
        (1, staff, [*FIELDS, RECIPIENTS]),
        (2, staff, ["proposals"]),
    ]
    assert revisions[1].texts["proposals"] == "Đề nghị Thành phố bổ sung biên chế."
    assert revisions[0].texts["proposals"] == "Nội dung phần proposals."
    body = client.get(page()).content.decode()
    assert "Đề nghị Thành phố bổ sung biên chế." in body
    assert "V. Kiến nghị, đề xuất" in body
    assert revisions[1].saved_at.astimezone().strftime("%d/%m/%Y") in body


def test_saving_the_same_texts_again_writes_nothing(staff):
    save_report_texts(user=staff, year=YEAR, texts=written(), version=0)
    save_report_texts(user=staff, year=YEAR, texts=written(), version=1)
    report = AnnualReport.objects.get(authority=staff.unit.authority, year=YEAR)
    assert report.version == 1
    assert report.revisions.count() == 1


def test_save_on_a_stale_copy_is_refused_and_keeps_the_other_text(staff):
    save_report_texts(user=staff, year=YEAR, texts=written(situation="Bản của người A."), version=0)
    response = client_for(staff).post(page(), written(situation="Bản của người B."))
    assert response.status_code == 400
    assert "Báo cáo vừa được người khác lưu. Hãy tải lại trang" in response.content.decode()
    report = AnnualReport.objects.get(authority=staff.unit.authority, year=YEAR)
    assert (report.situation, report.version) == ("Bản của người A.", 1)
    assert report.revisions.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"situation": "  "}, "Hãy viết phần “I. Đặc điểm tình hình”."),
        ({"proposals": ""}, "Hãy viết phần “V. Kiến nghị, đề xuất”."),
        ({RECIPIENTS: ""}, "Hãy viết phần “Nơi nhận”."),
        ({"lessons": "x" * 20_001}, "dài quá 20.000 ký tự (hiện có 20001 ký tự)."),
        ({"version": ""}, "Trang đã cũ. Hãy tải lại trang rồi sửa tiếp."),
        ({"version": "abc"}, "Trang đã cũ. Hãy tải lại trang rồi sửa tiếp."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_with_nothing_written(staff, changes, message):
    response = client_for(staff).post(page(), written(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AnnualReport.objects.exists()


def test_year_without_data_goes_back_to_the_year_choice_and_the_service_refuses(staff):
    client = client_for(staff)
    response = client.get(page(2019), follow=True)
    assert response.redirect_chain == [("/bao-cao/tong-ket/", 302)]
    assert "Năm 2019 chưa có số liệu để báo cáo." in response.content.decode()
    assert client.post(page(2019), written())["Location"] == "/bao-cao/tong-ket/"
    with pytest.raises(ReportError, match=r"Năm 2019 chưa có số liệu để báo cáo\."):
        save_report_texts(user=staff, year=2019, texts=written(), version=0)
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize(
    ("username", "get", "post"),
    [
        ("canbo.thidua", 200, 302),  # thi đua staff write
        ("chutich", 200, 403),  # the chairperson reads and signs, does not write
        ("quantri", 200, 403),
        ("hoidong", 403, 403),
        ("thutruong.vhtt", 403, 403),
        ("canbo.vhtt", 403, 403),
    ],
)
def test_each_role_of_the_authority(demo_user, username, get, post):
    client = client_for(demo_user(username))
    body = client.get(page())
    assert body.status_code == get
    if get == 200:
        editable = 'name="situation"' in body.content.decode()
        assert editable == (post == 302)
    assert client.post(page(), written()).status_code == post
    assert AnnualReport.objects.exists() == (post == 302)


def test_another_authority_never_sees_nor_writes_this_report(staff):
    save_report_texts(user=staff, year=YEAR, texts=written(situation="Bí mật Quận 1."), version=0)
    other = AuthorityFactory()
    unit = UnitFactory(authority=other)
    for role in (Role.AUTHORITY_STAFF, Role.CHAIRPERSON, Role.ADMINISTRATOR):
        client = client_for(UserFactory(role=role, unit=unit))
        for url in (page(), f"{page()}ky/", f"{page()}ban-hanh.pdf"):
            response = client.get(url, follow=True)
            assert response.status_code in (200, 403, 404)
            assert "Bí mật Quận 1." not in response.content.decode()
    outsider = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)
    assert client_for(outsider).post(page(), written()).status_code == 302
    with pytest.raises(ReportError):
        save_report_texts(user=outsider, year=YEAR, texts=written(), version=1)
    assert AnnualReport.objects.get().situation == "Bí mật Quận 1."


def test_page_queries_do_not_grow_with_the_history(staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff)

    def queries_after(saves: int) -> int:
        report = AnnualReport.objects.filter(year=YEAR).first()
        version = report.version if report else 0
        for number in range(saves):
            save_report_texts(
                user=staff,
                year=YEAR,
                texts=written(lessons=f"Lần {version + number + 1}."),
                version=version + number,
            )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page()).status_code == 200
        return len(captured)

    one = queries_after(1)
    assert queries_after(5) == one
    assert AnnualReportRevision.objects.count() == 6


def test_written_text_is_printed_as_text_never_as_markup(staff, client):
    from emulation.reports.documents import YEAR_END_REPORT, report_parts
    from tests.factories import JobFactory

    payload = '<script>alert("x")</script><img src="file:///etc/passwd">'
    save_report_texts(user=staff, year=YEAR, texts=written(situation=payload), version=0)
    job = JobFactory(kind=YEAR_END_REPORT, params={"year": YEAR}, requested_by=staff)
    html = "".join(report_parts(job).htmls)
    assert "<script>" not in html and '<img src="file:' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    client.force_login(staff)
    page_html = client.get(page()).content.decode()
    assert "<script>alert" not in page_html
