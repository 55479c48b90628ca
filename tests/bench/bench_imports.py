"""Benchmarks of "Nhập dữ liệu"; `make bench` prints `name: value` lines.

A ward of 50 units brings in 10,000 people (one employment period each) and 30,000 title
history rows (three CSTĐCS years each), as two .xlsx files with distinct Vietnamese names.

- people_import_10k_rows_per_s: the 40,000 rows through the product's import: dry run (the
  preview) and confirmation (checked again, written in bulk with one history row per change).
- people_import_bulk_limit_rows_per_s: the floor for the same files: python-calamine reading
  them plus `bulk_create` of people, periods and titles, nothing checked, no history.
- people_import_share_of_bulk_limit: the first over the second (the issue asks ≥ 0,33).
- people_import_queries: queries of the whole import (dry runs and confirmations).
"""

import datetime
import io
import time

import openpyxl
import pytest
import python_calamine
from django.db import connection, transaction

from awards.models import Award, TitleHeld
from emulation.enums import Role
from emulation.imports.registry import kind_or_404
from emulation.imports.services import confirm_import, start_import
from emulation.models import Employment, Person, Unit
from tests.factories import AuthorityFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

PEOPLE = 10_000
YEARS = (2023, 2024, 2025)
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Thị", "Văn", "Hữu", "Ngọc", "Minh", "Thanh", "Quốc", "Thị Thu", "Đức", "Hoài"]
GIVEN = [
    "Lan", "Hùng", "Phương", "Dũng", "Hạnh", "Tuấn", "Nhung", "Khánh", "Trâm", "Quỳnh",
    "Thắng", "Nguyệt", "Bảo", "Loan", "Cường", "Yến", "Sơn", "Diệp", "Hưng", "Ánh",
    "Tường", "Vy", "Đạt", "Oanh", "Lộc", "Thảo", "Phúc", "Ngân", "Hiếu", "Giang",
    "Tâm", "Xuân", "Hải", "Trinh", "Kiên", "My", "Toàn", "Huyền", "Vinh", "Châu",
    "Nghĩa", "Uyên", "Quang", "Hằng", "Lực", "Thư", "Bình", "Mai", "Tín", "Duyên",
    "Khoa", "Như", "Thiện", "Hoa", "Luân", "Nhi", "Trọng", "Vân", "Công", "Hà",
    "Định", "Kim", "Thông", "Liên", "Tài", "Ly", "Hậu", "Thúy", "Phong", "Ngọc",
    "Triết", "Ân", "Nam", "Linh", "Việt", "Tú", "Long", "Trang", "Đông", "Hiền",
    "Lâm", "Thơ", "Quý", "Dung", "Sang", "Hương", "Chiến", "Mỹ", "Thuận", "Nga",
    "Tiến", "Lệ", "Nhân", "Cúc", "Thạch", "Hồng", "Khải", "Tuyết", "Đăng", "Nương",
]  # fmt: skip


def report(name: str, value) -> None:
    print(f"{name}: {value}")


def name_of(index: int) -> str:
    return f"{FAMILY[index % 10]} {MIDDLE[index // 10 % 10]} {GIVEN[index // 100 % 100]}" + (
        f" {GIVEN[index % 100]}" if index >= 10 else ""
    )


def workbook_bytes(title: str, rows) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def people_file(units: list[Unit]) -> bytes:
    kind = kind_or_404("can-bo")
    rows = [kind.headers]
    for index in range(PEOPLE):
        rows.append(
            [
                f"NV{index:05d}",
                name_of(index),
                "Nữ" if index % 2 else "Nam",
                f"{index % 28 + 1:02d}/{index % 12 + 1:02d}/{1965 + index % 35}",
                f"nv{index:05d}@phuong.gov.vn",
                units[index % len(units)].code,
                "Chuyên viên phụ trách công tác thi đua, khen thưởng và tuyên truyền",
                "Công chức",
                "01/07/2025" if index % 3 else "15/03/2018",
                "",
            ]
        )
    return workbook_bytes("Can bo", rows)


