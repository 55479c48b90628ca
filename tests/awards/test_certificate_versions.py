"""Issued certificate files never change: printing again reuses them, a correction issues a
new version with its own code, and the old code's public page names the new one. The QR code,
rasterised at the size a phone camera sees it, decodes to a full address that opens the page."""

import datetime
import hashlib
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from awards.certificates import layout
from awards.certificates.services import correct_certificate, request_certificates
from awards.decisions.services import revoke_decision
from awards.errors import AwardsError
from awards.models import Certificate
from config.permissions import NotPermitted
from documents.enums import JobStatus
from documents.models import Job
from documents.services import run_job
from emulation.enums import Role
from tests.documents.pdf_checks import pdf_text
from tests.factories import UnitFactory, UserFactory

PUBLIC_BASE = "https://thidua.example.gov.vn"
HOLDER = "Lê Văn Tám"
CORRECTED = "Lê Văn Tám Hùng"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PUBLIC_BASE_URL = PUBLIC_BASE


@pytest.fixture
def decision(signed_decision, chair):
    """The awards tests' signed decision of one LĐTT, Lê Văn Tám, signed by Nguyễn Văn Hùng."""
    chair.last_name, chair.first_name = "Nguyễn Văn", "Hùng"
    chair.save(update_fields=["last_name", "first_name"])
    return signed_decision


def run(job: Job) -> Job:
    run_job(job_id=job.pk, worker_pid=1)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    return job


def file_hash(certificate: Certificate) -> str:
    with certificate.file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


@pytest.fixture
def issued(decision, staff):
    run(request_certificates(decision=decision, user=staff))
    return Certificate.objects.get()


def rasterise(content: bytes, dpi: int, folder: Path) -> Image.Image:
    source = folder / "certificate.pdf"
    source.write_bytes(content)
    target = folder / "certificate"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", source, target], check=True)
    return Image.open(f"{target}.png")


def test_printing_again_reuses_the_issued_files(decision, staff, chair):
    first = run(request_certificates(decision=decision, user=staff))
    before = {c.code: (c.sha256, file_hash(c), c.issued_at) for c in Certificate.objects.all()}
    assert len(before) == 1 and all(sha == on_disk for sha, on_disk, _at in before.values())
    # What the paper would say changes (the chairperson's account is renamed): an issued file
    # must not follow.
    chair.last_name = "Trần Văn"
    chair.save(update_fields=["last_name"])
    second = run(request_certificates(decision=decision, user=staff))
    after = {c.code: (c.sha256, file_hash(c), c.issued_at) for c in Certificate.objects.all()}
    assert after == before
    with first.result.open("rb") as one, second.result.open("rb") as two:
        assert pdf_text(one.read()) == pdf_text(two.read())
    assert "Nguyễn Văn Hùng" in pdf_text(second.result.open("rb").read())


def test_a_lost_issued_file_stops_the_print_instead_of_drawing_a_new_one(issued, decision, staff):
    Path(issued.file.path).unlink()
    job = request_certificates(decision=decision, user=staff)
    run_job(job_id=job.pk, worker_pid=1)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert f"giấy khen mã {issued.code}" in job.error and "sao lưu" in job.error
    assert Certificate.objects.get(pk=issued.pk).sha256 == issued.sha256


def test_qr_code_at_phone_camera_size_opens_the_verification_page(issued, client, tmp_path):
    """At 72 dpi the 24 mm code is about 68 pixels wide: a phone held at reading distance."""
    page = rasterise(issued.file.open("rb").read(), dpi=72, folder=tmp_path)
    x, y, _anchor = layout.FIELDS["qr"]
    per_mm = 72 / 25.4
    left, bottom = x * per_mm, page.height - y * per_mm
    size = layout.QR_SIZE_MM * per_mm
    margin = 4 * per_mm
    crop = page.crop(
        (
            int(left - margin),
            int(bottom - size - margin),
            int(left + size + margin),
            int(bottom + margin),
        )
    )
    assert max(crop.size) < 100
    decoded = [result.text for result in zxingcpp.read_barcodes(crop)]
    assert decoded == [f"{PUBLIC_BASE}/khen-thuong/xac-thuc/{issued.code}/"]
    address = urlsplit(decoded[0])
    assert f"{address.scheme}://{address.netloc}" == PUBLIC_BASE
    response = client.get(address.path)
    assert response.status_code == 200
    body = response.content.decode()
    assert issued.code in body and issued.sha256 in body and "Còn hiệu lực" in body


