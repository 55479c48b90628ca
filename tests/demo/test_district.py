"""The demo authority in fixtures/demo.json: what `make run` loads and the README documents."""

import collections
import datetime
import unicodedata

import pytest
from django.contrib.auth import authenticate
from django.db.models import Count, F, Q
from django.test import RequestFactory

from demo.district import AUTHORITY_ACCOUNTS, DEMO_AUTHORITY_CODE, demo_plan
from demo.writers import DEMO_FIXTURE_PATH, DEMO_PASSWORD, fixture_json
from emulation.enums import AuthorityLevel, Role, UnitKind
from emulation.models import Authority, AuthorityIdentity, Employment, Person, Unit, User
from tests.demo.conftest import demo_for_the_module, load_demo, readme_accounts

LAST_DISTRICT_DAY = datetime.date(2025, 6, 30)
WARDS_OF_2023 = [
    "Phường Bến Nghé",
    "Phường Bến Thành",
    "Phường Cô Giang",
    "Phường Cầu Kho",
    "Phường Cầu Ông Lãnh",
    "Phường Đa Kao",
    "Phường Nguyễn Cư Trinh",
    "Phường Nguyễn Thái Bình",
    "Phường Phạm Ngũ Lão",
    "Phường Tân Định",
]
# The authority-wide accounts: username → (role, unit code).
AUTHORITY_WIDE = {
    "canbo.thidua": (Role.AUTHORITY_STAFF, "NV"),
    "hoidong": (Role.COUNCIL_MEMBER, "MTTQ"),
    "chutich": (Role.CHAIRPERSON, "VP"),
    "quantri": (Role.ADMINISTRATOR, "VP"),
}


def table_counts() -> dict[str, int]:
    return {
        "authorities": Authority.objects.count(),
        "identities": AuthorityIdentity.objects.count(),
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "employments": Employment.objects.count(),
        "users": User.objects.count(),
    }


demo_rows = demo_for_the_module()


@pytest.fixture
def demo(db, demo_rows):
    """The demo, loaded once for the module."""
    return Authority.objects.get(code=DEMO_AUTHORITY_CODE)


def test_demo_fixture_matches_its_generator():
    assert DEMO_FIXTURE_PATH.read_text(encoding="utf-8") == fixture_json()


def test_demo_fixture_loads_exact_counts_on_an_empty_database(demo):
    assert table_counts() == {
        "authorities": 1,
        "identities": 2,
        "units": 50,
        "people": 474,
        "employments": 515,
        "users": 82,
    }
    assert table_counts() == demo_plan().counts()


def test_demo_fixture_loaded_twice_keeps_counts(demo):
    before = table_counts()
    load_demo()
    assert table_counts() == before


def test_demo_authority_is_district_1_until_june_2025_then_phuong_sai_gon(demo):
    old = demo.identity_on(datetime.date(2024, 12, 31))
    new = demo.identity_on(datetime.date(2026, 1, 1))
    assert (old.name, old.level, old.issuer_name, old.place_name, old.valid_to) == (
        "Quận 1",
        AuthorityLevel.DISTRICT,
        "ỦY BAN NHÂN DÂN QUẬN 1",
        "Quận 1",
        LAST_DISTRICT_DAY,
    )
    assert old.superior_name == "THÀNH PHỐ HỒ CHÍ MINH"
    assert old.issuer_symbol == "UBND"
    assert old.address == "47 Lê Duẩn, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"
    assert (new.name, new.level, new.issuer_name, new.place_name, new.valid_from) == (
        "Phường Sài Gòn",
        AuthorityLevel.WARD,
        "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN",
        "Sài Gòn",
        datetime.date(2025, 7, 1),
    )
    assert demo.identity_on(LAST_DISTRICT_DAY).name == "Quận 1"


