"""Accounts for units' heads and clerks in bulk: the administrator creates them from the units
in force, receives usernames and initial passwords once in a spreadsheet, and each holder must
choose their own password before anything else; nobody else may create them, another
authority's units are refused, and units that already have an account keep it."""

import io

import pytest
import python_calamine
from django.urls import reverse

from emulation.accounts import create_unit_accounts, initial_password
from emulation.enums import Role
from emulation.models import User
from tests.factories import TEST_PASSWORD, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("emulation:unit_accounts")


@pytest.fixture
def units(authority):
    return [
        UnitFactory(authority=authority, code="P.BN", name="Phường Bến Nghé"),
        UnitFactory(authority=authority, code="Đ-01", name="Đoàn phường"),
    ]


@pytest.fixture
def admin(authority, unit):
    return UserFactory(role=Role.ADMINISTRATOR, unit=unit)


def sheet_rows(content: bytes) -> list[list]:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_index(0).to_python()


def test_the_administrator_creates_both_accounts_and_gets_them_once(client, admin, units):
    client.force_login(admin)
    page = client.get(URL).content.decode()
    assert "Phường Bến Nghé" in page and "Chưa có" in page

    response = client.post(
        URL,
        {"unit": [units[0].pk, units[1].pk], "role": [Role.UNIT_HEAD, Role.UNIT_CLERK]},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="tai-khoan-don-vi-')
    assert response["Cache-Control"] == "no-store"
    rows = sheet_rows(response.content)
    assert rows[0] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Vai trò",
        "Tên đăng nhập",
        "Mật khẩu ban đầu",
        "Địa chỉ đăng nhập",
    ]
    by_name = {row[3]: row for row in rows[1:]}
    assert sorted(by_name) == ["canbo.d-01", "canbo.p-bn", "thutruong.d-01", "thutruong.p-bn"]
    head = by_name["thutruong.p-bn"]
    assert head[:3] == ["P.BN", "Phường Bến Nghé", "Thủ trưởng đơn vị"]
    assert head[5] == "http://testserver/dang-nhap/"
    account = User.objects.get(username="thutruong.p-bn")
    assert (account.role, account.unit, account.must_change_password) == (
        Role.UNIT_HEAD,
        units[0],
        True,
    )
    # The spreadsheet's password signs in; it is stored only as a hash.
    assert account.check_password(head[4])
    assert head[4] not in account.password


def test_units_that_already_have_an_account_keep_it(client, admin, units):
    existing = UserFactory(role=Role.UNIT_HEAD, unit=units[0], username="thutruong.p-bn")
    client.force_login(admin)
    response = client.post(URL, {"unit": [units[0].pk], "role": [Role.UNIT_HEAD, Role.UNIT_CLERK]})
    assert [row[3] for row in sheet_rows(response.content)[1:]] == ["canbo.p-bn"]
    existing.refresh_from_db()
    assert existing.check_password(TEST_PASSWORD)

    again = client.post(URL, {"unit": [units[0].pk], "role": [Role.UNIT_CLERK]}, follow=True)
    assert "Các đơn vị đã chọn đều đã có tài khoản; không tạo thêm." in again.content.decode()
    assert User.objects.filter(unit=units[0]).count() == 2


def test_a_username_taken_elsewhere_gets_a_number(admin, units, other_authority):
    UserFactory(
        role=Role.UNIT_HEAD,
        unit=UnitFactory(authority=other_authority),
        username="thutruong.p-bn",
    )
    created = create_unit_accounts(user=admin, unit_ids=[units[0].pk], roles=[Role.UNIT_HEAD])
    assert [account.username for account in created] == ["thutruong.p-bn-2"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": [Role.UNIT_HEAD]}, "Hãy chọn ít nhất một đơn vị."),
        ({"unit": ["UNIT"]}, "Hãy chọn loại tài khoản: thủ trưởng, cán bộ đơn vị hoặc cả hai."),
        ({"unit": ["UNIT"], "role": ["superuser"]}, "Hãy chọn loại tài khoản"),
        ({"unit": ["OTHER"], "role": [Role.UNIT_HEAD]}, "Có đơn vị không thuộc cơ quan"),
        ({"unit": ["GONE"], "role": [Role.UNIT_HEAD]}, "Có đơn vị không thuộc cơ quan"),
    ],
)
def test_bad_input_says_what_is_wrong_and_creates_nothing(
    client, admin, units, other_authority, data, message
):
    other = UnitFactory(authority=other_authority)
    gone = UnitFactory(authority=admin.unit.authority, valid_to="2025-06-30")
    ids = {"UNIT": units[0].pk, "OTHER": other.pk, "GONE": gone.pk}
    data = {key: [ids.get(v, v) for v in values] for key, values in data.items()}
    before = User.objects.count()
    client.force_login(admin)
    response = client.post(URL, data, follow=True)
    assert message in response.content.decode()
    assert User.objects.count() == before


