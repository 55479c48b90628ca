"""What a certificate says and where (DOMAIN §10.2), read back from the printed files: the
issuer's line above the short form name, the title held before the achievement, long texts
wrapped then shrunk inside their frames, a text that cannot fit stopping the print with the
line named, the signer's capacity from the decision and 35 mm for signature and seal."""

import datetime
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from awards.certificates import layout
from awards.certificates.fitting import ASCENT, DESCENT
from awards.certificates.services import request_certificates
from awards.certificates.texts import certificate_text
from awards.decisions.services import draft_decision, sign_decision
from awards.enums import SignerCapacity
from awards.models import Certificate, DecisionLine, Nomination, NominationLine
from awards.nominations.services import add_nominee
from documents.enums import JobStatus
from documents.services import run_job
from emulation.models import Person
from tests.awards.conftest import in_state
from tests.awards.factories import NominationFactory
from tests.documents.pdf_checks import pdftotext
from tests.factories import UserFactory

SIGNED_ON = datetime.date(2026, 1, 5)
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test" / "artefacts"
LONG_ACHIEVEMENT = (
    "Hoàn thành xuất sắc nhiệm vụ năm 2025, dẫn đầu phong trào “Dân vận khéo” của phường; có "
    "sáng kiến “Số hóa hồ sơ một cửa, giảm 40% thời gian giải quyết thủ tục hành chính” được "
    "Hội đồng sáng kiến công nhận và áp dụng hiệu quả tại 12 đơn vị; tích cực tham gia công "
    "tác phòng, chống thiên tai, dịch bệnh và cứu trợ đồng bào bị ảnh hưởng bởi bão số 3; vận "
    "động nhân dân hiến 1.250 m² đất mở rộng hẻm, xây dựng “Phường Sài Gòn sáng – xanh – sạch "
    "– đẹp”; có thành tích xuất sắc trong phong trào thi đua “Cả nước thi đua đổi mới sáng tạo, "
    "chuyển đổi số”, hướng dẫn 3.400 người dân cài đặt và sử dụng ứng dụng định danh điện tử; "
    "tham gia tích cực các hoạt động an sinh xã hội, vận động quyên góp ủng hộ Quỹ “Vì người "
    "nghèo” của phường."
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def flat(text: str) -> str:
    return " ".join(text.split())


def signed(nomination, staff, signer, capacity=SignerCapacity.CHAIR):
    nomination = in_state(nomination, "approved", verdict="eligible")
    nomination.lines.update(approved=True)
    decision = draft_decision(user=staff, year=2025, lines=nomination.lines.all())
    return sign_decision(decision=decision, user=signer, day=SIGNED_ON, capacity=capacity)


def printed(decision, staff):
    job = request_certificates(decision=decision, user=staff)
    run_job(job_id=job.pk, worker_pid=1)
    job.refresh_from_db()
    return job


@pytest.fixture
def person_with_two_awards(other_unit, head, make_person, award):
    """One person proposed for LĐTT and for a Giấy khen, the second with a long achievement."""
    nomination = NominationFactory(unit=other_unit, created_by=head)
    person = make_person("Nguyễn Thị Ánh Tuyết")
    for code, achievement in (("ldtt", "Hoàn thành tốt nhiệm vụ"), ("giay_khen", LONG_ACHIEVEMENT)):
        add_nominee(
            nomination=nomination,
            user=head,
            award=award(code),
            subject_kind="individual",
            person=person,
            achievement=achievement,
        )
    return nomination


def page_texts(content: bytes) -> list[str]:
    return [flat(page) for page in pdftotext(content).split("\f") if page.strip()]


@pytest.mark.django_db
def test_a_title_certificate_names_the_title_and_a_form_has_its_short_name(
    person_with_two_awards, staff, chair
):
    chair.last_name, chair.first_name = "Nguyễn Văn", "Hùng"
    chair.save(update_fields=["last_name", "first_name"])
    job = printed(signed(person_with_two_awards, staff, chair), staff)
    assert job.status == JobStatus.DONE, job.error
    content = job.result.open("rb").read()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "certificates.pdf").write_bytes(content)
    title_page, form_page = page_texts(content)
    order = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN",
        "TẶNG",
        "GIẤY CHỨNG NHẬN",
        "Nguyễn Thị Ánh Tuyết",
        "Đã đạt danh hiệu Lao động tiên tiến năm 2025",
        "Hoàn thành tốt nhiệm vụ",
    ]
    assert [title_page.find(part) for part in order] == sorted(
        title_page.find(part) for part in order
    )
    assert -1 not in [title_page.find(part) for part in order]
    # The foot: decision, gold book, place and date, capacity and name (DOMAIN §10.2).
    for part in (
        "Quyết định số 01/QĐ-UBND ngày 05/01/2026",
        "Số sổ vàng: 1",
        "ngày 05 tháng 01 năm 2026",
        "CHỦ TỊCH",
        "Nguyễn Văn Hùng",
    ):
        assert part in title_page
    assert "GIẤY KHEN" in form_page and "Đã đạt danh hiệu" not in form_page
    assert "GIẤY KHEN CỦA" not in form_page and "Giấy khen của Chủ tịch" not in form_page
    assert form_page.index("CHỦ TỊCH ỦY BAN NHÂN DÂN") < form_page.index("GIẤY KHEN")


