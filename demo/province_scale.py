"""A province at real size for benchmarks (`manage.py seed_demo --province`).

One province authority above its communes and wards (xã, phường) and its departments (sở,
ban, ngành), each linked as the product links them: a unit of the province that `represents`
the subordinate authority (`Authority.superior_on`). Every subordinate authority has its
units, staff, ten years of awards (`TitleHeld`), the last years' ratings, targets, accounts
and this year's nominations in every state of their way (demo.province_history).

The same seed gives the same province: names, dates, codes and choices come from one
`random.Random` per authority, seeded from the seed and the authority's number, never from
the authority code, the clock or the database's keys.
"""

import dataclasses
import datetime
import random

from demo.plans import (
    AuthorityPlan,
    IdentitySpec,
    NameBook,
    UnitSpec,
    split_full_name,
    staff_unit,
)
from demo.rows import RowWriter, reserve_ids
from emulation.enums import AuthorityLevel, Role, UnitKind
from emulation.models import Authority, AuthorityIdentity, Employment, Person, Unit, User

# The two-level local government since 01/07/2025: the province's units standing for its
# communes and departments are in force from that day.
TWO_LEVELS_SINCE = datetime.date(2025, 7, 1)
JOINED = datetime.datetime(2025, 7, 1, 8, 0, tzinfo=datetime.UTC)
PROVINCE_NAME = "Tỉnh Thử Tải"
# Every fourth commune is a ward (phường), as in a province with a few towns.
WARD_EVERY = 4
_DEPARTMENTS = (
    "Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch", "Sở Tư pháp",
    "Sở Khoa học và Công nghệ", "Sở Dân tộc và Tôn giáo", "Thanh tra tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh", "Ban Quản lý các khu công nghiệp", "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh", "Tỉnh đoàn", "Hội Nông dân tỉnh",
    "Hội Liên hiệp Phụ nữ tỉnh", "Hội Cựu chiến binh tỉnh", "Liên đoàn Lao động tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh", "Báo tỉnh", "Trường Cao đẳng Kỹ thuật",
    "Bảo hiểm xã hội tỉnh", "Kho bạc Nhà nước tỉnh", "Cục Thuế tỉnh", "Ngân hàng Chính sách xã hội",
    "Ban Quản lý dự án đầu tư xây dựng tỉnh",
)  # fmt: skip
_PLACES = (
    "An", "Bình", "Phú", "Tân", "Long", "Hòa", "Thạnh", "Phước", "Mỹ", "Vĩnh", "Thuận", "Đông",
    "Tây", "Nam", "Bắc", "Trung", "Hưng", "Thái", "Khánh", "Hiệp", "Lộc", "Lợi", "Điền", "Sơn",
)  # fmt: skip
# The units of a commune and of a department, in a fixed cycle: (kind, name of the n-th).
_COMMUNE_UNITS = (
    (UnitKind.SPECIALIST_OFFICE, "Văn phòng HĐND và UBND"),
    (UnitKind.SPECIALIST_OFFICE, "Phòng Kinh tế"),
    (UnitKind.SPECIALIST_OFFICE, "Phòng Văn hóa – Xã hội"),
    (UnitKind.PARTY_MASS, "Ủy ban Mặt trận Tổ quốc"),
    (UnitKind.SCHOOL, "Trường Mầm non số {n}"),
    (UnitKind.SCHOOL, "Trường Tiểu học số {n}"),
    (UnitKind.SCHOOL, "Trường THCS số {n}"),
    (UnitKind.HEALTH, "Trạm Y tế số {n}"),
    (UnitKind.PUBLIC_SERVICE, "Trung tâm Phục vụ hành chính công"),
    (UnitKind.RESIDENTIAL, "Ấp {n}"),
)
_PROVINCE_UNITS = (
    (UnitKind.SPECIALIST_OFFICE, "Văn phòng Ủy ban nhân dân tỉnh"),
    (UnitKind.SPECIALIST_OFFICE, "Ban Thi đua – Khen thưởng"),
)
_DEPARTMENT_UNITS = (
    (UnitKind.SPECIALIST_OFFICE, "Văn phòng"),
    (UnitKind.SPECIALIST_OFFICE, "Phòng Tổ chức – Hành chính"),
    (UnitKind.SPECIALIST_OFFICE, "Phòng Nghiệp vụ {n}"),
    (UnitKind.SPECIALIST_OFFICE, "Thanh tra Sở"),
    (UnitKind.PUBLIC_SERVICE, "Trung tâm số {n}"),
    (UnitKind.PUBLIC_SERVICE, "Chi cục số {n}"),
)
# The authority-wide accounts of every authority: (suffix, role, index of the unit they sit in).
_AUTHORITY_ACCOUNTS = (
    ("canbo", Role.AUTHORITY_STAFF, 0),
    ("chutich", Role.CHAIRPERSON, 0),
    ("hoidong", Role.COUNCIL_MEMBER, 1),
)


