"""The emulation pages: what each shows, the directory's filters and pages, printing."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from documents.models import Job
from emulation.enums import Role, StaffCategory, UnitKind
from tests.factories import EmploymentFactory, PersonFactory, UnitFactory, UserFactory


def card_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card-title">(.*?)</h3>', html)


def table_rows(html: str) -> list[list[str]]:
    """The body rows of the page's tables, as lists of cell texts (tags stripped)."""
    body = "".join(re.findall(r"<tbody>(.*?)</tbody>", html, flags=re.S))
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S) for row in rows]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in row] for row in cells]


@pytest.fixture
def office(authority):
    return UnitFactory(authority=authority, code="VH", name="Phòng Văn hóa và Thông tin")


@pytest.fixture
def signed_in(client, office):
    def sign_in(role=Role.AUTHORITY_STAFF, unit=None, **kwargs):
        user = UserFactory(role=role, unit=unit or office, **kwargs)
        client.force_login(user)
        return user

    return sign_in


# Home


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "titles"),
    [
        (
            Role.AUTHORITY_STAFF,
            [
                "Việc còn thiếu của đơn vị",
                "Chỉ tiêu năm",
                "Danh mục đơn vị",
                "In danh sách đơn vị",
                "Tài liệu của tôi",
                "Giao ước thi đua",
                "Báo cáo tổng kết năm",
                "Phong trào thi đua",
                "Đăng ký thi đua",
                "Điển hình tiên tiến",
                "Hồ sơ chờ thẩm định",
                "Phiên họp Hội đồng",
                "Biểu mẫu thống kê",
            ],
        ),
        (
            Role.UNIT_HEAD,
            [
                "Đơn vị của tôi",
                "Chỉ tiêu năm",
                "Cán bộ của đơn vị",
                "In danh sách đơn vị của tôi",
                "Giao ước chờ ký",
                "Phong trào thi đua",
                "Điển hình tiên tiến",
                "Hồ sơ đề nghị khen thưởng",
                "Kết quả năm của đơn vị",
            ],
        ),
        (
            Role.UNIT_CLERK,
            [
                "Đơn vị của tôi",
                "Chỉ tiêu năm",
                "Cán bộ của đơn vị",
                "Phong trào thi đua",
                "Điển hình tiên tiến",
                "Hồ sơ đề nghị khen thưởng",
                "Kết quả năm của đơn vị",
            ],
        ),
        (
            Role.COUNCIL_MEMBER,
            ["Chỉ tiêu năm", "Các đơn vị của cơ quan", "Phong trào thi đua", "Hồ sơ chờ bỏ phiếu"],
        ),
        (
            Role.CHAIRPERSON,
            [
                "Chỉ tiêu năm",
                "Các đơn vị của cơ quan",
                "Báo cáo tổng kết năm",
                "Phong trào thi đua",
                "Quyết định chờ ký",
                "Hồ sơ chờ bỏ phiếu",
                "Biểu mẫu thống kê",
            ],
        ),
        (
            Role.ADMINISTRATOR,
            ["Trang quản trị", "Tất cả đơn vị", "Báo cáo tổng kết năm", "Biểu mẫu thống kê"],
        ),
    ],
)
def test_home_shows_the_cards_of_the_role(client, signed_in, role, titles):
    signed_in(role)
    response = client.get(reverse("emulation:home"))
    assert response.status_code == 200
    assert card_titles(response.text) == titles


@pytest.mark.django_db
def test_home_heading_names_user_role_unit_and_current_authority(client, signed_in, authority):
    authority.identities.update(valid_to=datetime.date(2025, 6, 30), name="Quận 1")
    authority.identities.create(
        valid_from=datetime.date(2025, 7, 1),
        name="Phường Sài Gòn",
        level="ward",
        issuer_name="ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN",
        issuer_symbol="UBND",
        place_name="Sài Gòn",
    )
    signed_in(Role.UNIT_HEAD, first_name="Lan", last_name="Trần Thị")
    response = client.get(reverse("emulation:home"))
    assert '<h1 id="home-title">Xin chào, Trần Thị Lan</h1>' in response.text
    assert "<dd>Thủ trưởng đơn vị</dd>" in response.text
    assert "<dd>Phòng Văn hóa và Thông tin</dd>" in response.text
    assert "<dd>Phường Sài Gòn</dd>" in response.text
    assert "Quận 1" not in response.text


