"""Entering a unit's year records in the browser: scope, rights, checks before writing."""

import html

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import PersonYear, UnitYear
from awards.records.imports import HEADERS
from emulation.enums import Role
from tests.awards.factories import PersonYearFactory
from tests.factories import EmploymentFactory, PersonFactory, UnitFactory, UserFactory


@pytest.fixture
def staff_of(other_unit):
    people = []
    for name in ("Hồ Xuân Hương", "Nguyễn Trãi"):
        person = PersonFactory(authority=other_unit.authority, full_name=name)
        EmploymentFactory(person=person, unit=other_unit)
        people.append(person)
    return people


def url(unit, year=2025) -> str:
    return reverse("awards:records", args=[unit.pk, year])


@pytest.mark.django_db
def test_clerk_records_ratings_and_months(client, other_unit, staff_of):
    client.force_login(UserFactory(role=Role.UNIT_CLERK, unit=other_unit))
    first, second = staff_of
    response = client.post(
        url(other_unit),
        {
            "unit_rating": "excellent",
            f"rating_{first.pk}": "good",
            f"months_{first.pk}": "12",
            f"rating_{second.pk}": "completed",
            f"months_{second.pk}": "9",
        },
    )
    rows = list(
        PersonYear.objects.order_by("person__full_name").values_list(
            "person__full_name", "duty_rating", "months_worked"
        )
    )
    assert (response.status_code, UnitYear.objects.get().duty_rating) == (302, "excellent")
    assert rows == [("Hồ Xuân Hương", "good", 12), ("Nguyễn Trãi", "completed", 9)]
    page = client.get(url(other_unit)).content.decode()
    assert 'value="9"' in page


@pytest.mark.django_db
def test_bad_months_write_nothing(client, other_unit, staff_of):
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    first, second = staff_of
    response = client.post(
        url(other_unit),
        {
            f"rating_{first.pk}": "good",
            f"months_{first.pk}": "12",
            f"rating_{second.pk}": "good",
            f"months_{second.pk}": "13",
        },
    )
    assert "Nguyễn Trãi: số tháng công tác phải từ 0 đến 12." in response.content.decode()
    assert PersonYear.objects.count() == 0


@pytest.mark.django_db
def test_person_on_another_roll_is_refused(client, other_unit, staff_of, unit):
    PersonYearFactory(person=staff_of[0], unit=unit)
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    response = client.post(
        url(other_unit), {f"rating_{staff_of[0].pk}": "good", f"months_{staff_of[0].pk}": "12"}
    )
    assert "Hồ Xuân Hương đã có kết quả năm 2025 ở đơn vị khác." in response.content.decode()
    assert PersonYear.objects.get().unit == unit


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.AUTHORITY_STAFF, 200),
        (Role.UNIT_HEAD, 404),
        (Role.UNIT_CLERK, 404),
        (Role.COUNCIL_MEMBER, 403),
        (Role.CHAIRPERSON, 403),
        (Role.ADMINISTRATOR, 403),
    ],
)
def test_records_of_another_unit(client, other_unit, authority, role, expected):
    client.force_login(UserFactory(role=role, unit=UnitFactory(authority=authority)))
    assert client.get(url(other_unit)).status_code == expected


@pytest.mark.django_db
def test_records_page_sends_anonymous_visitors_to_sign_in(client, other_unit):
    response = client.get(url(other_unit))
    assert (response.status_code, response["Location"].startswith("/dang-nhap/?next=")) == (
        302,
        True,
    )


def _xlsx(rows) -> bytes:
    dataset = tablib.Dataset(headers=HEADERS, title="Ket qua nam")
    for row in rows:
        dataset.append(row)
    return dataset.export("xlsx")


def _upload(client, unit, content: bytes, name: str = "ket-qua.xlsx"):
    return client.post(
        reverse("awards:records_import", args=[unit.pk, 2025]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


@pytest.mark.django_db
def test_export_then_import_is_the_identity(client, other_unit, staff_of):
    client.force_login(UserFactory(role=Role.UNIT_CLERK, unit=other_unit))
    PersonYearFactory(
        person=staff_of[0], unit=other_unit, duty_rating="excellent", months_worked=11
    )
    exported = client.get(reverse("awards:records_export", args=[other_unit.pk, 2025]))
    sheet = tablib.Dataset().load(exported.content, format="xlsx")
    assert list(sheet) == [
        (None, "Hồ Xuân Hương", "Hoàn thành xuất sắc nhiệm vụ", 11),
        (None, "Nguyễn Trãi", None, 12),
    ]
    before = list(PersonYear.objects.values_list("person_id", "duty_rating", "months_worked"))
    response = _upload(client, other_unit, exported.content)
    after = list(PersonYear.objects.values_list("person_id", "duty_rating", "months_worked"))
    assert (before, "Đã nhập kết quả năm của 1 người." in response.content.decode()) == (
        after,
        True,
    )


@pytest.mark.django_db
def test_import_with_one_bad_row_writes_nothing_and_names_the_cell(client, other_unit, staff_of):
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    content = _xlsx(
        [
            ["", "Hồ Xuân Hương", "Hoàn thành tốt nhiệm vụ", 12],
            ["", "Nguyễn Trãi", "Xuất sắc", 12],
            ["", "Người Lạ", "Hoàn thành nhiệm vụ", 12],
        ]
    )
    body = html.unescape(_upload(client, other_unit, content).content.decode())
    assert PersonYear.objects.count() == 0
    assert "Trang “Ket qua nam”, dòng 3, cột “C – Xếp loại”: Xếp loại phải là một trong" in body
    assert (
        "Trang “Ket qua nam”, dòng 4, cột “B – Họ và tên”: Không có người này trong danh sách "
        "cán bộ của đơn vị." in body
    )


@pytest.mark.django_db
def test_import_refuses_a_renamed_file(client, other_unit, staff_of):
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    body = html.unescape(_upload(client, other_unit, b"not a workbook").content.decode())
    assert "Tệp không phải tệp Excel .xlsx thật (có thể chỉ bị đổi đuôi)." in body
    assert PersonYear.objects.count() == 0


@pytest.mark.django_db
def test_import_into_another_unit_is_404(client, other_unit, unit, staff_of):
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=unit))
    response = client.post(reverse("awards:records_import", args=[other_unit.pk, 2025]), {})
    assert response.status_code == 404


