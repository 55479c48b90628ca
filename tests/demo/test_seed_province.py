"""manage.py seed_demo --province: a province with its communes, wards and departments, at a
small size here (the full size runs in tests/bench/bench_load_province.py)."""

import io
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from awards.enums import NominationState
from awards.models import Nomination, NominationEvent, NominationLine, PersonYear, TitleHeld
from demo.writers import DEMO_PASSWORD
from emulation.enums import AuthorityLevel, Role
from emulation.models import Authority, Employment, Person, Target, Unit, User

YEAR = 2026
SMALL = (
    "--province", "--communes", "3", "--departments", "1", "--units-per-authority", "4",
    "--people-per-unit", "12", "--years", "4", "--nomination-lines", "125",
    "--heads-per-authority", "2", "--year", str(YEAR),
)  # fmt: skip


def seed(*args: str) -> dict[str, str]:
    out = io.StringIO()
    call_command("seed_demo", *SMALL, *args, stdout=out)
    return dict(line.split(": ", 1) for line in out.getvalue().splitlines())


def snapshot(code: str) -> dict[str, list]:
    """What the province `code` holds, with the code taken out of every name: two provinces
    seeded alike under two codes give the same snapshot."""

    def strip(value):
        return value.replace(code, "<code>") if isinstance(value, str) else value

    def rows(queryset, *fields):
        found = [tuple(strip(value) for value in row) for row in queryset.values_list(*fields)]
        return sorted(found, key=repr)

    mine = {"authority__code__startswith": code}
    return {
        "authorities": rows(Authority.objects.filter(code__startswith=code), "code"),
        "units": rows(
            Unit.objects.filter(**mine), "authority__code", "code", "name", "kind",
            "head__staff_code", "represents__code", "valid_from",
        ),
        "people": rows(
            Person.objects.filter(**mine), "authority__code", "staff_code", "full_name",
            "gender", "date_of_birth",
        ),
        "employments": rows(
            Employment.objects.filter(unit__authority__code__startswith=code),
            "person__authority__code", "person__staff_code", "unit__code", "position",
            "start_date",
        ),
        "users": rows(
            User.objects.filter(unit__authority__code__startswith=code),
            "username", "role", "unit__code", "person__staff_code",
        ),
        "titles": rows(
            TitleHeld.objects.filter(person__authority__code__startswith=code),
            "person__authority__code", "person__staff_code", "award__code", "year",
            "decision_reference", "issuer_level",
        ),
        "lines": rows(
            NominationLine.objects.filter(nomination__authority__code__startswith=code),
            "nomination__authority__code", "nomination__unit__code", "nomination__state",
            "award__code", "person__staff_code", "subject_unit__code",
        ),
        "targets": rows(
            Target.objects.filter(**mine), "authority__code", "unit__code", "code", "plan_value"
        ),
    }  # fmt: skip


@pytest.mark.django_db
def test_seed_province_prints_exact_counts_and_writes_them():
    printed = seed("--authority-code", "tinh")
    seconds = printed.pop("seconds")
    assert float(seconds) >= 0
    # 1 province + 3 communes + 1 department; 2 units of the province, 4 of each other
    # authority, 4 of the province standing for the others; 12 people in each staffed unit;
    # 25 nominees in each authority, in nominations of at most 10.
    assert printed == {
        "authorities": "5",
        "units": "22",
        "people": "216",
        "employments": "216",
        "users": "25",
        "titles_held": str(TitleHeld.objects.count()),
        "person_years": str(PersonYear.objects.count()),
        "unit_years": "54",
        "nominations": "16",
        "nomination_lines": "125",
        "targets": "81",
        "actuals": "81",
    }
    assert Authority.objects.count() == 5
    assert Unit.objects.count() == 22
    assert Person.objects.count() == Employment.objects.count() == 216
    assert User.objects.count() == 25
    assert NominationLine.objects.count() == 125
    # Three rated years (2023–2025) of everyone employed in them; 18 units × 3 years.
    assert set(PersonYear.objects.values_list("year", flat=True)) == {2023, 2024, 2025}
    assert set(TitleHeld.objects.values_list("year", flat=True)) == {2022, 2023, 2024, 2025}


@pytest.mark.django_db
def test_seed_province_links_every_commune_and_department_to_the_province():
    seed("--authority-code", "tinh")
    province = Authority.objects.get(code="tinh")
    subordinates = Authority.objects.exclude(pk=province.pk).order_by("code")
    day = province.created_at.date().replace(year=YEAR, month=6, day=1)
    assert [a.code for a in subordinates] == ["tinh-so-01", "tinh-xa-001", "tinh-xa-002",
                                              "tinh-xa-003"]  # fmt: skip
    assert all(a.superior_on(day) == province for a in subordinates)
    assert province.superior_on(day) is None
    levels = {a.code: a.identity_on(day).level for a in subordinates}
    assert levels == {
        "tinh-so-01": AuthorityLevel.DEPARTMENT,
        "tinh-xa-001": AuthorityLevel.COMMUNE,
        "tinh-xa-002": AuthorityLevel.COMMUNE,
        "tinh-xa-003": AuthorityLevel.COMMUNE,
    }
    assert province.identity_on(day).level == AuthorityLevel.PROVINCE
    representing = Unit.objects.filter(authority=province, represents__isnull=False)
    assert sorted(representing.values_list("code", "represents__code")) == [
        ("CQ001", "tinh-xa-001"),
        ("CQ002", "tinh-xa-002"),
        ("CQ003", "tinh-xa-003"),
        ("CQ004", "tinh-so-01"),
    ]
    # Every staffed unit has its head among its own staff.
    for unit in Unit.objects.filter(represents__isnull=True):
        staff = set(Employment.objects.filter(unit=unit).values_list("person", flat=True))
        assert len(staff) == 12
        assert unit.head_id in staff
        assert unit.head.authority_id == unit.authority_id