@pytest.mark.django_db
def test_home_counts_units_and_people_in_scope(client, signed_in, authority, office):
    child = UnitFactory(authority=authority, parent=office, name="Thư viện phường")
    UnitFactory(authority=authority, name="Phòng Y tế")
    UnitFactory(authority=authority, name="Phòng Nội vụ", valid_to=datetime.date(2020, 1, 1))
    for unit in (office, office, child):
        EmploymentFactory(person=PersonFactory(authority=authority), unit=unit)
    left = PersonFactory(authority=authority)
    EmploymentFactory(person=left, unit=office, end_date=datetime.date(2021, 3, 1))

    signed_in(Role.UNIT_HEAD)
    text = client.get(reverse("emulation:home")).text
    assert '<span class="count">2</span> đơn vị (kể cả trực thuộc)' in text
    assert '<span class="count">3</span> người đang công tác' in text

    signed_in(Role.AUTHORITY_STAFF)
    text = client.get(reverse("emulation:home")).text
    assert '<span class="count">3</span> đơn vị' in text


@pytest.mark.django_db
def test_home_print_card_posts_to_the_print_view(client, signed_in):
    signed_in(Role.AUTHORITY_STAFF)
    text = client.get(reverse("emulation:home")).text
    assert '<form method="post" action="/don-vi/in/" class="card-action">' in text


# Unit directory


@pytest.mark.django_db
def test_unit_list_shows_code_name_kind_head_and_staff_count(client, signed_in, authority, office):
    head = PersonFactory(authority=authority, full_name="Lê Thị Mai")
    office.head = head
    office.save()
    EmploymentFactory(person=head, unit=office)
    EmploymentFactory(person=PersonFactory(authority=authority), unit=office)
    EmploymentFactory(
        person=PersonFactory(authority=authority), unit=office, end_date=datetime.date(2020, 1, 1)
    )
    signed_in(Role.AUTHORITY_STAFF)
    response = client.get(reverse("emulation:unit_list"))
    assert table_rows(response.text) == [
        ["VH", "Phòng Văn hóa và Thông tin", "Cơ quan chuyên môn", "Lê Thị Mai", "2"]
    ]
    assert f'href="/don-vi/{office.pk}/"' in response.text


@pytest.mark.django_db
def test_unit_list_search_matches_name_or_code(client, signed_in, authority):
    UnitFactory(authority=authority, code="YT", name="Phòng Y tế")
    UnitFactory(authority=authority, code="BT", name="Phường Bến Thành")
    signed_in(Role.AUTHORITY_STAFF)
    by_name = table_rows(client.get(reverse("emulation:unit_list"), {"q": "y tế"}).text)
    by_code = table_rows(client.get(reverse("emulation:unit_list"), {"q": "bt"}).text)
    assert [row[1] for row in by_name] == ["Phòng Y tế"]
    assert [row[1] for row in by_code] == ["Phường Bến Thành"]


@pytest.mark.django_db
def test_unit_list_filters_by_kind_and_ignores_an_unknown_kind(client, signed_in, authority):
    UnitFactory(authority=authority, code="BT", name="Phường Bến Thành", kind=UnitKind.WARD)
    signed_in(Role.AUTHORITY_STAFF)
    wards = table_rows(client.get(reverse("emulation:unit_list"), {"kind": "ward"}).text)
    unknown = table_rows(client.get(reverse("emulation:unit_list"), {"kind": "castle"}).text)
    assert [row[1] for row in wards] == ["Phường Bến Thành"]
    assert sorted(row[1] for row in unknown) == ["Phòng Văn hóa và Thông tin", "Phường Bến Thành"]


