"""The demo year 2026 as `make demo` loads it (every fixture, then settle_demo_dates): each step
of the story exists, and the role that acts next reaches it from the product's pages."""

import datetime
import io
import os
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from awards.certificates.services import CERTIFICATE_KIND
from awards.enums import DecisionStatus, NominationState, Verdict
from awards.models import Certificate, CouncilSession, Decision, Nomination
from demo.dates import NOTICE_LEFT
from documents.enums import JobStatus
from documents.models import Job
from documents.services import run_job
from emulation.calendar import add_working_days
from emulation.models import User
from emulation.models.pledges import Pledge
from emulation.pledges.enums import SlotStatus, VersionStatus
from emulation.reports.documents import YEAR_END_REPORT, report_charts
from emulation.reports.selectors import year_end_report
from tests.demo.conftest import demo_for_the_module
from tests.documents.pdf_checks import pdf_text
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db

demo_rows = demo_for_the_module(
    "demo_targets", "demo_awards", "demo_pledges", "demo_scoring", "demo_movements"
)


@pytest.fixture
def demo(db, demo_rows):
    """The whole demo, loaded once for the module, its dates settled on today (as `make demo`
    does after loaddata)."""
    call_command("settle_demo_dates", verbosity=0)


def nomination_of(code: str) -> Nomination:
    return Nomination.objects.get(unit__code=code)


