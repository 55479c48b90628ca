"""The unit directory PDF (danh sách đơn vị trực thuộc): content, scope, layout, dated header."""

import datetime
import io

import pytest
from pypdf import PdfReader

from documents.enums import JobStatus
from documents.services import run_job
from emulation.enums import Role, UnitKind
from tests.documents.pdf_checks import (
    pdf_font_names,
    pdf_has_embedded_files,
    pdf_text,
    top_margin_texts,
)
from tests.factories import (
    AuthorityFactory,
    EmploymentFactory,
    JobFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
    rename_district_to_ward,
)

SCHOOLS = 40


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def district(authority):
    """District 1 until 30/06/2025, then the ward Sài Gòn; wards, an office and 40 schools."""
    rename_district_to_ward(authority)
    office = UnitFactory(
        authority=authority, code="NV", name="Phòng Nội vụ", kind=UnitKind.SPECIALIST_OFFICE
    )
    head = PersonFactory(authority=authority, full_name="Nguyễn Văn Thành")
    ben_thanh = UnitFactory(
        authority=authority, code="BT", name="Phường Bến Thành", kind=UnitKind.WARD, head=head
    )
    ben_nghe = UnitFactory(
        authority=authority,
        code="BN",
        name="Phường Bến Nghé",
        kind=UnitKind.WARD,
        valid_to=datetime.date(2025, 6, 30),
    )
    for n in range(3):
        EmploymentFactory(
            person=PersonFactory(authority=authority, full_name=f"Lê Thị Ánh {n}"),
            unit=ben_thanh,
        )
    EmploymentFactory(
        person=PersonFactory(authority=authority, full_name="Trần Quốc Bảo"),
        unit=ben_thanh,
        end_date=datetime.date(2020, 12, 31),
    )
    for n in range(1, SCHOOLS + 1):
        UnitFactory(
            authority=authority,
            code=f"TH{n:02d}",
            name=f"Trường Tiểu học Lê Quý Đôn số {n}",
            kind=UnitKind.SCHOOL,
            parent=office,
        )
    UnitFactory(authority=AuthorityFactory(), code="CK", name="Phường Cầu Kho", kind=UnitKind.WARD)
    staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=office, first_name="Lan")
    return {"staff": staff, "office": office, "ben_thanh": ben_thanh, "ben_nghe": ben_nghe}


def run_directory(user, day: str):
    job = JobFactory(requested_by=user, params={"day": day})
    return run_job(job_id=job.pk, worker_pid=1)


def result_bytes(job) -> bytes:
    with job.result.open("rb") as handle:
        return handle.read()


@pytest.mark.django_db
def test_unit_directory_lists_units_active_on_the_day_grouped_by_kind(district):
    job = run_directory(district["staff"], "2026-02-05")

    assert job.status == JobStatus.DONE
    assert job.page_count == 2
    text = pdf_text(result_bytes(job))
    assert "THÀNH PHỐ HỒ CHÍ MINH" in text
    assert "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Sài Gòn, ngày 05 tháng 02 năm 2026" in text
    assert "DANH SÁCH ĐƠN VỊ TRỰC THUỘC" in text
    assert "Các đơn vị đang hoạt động vào ngày 05/02/2026" in text
    assert "STT Mã Tên đơn vị Thủ trưởng Số cán bộ" in text
    assert "BT Phường Bến Thành Nguyễn Văn Thành 3" in text
    assert "Trường Tiểu học Lê Quý Đôn số 40" in text
    assert "Phường Bến Nghé" not in text
    assert "Phường Cầu Kho" not in text
    assert "ỦY BAN NHÂN DÂN QUẬN 1" not in text
    headings = ["Trường học (40)", "Cơ quan chuyên môn (1)", "Phường, xã (1)"]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Tổng cộng: 42 đơn vị 3" in text
    assert "Trần Thị Lan" in text


@pytest.mark.django_db
def test_unit_directory_of_2024_names_the_district(district):
    job = run_directory(district["staff"], "2024-03-15")

    text = pdf_text(result_bytes(job))
    assert "ỦY BAN NHÂN DÂN QUẬN 1" in text
    assert "Quận 1, ngày 15 tháng 3 năm 2024" in text
    assert "PHƯỜNG SÀI GÒN" not in text
    assert "BN Phường Bến Nghé" in text
    assert "Phường, xã (2)" in text
    assert "Tổng cộng: 43 đơn vị 3" in text


@pytest.mark.django_db
def test_unit_directory_numbers_pages_from_the_second_in_the_top_margin(district):
    job = run_directory(district["staff"], "2026-02-05")

    assert top_margin_texts(result_bytes(job)) == [[], ["2"]]


@pytest.mark.django_db
def test_unit_directory_embeds_only_liberation_serif_and_no_files(district):
    content = result_bytes(run_directory(district["staff"], "2026-02-05"))

    assert {name.split("-Bold")[0].split("-Italic")[0] for name in pdf_font_names(content)} == {
        "Liberation-Serif"
    }
    assert pdf_has_embedded_files(content) is False
    assert PdfReader(io.BytesIO(content)).pages[0].mediabox.height == pytest.approx(841.89, 0.01)


@pytest.mark.django_db
def test_unit_directory_of_a_unit_head_lists_only_their_unit(district):
    head = UserFactory(role=Role.UNIT_HEAD, unit=district["ben_thanh"])

    job = run_directory(head, "2026-02-05")

    text = pdf_text(result_bytes(job))
    assert job.page_count == 1
    assert "1 BT Phường Bến Thành Nguyễn Văn Thành 3" in text
    assert "Trường Tiểu học" not in text
    assert "Phòng Nội vụ" not in text
    assert "Tổng cộng: 1 đơn vị 3" in text


@pytest.mark.django_db
def test_unit_directory_prints_markup_in_a_unit_name_as_text(district):
    UnitFactory(
        authority=district["office"].authority,
        code="XSS",
        name='Tổ dân phố <img src="file:///etc/passwd">',
        kind=UnitKind.RESIDENTIAL,
    )

    job = run_directory(district["staff"], "2026-02-05")

    assert job.status == JobStatus.DONE
    text = pdf_text(result_bytes(job))
    assert 'Tổ dân phố <img src="file:///etc/passwd">' in text
    assert "root:x:0:0" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "reason"),
    [
        ("2026-13-45", "Ngày lập tài liệu không hợp lệ: 2026-13-45"),
        ("2019-12-31", "Cơ quan chưa có tên gọi hiệu lực vào 31/12/2019."),
    ],
)
def test_unit_directory_that_cannot_be_made_fails_with_the_reason(district, day, reason):
    job = run_directory(district["staff"], day)

    assert (job.status, job.error, job.result.name) == (JobStatus.FAILED, reason, "")