def test_demo_wards_of_2023_end_on_30_june_2025_with_their_successors(demo):
    wards = Unit.objects.filter(kind=UnitKind.WARD).select_related("merged_into")
    assert sorted(ward.name for ward in wards) == sorted(WARDS_OF_2023)
    assert {ward.valid_to for ward in wards} == {LAST_DISTRICT_DAY}
    merged = {ward.name: ward.merged_into.name for ward in wards if ward.merged_into}
    assert merged == {
        "Phường Cô Giang": "Phường Cầu Ông Lãnh",
        "Phường Cầu Kho": "Phường Cầu Ông Lãnh",
        "Phường Nguyễn Cư Trinh": "Phường Cầu Ông Lãnh",
        "Phường Đa Kao": "Phường Tân Định",
        "Phường Nguyễn Thái Bình": "Phường Bến Nghé",
        "Phường Phạm Ngũ Lão": "Phường Bến Thành",
    }
    assert Unit.objects.valid_on(datetime.date(2026, 1, 1)).filter(kind=UnitKind.WARD).count() == 0


def test_demo_units_have_kinds_codes_heads_and_six_people_or_more(demo):
    kinds = collections.Counter(Unit.objects.values_list("kind", flat=True))
    assert kinds == {
        UnitKind.WARD: 10,
        UnitKind.SPECIALIST_OFFICE: 12,
        UnitKind.PARTY_MASS: 6,
        UnitKind.SCHOOL: 12,
        UnitKind.HEALTH: 1,
        UnitKind.PUBLIC_SERVICE: 7,
        UnitKind.ENTERPRISE: 2,
    }
    assert Unit.objects.values("code").distinct().count() == 50
    assert Unit.objects.filter(head__isnull=True).count() == 0
    people_per_unit = Unit.objects.annotate(
        person_count=Count("employments__person", distinct=True)
    ).values_list("person_count", flat=True)
    assert min(people_per_unit) >= 6
    assert max(people_per_unit) <= 20
    # Every head works (or worked, for dissolved units) in the unit they head.
    assert Unit.objects.filter(employments__person=F("head")).distinct().count() == 50


def test_demo_units_active_in_2026_have_six_current_staff_or_more(demo):
    day = datetime.date(2026, 1, 1)
    current = Q(employments__start_date__lte=day) & (
        Q(employments__end_date__isnull=True) | Q(employments__end_date__gte=day)
    )
    staff = (
        Unit.objects.valid_on(day)
        .annotate(staff=Count("employments", filter=current))
        .values_list("staff", flat=True)
    )
    assert len(staff) == 39
    assert min(staff) >= 6


def test_demo_history_has_transfers_and_the_2025_mergers(demo):
    moved = (
        Person.objects.annotate(unit_count=Count("employments__unit", distinct=True))
        .filter(unit_count__gte=2)
        .count()
    )
    assert moved >= 30
    labour = Unit.objects.select_related("merged_into").get(code="LDTBXH")
    assert (labour.valid_to, labour.merged_into.code) == (datetime.date(2025, 2, 28), "NV")
    # Everyone still in the labour office on its last day continues in Phòng Nội vụ.
    last_day_staff = set(
        Employment.objects.filter(unit=labour, end_date=labour.valid_to).values_list(
            "person", flat=True
        )
    )
    continued = set(
        Employment.objects.filter(
            unit__code="NV", start_date=datetime.date(2025, 3, 1), person__in=last_day_staff
        ).values_list("person", flat=True)
    )
    assert continued == last_day_staff
    assert len(last_day_staff) >= 6
    # Two civil servants of each dissolved ward went to an office on 01/07/2025.
    assert Employment.objects.filter(start_date=datetime.date(2025, 7, 1)).count() == 20
    assert Employment.objects.filter(end_date__isnull=False).count() >= 100


def test_demo_people_have_invented_nfc_vietnamese_names(demo):
    names = list(Person.objects.values_list("full_name", flat=True))
    assert all(name == unicodedata.normalize("NFC", name) for name in names)
    assert len(set(names)) == len(names)
    families = collections.Counter(name.split()[0] for name in names)
    assert len(families) >= 20
    assert families.most_common(1)[0][0] == "Nguyễn"
    assert families["Nguyễn"] < len(names) / 2
    assert "Hoàng Thị Tố Nga" not in names
    genders = collections.Counter(Person.objects.values_list("gender", flat=True))
    assert min(genders.values()) >= len(names) // 4
    births = Person.objects.values_list("date_of_birth", flat=True)
    assert min(births).year >= 1958
    assert max(births).year <= 2001


