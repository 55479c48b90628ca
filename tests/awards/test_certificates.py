"""Certificates of a signed decision: files drawn by the job and read back (text, pages,
PDF/A, QR code, image), the public verification page, the pre-printed-blank mode and the
permissions of every download."""

import datetime
import hashlib
import io
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image, ImageChops, ImageStat
from pypdf import PdfReader

from awards.certificates import layout
from awards.certificates.documents import JobContext, draw_pages
from awards.certificates.services import Mode, issue_certificates, request_certificates
from awards.certificates.texts import verification_url
from awards.decisions.services import draft_decision, revoke_decision, sign_decision
from awards.errors import AwardsError
from awards.models import Certificate, CertificateTemplate
from awards.nominations.services import add_nominee
from documents.enums import JobStatus
from documents.models import Job
from documents.services import run_job
from emulation.enums import Role
from tests.awards.conftest import in_state
from tests.awards.factories import NominationFactory
from tests.documents.pdf_checks import pdf_text
from tests.factories import UnitFactory, UserFactory
from tests.processes import probe

REFERENCE_PNG = Path(__file__).parent / "data" / "certificate_reference.png"
NAMES = ["Lê Văn Tám", "Nguyễn Thị Ánh Tuyết", "Đặng Thùy Trâm"]
ACHIEVEMENT = "Hoàn thành xuất sắc nhiệm vụ năm 2025, dẫn đầu phong trào “Dân vận khéo”"
PUBLIC_BASE = "https://thidua.example.vn"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PUBLIC_BASE_URL = PUBLIC_BASE


@pytest.fixture
def decision(other_unit, head, make_person, award, staff, chair):
    """A signed decision of three LĐTT; the second name typed in decomposed form (NFD)."""
    nomination = NominationFactory(unit=other_unit, created_by=head)
    for index, name in enumerate(NAMES):
        typed = unicodedata.normalize("NFD", name) if index == 1 else name
        add_nominee(
            nomination=nomination,
            user=head,
            award=award("ldtt"),
            subject_kind="individual",
            person=make_person(typed),
            achievement=ACHIEVEMENT if index == 0 else "",
        )
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    chair.last_name, chair.first_name = "Nguyễn Văn", "Hùng"
    chair.save(update_fields=["last_name", "first_name"])
    decision = draft_decision(
        user=staff, year=2025, title="Công nhận Lao động tiên tiến", lines=nomination.lines.all()
    )
    return sign_decision(decision=decision, user=chair, day=datetime.date(2026, 1, 5))


def run(job: Job) -> Job:
    run_job(job_id=job.pk, worker_pid=1)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    return job


def job_pdf(job: Job) -> bytes:
    return job.result.open("rb").read()


def page_image(content: bytes, dpi: int, folder: Path) -> Image.Image:
    """The first page rasterised by poppler's pdftoppm."""
    source = folder / "page.pdf"
    source.write_bytes(content)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            source,
            folder / "page",
        ],
        check=True,
    )
    return Image.open(folder / "page.png")


@pytest.mark.django_db
def test_full_job_makes_one_file_per_recipient_and_one_for_the_decision(decision, staff):
    job = run(request_certificates(decision=decision, user=staff))
    merged = job_pdf(job)
    assert job.page_count == 3 and len(PdfReader(io.BytesIO(merged)).pages) == 3
    assert job.result.name.endswith("giay-khen-01-QĐ-UBND.pdf")
    text = pdf_text(merged)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "TẶNG",
        "GIẤY CHỨNG NHẬN",
        *NAMES,
        ACHIEVEMENT,
        "Đã đạt danh hiệu Lao động tiên tiến năm 2025",
        "Quyết định số 01/QĐ-UBND ngày 05/01/2026",
        "ngày 05 tháng 01 năm 2026",
        "Nguyễn Văn Hùng",
    ):
        assert expected in text
    certificates = list(Certificate.objects.order_by("gold_book_number"))
    assert [c.gold_book_number for c in certificates] == [1, 2, 3]
    for certificate in certificates:
        content = certificate.file.open("rb").read()
        assert hashlib.sha256(content).hexdigest() == certificate.sha256
        assert len(PdfReader(io.BytesIO(content)).pages) == 1
        single = pdf_text(content)
        holder = certificate.decision_line.nomination_line.subject_name
        assert unicodedata.normalize("NFC", holder) in single
        assert f"Số sổ vàng: {certificate.gold_book_number}" in single
        assert certificate.code in single


