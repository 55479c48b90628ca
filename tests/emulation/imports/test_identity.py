"""The authority's name by period, recorded in the browser by its administrator: a new period
closes the open one the day before, documents dated before keep the old name, and a period
that would start before the last one is refused with nothing written."""

import datetime

import pytest
from django.urls import reverse

from emulation.enums import AuthorityLevel, Role
from emulation.models import AuthorityIdentity
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("emulation:authority_identity")
NEW = {
    "valid_from": "01/07/2025",
    "name": "Phường Sài Gòn",
    "level": AuthorityLevel.WARD,
    "superior_name": "THÀNH PHỐ HỒ CHÍ MINH",
    "issuer_name": "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN",
    "issuer_symbol": "UBND",
    "place_name": "Sài Gòn",
    "address": "",
}


@pytest.fixture
def admin(unit):
    return UserFactory(role=Role.ADMINISTRATOR, unit=unit)


def test_a_new_name_from_a_day_closes_the_open_period(client, admin, authority):
    client.force_login(admin)
    old = authority.identities.get()
    response = client.post(URL, NEW, follow=True)
    assert "Đã ghi tên gọi mới của cơ quan." in response.content.decode()
    old.refresh_from_db()
    assert old.valid_to == datetime.date(2025, 6, 30)
    assert authority.identity_on(datetime.date(2025, 6, 30)) == old
    new = authority.identity_on(datetime.date(2025, 7, 1))
    assert (new.name, new.issuer_name, new.valid_to) == (
        "Phường Sài Gòn",
        "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN",
        None,
    )
    page = response.content.decode()
    assert "01/07/2025" in page and "30/06/2025" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"valid_from": "01/01/2019"}, "Đã có tên gọi hiệu lực từ ngày 01/01/2020"),
        ({"valid_from": "31/02/2025"}, "Nhập một ngày hợp lệ."),
        ({"name": ""}, "Trường này là bắt buộc."),
        ({"level": "sao-hoa"}, "Hãy chọn một lựa chọn hợp lệ."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(client, admin, authority, change, message):
    client.force_login(admin)
    response = client.post(URL, {**NEW, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(authority.identities.values_list("valid_to", flat=True)) == [None]
    assert AuthorityIdentity.objects.filter(authority=authority).count() == 1


@pytest.mark.parametrize(
    "role",
    [Role.AUTHORITY_STAFF, Role.UNIT_HEAD, Role.UNIT_CLERK, Role.COUNCIL_MEMBER, Role.CHAIRPERSON],
)
def test_only_the_administrator_records_the_name(client, unit, authority, role):
    client.force_login(UserFactory(role=role, unit=unit))
    assert client.get(URL).status_code == 403
    assert client.post(URL, NEW).status_code == 403
    assert authority.identities.count() == 1


def test_another_authoritys_administrator_changes_only_their_own(
    client, authority, other_authority
):
    stranger = UserFactory(role=Role.ADMINISTRATOR, unit=UnitFactory(authority=other_authority))
    client.force_login(stranger)
    assert authority.identities.get().name not in client.get(URL).content.decode()
    client.post(URL, NEW)
    assert authority.identities.get().valid_to is None
    assert other_authority.identities.filter(name="Phường Sài Gòn").exists()


def test_the_guide_starts_with_the_name(client, admin, authority):
    client.force_login(admin)
    page = client.get(reverse("emulation:import_guide")).content.decode()
    name = authority.identities.get().name
    assert page.index("Tên gọi của cơ quan") < page.index("Tài khoản thủ trưởng, cán bộ đơn vị")
    assert name in page
    assert f'href="{URL}"' in page
