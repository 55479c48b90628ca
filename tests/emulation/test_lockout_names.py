"""The admin site names django-axes' tables in Vietnamese (English in English), and the
admin index's table headings are translated too."""

import html
import re

import pytest
from django.conf import settings
from django.urls import reverse

from emulation.enums import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(unit):
    return UserFactory(role=Role.ADMINISTRATOR, unit=unit, is_staff=True, is_superuser=True)


def _index(client, admin_user, language: str) -> str:
    client.force_login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return html.unescape(client.get(reverse("admin:index")).content.decode())


def _axes_rows(page: str) -> list[str]:
    return re.findall(r'<th scope="row" id="axes-\w+">\s*<a [^>]*>([^<]*)</a>', page)


def _headings(page: str) -> list[str]:
    return re.findall(r'<th scope="col">([^<]*)</th>', page)[:3]


def test_admin_index_in_vietnamese_names_the_lockout_tables_in_vietnamese(client, admin_user):
    page = _index(client, admin_user, "vi")
    assert (
        "Khóa đăng nhập" in page,
        _axes_rows(page),
        _headings(page),
        "Access attempts" in page or "Model name" in page,
    ) == (
        True,
        ["Lần đăng nhập sai", "Nhật ký truy cập", "Nhật ký đăng nhập sai"],
        ["Tên bảng dữ liệu", "Liên kết thêm mới", "Liên kết sửa hoặc xem danh sách"],
        False,
    )


def test_admin_index_in_english_keeps_the_english_names(client, admin_user):
    page = _index(client, admin_user, "en")
    assert ("Sign-in lockout" in page, sorted(_axes_rows(page)), _headings(page)) == (
        True,
        ["Access attempts", "Access failures", "Access logs"],
        ["Model name", "Add link", "Change or view list link"],
    )


def test_lockout_log_columns_are_in_vietnamese(client, admin_user):
    client.force_login(admin_user)
    page = html.unescape(client.get(reverse("admin:axes_accesslog_changelist")).content.decode())
    columns = [c for c in re.findall(r'<div class="text">(?:<a [^>]*>)?([^<]*)', page) if c]
    assert columns == [
        "Thời điểm",
        "Thời điểm đăng xuất",
        "Địa chỉ IP",
        "Tên đăng nhập",
        "Trình duyệt",
        "Đường dẫn",
    ]