def test_the_link_printed_beside_the_qr_code_is_the_full_address(issued):
    text = pdf_text(issued.file.open("rb").read())
    address = f"{PUBLIC_BASE}/khen-thuong/xac-thuc/{issued.code}/"
    assert address in text
    assert text.count("/khen-thuong/xac-thuc/") == 1


def correct(certificate, user, **texts):
    printed = {**certificate.printed, **texts}
    return correct_certificate(
        certificate=certificate, user=user, printed=printed, reason="Sai họ tên so với hồ sơ"
    )


def test_a_correction_issues_a_new_version_and_the_old_code_names_it(
    issued, decision, staff, client
):
    old_hash = issued.sha256
    corrected, job = correct(issued, staff, holder=CORRECTED)
    job = run(job)
    assert job.result.name.endswith(f"giay-khen-dinh-chinh-{corrected.code}.pdf")
    corrected.refresh_from_db()
    issued.refresh_from_db()
    assert (corrected.version, corrected.replaces, corrected.gold_book_number) == (
        2,
        issued,
        issued.gold_book_number,
    )
    assert corrected.code != issued.code and len(corrected.code) == 8
    assert issued.sha256 == old_hash == file_hash(issued)
    new_text = pdf_text(corrected.file.open("rb").read())
    assert CORRECTED in new_text and corrected.code in new_text
    assert f"Số sổ vàng: {issued.gold_book_number}" in new_text
    assert issued.code not in new_text
    assert corrected.sha256 == file_hash(corrected) != old_hash

    old_page = client.get(reverse("awards:certificate_verify", args=[issued.code]))
    body = old_page.content.decode()
    new_url = reverse("awards:certificate_verify", args=[corrected.code])
    assert "đã được thay thế bởi giấy khen mã" in body
    assert f'<a href="{new_url}">{corrected.code}</a>' in body
    assert "Còn hiệu lực" not in body and 'class="notice notice-error"' in body
    new_body = client.get(new_url).content.decode()
    assert "Còn hiệu lực" in new_body and CORRECTED in new_body
    assert "Lần 2: đính chính, thay thế giấy khen mã" in new_body
    assert reverse("awards:certificate_verify", args=[issued.code]) in new_body

    # The decision's print now holds the version in force, not the replaced one.
    reprint = run(request_certificates(decision=decision, user=staff))
    text = pdf_text(reprint.result.open("rb").read())
    assert CORRECTED in text and corrected.code in text and issued.code not in text
    assert reprint.page_count == 1


