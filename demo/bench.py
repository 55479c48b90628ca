"""Large synthetic authorities for benchmarks (`manage.py seed_demo`)."""

import datetime
import random

from demo.plans import (
    FOUNDED,
    AuthorityPlan,
    EmploymentSpec,
    NameBook,
    UnitSpec,
    UserSpec,
    city_identity,
    random_day,
    staff_unit,
)
from emulation.enums import AuthorityLevel, Role, UnitKind

# Ten kinds in a fixed cycle: the mix of a real authority (many schools and wards).
_BENCH_KIND_CYCLE = (
    UnitKind.WARD,
    UnitKind.SCHOOL,
    UnitKind.SPECIALIST_OFFICE,
    UnitKind.SCHOOL,
    UnitKind.PUBLIC_SERVICE,
    UnitKind.WARD,
    UnitKind.SCHOOL,
    UnitKind.PARTY_MASS,
    UnitKind.HEALTH,
    UnitKind.ENTERPRISE,
)
_STREETS = (
    "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Trần Hưng Đạo", "Lý Thường Kiệt", "Nguyễn Du",
    "Nguyễn Trãi", "Lê Quý Đôn", "Chu Văn An", "Võ Thị Sáu", "Điện Biên Phủ", "Hàm Nghi",
    "Tôn Đức Thắng", "Lê Thánh Tôn", "Đồng Khởi", "Nguyễn Thị Minh Khai", "Phan Đình Phùng",
    "Bà Huyện Thanh Quan", "Trần Quốc Toản", "Lương Thế Vinh", "Nguyễn Văn Trỗi", "Cô Bắc",
    "Cô Giang", "Đinh Tiên Hoàng", "Lê Văn Tám", "Ngô Quyền", "Yết Kiêu", "Phạm Ngọc Thạch",
)  # fmt: skip
_BENCH_OFFICES = ("Phòng Nội vụ", "Phòng Tài chính – Kế hoạch", "Phòng Kinh tế",
                  "Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo", "Phòng Y tế",
                  "Phòng Tư pháp", "Phòng Quản lý đô thị")  # fmt: skip
_BENCH_MASS = ("Ủy ban Mặt trận Tổ quốc", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ",
               "Hội Cựu chiến binh", "Liên đoàn Lao động")  # fmt: skip
_BENCH_PUBLIC = ("Trung tâm Văn hóa", "Trung tâm Thể dục thể thao", "Ban Quản lý chợ",
                 "Ban Quản lý dự án", "Nhà Thiếu nhi")  # fmt: skip
_BENCH_TRADES = ("Thương mại", "Dịch vụ", "Du lịch", "Xây dựng", "Vận tải", "In")
_SCHOOL_LEVELS = ("Trường Mầm non", "Trường Tiểu học", "Trường THCS")
_BENCH_ACCOUNTS = (
    ("canbo", Role.AUTHORITY_STAFF),
    ("thutruong", Role.UNIT_HEAD),
    ("canbodonvi", Role.UNIT_CLERK),
    ("hoidong", Role.COUNCIL_MEMBER),
    ("chutich", Role.CHAIRPERSON),
    ("quantri", Role.ADMINISTRATOR),
)
_TRANSFER_SHARE = 0.1


def _bench_unit_name(kind: str, serial: int, rng: random.Random) -> str:
    """A plausible name; `serial` counts units of the kind so far, from 1."""
    if kind == UnitKind.WARD:
        return f"Phường {serial}"
    if kind == UnitKind.SCHOOL:
        return f"{rng.choice(_SCHOOL_LEVELS)} {rng.choice(_STREETS)}"
    if kind == UnitKind.HEALTH:
        return f"Trạm Y tế số {serial}"
    if kind == UnitKind.ENTERPRISE:
        return f"Công ty TNHH {rng.choice(_BENCH_TRADES)} {rng.choice(_STREETS)}"
    pool = {
        UnitKind.SPECIALIST_OFFICE: _BENCH_OFFICES,
        UnitKind.PARTY_MASS: _BENCH_MASS,
        UnitKind.PUBLIC_SERVICE: _BENCH_PUBLIC,
    }[kind]
    return pool[(serial - 1) % len(pool)]


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 1
    while candidate in used:
        number += 1
        candidate = f"{name} ({number})"
    used.add(candidate)
    return candidate


