"""What each unit still owes for a year (emulation.outstanding): pledge signatures, official
figures of its own targets, its title registration and (through the hook) awards' unfinished
dossiers; only thi đua staff and the administrator see it, for their own authority."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import NominationState
from emulation.enums import Role
from emulation.models.movements import Registration, RegistrationRound
from emulation.movements.enums import RegistrationState
from emulation.outstanding import outstanding
from emulation.targets.enums import PeriodKind, ValueKind
from emulation.targets.services import ActualEntry, get_period, save_actuals
from tests.awards.factories import NominationFactory
from tests.emulation.targets.factories import TargetFactory
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
YEAR = 2026
URL = reverse("emulation:outstanding")


@pytest.fixture
def owing(authority, unit, other_unit):
    """`unit` owes two figures and a registration; `other_unit` a dossier; a third unit
    nothing."""
    staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)
    UserFactory(role=Role.UNIT_HEAD, unit=unit)
    head = UserFactory(role=Role.UNIT_HEAD, unit=other_unit)
    done = UnitFactory(authority=authority, name="Phường Đã Xong")
    UserFactory(role=Role.UNIT_HEAD, unit=done)
    for code in ("A", "B"):
        TargetFactory(authority=authority, unit=unit, year=YEAR, code=code, plan_value=D("10"))
    entered = TargetFactory(authority=authority, unit=done, year=YEAR, code="C", plan_value=D(1))
    period = get_period(authority=authority, year=YEAR, kind=PeriodKind.YEAR)
    save_actuals(
        user=staff,
        period=period,
        value_kind=ValueKind.OFFICIAL,
        entries=[ActualEntry(target=entered, value=D("1"))],
    )
    round_ = RegistrationRound.objects.create(
        authority=authority, year=YEAR, deadline=datetime.date(YEAR, 3, 31)
    )
    for sent in (other_unit, done):
        Registration.objects.create(round=round_, unit=sent, state=RegistrationState.SUBMITTED)
    NominationFactory(unit=other_unit, created_by=head, year=YEAR, state=NominationState.RETURNED)
    return staff, done


def test_each_unit_is_listed_with_what_it_owes(owing, unit, other_unit):
    report = outstanding(authority_id=unit.authority_id, year=YEAR)
    keys = [column.key for column in report.columns]
    by_key = {row.unit: dict(zip(keys, row.cells, strict=True)) for row in report.rows}

    assert set(by_key) == {unit, other_unit}
    assert by_key[unit]["figures"][0] == 2
    assert by_key[unit]["registrations"][0] == 1
    assert by_key[other_unit]["dossiers"][0] == 1
    assert by_key[other_unit]["figures"] == (0, None)
    assert by_key[unit]["figures"][1] == reverse(
        "targets:grid", args=[unit.pk, YEAR, "year", "official"]
    )


def test_the_page_shows_the_counts_with_links_to_staff(client, owing, unit):
    staff, done = owing
    client.force_login(staff)
    page = client.get(URL, {"nam": YEAR}).content.decode()
    assert unit.name in page
    assert done.name not in page
    assert reverse("targets:grid", args=[unit.pk, YEAR, "year", "official"]) in page
    assert "đơn vị còn thiếu" in page


def test_a_cell_with_nothing_owed_is_read_out_as_such(client, owing, other_unit):
    """The dash is hidden from screen readers, which read "không thiếu" instead (an
    aria-label on a span without a role is ignored by them)."""
    staff, _ = owing
    client.force_login(staff)
    page = client.get(URL, {"nam": YEAR}).content.decode()
    row = page[page.index(other_unit.name) : page.index("</tr>", page.index(other_unit.name))]
    nothing = '<span aria-hidden="true">—</span><span class="visually-hidden">không thiếu</span>'
    assert row.count(nothing) == 3  # signatures, figures, registration: only a dossier owed
    assert "aria-label" not in row


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.AUTHORITY_STAFF, 200),
        (Role.ADMINISTRATOR, 200),
        (Role.CHAIRPERSON, 403),
        (Role.COUNCIL_MEMBER, 403),
        (Role.UNIT_HEAD, 403),
        (Role.UNIT_CLERK, 403),
    ],
)
def test_only_staff_and_the_administrator_open_it(client, unit, role, status):
    client.force_login(UserFactory(role=role, unit=unit))
    assert client.get(URL).status_code == status


def test_another_authority_is_never_shown(client, owing, other_authority):
    stranger = UserFactory(role=Role.AUTHORITY_STAFF, unit=UnitFactory(authority=other_authority))
    client.force_login(stranger)
    page = client.get(URL, {"nam": YEAR})
    assert page.context["report"].rows == []


def test_a_bad_year_falls_back_to_this_year(client, owing):
    staff, _done = owing
    client.force_login(staff)
    page = client.get(URL, {"nam": "99999999999999999999"})
    assert page.status_code == 200
    assert page.context["year"] == timezone.localdate().year


def test_staff_reach_it_from_their_home(client, owing):
    staff, _done = owing
    client.force_login(staff)
    assert f'href="{URL}"' in client.get("/").content.decode()
