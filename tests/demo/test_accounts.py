"""Every demo account of the README signs in through the sign-in page and sees its role's home."""

import pytest
from django.urls import reverse

from tests.demo.conftest import demo_for_the_module

DEMO_PASSWORD = "ThiDua@2026"
# username → (role shown, unit shown, a card title only that role's home shows)
DEMO_ACCOUNTS = {
    "canbo.thidua": ("Cán bộ thi đua", "Phòng Nội vụ", "In danh sách đơn vị"),
    "thutruong.vhtt": (
        "Thủ trưởng đơn vị",
        "Phòng Văn hóa và Thông tin",
        "In danh sách đơn vị của tôi",
    ),
    "canbo.vhtt": ("Cán bộ đơn vị", "Phòng Văn hóa và Thông tin", "Cán bộ của đơn vị"),
    "hoidong": (
        "Thành viên Hội đồng",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Các đơn vị của cơ quan",
    ),
    "chutich": ("Chủ tịch", "Văn phòng HĐND và UBND", "Các đơn vị của cơ quan"),
    "quantri": ("Quản trị hệ thống", "Văn phòng HĐND và UBND", "Trang quản trị"),
    "thutruong.gd": (
        "Thủ trưởng đơn vị",
        "Phòng Giáo dục và Đào tạo",
        "In danh sách đơn vị của tôi",
    ),
}


demo_rows = demo_for_the_module()


@pytest.fixture
def demo(db, demo_rows):
    """The demo, loaded once for the module."""


@pytest.mark.parametrize("username", sorted(DEMO_ACCOUNTS))
def test_demo_account_signs_in_and_sees_its_role_home(client, demo, username):
    role, unit, card = DEMO_ACCOUNTS[username]

    response = client.post(
        reverse("login"), {"username": username, "password": DEMO_PASSWORD}, follow=True
    )

    assert response.redirect_chain == [(reverse("emulation:home"), 302)]
    page = response.content.decode()
    assert "Xin chào," in page
    assert f"<dd>{role}</dd>" in page
    assert f"<dd>{unit}</dd>" in page
    assert f'<h3 class="card-title">{card}</h3>' in page
    assert "<dd>Phường Sài Gòn</dd>" in page
