"""The administration of the organisation, seen by the demo administrator."""

import html
import json

import pytest
from django.urls import reverse

from demo.writers import DEMO_FIXTURE_PATH
from emulation.enums import Role
from emulation.models import Authority, Person, Unit, User
from tests.conftest import fixture_rows_for_the_module

# The demo authority, loaded once for the module; the tests read it (and what they add is
# rolled back after each).
demo_authority = fixture_rows_for_the_module(str(DEMO_FIXTURE_PATH))


@pytest.fixture
def admin_client(demo_authority, db, client):
    client.force_login(User.objects.get(username="quantri"))
    return client


def page(response) -> str:
    return html.unescape(response.content.decode())


def changelist(model: str) -> str:
    return reverse(f"admin:emulation_{model}_changelist")


@pytest.mark.parametrize(
    ("model", "title", "query", "row"),
    [
        ("authority", "Chọn cơ quan ban hành để thay đổi", "", "Phường Sài Gòn"),
        ("unit", "Chọn đơn vị để thay đổi", "", "Phòng Văn hóa và Thông tin"),
        ("person", "Chọn cá nhân để thay đổi", "?q=CB00001", "Võ Gia Long"),
        ("employment", "Chọn quá trình công tác để thay đổi", "?q=CB00001", "Phường Bến Nghé"),
        ("user", "Chọn người dùng để thay đổi", "", "canbo.thidua"),
    ],
)
def test_admin_changelist_shows_title_and_known_row(admin_client, model, title, query, row):
    response = admin_client.get(changelist(model) + query)
    assert response.status_code == 200
    assert response.context["title"] == title
    assert f"<title>{title} | Quản trị</title>" in page(response)
    assert row in page(response)


def test_admin_unit_changelist_counts_and_filters(admin_client):
    def result_count(query: str) -> int:
        return admin_client.get(changelist("unit") + query).context["cl"].result_count

    assert result_count("") == 50
    assert result_count("?kind=ward") == 10
    assert result_count("?kind=school") == 12
    assert result_count("?hieu_luc=ended") == 11
    assert result_count("?hieu_luc=active") == 39
    assert result_count("?q=VHTT") == 1
    authority = Authority.objects.get(code="quan-1")
    assert result_count(f"?authority__id__exact={authority.pk}") == 50


def test_admin_authority_changelist_shows_the_name_in_force_today(admin_client):
    response = admin_client.get(changelist("authority"))
    cl = response.context["cl"]
    assert [(a.code, cl.model_admin.current_name(a)) for a in cl.result_list] == [
        ("quan-1", "Phường Sài Gòn")
    ]
    assert "Phường" in page(response)


def test_admin_authority_change_page_lists_both_identities(admin_client):
    authority = Authority.objects.get(code="quan-1")
    response = admin_client.get(reverse("admin:emulation_authority_change", args=[authority.pk]))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.name for form in formset.forms] == ["Quận 1", "Phường Sài Gòn"]
    assert "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN" in page(response)


def test_admin_person_change_page_lists_employments(admin_client):
    person = Person.objects.get(staff_code="CB00001")
    response = admin_client.get(reverse("admin:emulation_person_change", args=[person.pk]))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [(form.instance.unit.code, form.instance.position) for form in formset.forms] == [
        ("P-BN", "Chủ tịch Ủy ban nhân dân phường")
    ]


def test_admin_person_changelist_shows_the_current_unit(admin_client):
    user = User.objects.select_related("person").get(username="canbo.vhtt")
    response = admin_client.get(changelist("person") + f"?q={user.person.staff_code}")
    (person,) = response.context["cl"].result_list
    assert person.current_unit_name == "Phòng Văn hóa và Thông tin"


def test_admin_unit_autocomplete_finds_units_by_name(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "emulation",
            "model_name": "unit",
            "field_name": "parent",
            "term": "Văn hóa",
        },
    )
    names = sorted(item["text"] for item in json.loads(response.content)["results"])
    assert names == ["Phòng Văn hóa và Thông tin", "Trung tâm Văn hóa Quận 1"]


def test_admin_user_change_page_has_role_unit_and_person(admin_client):
    user = User.objects.get(username="canbo.vhtt")
    response = admin_client.get(reverse("admin:emulation_user_change", args=[user.pk]))
    form = response.context["adminform"].form
    assert {"role", "unit", "person"} <= set(form.fields)
    assert form.initial["role"] == Role.UNIT_CLERK
    assert "Vai trò và đơn vị" in page(response)


def test_admin_user_add_saves_role_and_unit(admin_client):
    unit = Unit.objects.get(code="TP")
    response = admin_client.post(
        reverse("admin:emulation_user_add"),
        {
            "username": "canbo.tuphap",
            "usable_password": "true",
            "password1": "Khong-doan-duoc-2026",
            "password2": "Khong-doan-duoc-2026",
            "role": Role.UNIT_CLERK,
            "unit": unit.pk,
            "person": "",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="canbo.tuphap")
    assert (user.role, user.unit_id, user.check_password("Khong-doan-duoc-2026")) == (
        Role.UNIT_CLERK,
        unit.pk,
        True,
    )


def test_admin_user_add_refuses_a_user_without_unit(admin_client):
    response = admin_client.post(
        reverse("admin:emulation_user_add"),
        {
            "username": "khongdonvi",
            "usable_password": "true",
            "password1": "Khong-doan-duoc-2026",
            "password2": "Khong-doan-duoc-2026",
            "role": Role.UNIT_CLERK,
            "unit": "",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["unit"] == [
        "Người dùng phải thuộc một đơn vị."
    ]
    assert not User.objects.filter(username="khongdonvi").exists()


def test_admin_is_closed_to_users_without_staff_status(admin_client):
    admin_client.force_login(User.objects.get(username="canbo.thidua"))
    response = admin_client.get(changelist("unit"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
