from decimal import Decimal as D

import pytest
from django.urls import reverse

from emulation.enums import Role
from emulation.models import Target
from emulation.targets.enums import Direction, PeriodKind, TargetGroup, ValueKind
from emulation.targets.services import ActualEntry, get_period, save_actuals
from tests.emulation.targets.factories import TargetFactory

STAFF_ROLES = {Role.AUTHORITY_STAFF, Role.ADMINISTRATOR}


def form_data(**changes):
    data = {
        "unit": "",
        "code": "KT09",
        "name": "Tổng thu ngân sách",
        "group": TargetGroup.ECONOMY,
        "unit_of_measure": "tỷ đồng",
        "direction": Direction.HIGHER_BETTER,
        "plan_value": "15.931",
        "baseline_value": "",
        "range_min": "",
        "range_max": "",
        "weight": "1",
        "is_mandatory": "on",
        "parent": "",
        "sort_order": "3",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", list(Role))
def test_catalogue_pages_by_role(client, make_user, authority, unit, role):
    target = TargetFactory(authority=authority)
    client.force_login(make_user(role, unit))
    pages = [
        client.get(reverse("targets:catalogue"), {"year": 2023}),
        client.get(reverse("targets:target_create"), {"year": 2023}),
        client.get(reverse("targets:target_edit", args=[target.pk])),
    ]
    created = client.post(reverse("targets:target_create") + "?year=2023", form_data())
    expected = 200 if role in STAFF_ROLES else 403
    assert [p.status_code for p in pages] == [expected] * 3
    if role in STAFF_ROLES:
        assert created.status_code == 302
        assert Target.objects.filter(code="KT09").count() == 1
    else:
        assert created.status_code == 403
        assert Target.objects.filter(code="KT09").count() == 0


def test_catalogue_create_reads_vietnamese_numbers(client, staff, authority):
    client.force_login(staff)
    response = client.post(reverse("targets:target_create") + "?year=2023", form_data())
    assert response.url == reverse("targets:catalogue") + "?nam=2023"
    target = Target.objects.get(code="KT09")
    assert (target.authority, target.year, target.unit, target.plan_value) == (
        authority,
        2023,
        None,
        D("15931"),
    )


@pytest.mark.parametrize(("typed", "weight"), [("1,5", D("1.5")), ("1.5", D("1.5"))])
def test_catalogue_takes_a_decimal_typed_with_a_comma_or_a_lone_dot(
    client, staff, authority, typed, weight
):
    client.force_login(staff)

    client.post(reverse("targets:target_create") + "?year=2023", form_data(weight=typed))

    assert Target.objects.get(code="KT09").weight == weight


def test_catalogue_refuses_duplicate_code_and_bad_terms(client, staff, authority):
    client.force_login(staff)
    TargetFactory(authority=authority, code="KT09")
    duplicate = client.post(reverse("targets:target_create") + "?year=2023", form_data())
    assert duplicate.status_code == 400
    assert duplicate.context["form"].errors["code"] == [
        "Mã chỉ tiêu này đã có trong năm của đơn vị."
    ]
    reduce = client.post(
        reverse("targets:target_create") + "?year=2023",
        form_data(code="DT04", direction=Direction.REDUCE_BY_PCT, plan_value="10"),
    )
    assert reduce.status_code == 400
    assert reduce.context["form"].errors["baseline_value"] == [
        "Chỉ tiêu giảm X % cần mức gốc lớn hơn 0."
    ]
    assert Target.objects.count() == 1


def test_catalogue_edit_keeps_direction_once_there_are_values(client, staff, authority):
    target = TargetFactory(authority=authority, code="KT09")
    save_actuals(
        user=staff,
        period=get_period(authority=authority, year=2023, kind=PeriodKind.YEAR),
        value_kind=ValueKind.OFFICIAL,
        entries=[ActualEntry(target=target, value=D("16728"))],
    )
    client.force_login(staff)
    url = reverse("targets:target_edit", args=[target.pk])
    page = client.get(url)
    assert page.context["form"].initial["plan_value"] == "15.930"
    refused = client.post(url, form_data(direction=Direction.LOWER_BETTER))
    assert refused.context["form"].errors["direction"] == [
        "Chỉ tiêu đã có số liệu; không đổi cách đánh giá được."
    ]
    accepted = client.post(url, form_data(plan_value="16.000"))
    assert accepted.status_code == 302
    target.refresh_from_db()
    assert (target.plan_value, target.direction) == (D("16000"), Direction.HIGHER_BETTER)


def test_catalogue_edit_of_another_authority_is_404(client, staff):
    foreign = TargetFactory()
    client.force_login(staff)
    assert client.get(reverse("targets:target_edit", args=[foreign.pk])).status_code == 404