@pytest.mark.django_db
def test_unit_list_filter_form_labels_every_input(client, signed_in):
    signed_in(Role.AUTHORITY_STAFF)
    text = client.get(reverse("emulation:unit_list")).text
    assert '<label for="id_q">Tìm theo tên hoặc mã</label>' in text
    assert '<label for="id_kind">Loại đơn vị</label>' in text
    assert '<label for="id_day">Danh sách tại ngày</label>' in text
    assert 'aria-describedby="id_day_helptext"' in text
    assert "In danh sách (PDF)" in text


@pytest.mark.django_db
def test_unit_list_pages_by_fifty_and_keeps_the_filter(client, signed_in, authority):
    for n in range(60):
        UnitFactory(authority=authority, code=f"KP{n:02d}", name=f"Khu phố {n:02d}")
    signed_in(Role.AUTHORITY_STAFF)
    first = client.get(reverse("emulation:unit_list"), {"q": "khu phố"})
    second = client.get(reverse("emulation:unit_list"), {"q": "khu phố", "page": "2"})
    assert len(table_rows(first.text)) == 50
    assert len(table_rows(second.text)) == 10
    assert "Trang 1 / 2" in first.text
    assert 'href="?q=khu+ph%E1%BB%91&amp;page=2"' in first.text
    assert "60 đơn vị" in first.text


def _unit_list_queries(client, authority, parent, total: int, assert_queries) -> None:
    """Grow the parent's sub-units to `total`, each with a head at work, and open one
    directory page inside `assert_queries`."""
    for n in range(parent.children.count(), total):
        unit = UnitFactory(authority=authority, parent=parent, name=f"Tổ dân phố {n}")
        unit.head = PersonFactory(authority=authority)
        unit.save()
        EmploymentFactory(person=unit.head, unit=unit)
    with assert_queries:
        response = client.get(reverse("emulation:unit_list"))
    assert len(table_rows(response.text)) == total + 1


# Queries of the directory page, pinned: the same at 5 and at 30 units, and for a unit head
# whatever the depth of the tree below their unit (its scope is one recursive subquery).
UNIT_LIST_QUERIES = {Role.AUTHORITY_STAFF: 4, Role.UNIT_HEAD: 4}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.AUTHORITY_STAFF, Role.UNIT_HEAD])
def test_unit_list_query_count_is_the_same_for_5_and_30_units(
    client, signed_in, authority, office, role, django_assert_num_queries
):
    signed_in(role)
    expected = UNIT_LIST_QUERIES[role]
    _unit_list_queries(client, authority, office, 5, django_assert_num_queries(expected))
    _unit_list_queries(client, authority, office, 30, django_assert_num_queries(expected))


@pytest.mark.django_db
def test_unit_list_query_count_of_a_unit_head_is_the_same_one_and_four_levels_deep(
    client, signed_in, authority, office, django_assert_num_queries
):
    signed_in(Role.UNIT_HEAD)
    parent = UnitFactory(authority=authority, parent=office, name="Tổ dân phố 1")
    with django_assert_num_queries(UNIT_LIST_QUERIES[Role.UNIT_HEAD]):
        shallow = client.get(reverse("emulation:unit_list"))
    for level in range(2, 5):
        parent = UnitFactory(authority=authority, parent=parent, name=f"Tổ dân phố {level}")
    with django_assert_num_queries(UNIT_LIST_QUERIES[Role.UNIT_HEAD]):
        deep = client.get(reverse("emulation:unit_list"))
    assert [row[1] for row in table_rows(shallow.text)] == [
        "Phòng Văn hóa và Thông tin",
        "Tổ dân phố 1",
    ]
    assert sorted(row[1] for row in table_rows(deep.text)) == [
        "Phòng Văn hóa và Thông tin",
        "Tổ dân phố 1",
        "Tổ dân phố 2",
        "Tổ dân phố 3",
        "Tổ dân phố 4",
    ]


