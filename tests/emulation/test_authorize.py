"""The one permission decision (`config.permissions`): the rules, for every account, with no
superuser shortcut, in views (the decorator), templates (`{% may %}`) and services (`require`)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from config.permissions import NotPermitted, authorize, require
from emulation.enums import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = "Bạn không có quyền thực hiện thao tác này."


@pytest.fixture
def superuser_admin(unit):
    return UserFactory(role=Role.ADMINISTRATOR, unit=unit, is_staff=True, is_superuser=True)


@pytest.fixture
def staff(unit):
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)


def test_authorize_asks_the_rules_not_the_superuser_flag(superuser_admin, staff):
    assert superuser_admin.has_perm("awards.appraise") is True  # Django's shortcut
    assert authorize(superuser_admin, "awards.appraise") is False
    assert authorize(staff, "awards.appraise") is True
    # What the administrator role holds, a superuser holds as well.
    assert authorize(superuser_admin, "reports.year_end_report") is True


def test_authorize_refuses_anonymous_inactive_and_undeclared(staff):
    assert authorize(AnonymousUser(), "awards.view_nominations") is False
    assert authorize(None, "awards.view_nominations") is False
    staff.is_active = False
    assert authorize(staff, "awards.appraise") is False
    staff.is_active = True
    assert authorize(staff, "awards.no_such_permission") is False


def test_require_raises_one_error_with_a_vietnamese_message(superuser_admin):
    with pytest.raises(NotPermitted) as refused:
        require(superuser_admin, "awards.draft_decision")
    assert (refused.value.perm, str(refused.value)) == ("awards.draft_decision", REFUSAL)
    with pytest.raises(NotPermitted, match=r"^Chỉ thủ trưởng$"):
        require(superuser_admin, "awards.draft_decision", message="Chỉ thủ trưởng")


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.AUTHORITY_STAFF, "True|False"), (Role.ADMINISTRATOR, "False|False")],
)
def test_template_tag_asks_the_same_rules(unit, role, expected):
    user = UserFactory(role=role, unit=unit, is_superuser=role == Role.ADMINISTRATOR)
    template = Template(
        '{% load permissions %}{% may "awards.appraise" user as appraise %}'
        '{% may "awards.sign_decision" user as sign %}{{ appraise }}|{{ sign }}'
    )
    assert template.render(Context({"user": user})) == expected


def test_a_superuser_without_a_role_gets_no_product_page_but_the_admin_site(client, unit):
    """`createsuperuser` makes an account with no role: the admin site, nothing else."""
    root = UserFactory(role="", unit=unit, is_staff=True, is_superuser=True)
    client.force_login(root)
    assert client.get("/don-vi/").status_code == 403
    assert client.get("/bao-cao/tong-ket/").status_code == 403
    assert client.get("/quan-tri/").status_code == 200


def test_nomination_list_offers_the_superuser_only_its_roles_buttons(client, superuser_admin):
    client.force_login(superuser_admin)
    page = client.get("/khen-thuong/ho-so/").content.decode()
    assert "Lập hồ sơ đề nghị" not in page
    assert "Hồ sơ chờ thẩm định" not in page
    assert "Hồ sơ chờ bỏ phiếu" not in page
    assert "Quyết định khen thưởng" in page  # the administrator sees decisions (authority-wide)