def bench_plan(*, code: str, units: int, people_per_unit: int, seed: int) -> AuthorityPlan:
    """A synthetic authority of `units` units with exactly `people_per_unit` current staff each.

    Names, codes and dates depend on `seed` only, never on `code`: two authorities seeded alike
    hold the same people. About one person in ten came from another unit (a closed employment
    before the current one), so employments outnumber people."""
    if units < 1 or people_per_unit < 1:
        raise ValueError("units and people_per_unit must be at least 1")
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    names = NameBook(rng)
    identity = city_identity("Phường Thử Tải", level=AuthorityLevel.WARD, place_name="Thử Tải")
    plan = AuthorityPlan(code=code, identities=[identity])
    width = max(4, len(str(units)))
    used_names: set[str] = set()
    serials: dict[str, int] = {}
    for number in range(1, units + 1):
        kind = _BENCH_KIND_CYCLE[(number - 1) % len(_BENCH_KIND_CYCLE)]
        serials[kind] = serials.get(kind, 0) + 1
        plan.units.append(
            UnitSpec(
                code=f"DV{number:0{width}d}",
                name=_unique(_bench_unit_name(kind, serials[kind], rng), used_names),
                kind=kind,
                sort_order=number,
            )
        )
    # The schools sit under the first office (the education office), as in the demo.
    office = next((u for u in plan.units if u.kind == UnitKind.SPECIALIST_OFFICE), None)
    for unit in plan.units:
        if office and unit.kind == UnitKind.SCHOOL:
            unit.parent = office.code
        staff_unit(plan, unit, size=people_per_unit, rng=rng, names=names)
    if units > 1:
        _add_earlier_posts(plan, rng)
    _add_bench_users(plan, office or plan.units[0])
    return plan


def _add_earlier_posts(plan: AuthorityPlan, rng: random.Random) -> None:
    """Gives about one person in ten an earlier post in another unit, ended the day before the
    current one began."""
    codes = [unit.code for unit in plan.units]
    for employment in list(plan.employments):
        if rng.random() >= _TRANSFER_SHARE:
            continue
        born = plan.people[employment.person].date_of_birth
        earliest = max(FOUNDED, datetime.date(born.year + 22, 7, 1))
        latest = employment.start_date - datetime.timedelta(days=60)
        if latest <= earliest:
            continue
        plan.employments.append(
            EmploymentSpec(
                person=employment.person,
                unit=rng.choice([code for code in codes if code != employment.unit]),
                position=employment.position,
                category=employment.category,
                start_date=random_day(rng, earliest, latest),
                end_date=employment.start_date - datetime.timedelta(days=1),
            )
        )


def _add_bench_users(plan: AuthorityPlan, office: UnitSpec) -> None:
    """One account per role: the unit roles in `office` (its head and its last staff member),
    the authority-wide roles in the first unit."""
    staff = [e.person for e in plan.employments if e.unit == office.code and e.end_date is None]
    clerk = staff[-1] if staff and staff[-1] != office.head else None
    for suffix, role in _BENCH_ACCOUNTS:
        unit_role = role in (Role.UNIT_HEAD, Role.UNIT_CLERK)
        plan.users.append(
            UserSpec(
                username=f"{plan.code}.{suffix}",
                role=role,
                unit=office.code if unit_role else plan.units[0].code,
                person={Role.UNIT_HEAD: office.head, Role.UNIT_CLERK: clerk}.get(role),
                is_staff=role == Role.ADMINISTRATOR,
                is_superuser=role == Role.ADMINISTRATOR,
            )
        )
