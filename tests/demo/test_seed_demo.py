"""manage.py seed_demo: large synthetic authorities for benchmarks."""

import datetime
import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Q
from django.test import RequestFactory

from demo.bench import bench_plan
from demo.writers import DEMO_PASSWORD
from emulation.enums import Role, UnitKind
from emulation.models import Actual, Authority, Employment, Person, Target, Unit, User

TODAY = datetime.date(2026, 1, 1)


def seed(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue().splitlines()


def people_of(code: str) -> list[tuple]:
    return list(
        Person.objects.filter(authority__code=code)
        .order_by("staff_code")
        .values_list("staff_code", "full_name", "gender", "date_of_birth")
    )


def units_of(code: str) -> list[tuple]:
    return list(
        Unit.objects.filter(authority__code=code)
        .order_by("code")
        .values_list("code", "name", "kind", "parent__code", "head__staff_code")
    )


def employments_of(code: str) -> list[tuple]:
    return list(
        Employment.objects.filter(unit__authority__code=code)
        .order_by("person__staff_code", "start_date")
        .values_list("person__staff_code", "unit__code", "position", "start_date", "end_date")
    )


@pytest.mark.django_db
def test_seed_demo_prints_exact_counts_and_writes_them():
    plan = bench_plan(code="bench", units=12, people_per_unit=7, seed=42)
    employments = len(plan.employments)
    lines = seed("--units", "12", "--people-per-unit", "7", "--seed", "42")
    assert lines[:-1] == [
        "authorities: 1",
        "identities: 1",
        "units: 12",
        "people: 84",
        f"employments: {employments}",
        "users: 6",
    ]
    assert lines[-1].startswith("seconds: ")
    assert employments > 84
    authority = Authority.objects.get(code="bench")
    assert authority.identities.count() == 1
    assert Unit.objects.filter(authority=authority).count() == 12
    assert Person.objects.filter(authority=authority).count() == 84
    assert Employment.objects.filter(unit__authority=authority).count() == employments
    assert User.objects.filter(unit__authority=authority).count() == 6


@pytest.mark.django_db
def test_seed_demo_prints_nothing_at_verbosity_zero():
    assert seed("--units", "2", "--people-per-unit", "2", "--verbosity", "0") == []
    assert Person.objects.count() == 4


@pytest.mark.django_db
def test_seed_demo_gives_every_unit_exactly_its_current_staff_and_a_head():
    seed("--units", "20", "--people-per-unit", "5", "--authority-code", "tai")
    current = Q(employments__start_date__lte=TODAY) & (
        Q(employments__end_date__isnull=True) | Q(employments__end_date__gte=TODAY)
    )
    staff = (
        Unit.objects.filter(authority__code="tai")
        .annotate(staff=Count("employments", filter=current))
        .values_list("staff", flat=True)
    )
    assert sorted(set(staff)) == [5]
    units = Unit.objects.filter(authority__code="tai")
    assert units.filter(head__isnull=True).count() == 0
    assert units.filter(employments__person=F("head")).distinct().count() == 20
    kinds = dict(units.values_list("kind").annotate(n=Count("pk")))
    assert kinds == {
        UnitKind.WARD: 4,
        UnitKind.SCHOOL: 6,
        UnitKind.SPECIALIST_OFFICE: 2,
        UnitKind.PUBLIC_SERVICE: 2,
        UnitKind.PARTY_MASS: 2,
        UnitKind.HEALTH: 2,
        UnitKind.ENTERPRISE: 2,
    }
    assert set(units.filter(kind=UnitKind.SCHOOL).values_list("parent__code", flat=True)) == {
        "DV0003"
    }


@pytest.mark.django_db
def test_seed_demo_same_seed_gives_the_same_authority_under_two_codes():
    seed("--units", "15", "--people-per-unit", "6", "--seed", "7", "--authority-code", "a")
    seed("--units", "15", "--people-per-unit", "6", "--seed", "7", "--authority-code", "b")
    assert len(people_of("a")) == 90
    assert people_of("a") == people_of("b")
    assert units_of("a") == units_of("b")
    assert employments_of("a") == employments_of("b")


@pytest.mark.django_db
def test_seed_demo_other_seed_gives_other_people():
    seed("--units", "15", "--people-per-unit", "6", "--seed", "7", "--authority-code", "a")
    seed("--units", "15", "--people-per-unit", "6", "--seed", "8", "--authority-code", "b")
    names_a = [name for _code, name, _gender, _born in people_of("a")]
    names_b = [name for _code, name, _gender, _born in people_of("b")]
    assert len(names_a) == len(names_b) == 90
    assert names_a != names_b
    assert [code for code, *_rest in units_of("a")] == [code for code, *_rest in units_of("b")]


@pytest.mark.django_db
def test_seed_demo_refuses_an_existing_authority_code():
    seed("--units", "3", "--people-per-unit", "2", "--authority-code", "bench")
    with pytest.raises(CommandError) as refused:
        seed("--units", "3", "--people-per-unit", "2", "--authority-code", "bench")
    assert str(refused.value) == (
        "Đã có cơ quan mã bench. Chọn mã khác hoặc thêm --replace để tạo lại."
    )
    assert Unit.objects.filter(authority__code="bench").count() == 3


@pytest.mark.django_db
def test_seed_demo_replace_recreates_the_authority_without_duplicates():
    seed("--units", "4", "--people-per-unit", "3", "--authority-code", "bench")
    first = Authority.objects.get(code="bench").pk
    lines = seed("--units", "6", "--people-per-unit", "3", "--authority-code", "bench", "--replace")
    assert lines[2:4] == ["units: 6", "people: 18"]
    assert Authority.objects.filter(code="bench").exclude(pk=first).count() == 1
    assert Authority.objects.count() == 1
    assert Unit.objects.count() == 6
    assert Person.objects.count() == 18
    assert User.objects.count() == 6


@pytest.mark.django_db
def test_seed_demo_replace_leaves_other_authorities_alone():
    seed("--units", "3", "--people-per-unit", "2", "--authority-code", "khac")
    seed("--units", "3", "--people-per-unit", "2", "--authority-code", "bench")
    seed("--units", "3", "--people-per-unit", "2", "--authority-code", "bench", "--replace")
    assert Unit.objects.filter(authority__code="khac").count() == 3
    assert Person.objects.filter(authority__code="khac").count() == 6
    assert User.objects.filter(username__startswith="khac.").count() == 6


@pytest.mark.django_db
def test_seed_demo_accounts_have_roles_units_and_the_demo_password():
    seed("--units", "5", "--people-per-unit", "4", "--authority-code", "bench")
    accounts = {
        user.username: (user.role, user.unit.code, user.is_superuser)
        for user in User.objects.select_related("unit")
    }
    assert accounts == {
        "bench.canbo": (Role.AUTHORITY_STAFF, "DV0001", False),
        "bench.thutruong": (Role.UNIT_HEAD, "DV0003", False),
        "bench.canbodonvi": (Role.UNIT_CLERK, "DV0003", False),
        "bench.hoidong": (Role.COUNCIL_MEMBER, "DV0001", False),
        "bench.chutich": (Role.CHAIRPERSON, "DV0001", False),
        "bench.quantri": (Role.ADMINISTRATOR, "DV0001", True),
    }
    head = User.objects.select_related("unit").get(username="bench.thutruong")
    assert head.person_id == head.unit.head_id
    user = authenticate(
        RequestFactory().post("/dang-nhap/"), username="bench.canbo", password=DEMO_PASSWORD
    )
    assert user.username == "bench.canbo"


@pytest.mark.django_db
@pytest.mark.parametrize("option", ["--units", "--people-per-unit"])
def test_seed_demo_refuses_a_count_below_one(option):
    with pytest.raises(CommandError) as refused:
        seed(option, "0")
    assert str(refused.value) == f"{option} phải từ 1 trở lên."
    assert Authority.objects.count() == 0


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError) as refused:
        seed("--units", "2", "--people-per-unit", "2")
    assert str(refused.value) == (
        "Không sinh dữ liệu thử trên hệ thống thật (DJANGO_ENV=production)."
    )
    assert Authority.objects.count() == 0


@pytest.mark.django_db
def test_settle_demo_dates_without_the_demo_is_refused():
    with pytest.raises(CommandError, match="Chưa có cơ quan mẫu"):
        call_command("settle_demo_dates")


def planner_rows(table: str) -> float:
    """How many rows PostgreSQL's planner believes `table` holds (-1: never analysed)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_seeds_leave_the_planner_the_sizes_of_what_they_wrote(require_postgres):
    """The benches measure right after a seed, before autovacuum comes by: the tables must
    be analysed, or the planner joins the year's figures row by row (7 s for the targets'
    part of the year-end report instead of 0.1 s)."""
    seed("--units", "12", "--people-per-unit", "7", "--seed", "42", "--verbosity", "0")
    call_command(
        "seed_targets",
        authority_code="bench",
        targets=5,
        periods=2,
        year=2025,
        stdout=io.StringIO(),
    )
    assert planner_rows("emulation_person") == Person.objects.count()
    assert planner_rows("emulation_unit") == Unit.objects.count()
    assert planner_rows("emulation_target") == Target.objects.count() > 0
    assert planner_rows("emulation_actual") == Actual.objects.count() > 0