# Unit and person


@pytest.mark.django_db
def test_unit_detail_shows_info_sub_units_and_current_staff(client, signed_in, authority, office):
    parent = UnitFactory(authority=authority, name="Ủy ban nhân dân phường")
    office.parent = parent
    office.save()
    UnitFactory(authority=authority, parent=office, name="Thư viện phường")
    UnitFactory(
        authority=authority, parent=office, name="Đội cũ", valid_to=datetime.date(2020, 1, 1)
    )
    EmploymentFactory(
        person=PersonFactory(authority=authority, full_name="Võ Thanh Tùng"),
        unit=office,
        position="Trưởng phòng",
        category=StaffCategory.CIVIL_SERVANT,
        start_date=datetime.date(2019, 3, 1),
    )
    EmploymentFactory(
        person=PersonFactory(authority=authority, full_name="Ngô Bảo Châu"),
        unit=office,
        end_date=datetime.date(2022, 1, 1),
    )
    signed_in(Role.AUTHORITY_STAFF)
    text = client.get(reverse("emulation:unit_detail", args=[office.pk])).text
    assert "<dd>Ủy ban nhân dân phường</dd>" in text
    assert "Thư viện phường" in text
    assert "Đội cũ" not in text
    assert table_rows(text) == [["Võ Thanh Tùng", "Trưởng phòng", "Công chức", "01/03/2019"]]
    assert 'id="can-bo"' in text


@pytest.mark.django_db
def test_person_detail_lists_the_history_newest_first(client, signed_in, authority, office):
    earlier = UnitFactory(authority=authority, name="Phường Đa Kao")
    person = PersonFactory(authority=authority, full_name="Hồ Thị Thu")
    EmploymentFactory(
        person=person,
        unit=earlier,
        position="Cán sự",
        category=StaffCategory.PUBLIC_EMPLOYEE,
        start_date=datetime.date(2012, 9, 1),
        end_date=datetime.date(2018, 12, 31),
    )
    EmploymentFactory(
        person=person, unit=office, position="Phó phòng", start_date=datetime.date(2019, 1, 1)
    )
    signed_in(Role.UNIT_CLERK)
    text = client.get(reverse("emulation:person_detail", args=[person.pk])).text
    assert table_rows(text) == [
        ["Phòng Văn hóa và Thông tin", "Phó phòng", "Công chức", "01/01/2019", "nay"],
        ["Phường Đa Kao", "Cán sự", "Viên chức", "01/09/2012", "31/12/2018"],
    ]
    # The clerk may read the earlier post but not open a unit outside their scope.
    assert f'href="/don-vi/{office.pk}/"' in text
    assert f'href="/don-vi/{earlier.pk}/"' not in text


# Printing the directory


@pytest.mark.django_db
def test_print_without_a_date_uses_today_and_says_so(client, signed_in):
    user = signed_in(Role.AUTHORITY_STAFF)
    response = client.post(reverse("emulation:unit_directory_print"))
    today = timezone.localdate()
    job = Job.objects.get(requested_by=user)
    assert job.params == {"day": today.isoformat()}
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"Đã xếp hàng tạo tài liệu “Danh sách đơn vị” tại ngày {today:%d/%m/%Y}. "
        "Tệp sẽ tải về được ở trang này khi tạo xong."
    ]


@pytest.mark.django_db
def test_print_refuses_get(client, signed_in):
    signed_in(Role.AUTHORITY_STAFF)
    response = client.get(reverse("emulation:unit_directory_print"))
    assert response.status_code == 405
    assert Job.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["31/02/2026", "hôm qua", "2026/13/01"])
def test_print_with_a_bad_date_creates_nothing_and_explains(client, signed_in, day):
    signed_in(Role.AUTHORITY_STAFF)
    response = client.post(reverse("emulation:unit_directory_print"), {"day": day})
    assert response.status_code == 302
    assert response["Location"] == reverse("emulation:unit_list")
    assert Job.objects.count() == 0
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2026."
    ]
