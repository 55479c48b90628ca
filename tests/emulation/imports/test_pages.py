"""The "Nhập dữ liệu" pages: the guide, an import's dry run and confirmation through the
browser's requests, the template download, the history of a written file, and who may."""

import io

import pytest
import python_calamine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from emulation.enums import Role
from emulation.imports.registry import kind_or_404
from emulation.models import DataImport, DataImportChange, Unit
from tests.emulation.imports.conftest import xlsx
from tests.factories import UnitFactory

UNITS = kind_or_404("don-vi")


def upload(client, content: bytes, slug="don-vi", name="don-vi.xlsx"):
    return client.post(
        reverse("emulation:import_upload", kwargs={"kind": slug}),
        {"file": SimpleUploadedFile(name, content)},
    )


def units_file(*rows) -> bytes:
    return xlsx([UNITS.headers, *rows])


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_the_guide_lists_the_imports_in_order_with_what_is_there(staff_client, unit):
    response = staff_client.get(reverse("emulation:import_guide"))

    assert response.status_code == 200
    steps = response.context["steps"]
    assert [(str(s["kind"].title), s["count"], s["last"]) for s in steps] == [
        ("Đơn vị", 1, None),
        ("Cán bộ và quá trình công tác", 0, None),
        ("Lịch sử danh hiệu, khen thưởng", 0, None),
        ("Sáng kiến", 0, None),
        ("Kỷ luật", 0, None),
        ("Xếp loại tập thể", 0, None),
        ("Danh mục chỉ tiêu và kế hoạch", 0, None),
    ]


def test_a_dry_run_shows_the_preview_and_writes_nothing(staff_client, unit, authority):
    response = upload(
        staff_client,
        units_file(
            ["PNV", "Phòng Nội vụ", "Cơ quan chuyên môn", "", "", "", "", "", 1],
            [unit.code, "Phòng Văn hóa – Thông tin", "Cơ quan chuyên môn", "", "", "", "", "", 2],
        ),
    )

    assert response.status_code == 200
    plan = response.context["plan"]
    assert (len(plan.creates), len(plan.changes), plan.unchanged) == (1, 1, 0)
    _row, key, before, after = response.context["changes"][0]
    assert (key, before, after) == (
        unit.code,
        [("Tên đơn vị", unit.name), ("Thứ tự", "0")],
        [("Tên đơn vị", "Phòng Văn hóa – Thông tin"), ("Thứ tự", "2")],
    )
    content = response.content.decode()
    assert "Xác nhận ghi" in content and "Phòng Văn hóa – Thông tin" in content
    assert Unit.objects.filter(authority=authority).count() == 1


def test_confirming_writes_and_shows_the_history(staff_client, staff, unit, authority):
    upload(staff_client, units_file(["PNV", "Phòng Nội vụ", "Cơ quan chuyên môn"]))
    stored = DataImport.objects.get()

    response = staff_client.post(
        reverse("emulation:import_confirm", kwargs={"kind": "don-vi"}),
        {"import_id": stored.pk, "sha256": stored.sha256},
        follow=True,
    )

    assert response.redirect_chain == [(reverse("emulation:import_detail", args=[stored.pk]), 302)]
    assert Unit.objects.get(authority=authority, code="PNV").name == "Phòng Nội vụ"
    content = response.content.decode()
    assert "Đã ghi: 1 dòng thêm mới, 0 dòng thay đổi, 0 không đổi." in content
    assert "Trần Thị Lan" in content  # who wrote it
    assert list(DataImportChange.objects.values_list("key", "created")) == [("PNV", True)]
    assert stored.filename == "don-vi.xlsx"  # the name the user chose, not the server's


