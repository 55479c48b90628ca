"""Who may open which page: anonymous visitors, a signed-in user without a role, and each of the
six roles, against their own unit, another unit of the same authority, and a unit of another
authority. Anonymous → 302 to sign-in; missing permission → 403; outside the scope → 404; on 200
the page shows the object's name and never a name from outside the user's scope."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from documents.models import Job
from emulation.enums import AUTHORITY_WIDE_ROLES, Role
from emulation.models import Person
from tests.factories import EmploymentFactory, PersonFactory, UnitFactory, UserFactory

OWN_UNIT = "Phường Bến Nghé"
OTHER_UNIT = "Phường Đa Kao"
FOREIGN_UNIT = "Phường Cầu Kho"
OWN_PERSON = "Trần Minh Quân"
OTHER_PERSON = "Phạm Thu Hà"
FOREIGN_PERSON = "Đỗ Quốc Bảo"

ROLES = list(Role)
SCOPES = ["own", "other", "foreign"]


@pytest.fixture
def world(authority, other_authority):
    own = UnitFactory(authority=authority, code="BN", name=OWN_UNIT)
    other = UnitFactory(authority=authority, code="DK", name=OTHER_UNIT)
    foreign = UnitFactory(authority=other_authority, code="CK", name=FOREIGN_UNIT)
    people = {}
    for scope, unit, name in (
        ("own", own, OWN_PERSON),
        ("other", other, OTHER_PERSON),
        ("foreign", foreign, FOREIGN_PERSON),
    ):
        person = PersonFactory(authority=unit.authority, full_name=name)
        EmploymentFactory(person=person, unit=unit)
        people[scope] = person
    return {"units": {"own": own, "other": other, "foreign": foreign}, "people": people}


def _sees(role: Role, scope: str) -> bool:
    return scope == "own" or (scope == "other" and role in AUTHORITY_WIDE_ROLES)


def _page_urls(world) -> list[str]:
    units, people = world["units"], world["people"]
    urls = [reverse("emulation:home"), reverse("emulation:unit_list")]
    urls += [reverse("emulation:unit_detail", args=[units[s].pk]) for s in SCOPES]
    urls += [reverse("emulation:person_detail", args=[people[s].pk]) for s in SCOPES]
    return urls


@pytest.mark.django_db
def test_every_page_sends_anonymous_visitors_to_sign_in(client, world):
    for url in _page_urls(world):
        response = client.get(url)
        assert (url, response.status_code, response["Location"]) == (
            url,
            302,
            f"/dang-nhap/?next={quote(url)}",
        )


@pytest.mark.django_db
def test_print_sends_anonymous_visitors_to_sign_in_and_creates_nothing(client, world):
    response = client.post(reverse("emulation:unit_directory_print"))
    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/?next=/don-vi/in/"
    assert Job.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_home_answers_every_role(client, world, role):
    client.force_login(UserFactory(role=role, unit=world["units"]["own"]))
    response = client.get(reverse("emulation:home"))
    assert response.status_code == 200
    assert f"<dd>{OWN_UNIT}</dd>" in response.text
    assert OTHER_UNIT not in response.text
    assert FOREIGN_UNIT not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_unit_list_shows_exactly_the_units_in_scope(client, world, role):
    client.force_login(UserFactory(role=role, unit=world["units"]["own"]))
    response = client.get(reverse("emulation:unit_list"))
    assert response.status_code == 200
    shown = {name: name in response.text for name in (OWN_UNIT, OTHER_UNIT, FOREIGN_UNIT)}
    assert shown == {
        OWN_UNIT: True,
        OTHER_UNIT: role in AUTHORITY_WIDE_ROLES,
        FOREIGN_UNIT: False,
    }


DETAIL_PAGES = {
    "unit": ("emulation:unit_detail", "units"),
    "person": ("emulation:person_detail", "people"),
}


def _name(obj) -> str:
    return obj.full_name if isinstance(obj, Person) else obj.name


@pytest.mark.django_db
@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", DETAIL_PAGES)
def test_detail_page_by_role_and_scope(client, world, page, role, scope):
    """A unit's page lists its staff; a person's page lists their units: both names show."""
    url_name, objects = DETAIL_PAGES[page]
    client.force_login(UserFactory(role=role, unit=world["units"]["own"]))
    shown = world[objects][scope]
    response = client.get(reverse(url_name, args=[shown.pk]))
    if not _sees(role, scope):
        assert response.status_code == 404
        assert _name(shown) not in response.text
        return
    assert response.status_code == 200
    assert f"<h1>{_name(shown)}</h1>" in response.text
    assert world["units"][scope].name in response.text
    assert world["people"][scope].full_name in response.text
    assert FOREIGN_UNIT not in response.text
    assert FOREIGN_PERSON not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_print_queues_one_job_for_every_role(client, world, role):
    user = UserFactory(role=role, unit=world["units"]["own"])
    client.force_login(user)
    response = client.post(reverse("emulation:unit_directory_print"), {"day": "05/02/2026"})
    job = Job.objects.get()
    assert (job.requested_by, job.kind, job.params) == (
        user,
        "unit_directory",
        {"day": "2026-02-05"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:job_detail", args=[job.pk])


@pytest.mark.django_db
def test_user_without_role_is_forbidden_every_unit_page(client, world):
    client.force_login(UserFactory(role="", unit=world["units"]["own"]))
    urls = _page_urls(world)[1:]  # the home page welcomes them and says whom to ask
    statuses = {url: client.get(url).status_code for url in urls}
    assert statuses == dict.fromkeys(urls, 403)
    response = client.post(reverse("emulation:unit_directory_print"))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.text
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_user_without_role_sees_home_without_cards(client, world):
    client.force_login(UserFactory(role="", unit=world["units"]["own"]))
    response = client.get(reverse("emulation:home"))
    assert response.status_code == 200
    assert 'class="card"' not in response.text
    assert "chưa được gán vai trò" in response.text


@pytest.mark.django_db
def test_unit_head_sees_a_unit_below_their_own(client, world):
    child = UnitFactory(
        authority=world["units"]["own"].authority,
        parent=world["units"]["own"],
        name="Khu phố 3 Bến Nghé",
    )
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=world["units"]["own"]))
    response = client.get(reverse("emulation:unit_detail", args=[child.pk]))
    assert response.status_code == 200
    assert "<h1>Khu phố 3 Bến Nghé</h1>" in response.text