def test_demo_has_a_head_and_a_clerk_for_every_unit_in_force(demo):
    in_force = Unit.objects.filter(valid_to__isnull=True)
    for role in (Role.UNIT_HEAD, Role.UNIT_CLERK):
        accounts = User.objects.filter(role=role)
        assert sorted(accounts.values_list("unit__code", flat=True)) == sorted(
            in_force.values_list("code", flat=True)
        ), role
    assert not User.objects.filter(unit__valid_to__isnull=False).exists()
    wide = {
        user.username: (user.role, user.unit.code)
        for user in User.objects.exclude(role__in=[Role.UNIT_HEAD, Role.UNIT_CLERK])
    }
    assert wide == AUTHORITY_WIDE
    assert [(name, role, unit) for name, role, unit, _post in AUTHORITY_ACCOUNTS] == [
        (name, role, unit) for name, (role, unit) in AUTHORITY_WIDE.items()
    ]
    assert User.objects.get(username="thutruong.gd").unit.code == "GDDT"
    assert User.objects.get(username="canbo.vhtt").unit.code == "VHTT"


def test_readme_table_lists_every_demo_account(demo):
    """The README's table: every account, with its role and unit as the product names them."""
    accounts = {
        user.username: (user.get_role_display(), user.unit.name)
        for user in User.objects.select_related("unit")
    }
    assert readme_accounts() == accounts


def test_demo_accounts_sign_in_with_the_documented_password(demo):
    """One password hash for every account: signing in with the published password works for
    each role, and the hash is the same for all 82 accounts (signing in rehashes it)."""
    assert User.objects.values("password").distinct().count() == 1
    request = RequestFactory().post("/dang-nhap/")
    signed_in = {}
    for username in AUTHORITY_WIDE:
        user = authenticate(request, username=username, password=DEMO_PASSWORD)
        signed_in[username] = (user.role, user.unit.code) if user else None
    assert signed_in == AUTHORITY_WIDE
    head = authenticate(request, username="thutruong.yt", password=DEMO_PASSWORD)
    assert (head.role, head.unit.code) == (Role.UNIT_HEAD, "YT")
    assert authenticate(request, username="quantri", password="sai-mat-khau") is None


def test_demo_accounts_belong_to_people_of_their_unit(demo):
    today = datetime.date(2026, 1, 1)
    for user in User.objects.select_related("person", "unit"):
        assert user.person is not None, user.username
        posts = Employment.objects.current_on(today).filter(person=user.person, unit=user.unit)
        assert posts.count() == 1, user.username
        assert f"{user.last_name} {user.first_name}" == user.person.full_name
    heads = User.objects.filter(role=Role.UNIT_HEAD).select_related("unit")
    assert all(user.unit.head_id == user.person_id for user in heads)
    clerks = User.objects.filter(role=Role.UNIT_CLERK).select_related("unit")
    assert not any(user.unit.head_id == user.person_id for user in clerks)
    chair = User.objects.get(username="chutich")
    assert Employment.objects.get(person=chair.person).position == "Chủ tịch Ủy ban nhân dân"
    member = User.objects.get(username="hoidong")
    assert Employment.objects.get(person=member.person, end_date=None).position == (
        "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc"
    )
    admin = User.objects.get(username="quantri")
    assert (admin.is_staff, admin.is_superuser) == (True, True)
    assert User.objects.filter(is_staff=True).count() == 1


def test_demo_schools_sit_under_the_education_office(demo):
    schools = Unit.objects.filter(kind=UnitKind.SCHOOL)
    assert set(schools.values_list("parent__code", flat=True)) == {"GDDT"}
    assert Unit.objects.get(code="VHTT").children.count() == 2


def test_demo_fixture_loads_twice_on_postgresql(require_postgres, db):
    load_demo()
    load_demo()
    assert table_counts() == demo_plan().counts()
    # The sequences continue after the fixed keys: a new unit does not collide.
    unit = Unit.objects.create(
        authority=Authority.objects.get(code=DEMO_AUTHORITY_CODE),
        code="MOI",
        name="Đơn vị mới",
        kind=UnitKind.OTHER,
    )
    assert unit.pk == 51