@pytest.mark.django_db
def test_seed_province_accounts_sign_in_with_the_demo_password_in_their_authority():
    seed("--authority-code", "tinh")
    roles = Counter(User.objects.values_list("role", flat=True))
    assert roles == {
        Role.AUTHORITY_STAFF: 5,
        Role.CHAIRPERSON: 5,
        Role.COUNCIL_MEMBER: 5,
        Role.UNIT_HEAD: 10,
    }
    assert not User.objects.filter(is_superuser=True).exists()
    assert not User.objects.filter(is_staff=True).exists()
    head = User.objects.get(username="tinh-xa-002.thutruong.dv002")
    assert head.role == Role.UNIT_HEAD
    assert head.unit.authority.code == "tinh-xa-002"
    assert head.unit.head_id == head.person_id
    request = RequestFactory().post("/")
    assert authenticate(request, username="tinh.canbo", password=DEMO_PASSWORD).unit.code == "DV001"
    assert authenticate(request, username="tinh-so-01.hoidong", password=DEMO_PASSWORD) is not None
    assert authenticate(request, username="tinh.canbo", password="sai") is None


@pytest.mark.django_db
def test_seed_province_nominations_are_in_varied_states_with_their_history():
    seed("--authority-code", "tinh")
    states = Counter(Nomination.objects.values_list("state", flat=True))
    # Each authority's nominations take the states in turn, the first on its way.
    assert states == {
        NominationState.SUBMITTED: 5,
        NominationState.DRAFT: 5,
        NominationState.APPRAISED: 5,
        NominationState.PUBLIC_NOTICE: 1,
    }
    assert set(states) <= {
        NominationState.DRAFT, NominationState.SUBMITTED, NominationState.RETURNED,
        NominationState.APPRAISED, NominationState.PUBLIC_NOTICE, NominationState.WITHDRAWN,
    }  # fmt: skip
    for nomination in Nomination.objects.all():
        events = list(nomination.events.order_by("pk").values_list("from_state", "to_state"))
        assert (events[-1][1] if events else NominationState.DRAFT) == nomination.state
        assert nomination.version == len(events)
        assert nomination.unit.authority_id == nomination.authority_id
        for line in nomination.lines.all():
            subject_authority = (line.person or line.subject_unit).authority_id
            assert subject_authority == nomination.authority_id
    assert NominationEvent.objects.count() == 5 * 1 + 5 * 2 + 1 * 3
    assert Nomination.objects.filter(year=YEAR).count() == 16
    # Nobody is named twice: each unit names its people once, and itself in its first.
    subjects = NominationLine.objects.values_list("person", "subject_unit", "award")
    assert len(set(subjects)) == 125


@pytest.mark.django_db
def test_seed_province_same_seed_gives_the_same_province_under_two_codes():
    seed("--authority-code", "tinh-a", "--seed", "7")
    seed("--authority-code", "tinh-b", "--seed", "7")
    first, second = snapshot("tinh-a"), snapshot("tinh-b")
    assert first == second
    assert len(first["people"]) == 216
    assert len(first["titles"]) > 100


@pytest.mark.django_db
def test_seed_province_other_seed_gives_other_people_and_history():
    seed("--authority-code", "tinh-a", "--seed", "7")
    seed("--authority-code", "tinh-b", "--seed", "8")
    first, second = snapshot("tinh-a"), snapshot("tinh-b")
    assert first["authorities"] == second["authorities"]
    assert first["people"] != second["people"]
    assert first["titles"] != second["titles"]


@pytest.mark.django_db
def test_seed_province_refuses_an_existing_code_and_writes_nothing():
    seed("--authority-code", "tinh")
    before = (Authority.objects.count(), Person.objects.count(), TitleHeld.objects.count())
    with pytest.raises(CommandError) as refused:
        seed("--authority-code", "tinh")
    assert str(refused.value) == "Đã có cơ quan mã tinh. Chọn mã khác."
    after = (Authority.objects.count(), Person.objects.count(), TitleHeld.objects.count())
    assert after == before


@pytest.mark.django_db
def test_seed_province_refuses_replace():
    with pytest.raises(CommandError) as refused:
        seed("--replace")
    assert str(refused.value) == "Không dùng --replace với --province: hãy dùng cơ sở dữ liệu mới."
    assert Authority.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("option", "least"),
    [("--communes", 1), ("--units-per-authority", 1), ("--years", 1), ("--departments", 0),
     ("--nomination-lines", 0)],
)  # fmt: skip
def test_seed_province_refuses_a_count_below_its_least(option, least):
    with pytest.raises(CommandError) as refused:
        seed(option, str(least - 1))
    assert str(refused.value) == f"{option} phải từ {least} trở lên."
    assert Authority.objects.count() == 0


@pytest.mark.django_db
def test_seed_province_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError) as refused:
        seed()
    assert str(refused.value) == (
        "Không sinh dữ liệu thử trên hệ thống thật (DJANGO_ENV=production)."
    )
    assert Authority.objects.count() == 0