@pytest.mark.django_db
def test_a_name_typed_decomposed_extracts_composed(decision, staff):
    job = run(request_certificates(decision=decision, user=staff))
    text = pdf_text(job_pdf(job))
    assert "Nguyễn Thị Ánh Tuyết" in text
    assert unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết") not in text


@pytest.mark.django_db
def test_issued_files_are_pdfa_2b_with_output_intent_and_xmp(decision, staff):
    job = run(request_certificates(decision=decision, user=staff))
    for content in (job_pdf(job), Certificate.objects.first().file.open("rb").read()):
        with pikepdf.open(io.BytesIO(content)) as pdf:
            intents = pdf.Root.OutputIntents
            assert len(intents) == 1
            assert intents[0].S == pikepdf.Name.GTS_PDFA1
            assert len(intents[0].DestOutputProfile.read_bytes()) > 400
            meta = pdf.open_metadata()
            assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
            assert meta["dc:title"] == str(pdf.docinfo["/Title"])
            for page in pdf.pages:
                for font in page.Resources.Font.values():
                    descendant = font.get("/DescendantFonts", [font])[0]
                    assert "/FontFile2" in descendant.FontDescriptor


# A certificate's file marked and saved in a fresh process, as a worker's pool process does.
SAVE_PROBE = """
import datetime, io, sys
import django
django.setup()
import pikepdf
from awards.certificates.pdfa import mark_pdfa
from documents.pdf_saving import save
with pikepdf.new() as pdf:
    pdf.add_blank_page()
    mark_pdfa(pdf, title="Giấy khen – Lê Văn Tám", day=datetime.date(2026, 1, 5))
    written = pdf.Root.Metadata.read_bytes()
    content = save(pdf)
with pikepdf.open(io.BytesIO(content)) as saved:
    print(saved.Root.Metadata.read_bytes() == written, "lxml" in sys.modules)
"""


@pytest.mark.process
def test_saving_keeps_the_xmp_packet_as_written_without_loading_lxml():
    assert probe(SAVE_PROBE).split() == ["True", "False"]


@pytest.mark.django_db
def test_the_qr_code_decodes_to_the_verification_address(decision, staff, tmp_path):
    run(request_certificates(decision=decision, user=staff))
    certificate = Certificate.objects.order_by("gold_book_number").first()
    image = page_image(certificate.file.open("rb").read(), dpi=200, folder=tmp_path)
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    expected = f"{PUBLIC_BASE}/khen-thuong/xac-thuc/{certificate.code}/"
    assert decoded == [expected] == [verification_url(certificate.code)]


@pytest.mark.django_db
def test_page_matches_the_reference_image(decision, tmp_path):
    """One certificate drawn with fixed fields, rasterised, against the stored reference."""
    design = layout.Design(
        issuer_title="CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN",
        place_date="Sài Gòn, ngày 05 tháng 01 năm 2026",
        signer_titles=("CHỦ TỊCH",),
        signer_name="Nguyễn Văn Hùng",
        decision="Quyết định số 01/QĐ-UBND ngày 05/01/2026",
    )
    text = layout.CertificateText(
        code="ABCD2345",
        form_name="GIẤY KHEN",
        holder="Nguyễn Thị Ánh Tuyết",
        unit="Trường Tiểu học Lê Ngọc Hân",
        title_line="",
        achievement=ACHIEVEMENT,
        gold_book="Số sổ vàng: 17",
        verify_url=f"{PUBLIC_BASE}/khen-thuong/xac-thuc/ABCD2345/",
    )
    context = JobContext(decision=decision, design=design, mode=Mode.FULL, offsets=layout.Offsets())
    image = page_image(draw_pages(context, [text]), dpi=40, folder=tmp_path).convert("L")
    reference = Image.open(REFERENCE_PNG).convert("L")
    assert image.size == reference.size
    difference = ImageStat.Stat(ImageChops.difference(image, reference)).mean[0]
    assert difference < 2.0, difference


