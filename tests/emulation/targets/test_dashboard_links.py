"""The dashboard's "Nhập số liệu" button leads each user to a grid they may open: thi đua staff
to the authority's, a unit's head or clerk to their own unit's (the authority's grid answers
them 403)."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from emulation.enums import Role
from tests.emulation.targets.factories import TargetFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "own_unit_grid"),
    [
        (Role.UNIT_CLERK, True),
        (Role.UNIT_HEAD, True),
        (Role.AUTHORITY_STAFF, False),
        (Role.ADMINISTRATOR, False),
    ],
)
def test_the_entry_button_opens_a_grid_the_user_may_use(
    client, make_user, authority, unit, role, own_unit_grid
):
    TargetFactory(authority=authority, unit=unit, code="KN", plan_value=D("200"))
    client.force_login(make_user(role, unit))

    page = client.get(reverse("targets:dashboard"), {"nam": 2023})
    grid_url = page.context["grid_url"]

    expected = (
        reverse("targets:grid", args=[unit.pk, 2023, "year", "official"])
        if own_unit_grid
        else reverse("targets:grid_authority", args=[2023, "year", "official"])
    )
    assert grid_url == expected
    assert f'href="{grid_url}"' in page.content.decode()
    assert client.get(grid_url).status_code == 200


@pytest.mark.django_db
def test_the_by_unit_tables_link_column_has_a_header_screen_readers_read(
    client, make_user, authority, unit
):
    TargetFactory(authority=authority, unit=unit, code="KN", plan_value=D("200"))
    client.force_login(make_user(Role.AUTHORITY_STAFF, unit))

    page = client.get(reverse("targets:dashboard"), {"nam": 2023}).content.decode()

    header = page[
        page.index("Kết quả theo đơn vị") : page.index(
            "</thead>", page.index("Kết quả theo đơn vị")
        )
    ]
    assert header.endswith('<th scope="col"><span class="visually-hidden">Số liệu</span></th></tr>')