@pytest.mark.django_db
def test_a_long_achievement_wraps_and_shrinks_and_is_printed_whole(
    person_with_two_awards, staff, chair
):
    job = printed(signed(person_with_two_awards, staff, chair), staff)
    form_page = page_texts(job.result.open("rb").read())[1]
    assert LONG_ACHIEVEMENT in form_page
    certificate = Certificate.objects.get(decision_line__nomination_line__award__code="giay_khen")
    fitted = certificate_text(certificate).fitted()["reason"]
    width = layout.FRAMES["reason"][0]
    assert len(fitted.lines) > 3 and fitted.size < 14
    assert all(
        pdfmetrics.stringWidth(line, font, fitted.size) / mm <= width for line, font in fitted.lines
    )


def nominee(award, subject_kind="individual", **fields) -> Certificate:
    """A certificate of unsaved rows, enough for certificate_text."""
    nomination = Nomination(year=2025, unit=fields.pop("unit"))
    line = NominationLine(nomination=nomination, award=award, subject_kind=subject_kind, **fields)
    return Certificate(
        code="ABCD2345", gold_book_number=7, decision_line=DecisionLine(nomination_line=line)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "form_name"),
    [("giay_khen", "GIẤY KHEN"), ("bang_khen_tinh", "BẰNG KHEN"), ("cstdcs", "GIẤY CHỨNG NHẬN")],
)
def test_the_printed_form_name_is_short(award, other_unit, code, form_name):
    person = Person(full_name="Đặng Thùy Trâm")
    text = certificate_text(nominee(award(code), person=person, unit=other_unit))
    assert text.form_name == form_name
    fitted = text.fitted()["form_name"]
    assert fitted.size == layout.FRAMES["form_name"][3]  # fits at its full size


@pytest.mark.django_db
def test_a_long_collective_name_wraps_on_two_lines(award, other_unit):
    name = "Ban Chỉ huy Quân sự phường Sài Gòn và Tổ dân phố số 12 khu phố 3 phường Sài Gòn"
    other_unit.name = name
    text = certificate_text(
        nominee(award("giay_khen"), "collective", subject_unit=other_unit, unit=other_unit)
    )
    fitted = text.fitted()["holder"]
    assert len(fitted.lines) == 2 and " ".join(line for line, _font in fitted.lines) == name


@pytest.mark.django_db
def test_text_that_cannot_fit_stops_the_print_naming_the_line(
    other_unit, head, make_person, award, staff, chair
):
    nomination = NominationFactory(unit=other_unit, created_by=head)
    for name, achievement in (("Lê Văn Tám", "Hoàn thành tốt nhiệm vụ"), ("Võ Thị Sáu", "")):
        add_nominee(
            nomination=nomination,
            user=head,
            award=award("giay_khen"),
            subject_kind="individual",
            person=make_person(name),
            achievement=achievement or LONG_ACHIEVEMENT * 4,
        )
    job = printed(signed(nomination, staff, chair), staff)
    assert job.status == JobStatus.FAILED
    assert job.error == (
        "Không in được giấy khen của “Võ Thị Sáu” (Số sổ vàng: 2): dòng “Danh hiệu và thành "
        "tích” dài quá khung in, kể cả khi thu nhỏ chữ đến 10 pt. Hãy rút gọn dòng này trong hồ "
        "sơ đề nghị rồi in lại; chưa giấy khen nào của quyết định được in."
    )
    assert list(Certificate.objects.values_list("sha256", flat=True)) == ["", ""]


def baselines(content: bytes) -> dict[str, float]:
    """The baseline of each text run of the first page, in mm from the bottom."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.setdefault(text.strip(), (tm[5] * cm[3] + cm[5]) / mm)

    PdfReader(io.BytesIO(content)).pages[0].extract_text(visitor_text=visit)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("capacity", "titles"),
    [
        (SignerCapacity.CHAIR, ["CHỦ TỊCH"]),
        (SignerCapacity.DEPUTY, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ],
)
def test_signer_from_the_decision_and_35_mm_for_signature_and_seal(
    nomination, staff, unit, capacity, titles
):
    signer = UserFactory(role="chairperson", unit=unit, last_name="Trần Thị", first_name="Mai")
    job = printed(signed(nomination, staff, signer, capacity), staff)
    content = Certificate.objects.get().file.open("rb").read()
    assert job.status == JobStatus.DONE, job.error
    text = flat(pdftotext(content))
    assert text.index(" ".join(titles)) < text.index("Trần Thị Mai")
    assert "(Ký, đóng dấu)" not in text
    at = baselines(content)
    size_mm = layout.SIGNATURE_SIZE / 72 * 25.4
    free = (at[titles[-1]] - DESCENT * size_mm) - (at["Trần Thị Mai"] + ASCENT * size_mm)
    assert free >= 35
    assert at[titles[0]] > at[titles[-1]] or len(titles) == 1