def test_a_second_correction_replaces_the_first_and_the_oldest_page_names_the_last(
    issued, staff, client
):
    first, job = correct(issued, staff, holder=CORRECTED)
    run(job)
    first.refresh_from_db()
    second, job = correct(first, staff, achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025")
    run(job)
    assert second.version == 3
    body = client.get(reverse("awards:certificate_verify", args=[issued.code])).content.decode()
    assert second.code in body and f">{first.code}</a>" not in body
    with pytest.raises(AwardsError, match=second.code):
        correct(first, staff, holder="Tên khác")


def test_correction_refusals_write_nothing(issued, decision, staff, chair):
    cases = [
        ({"holder": "  "}, "Sai", "không được để trống"),
        ({"holder": "x" * 201}, "Sai", "tối đa 200 ký tự"),
        ({"achievement": "x" * 1001}, "Sai", "tối đa 1000 ký tự"),
        ({}, "Sai", "giống hệt"),
        ({"holder": CORRECTED}, "   ", "lý do"),
    ]
    for texts, reason, message in cases:
        with pytest.raises(AwardsError, match=message):
            correct_certificate(
                certificate=issued,
                user=staff,
                printed={**issued.printed, **texts},
                reason=reason,
            )
    with pytest.raises(NotPermitted):
        correct(issued, chair, holder=CORRECTED)
    revoke_decision(decision=decision, user=chair, reason="Sai", day=datetime.date(2026, 3, 2))
    with pytest.raises(AwardsError, match="còn hiệu lực"):
        correct(issued, staff, holder=CORRECTED)
    assert Certificate.objects.count() == 1 and Job.objects.count() == 1


def test_a_certificate_never_printed_cannot_be_corrected(decision, staff):
    from awards.certificates.services import issue_certificates

    issue_certificates(decision=decision)
    certificate = Certificate.objects.first()
    with pytest.raises(AwardsError, match="chưa được in"):
        correct_certificate(
            certificate=certificate,
            user=staff,
            printed={"holder": CORRECTED, "unit": "", "achievement": ""},
            reason="Sai",
        )
    assert Certificate.objects.count() == 1


def test_correction_page_prefills_and_issues_through_the_form(issued, staff, client):
    url = reverse("awards:certificate_correct", args=[issued.pk])
    client.force_login(staff)
    page = client.get(url).content.decode()
    assert f'value="{HOLDER}"' in page and issued.code in page
    response = client.post(
        url, {**issued.printed, "holder": CORRECTED, "reason": "Sai họ tên so với hồ sơ"}
    )
    corrected = Certificate.objects.get(replaces=issued)
    job = Job.objects.latest("pk")
    assert response.status_code == 302
    assert response.url == reverse("documents:job_detail", args=[job.pk])
    assert job.params["certificates"] == [corrected.pk]
    assert corrected.printed["holder"] == CORRECTED
    assert corrected.correction_reason == "Sai họ tên so với hồ sơ"
    assert corrected.corrected_by == staff
    run(job)
    detail = client.get(
        reverse("awards:decision_detail", args=[issued.decision_line.decision_id])
    ).content.decode()
    assert "Đã được thay thế" in detail and "(lần 2)" in detail


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": ""}, "Hãy ghi lý do đính chính."),
        ({"holder": ""}, "Tên tập thể, cá nhân được khen không được để trống."),
        ({"holder": "x" * 201}, "Tên dài quá 200 ký tự."),
        ({"unit": "x" * 256}, "Đơn vị dài quá 255 ký tự."),
        ({"achievement": "x" * 1001}, "Thành tích dài quá 1000 ký tự."),
        ({"reason": "Không đổi gì"}, "Nội dung đính chính giống hệt giấy khen hiện tại."),
    ],
)
def test_correction_form_refuses_bad_input_in_vietnamese(issued, staff, client, changes, message):
    client.force_login(staff)
    data = {**issued.printed, "reason": "Sai họ tên", **changes}
    response = client.post(reverse("awards:certificate_correct", args=[issued.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Certificate.objects.count() == 1 and Job.objects.count() == 1


def test_correction_permissions(issued, client, staff, head, chair, other_authority):
    url = reverse("awards:certificate_correct", args=[issued.pk])
    data = {**issued.printed, "holder": CORRECTED, "reason": "Sai"}
    response = client.post(url, data)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    for user, status in (
        (head, 403),  # a unit's head does not see decisions
        (chair, 403),  # sees decisions, does not issue certificates
        (UserFactory(role=Role.ADMINISTRATOR, unit=staff.unit), 403),
        (
            UserFactory(role=Role.AUTHORITY_STAFF, unit=UnitFactory(authority=other_authority)),
            404,
        ),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status
        assert client.post(url, data).status_code == status
    assert Certificate.objects.count() == 1
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_without_a_public_address_nothing_is_issued(decision, staff, settings):
    """A worker runs no system checks: the print itself refuses to put a relative link on
    paper, and no file is recorded as issued."""
    settings.DEBUG = False
    settings.PUBLIC_BASE_URL = ""
    job = request_certificates(decision=decision, user=staff)
    run_job(job_id=job.pk, worker_pid=1)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "Chưa đặt PUBLIC_BASE_URL" in job.error
    assert not Certificate.objects.exclude(sha256="").exists()


def test_a_correction_not_yet_issued_does_not_replace_and_a_new_one_withdraws_it(
    issued, staff, client
):
    pending, _job = correct(issued, staff, holder=CORRECTED)  # its file is never drawn
    page = client.get(reverse("awards:certificate_verify", args=[issued.code])).content.decode()
    assert "Còn hiệu lực" in page and pending.code not in page
    corrected, job = correct(issued, staff, holder="Lê Văn Tám Hưng")
    run(job)
    assert not Certificate.objects.filter(pk=pending.pk).exists()
    assert corrected.version == 2 and corrected.code != pending.code
    page = client.get(reverse("awards:certificate_verify", args=[issued.code])).content.decode()
    assert f">{corrected.code}</a>" in page and "Còn hiệu lực" not in page


def test_a_corrected_text_that_does_not_fit_is_refused_naming_the_line(issued, staff, client):
    client.force_login(staff)
    data = {**issued.printed, "holder": "Nguyễn " * 28, "reason": "Sai họ tên"}
    response = client.post(reverse("awards:certificate_correct", args=[issued.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Không in được giấy khen: dòng “Tên người, tập thể được khen thưởng”" in body
    assert Certificate.objects.count() == 1 and Job.objects.count() == 1