def test_a_bad_file_lists_its_cells_and_writes_nothing(staff_client, unit, authority):
    response = upload(
        staff_client,
        units_file(
            ["PNV", "Phòng Nội vụ", "Văn phòng"],
            ["PTC", "", "Cơ quan chuyên môn", "KHONG-CO"],
        ),
    )

    assert response.status_code == 400
    assert response.context["issues"] == [
        "Dòng 2, cột C (Loại đơn vị): “Văn phòng” không có trong danh sách; hãy ghi một trong: "
        + "; ".join(str(label) for label in UNITS.columns[2].labels.values())
        + ".",
        "Dòng 3, cột B (Tên đơn vị): Ô này không được để trống.",
        "Dòng 3, cột D (Mã đơn vị cấp trên): Không có đơn vị mã “KHONG-CO” "
        "(trong tệp hay đã nhập).",
    ]
    assert "Chưa ghi dòng nào." in response.content.decode()
    assert DataImport.objects.count() == 0
    assert list(Unit.objects.filter(authority=authority).values_list("code", flat=True)) == [
        unit.code
    ]


def test_the_template_is_the_authoritys_data_under_the_import_headers(staff_client, unit):
    response = staff_client.get(reverse("emulation:import_template", kwargs={"kind": "don-vi"}))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = sheet.get_sheet_by_index(0).to_python()
    assert rows[0] == UNITS.headers
    assert rows[1][:3] == [unit.code, unit.name, "Cơ quan chuyên môn"]


def test_another_users_preview_cannot_be_confirmed(client, staff, make_user, unit):
    client.force_login(staff)
    upload(client, units_file(["PNV", "Phòng Nội vụ", "Cơ quan chuyên môn"]))
    stored = DataImport.objects.get()
    client.force_login(make_user(Role.ADMINISTRATOR, unit))

    response = client.post(
        reverse("emulation:import_confirm", kwargs={"kind": "don-vi"}),
        {"import_id": stored.pk, "sha256": stored.sha256},
    )

    assert response.status_code == 404
    assert not Unit.objects.filter(code="PNV").exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.AUTHORITY_STAFF, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.UNIT_HEAD, 403),
        (Role.UNIT_CLERK, 403),
        (Role.COUNCIL_MEMBER, 403),
        (Role.CHAIRPERSON, 403),
    ],
)
def test_only_staff_and_administrators_open_the_imports(client, make_user, unit, role, expected):
    client.force_login(make_user(role, unit))

    assert client.get(reverse("emulation:import_guide")).status_code == expected
    assert client.get(reverse("emulation:import_upload", args=["can-bo"])).status_code == expected


def test_a_unit_head_posting_a_file_is_refused_and_nothing_is_written(client, make_user, unit):
    client.force_login(make_user(Role.UNIT_HEAD, unit))

    response = upload(client, units_file(["PNV", "Phòng Nội vụ", "Cơ quan chuyên môn"]))

    assert response.status_code == 403
    assert DataImport.objects.count() == 0


def test_another_authoritys_written_import_is_not_found(client, make_user, staff, unit, authority):
    client.force_login(staff)
    upload(client, units_file(["PNV", "Phòng Nội vụ", "Cơ quan chuyên môn"]))
    stored = DataImport.objects.get()
    client.post(
        reverse("emulation:import_confirm", args=["don-vi"]),
        {"import_id": stored.pk, "sha256": stored.sha256},
    )
    elsewhere = UnitFactory()  # a unit of another authority
    client.force_login(make_user(Role.AUTHORITY_STAFF, elsewhere))

    assert client.get(reverse("emulation:import_detail", args=[stored.pk])).status_code == 404
    response = client.get(reverse("emulation:import_template", args=["don-vi"]))
    rows = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert [r[0] for r in rows.get_sheet_by_index(0).to_python()] == ["Mã đơn vị", elsewhere.code]


def test_an_unknown_import_kind_is_not_found(staff_client):
    assert (
        staff_client.get(reverse("emulation:import_upload", args=["khong-co"])).status_code == 404
    )


def test_each_page_says_what_its_choice_and_date_columns_take(staff_client):
    units = staff_client.get(reverse("emulation:import_upload", args=["don-vi"])).content.decode()
    people = staff_client.get(reverse("emulation:import_upload", args=["can-bo"])).content.decode()

    assert "<strong>Loại đơn vị</strong>: Phường, xã; Cơ quan chuyên môn;" in units
    assert "Ngày ghi theo dạng" not in units
    assert "<strong>Giới tính</strong>: Nữ; Nam" in people
    assert "Ngày ghi theo dạng 05/09/1985, 5/9/1985 hoặc 1985-09-05" in people