@dataclasses.dataclass(frozen=True)
class ProvinceSize:
    """How large a province to seed; the defaults are a province at real size."""

    communes: int = 168
    departments: int = 30
    units_per_authority: int = 40
    people_per_unit: int = 25
    years: int = 10
    nomination_lines: int = 20_000
    heads_per_authority: int = 3


@dataclasses.dataclass
class SeededAuthority:
    """An authority as queued: its row, its number in the province (0 for the province
    itself), its plan (until its rows are queued) and the ids of its units and people."""

    number: int
    authority: Authority
    level: str
    name: str
    plan: AuthorityPlan | None
    unit_ids: dict[str, int]
    person_ids: list[int]


def authority_rng(seed: int, number: int, part: str) -> random.Random:
    """The random source of one part of one authority: the same for the same seed, whatever
    else the province holds."""
    return random.Random(f"{seed}/{number}/{part}")  # noqa: S311 - reproducible test data


def subordinate_codes(code: str, size: ProvinceSize) -> list[tuple[int, str, str, str]]:
    """(number, code, name, level) of every commune, ward and department, numbered from 1."""
    rows = []
    for index in range(size.communes):
        ward = index % WARD_EVERY == WARD_EVERY - 1
        place = f"{_PLACES[index % len(_PLACES)]} {_PLACES[(index * 7 + 3) % len(_PLACES)]}"
        name = f"{'Phường' if ward else 'Xã'} {place} {index // len(_PLACES) + 1}"
        level = AuthorityLevel.WARD if ward else AuthorityLevel.COMMUNE
        rows.append((index + 1, f"{code}-xa-{index + 1:03d}", name, level))
    for index in range(size.departments):
        name = _DEPARTMENTS[index % len(_DEPARTMENTS)]
        if index >= len(_DEPARTMENTS):
            name = f"{name} ({index // len(_DEPARTMENTS) + 1})"
        number = size.communes + index + 1
        rows.append((number, f"{code}-so-{index + 1:02d}", name, AuthorityLevel.DEPARTMENT))
    return rows


def _identity(name: str, level: str, *, superior: str) -> IdentitySpec:
    return IdentitySpec(
        name=name,
        level=level,
        superior_name=superior,
        issuer_name=(f"ỦY BAN NHÂN DÂN {name.upper()}" if level != AuthorityLevel.DEPARTMENT
                     else name.upper()),
        issuer_symbol="UBND" if level != AuthorityLevel.DEPARTMENT else "SO",
        place_name=name.split(" ", 1)[-1],
        address="",
        valid_from=datetime.date(2000, 1, 1),
    )  # fmt: skip


def authority_plan(
    *, code: str, name: str, level: str, number: int, size: ProvinceSize, seed: int
) -> AuthorityPlan:
    """One subordinate authority (or the province, number 0): its units and staff."""
    rng = authority_rng(seed, number, "staff")
    superior = "" if level == AuthorityLevel.PROVINCE else PROVINCE_NAME.upper()
    plan = AuthorityPlan(code=code, identities=[_identity(name, level, superior=superior)])
    cycle = {AuthorityLevel.DEPARTMENT: _DEPARTMENT_UNITS, AuthorityLevel.PROVINCE: _PROVINCE_UNITS}
    cycle = cycle.get(level, _COMMUNE_UNITS)
    seen: dict[str, int] = {}
    units = size.units_per_authority if number else len(_PROVINCE_UNITS)
    for index in range(units):
        kind, pattern = cycle[index % len(cycle)]
        seen[pattern] = seen.get(pattern, 0) + 1
        unit_name = pattern.format(n=seen[pattern])
        if seen[pattern] > 1 and "{n}" not in pattern:
            unit_name = f"{unit_name} ({seen[pattern]})"
        plan.units.append(
            UnitSpec(code=f"DV{index + 1:03d}", name=unit_name, kind=kind, sort_order=index + 1)
        )
    names = NameBook(rng)
    for unit in plan.units:
        staff_unit(plan, unit, size=size.people_per_unit, rng=rng, names=names)
    return plan