@pytest.mark.parametrize(
    "role",
    [Role.AUTHORITY_STAFF, Role.UNIT_HEAD, Role.UNIT_CLERK, Role.COUNCIL_MEMBER, Role.CHAIRPERSON],
)
def test_only_the_administrator_creates_accounts(client, unit, units, role):
    client.force_login(UserFactory(role=role, unit=unit))
    before = User.objects.count()
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"unit": [units[0].pk], "role": [Role.UNIT_HEAD]})
    assert response.status_code == 403
    assert User.objects.count() == before


def test_another_authoritys_administrator_sees_none_of_these_units(client, units, other_authority):
    stranger = UserFactory(role=Role.ADMINISTRATOR, unit=UnitFactory(authority=other_authority))
    client.force_login(stranger)
    assert "Phường Bến Nghé" not in client.get(URL).content.decode()
    client.post(URL, {"unit": [units[0].pk], "role": [Role.UNIT_HEAD]})
    assert not User.objects.filter(unit=units[0]).exists()


def test_the_guide_shows_the_accounts_step_after_the_units(client, admin, units, staff):
    client.force_login(admin)
    page = client.get(reverse("emulation:import_guide")).content.decode()
    assert page.index("Tài khoản thủ trưởng, cán bộ đơn vị") > page.index("Đơn vị")
    assert f'href="{URL}"' in page
    client.force_login(staff)
    page = client.get(reverse("emulation:import_guide")).content.decode()
    assert "Cán bộ quản trị hệ thống của cơ quan tạo các tài khoản này." in page
    assert f'href="{URL}"' not in page


def test_a_new_account_must_choose_its_password_before_anything_else(client, admin, units):
    [created] = create_unit_accounts(user=admin, unit_ids=[units[0].pk], roles=[Role.UNIT_CLERK])
    signed_in = client.post(
        reverse("login"), {"username": created.username, "password": created.password}
    )
    change = reverse("password_change")
    # Signing in leads to home, which leads to the password change.
    assert signed_in.status_code == 302

    for address in (reverse("emulation:home"), reverse("targets:dashboard")):
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (302, change)
    page = client.get(change).content.decode()
    assert "Tài khoản của bạn đang dùng mật khẩu ban đầu" in page

    refused = client.post(
        change,
        {"old_password": "sai", "new_password1": "x", "new_password2": "y"},
    )
    assert refused.status_code == 200
    assert User.objects.get(username=created.username).must_change_password

    done = client.post(
        change,
        {
            "old_password": created.password,
            "new_password1": "Phuong-BenNghe-2026",
            "new_password2": "Phuong-BenNghe-2026",
        },
        follow=True,
    )
    assert "Đã đổi mật khẩu." in done.content.decode()
    account = User.objects.get(username=created.username)
    assert not account.must_change_password
    assert account.check_password("Phuong-BenNghe-2026")
    assert client.get(reverse("emulation:home")).status_code == 200


def test_a_new_account_can_still_sign_out(client, admin, units):
    [created] = create_unit_accounts(user=admin, unit_ids=[units[0].pk], roles=[Role.UNIT_HEAD])
    client.post(reverse("login"), {"username": created.username, "password": created.password})
    assert client.get(reverse("emulation:home"))["Location"] == reverse("password_change")
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


def test_every_user_can_change_their_password_from_the_header(client, staff):
    client.force_login(staff)
    page = client.get(reverse("emulation:home")).content.decode()
    assert f'<a href="{reverse("password_change")}">Đổi mật khẩu</a>' in page


def test_initial_passwords_mix_letters_and_digits_and_differ():
    passwords = {initial_password() for _ in range(50)}
    assert len(passwords) == 50
    assert all(len(p) == 12 and not p.isdigit() and not p.isalpha() for p in passwords)
