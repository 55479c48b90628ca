"""Every page of the targets feature against every role: a declared policy per URL name, and a
test that fails when a URL of the feature has no row here (RELIABILITY S4)."""

from decimal import Decimal as D

import pytest
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse

from emulation.enums import Role
from emulation.targets.enums import PeriodKind, ValueKind
from emulation.targets.services import ActualEntry, get_period, save_actuals
from tests.emulation.targets.factories import TargetFactory

ALL = frozenset(Role)
STAFF = frozenset({Role.AUTHORITY_STAFF, Role.ADMINISTRATOR})
WIDE = frozenset({Role.AUTHORITY_STAFF, Role.ADMINISTRATOR, Role.COUNCIL_MEMBER, Role.CHAIRPERSON})
ENTRY = STAFF | {Role.UNIT_HEAD, Role.UNIT_CLERK}
UNIT_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_CLERK})


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def objects(media_root, authority, unit, other_unit, make_user):
    own = TargetFactory(authority=authority, unit=unit, code="KN")
    other = TargetFactory(authority=authority, unit=other_unit, code="KN")
    writer = make_user(Role.AUTHORITY_STAFF, unit)
    period = get_period(authority=authority, year=2023, kind=PeriodKind.YEAR)
    save_actuals(
        user=writer,
        period=period,
        value_kind=ValueKind.OFFICIAL,
        entries=[ActualEntry(target=own, value=D("1")), ActualEntry(target=other, value=D("2"))],
    )
    own_actual, other_actual = own.actuals.get(), other.actuals.get()
    for actual in (own_actual, other_actual):
        actual.evidence.save("bien-ban.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {
        "unit": unit,
        "other_unit": other_unit,
        "own": own,
        "other": other,
        "own_actual": own_actual,
        "other_actual": other_actual,
    }


# URL name → (method, args from the objects, roles allowed on their own data,
#              whether a unit role gets 404 for the other unit's object)
POLICY = {
    "dashboard": ("get", lambda o: [], ALL),
    "grid": ("get", lambda o: [o["unit"].pk, 2023, "year", "official"], ALL),
    "grid_authority": ("get", lambda o: [2023, "year", "official"], WIDE),
    "history": ("get", lambda o: [o["own"].pk], ALL),
    "evidence": ("get", lambda o: [o["own_actual"].pk], ALL),
    "periods": ("get", lambda o: [2023], STAFF),
    "close_period": ("post", lambda o: [2023, "q1"], STAFF),
    "reopen_period": ("post", lambda o: [2023, "q1"], STAFF),
    "copy_year": ("post", lambda o: [], STAFF),
    "catalogue": ("get", lambda o: [], STAFF),
    "target_create": ("get", lambda o: [], STAFF),
    "target_edit": ("get", lambda o: [o["own"].pk], STAFF),
    "export": ("get", lambda o: [], ALL),
    "import": ("get", lambda o: [], ENTRY),
    "import_confirm": ("post", lambda o: [], ENTRY),
}
# The same pages for the other unit's object: a unit role must get 404.
OTHER_UNIT = {
    "grid": lambda o: [o["other_unit"].pk, 2023, "year", "official"],
    "history": lambda o: [o["other"].pk],
    "evidence": lambda o: [o["other_actual"].pk],
}


def test_every_targets_url_has_a_policy():
    namespace = get_resolver().namespace_dict["targets"][1]
    names = {n for n in namespace.reverse_dict if isinstance(n, str)}
    assert names == set(POLICY)


def expected_status(name: str, role: Role, method: str) -> int:
    if role not in POLICY[name][2]:
        return 403
    if name == "import_confirm":
        return 404  # allowed, but no previewed file bears the missing id
    return 302 if method == "post" else 200


@pytest.mark.parametrize("name", sorted(POLICY))
@pytest.mark.parametrize("role", sorted(Role))
def test_targets_page_by_role(client, make_user, unit, objects, name, role):
    method, args, _allowed = POLICY[name]
    client.force_login(make_user(role, unit))
    url = reverse(f"targets:{name}", args=args(objects))
    response = client.post(url, {}) if method == "post" else client.get(url)
    assert response.status_code == expected_status(name, role, method)


@pytest.mark.parametrize("name", sorted(OTHER_UNIT))
@pytest.mark.parametrize("role", sorted(Role))
def test_targets_other_units_object_by_role(client, make_user, unit, objects, name, role):
    client.force_login(make_user(role, unit))
    response = client.get(reverse(f"targets:{name}", args=OTHER_UNIT[name](objects)))
    assert response.status_code == (404 if role in UNIT_ROLES else 200)


@pytest.mark.parametrize("name", sorted(POLICY))
def test_targets_page_anonymous_redirects_to_login(client, objects, name):
    method, args, _allowed = POLICY[name]
    url = reverse(f"targets:{name}", args=args(objects))
    response = client.post(url, {}) if method == "post" else client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