def text_positions(content: bytes) -> dict[str, tuple[float, float]]:
    """Where each text run starts on the first page, in PDF points."""
    positions: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            positions.setdefault(text.strip(), (tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    return positions


@pytest.mark.django_db
def test_preprinted_mode_prints_only_fields_at_the_stored_offsets(decision, staff):
    CertificateTemplate.objects.create(
        authority=decision.authority, offset_x_mm=Decimal("5.0"), offset_y_mm=Decimal("-3.5")
    )
    job = run(request_certificates(decision=decision, user=staff, mode=Mode.PREPRINTED))
    content = job_pdf(job)
    assert job.page_count == 3
    assert job.result.name.endswith("giay-khen-phoi-01-QĐ-UBND.pdf")
    text = pdf_text(content)
    assert "Lê Văn Tám" in text
    assert "CỘNG HÒA" not in text and "TẶNG" not in text
    mm = 72 / 25.4
    positions = text_positions(content)
    x, y = positions["Quyết định số 01/QĐ-UBND ngày 05/01/2026"]
    field_x, field_y, _anchor = layout.FIELDS["decision"]
    assert x == pytest.approx((field_x + 5.0) * mm, abs=0.05)
    assert y == pytest.approx((field_y - 3.5) * mm, abs=0.05)
    x, y = positions["Số sổ vàng: 1"]
    assert x == pytest.approx((layout.FIELDS["gold_book"][0] + 5.0) * mm, abs=0.05)
    assert y == pytest.approx((layout.FIELDS["gold_book"][1] - 3.5) * mm, abs=0.05)
    # A print on blanks is not an issued file: no per-recipient files or hashes.
    assert not Certificate.objects.exclude(sha256="").exists()


@pytest.mark.django_db
def test_verification_page_is_public_and_shows_revocation_at_once(client, decision, staff, chair):
    run(request_certificates(decision=decision, user=staff))
    certificate = Certificate.objects.order_by("gold_book_number").first()
    url = reverse("awards:certificate_verify", args=[certificate.code])
    page = client.get(url).content.decode()
    for expected in ("Lê Văn Tám", "Lao động tiên tiến", "01/QĐ-UBND", "05/01/2026"):
        assert expected in page
    assert certificate.sha256 in page
    assert "Còn hiệu lực" in page and "Đã bị thu hồi" not in page
    revoke_decision(
        decision=decision,
        user=chair,
        reason="Hồ sơ không trung thực",
        day=datetime.date(2026, 3, 2),
    )
    page = client.get(url).content.decode()
    assert "Đã bị thu hồi" in page and "02/03/2026" in page and "Còn hiệu lực" not in page
    assert client.get(reverse("awards:certificate_verify", args=["ZZZZ9999"])).status_code == 404
    lookup = client.get(reverse("awards:certificate_lookup"), {"ma": certificate.code.lower()})
    assert lookup.status_code == 302 and lookup.url == url


@pytest.mark.django_db
def test_verification_page_styles_the_status_and_wraps_the_hash(client, issued, decision, chair):
    url = reverse("awards:certificate_verify", args=[issued.code])
    page = client.get(url).content.decode()
    assert '<p class="notice notice-success" id="certificate-status">Còn hiệu lực</p>' in page
    assert f'<dd class="code hash">{issued.sha256}</dd>' in page
    revoke_decision(decision=decision, user=chair, reason="Sai", day=datetime.date(2026, 3, 2))
    page = client.get(url).content.decode()
    assert '<p class="notice notice-error" id="certificate-status">Đã bị thu hồi' in page
    assert "notice-success" not in page


@pytest.mark.django_db
def test_no_certificates_for_a_draft_or_revoked_decision(decision, staff, chair):
    revoke_decision(decision=decision, user=chair, reason="Sai", day=datetime.date(2026, 3, 2))
    with pytest.raises(AwardsError):
        request_certificates(decision=decision, user=staff)
    assert not Certificate.objects.exists() and not Job.objects.exists()


@pytest.mark.django_db
def test_issuing_twice_keeps_codes_and_numbers(decision):
    assert issue_certificates(decision=decision) == 3
    before = list(Certificate.objects.values_list("code", "gold_book_number"))
    assert issue_certificates(decision=decision) == 0
    assert list(Certificate.objects.values_list("code", "gold_book_number")) == before


@pytest.fixture
def issued(decision, staff):
    run(request_certificates(decision=decision, user=staff))
    return Certificate.objects.order_by("gold_book_number").first()


@pytest.mark.django_db
def test_download_permissions(client, issued, staff, head, other_authority):
    url = reverse("awards:certificate_download", args=[issued.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    client.force_login(head)  # a unit's head: not an authority-wide role
    assert client.get(url).status_code == 403
    stranger = UserFactory(role=Role.AUTHORITY_STAFF, unit=UnitFactory(authority=other_authority))
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    public = client.get(reverse("awards:certificate_public_file", args=[issued.code]))
    assert public.status_code == 200
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == issued.sha256
    client.logout()
    public = client.get(reverse("awards:certificate_public_file", args=[issued.code]))
    assert public.status_code == 200


@pytest.mark.django_db
def test_print_request_permissions(client, decision, staff, chair, other_authority):
    url = reverse("awards:decision_certificates", args=[decision.pk])
    assert client.post(url).status_code == 302 and not Job.objects.exists()
    client.force_login(chair)  # sees decisions, does not print
    assert client.post(url).status_code == 403
    stranger = UserFactory(role=Role.AUTHORITY_STAFF, unit=UnitFactory(authority=other_authority))
    client.force_login(stranger)
    assert client.post(url).status_code == 404
    assert not Job.objects.exists()
    client.force_login(staff)
    response = client.post(url, {"mode": "preprinted"})
    job = Job.objects.get()
    assert response.url == reverse("documents:job_detail", args=[job.pk])
    assert job.params == {"decision": decision.pk, "mode": "preprinted"}
    assert Certificate.objects.count() == 3
    response = client.post(url, {"mode": "nonsense"}, follow=True)
    assert "Cách in không hợp lệ." in response.content.decode()
    assert Job.objects.count() == 1


@pytest.mark.django_db
def test_template_form_stores_offsets_and_refuses_bad_input(client, staff, head):
    url = reverse("awards:certificate_template")
    assert client.get(url).url.startswith(reverse("login"))
    client.force_login(head)
    assert client.get(url).status_code == 403
    assert client.get(reverse("awards:certificate_calibration")).status_code == 403
    client.force_login(staff)
    for bad, message in (
        ({"offset_x_mm": "abc", "offset_y_mm": "0"}, "Nhập một số milimét"),
        ({"offset_x_mm": "45", "offset_y_mm": "0"}, "30"),
        ({"offset_x_mm": "1,25", "offset_y_mm": "0"}, "1 chữ số"),
        ({"offset_x_mm": "", "offset_y_mm": "0"}, ""),
    ):
        response = client.post(url, bad)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not CertificateTemplate.objects.exclude(offset_x_mm=0).exists()
    response = client.post(url, {"offset_x_mm": "2,5", "offset_y_mm": "-1"})
    assert response.status_code == 302
    template = CertificateTemplate.objects.get()
    assert (template.offset_x_mm, template.offset_y_mm) == (Decimal("2.5"), Decimal("-1"))
    calibration = client.get(reverse("awards:certificate_calibration"))
    text = pdf_text(calibration.content)
    assert "lệch ngang 2.5 mm" in text or "lệch ngang 2,5 mm" in text
    positions = text_positions(calibration.content)
    mm = 72 / 25.4
    assert positions["holder"][0] == pytest.approx(
        (layout.FIELDS["holder"][0] + 2.5 + 1) * mm, abs=0.05
    )


@pytest.mark.django_db
def test_chunks_drawn_by_a_helper_are_merged_in_order(decision, staff, monkeypatch):
    """Another worker process (the helper) draws what it claims; the job merges them all."""
    from awards.certificates import documents
    from documents import chunks
    from documents.models import JobChunk

    monkeypatch.setattr(documents, "CHUNK_SIZE", 1)
    published = []
    monkeypatch.setattr(chunks, "publish_helpers", lambda job, count: published.append(count))
    job = request_certificates(decision=decision, user=staff)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    context = documents.job_context(job)
    assert documents._plan_chunks(job, context.decision) == 3
    chunks.do(job, context, chunks.claim(job.pk))
    assert chunks.help_with_job(job.pk) == 2  # the helper takes the two others
    assert not JobChunk.objects.filter(job=job).exclude(state="done").exists()
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    job = run(job)
    assert published == [2]
    text = pdf_text(job_pdf(job))
    assert [text.index(name) for name in NAMES] == sorted(text.index(name) for name in NAMES)
    assert job.page_count == 3


@pytest.mark.django_db
def test_a_chunk_left_by_a_dead_process_is_taken_over(decision, staff, monkeypatch):
    from django.utils import timezone

    from awards.certificates import documents
    from documents import chunks
    from documents.models import JobChunk

    monkeypatch.setattr(documents, "CHUNK_SIZE", 2)
    monkeypatch.setattr(chunks, "publish_helpers", lambda job, count: None)
    job = request_certificates(decision=decision, user=staff)
    assert documents._plan_chunks(job, decision) == 2
    long_ago = timezone.now() - datetime.timedelta(seconds=chunks.STALE_SECONDS + 1)
    planned = JobChunk.objects.filter(job=job)
    planned.filter(index=0).update(state="running", claimed_at=long_ago)
    planned.filter(index=1).update(state="running", claimed_at=timezone.now())
    assert chunks.claim(job.pk) is None
    assert chunks.claim(job.pk, take_stale=True).index == 0
    assert chunks.claim(job.pk, take_stale=True) is None  # the live one is left alone
    # Run (again): what is not done is drawn, the chunk files are removed after the merge.
    job = run(job)
    assert job.page_count == 3
    assert not Certificate.objects.filter(sha256="").exists()
    assert not (Path(job.result.path).parents[2] / "certificates" / "jobs" / str(job.pk)).exists()


@pytest.mark.django_db
def test_decision_page_lists_certificates_with_their_downloads(client, issued, staff, chair):
    url = reverse("awards:decision_detail", args=[issued.decision_line.decision_id])
    client.force_login(staff)
    page = client.get(url).content.decode()
    assert issued.code in page
    assert reverse("awards:certificate_download", args=[issued.pk]) in page
    assert reverse("awards:decision_certificates", args=[issued.decision_line.decision_id]) in page
    client.force_login(chair)  # sees the certificates, has no print buttons
    page = client.get(url).content.decode()
    assert issued.code in page
    assert (
        reverse("awards:decision_certificates", args=[issued.decision_line.decision_id]) not in page
    )


@pytest.mark.django_db
def test_certificates_in_the_administration(client, issued, unit):
    client.force_login(
        UserFactory(is_staff=True, is_superuser=True, role="administrator", unit=unit)
    )
    page = client.get(reverse("admin:awards_certificate_changelist")).content.decode()
    assert issued.code in page
    assert client.get(reverse("admin:awards_certificatetemplate_changelist")).status_code == 200