def history_file() -> bytes:
    kind = kind_or_404("lich-su-danh-hieu")
    rows = [kind.headers]
    for index in range(PEOPLE):
        for year in YEARS:
            rows.append(
                [
                    f"NV{index:05d}",
                    "",
                    name_of(index),
                    year,
                    "Chiến sĩ thi đua cơ sở",
                    f"{index % 400 + 1}/QĐ-UBND",
                    f"15/01/{year + 1}",
                    "Quận, huyện, thị xã, thành phố thuộc tỉnh" if year < 2025 else "Phường",
                ]
            )
    return workbook_bytes("Lich su danh hieu", rows)


def bulk_floor(authority, units: list[Unit], people: bytes, history: bytes) -> float:
    """Read both files and bulk_create what they hold, nothing checked, then roll back."""
    started = time.perf_counter()
    with transaction.atomic():
        unit_ids = {unit.code: unit.pk for unit in units}
        rows = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(people))
        rows = rows.get_sheet_by_index(0).to_python()[1:]
        persons = Person.objects.bulk_create(
            [
                Person(
                    authority=authority,
                    staff_code=row[0],
                    full_name=row[1],
                    gender="female" if row[2] == "Nữ" else "male",
                    date_of_birth=datetime.datetime.strptime(row[3], "%d/%m/%Y").date(),
                    email=row[4],
                )
                for row in rows
            ],
            batch_size=1_000,
        )
        by_code = {person.staff_code: person.pk for person in persons}
        Employment.objects.bulk_create(
            [
                Employment(
                    person_id=by_code[row[0]],
                    unit_id=unit_ids[row[5]],
                    position=row[6],
                    category="civil_servant",
                    start_date=datetime.datetime.strptime(row[8], "%d/%m/%Y").date(),
                )
                for row in rows
            ],
            batch_size=1_000,
        )
        award = Award.objects.get(code="cstdcs")
        titles = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(history))
        TitleHeld.objects.bulk_create(
            [
                TitleHeld(
                    person_id=by_code[row[0]],
                    award=award,
                    year=int(row[3]),
                    decision_reference=row[5],
                    decided_on=datetime.datetime.strptime(row[6], "%d/%m/%Y").date(),
                    issuer_level="district" if int(row[3]) < 2025 else "ward",
                )
                for row in titles.get_sheet_by_index(0).to_python()[1:]
            ],
            batch_size=1_000,
        )
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def through_the_product(user, slug: str, content: bytes) -> None:
    kind = kind_or_404(slug)
    stored, _plan = start_import(kind=kind, user=user, filename=f"{slug}.xlsx", content=content)
    confirm_import(kind=kind, user=user, upload=stored, sha256=stored.sha256)


def test_bench_people_import():
    authority = AuthorityFactory()
    units = [UnitFactory(authority=authority, code=f"DV{n:02d}") for n in range(50)]
    staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=units[0])
    people, history = people_file(units), history_file()
    rows = PEOPLE * (1 + len(YEARS))

    floor = bulk_floor(authority, units, people, history)
    assert not Person.objects.filter(authority=authority).exists()
    # Queries are counted by a wrapper that keeps no SQL text: capturing them (as
    # CaptureQueriesContext does) formats every 1,000-row INSERT and would time the capture.
    queries = 0

    def counting(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        started = time.perf_counter()
        through_the_product(staff, "can-bo", people)
        through_the_product(staff, "lich-su-danh-hieu", history)
        elapsed = time.perf_counter() - started

    assert Person.objects.filter(authority=authority).count() == PEOPLE
    assert TitleHeld.objects.filter(person__authority=authority).count() == PEOPLE * len(YEARS)
    report("people_import_rows", rows)
    report("people_import_file_kb", (len(people) + len(history)) // 1024)
    report("people_import_10k_rows_per_s", round(rows / elapsed))
    report("people_import_bulk_limit_rows_per_s", round(rows / floor))
    report("people_import_share_of_bulk_limit", round(floor / elapsed, 2))
    report("people_import_queries", queries)