class ProvinceWriter:
    """The rows of the organisation (people, units, posts, accounts) of every authority,
    written in batches in the order the foreign keys need."""

    def __init__(self, *, password_hash: str) -> None:
        self.password_hash = password_hash
        self.people = RowWriter(
            Person,
            ("id", "authority_id", "full_name", "gender", "date_of_birth", "staff_code", "email"),
        )
        self.units = RowWriter(
            Unit,
            ("id", "authority_id", "parent_id", "code", "name", "kind", "head_id", "address",
             "phone", "valid_from", "valid_to", "merged_into_id", "sort_order", "represents_id"),
        )  # fmt: skip
        self.employments = RowWriter(
            Employment,
            ("person_id", "unit_id", "position", "category", "start_date", "end_date"),
        )
        self.last_person_id = 0
        self.last_unit_id = 0

    def writers(self) -> list[RowWriter]:
        return [self.people, self.units, self.employments]

    def add_authority(
        self, *, number: int, authority: Authority, level: str, plan: AuthorityPlan
    ) -> SeededAuthority:
        """Queues the plan's people, units and posts; the ids are known at once."""
        person_ids = reserve_ids(Person, len(plan.people), after=self.last_person_id)
        unit_ids = reserve_ids(Unit, len(plan.units), after=self.last_unit_id)
        self.last_person_id = max([self.last_person_id, *person_ids])
        self.last_unit_id = max([self.last_unit_id, *unit_ids])
        self.people.extend(
            (pk, authority.pk, person.full_name, person.gender, person.date_of_birth,
             person.staff_code, "")
            for pk, person in zip(person_ids, plan.people, strict=True)
        )  # fmt: skip
        by_code = {unit.code: pk for pk, unit in zip(unit_ids, plan.units, strict=True)}
        self.units.extend(
            (by_code[unit.code], authority.pk, None, unit.code, unit.name, unit.kind,
             None if unit.head is None else person_ids[unit.head], unit.address, "",
             unit.valid_from, unit.valid_to, None, unit.sort_order, None)
            for unit in plan.units
        )  # fmt: skip
        self.employments.extend(
            (person_ids[e.person], by_code[e.unit], e.position, e.category, e.start_date,
             e.end_date)
            for e in plan.employments
        )  # fmt: skip
        return SeededAuthority(
            number=number,
            authority=authority,
            level=level,
            name=plan.identities[0].name,
            plan=plan,
            unit_ids=by_code,
            person_ids=person_ids,
        )

    def add_representing_units(
        self, *, province: Authority, subordinates: list[SeededAuthority], start: int
    ) -> int:
        """The province's unit for each commune and department, numbered after its own;
        returns how many."""
        ids = reserve_ids(Unit, len(subordinates), after=self.last_unit_id)
        self.last_unit_id = max([self.last_unit_id, *ids])
        for pk, seeded in zip(ids, subordinates, strict=True):
            department = seeded.level == AuthorityLevel.DEPARTMENT
            name = seeded.name
            self.units.add(
                (pk, province.pk, None, f"CQ{seeded.number:03d}",
                 name if department else f"Ủy ban nhân dân {name[0].lower()}{name[1:]}",
                 UnitKind.SPECIALIST_OFFICE if department else UnitKind.WARD, None, "", "",
                 TWO_LEVELS_SINCE, None, None, start + seeded.number, seeded.authority.pk)
            )  # fmt: skip
        return len(ids)


def authority_accounts(seeded: SeededAuthority, *, heads: int, password_hash: str) -> list[User]:
    """The accounts of one authority: its emulation staff, chairperson and a council member,
    and the heads of its first `heads` units, each the person who holds the post."""
    plan = seeded.plan
    taken: set[int] = set()
    users = []
    for suffix, role, unit_index in _AUTHORITY_ACCOUNTS:
        unit = plan.units[min(unit_index, len(plan.units) - 1)]
        person = next(
            e.person
            for e in plan.employments
            if e.unit == unit.code and e.person != unit.head and e.person not in taken
        )
        taken.add(person)
        users.append(_user(seeded, f"{plan.code}.{suffix}", role, unit, person, password_hash))
    for unit in plan.units[:heads]:
        if unit.head is None or unit.head in taken:
            continue
        taken.add(unit.head)
        username = f"{plan.code}.thutruong.{unit.code.lower()}"
        users.append(_user(seeded, username, Role.UNIT_HEAD, unit, unit.head, password_hash))
    return users


def _user(seeded, username, role, unit: UnitSpec, person: int, password_hash: str) -> User:
    last_name, first_name = split_full_name(seeded.plan.people[person].full_name)
    return User(
        username=username,
        password=password_hash,
        role=role,
        unit_id=seeded.unit_ids[unit.code],
        person_id=seeded.person_ids[person],
        first_name=first_name,
        last_name=last_name,
        date_joined=JOINED,
    )


def create_authorities(rows: list[tuple[int, str, str, str]], *, superior: str) -> list[Authority]:
    """The authority rows with their one identity each, in the order of `rows`."""
    authorities = Authority.objects.bulk_create(Authority(code=code) for _n, code, _, _ in rows)
    AuthorityIdentity.objects.bulk_create(
        AuthorityIdentity(
            authority=authority,
            **dataclasses.asdict(_identity(name, level, superior=superior)),
        )
        for authority, (_n, _code, name, level) in zip(authorities, rows, strict=True)
    )
    return authorities