def page(client, username: str, url: str) -> str:
    client.force_login(User.objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200, (username, url, response.status_code)
    return response.content.decode()


def test_every_step_of_a_nomination_is_in_the_demo(demo):
    states = dict(Nomination.objects.values_list("unit__code", "state"))
    assert states == {
        "GDDT": NominationState.DRAFT,
        "VHTT": NominationState.SUBMITTED,
        "YT": NominationState.PUBLIC_NOTICE,
        "TCKH": NominationState.PUBLIC_NOTICE,
        "TP": NominationState.APPROVED,
        "KT": NominationState.DECIDED,
    }
    today = timezone.localdate()
    assert nomination_of("YT").notice_until == add_working_days(today, NOTICE_LEFT)
    assert nomination_of("TCKH").notice_until < today
    appraised = Nomination.objects.filter(unit__code__in=["YT", "TCKH", "TP", "KT"])
    assert set(appraised.values_list("verdict", "verdict_overridden")) == {
        (Verdict.ELIGIBLE, False)
    }


def test_the_clerk_drafts_and_sees_that_the_head_submits(client, demo):
    draft = nomination_of("GDDT")
    url = reverse("awards:nomination_detail", args=[draft.pk])
    clerk_page = page(client, "canbo.gd", url)
    assert reverse("awards:nominee_add", args=[draft.pk]) in clerk_page
    assert reverse("awards:nomination_submit", args=[draft.pk]) not in clerk_page
    assert "thủ trưởng đơn vị xem lại và gửi hồ sơ" in clerk_page
    head_page = page(client, "thutruong.gd", url)
    assert reverse("awards:nomination_submit", args=[draft.pk]) in head_page


def test_staff_find_the_submitted_dossier_in_their_queue(client, demo):
    submitted = nomination_of("VHTT")
    home = page(client, "canbo.thidua", reverse("emulation:home"))
    assert "Hồ sơ chờ thẩm định" in home
    queue = page(client, "canbo.thidua", reverse("awards:review_queue"))
    assert reverse("awards:nomination_detail", args=[submitted.pk]) in queue


def open_session() -> CouncilSession:
    return CouncilSession.objects.get(state="open")


def test_council_page_offers_only_the_nomination_whose_notice_has_ended(client, demo):
    home = page(client, "canbo.thidua", reverse("emulation:home"))
    assert (
        '<span class="count">1</span> hồ sơ đã hết thời hạn công khai, chờ đưa ra Hội đồng' in home
    )
    session = open_session()
    assert session.held_on > timezone.localdate()
    url = reverse("awards:session_detail", args=[session.pk])
    offered = re.findall(r'<option value="(\d+)">', page(client, "canbo.thidua", url))
    assert offered == [str(nomination_of("TCKH").pk)]

    response = client.post(
        reverse("awards:session_action", args=[session.pk, "agenda"]),
        {"nomination": nomination_of("TCKH").pk},
        follow=True,
    )
    text = response.content.decode()
    assert "E-17" not in text and "Đã đưa hồ sơ vào phiên họp." in text
    assert nomination_of("TCKH").state == NominationState.IN_COUNCIL


def test_the_nomination_in_its_notice_shows_the_notice_to_staff(client, demo):
    in_notice = nomination_of("YT")
    text = page(client, "canbo.thidua", reverse("awards:nomination_detail", args=[in_notice.pk]))
    assert in_notice.notice_until.strftime("%d/%m/%Y") in text
    assert "Đang công khai" in text


def test_the_chairperson_finds_the_decision_awaiting_signature(client, demo):
    draft = Decision.objects.get(status=DecisionStatus.DRAFT)
    assert set(draft.lines.values_list("nomination_line__nomination__unit__code", flat=True)) == {
        "TP"
    }
    home = page(client, "chutich", reverse("emulation:home"))
    assert "Quyết định chờ ký" in home
    assert '<span class="count">1</span> dự thảo chờ ký' in home
    sign_page = page(client, "chutich", reverse("awards:decision_sign", args=[draft.pk]))
    assert 'name="password"' in sign_page and 'name="consent"' in sign_page


def test_the_signed_decision_has_its_evidence_and_certificates(client, demo):
    signed = Decision.objects.get(status=DecisionStatus.SIGNED)
    assert (signed.reference, signed.signed_on, signed.signed_by.username) == (
        "01/QĐ-UBND",
        datetime.date(2026, 11, 12),
        "chutich",
    )
    assert signed.signature.consent_version and signed.signature.document_sha256
    lines = signed.lines.count()
    certificates = Certificate.objects.filter(decision_line__decision=signed)
    assert certificates.count() == lines > 0
    job = Job.objects.get(kind=CERTIFICATE_KIND)
    assert (job.params, job.status) == ({"decision": signed.pk, "mode": "full"}, JobStatus.QUEUED)
    certificate = certificates.select_related("decision_line__nomination_line").first()
    client.logout()
    verify = client.get(reverse("awards:certificate_verify", args=[certificate.code]))
    text = verify.content.decode()
    assert "Còn hiệu lực" in text and "01/QĐ-UBND" in text


def test_the_complete_pledge_verifies_as_signed_and_the_bloc_awaits_its_head(client, demo):
    schools = Pledge.objects.get(cluster__code="CUM-THCS").versions.get()
    assert schools.status == VersionStatus.COMPLETE
    assert set(schools.slots.values_list("status", flat=True)) == {SlotStatus.SIGNED}
    assert schools.final_job is not None
    client.logout()
    text = client.get(reverse("pledges:verify"), {"ma": schools.verification_code}).content
    text = text.decode()
    assert f"<dd>{VersionStatus.COMPLETE.label}</dd>" in text
    assert text.count("</li>") >= 6

    bloc = Pledge.objects.get(cluster__code="KHOI-PHONG").versions.get()
    pending = bloc.slots.exclude(status=SlotStatus.SIGNED)
    assert [slot.unit.code for slot in pending] == ["VHTT"]
    assert page(client, "thutruong.vhtt", reverse("pledges:sign", args=[bloc.pk]))


def test_every_signing_head_is_a_demo_account(demo):
    slots = Pledge.objects.values_list("versions__slots__unit_id", flat=True)
    heads = set(User.objects.filter(role="unit_head").values_list("unit_id", flat=True))
    assert set(slots) <= heads


def test_year_end_report_has_something_true_in_every_section(demo, settings, tmp_path):
    """The report of the demo year, drawn as the worker draws it: no section says "chưa có"."""
    settings.MEDIA_ROOT = str(tmp_path)
    staff = User.objects.get(username="canbo.thidua")
    job = JobFactory(kind=YEAR_END_REPORT, params={"year": 2026}, requested_by=staff)
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    assert job.status == JobStatus.DONE, job.error
    text = pdf_text(job.result.open("rb").read())
    for section in (
        "Dân vận khéo",  # 1. movements
        "35/38 chỉ tiêu đạt và vượt, 13 vượt kế hoạch.",  # 2. targets
        "Số chỉ tiêu đạt và vượt qua các năm",  # the comparison with 2025
        "Cụm thi đua các trường trung học cơ sở",  # 3. clusters and blocs
        "Đã ký đủ 6/6",
        "Phòng Văn hóa và Thông tin (99 điểm)",  # the bloc's leader
        "Tận tụy phục vụ Nhân",  # 4. exemplary people, initiatives
        "Bản đồ số các tuyến phố kinh",
        "Tổng số 11 lượt khen thưởng, tiền thưởng 11.400.000 đồng.",  # 5. awards, money
        "I. ĐẶC ĐIỂM TÌNH HÌNH",  # DOMAIN §10.3, every section
        "tổ chức thành 1 cụm và 1 khối thi đua.",
        "1. Công tác lãnh đạo, chỉ đạo, tuyên truyền; phát động phong trào thi đua",
        "6. Công tác tổ chức bộ máy làm công tác thi đua, khen thưởng",
        "Hội đồng Thi đua – Khen thưởng có 2 thành viên.",
        "III. ĐÁNH GIÁ CHUNG",
        "Còn 3 chỉ tiêu không đạt kế hoạch:",
        "3. Bài học kinh nghiệm",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027",
        "Năm 2027 đã giao 38 chỉ tiêu chung của cơ quan.",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
        "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG (Kèm theo Báo cáo số /BC-UBND)",
    ):
        assert section in text, section
    for empty in (
        "Chưa có số liệu phong trào thi đua",
        "Chưa có chỉ tiêu chung",
        "Chưa tổ chức cụm, khối",
        "Kết quả chấm điểm của các cụm, khối: chưa có.",
        "Điển hình tiên tiến, sáng kiến: chưa có.",
        "Chưa có quyết định khen thưởng",
        "Chỉ tiêu năm 2027: chưa có.",
    ):
        assert empty not in text, empty
    report = year_end_report(user=staff, year=2026)
    trend = str(report_charts(report)["trend_chart"])
    assert (">2025<" in trend, ">2026<" in trend, ">2027<" in trend) == (True, True, False)


def test_settling_on_a_later_day_keeps_the_notice_running_and_the_session_ahead(demo):
    """Loaded a year on (Monday 01/03/2027): the notice runs to Thursday, the open session is
    the Monday after; the nomination whose notice ended stays as the fixture holds it."""
    ended = nomination_of("TCKH").notice_until
    out = io.StringIO()
    call_command("settle_demo_dates", "--today", "2027-03-01", stdout=out)
    assert out.getvalue().splitlines() == [
        "Công khai đến ngày 04/03/2027.",
        "Phiên họp Hội đồng đang mở: ngày 08/03/2027.",
    ]
    assert nomination_of("YT").notice_until == datetime.date(2027, 3, 4)
    assert open_session().held_on == datetime.date(2027, 3, 8)
    assert nomination_of("TCKH").notice_until == ended
    call_command("settle_demo_dates", "--today", "2027-03-01", stdout=io.StringIO())
    assert nomination_of("YT").notice_until == datetime.date(2027, 3, 4)