def _roll_of(unit, size: int) -> list:
    people = []
    for n in range(size):
        person = PersonFactory(authority=unit.authority, full_name=f"Trần Văn Bình {n:02d}")
        EmploymentFactory(person=person, unit=unit)
        people.append(person)
    PersonYearFactory(person=people[0], unit=unit, year=2025, duty_rating="good", months_worked=7)
    return people


# The page: session, the user with their unit, the unit looked up in scope, the roll with its
# records (one query), the unit's own rating.
RECORDS_PAGE_QUERIES = 5


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 30])
def test_records_page_queries_do_not_grow_with_the_roll(
    client, other_unit, django_assert_num_queries, size
):
    _roll_of(other_unit, size)
    client.force_login(UserFactory(role=Role.AUTHORITY_STAFF, unit=other_unit))
    with django_assert_num_queries(RECORDS_PAGE_QUERIES):
        page = client.get(url(other_unit)).content.decode()
    assert page.count('<th scope="row" id="person-') == size
    assert page.count(" selected>") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 30])
def test_records_page_queries_of_the_unit_clerk_do_not_grow_with_roll_or_tree(
    client, other_unit, django_assert_num_queries, size
):
    """The clerk's scope (their unit and the units below it) is a subquery of the unit's
    lookup, not a query per level of the tree."""
    _roll_of(other_unit, size)
    below = other_unit
    for level in range(size // 10 + 1):
        below = UnitFactory(authority=other_unit.authority, parent=below, code=f"T{level}")
    client.force_login(UserFactory(role=Role.UNIT_CLERK, unit=other_unit))
    with django_assert_num_queries(RECORDS_PAGE_QUERIES):
        page = client.get(url(other_unit)).content.decode()
    assert page.count('<th scope="row" id="person-') == size
    assert page.count(" selected>") == 1


@pytest.mark.django_db
def test_records_page_shows_what_is_recorded(client, other_unit):
    first, second, *_rest = _roll_of(other_unit, 3)
    client.force_login(UserFactory(role=Role.UNIT_CLERK, unit=other_unit))
    page = client.get(url(other_unit)).content.decode()
    assert (
        '<option value="good" selected>Hoàn thành tốt nhiệm vụ</option>' in page,
        f'name="months_{first.pk}" value="7"' in page,
        f'name="months_{second.pk}" value="12"' in page,
        f'aria-labelledby="col-rating person-{second.pk}"' in page,
        f"<h1>Kết quả năm 2025 — {other_unit.name}</h1>" in page,
    ) == (True, True, True, True, True)


@pytest.mark.django_db
def test_records_of_people_with_large_ids_are_saved(client, other_unit):
    """Field names carry the raw id: a localised "rating_1.234" would be silently dropped."""
    person = PersonFactory(pk=12345, authority=other_unit.authority, full_name="Lê Thị Hoa")
    EmploymentFactory(person=person, unit=other_unit)
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=other_unit))
    page = client.get(url(other_unit)).content.decode()
    assert ('name="rating_12345"' in page, 'name="months_12345"' in page) == (True, True)
    response = client.post(url(other_unit), {"rating_12345": "excellent", "months_12345": "11"})
    assert response.status_code == 302
    assert list(PersonYear.objects.values_list("person_id", "duty_rating", "months_worked")) == [
        (12345, "excellent", 11)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.AUTHORITY_STAFF, 200),
        (Role.UNIT_HEAD, 200),
        (Role.UNIT_CLERK, 200),
        (Role.COUNCIL_MEMBER, 403),
        (Role.CHAIRPERSON, 403),
        (Role.ADMINISTRATOR, 403),
    ],
)
def test_records_of_own_unit(client, other_unit, staff_of, role, expected):
    client.force_login(UserFactory(role=role, unit=other_unit))
    response = client.get(url(other_unit))
    names = [person.full_name for person in staff_of]
    shown = [name for name in names if name in response.content.decode()]
    assert (response.status_code, shown) == (expected, names if expected == 200 else [])
