"""The demo authority (DOMAIN.md §14): District 1 (Quận 1) of Ho Chi Minh City until
30/06/2025, then Phường Sài Gòn. Ten wards dissolved on 30/06/2025, the district's offices, mass
organisations, schools and public-service units, about 470 invented people, and an account for
the head and the clerk of every unit in force, with the authority's own roles.
"""

import datetime
import random
from collections.abc import Iterable

from demo.plans import (
    STAFF_PLANS,
    AuthorityPlan,
    EmploymentSpec,
    NameBook,
    UnitSpec,
    UserSpec,
    city_identity,
    random_day,
    staff_unit,
    transfer,
)
from emulation.enums import AuthorityLevel, Role, StaffCategory, UnitKind

DEMO_AUTHORITY_CODE = "quan-1"
DEMO_SEED = 2023
REORGANISATION_DAY = datetime.date(2025, 7, 1)  # districts abolished (DOMAIN.md §1)
LAST_DISTRICT_DAY = REORGANISATION_DAY - datetime.timedelta(days=1)
LABOUR_OFFICE_LAST_DAY = datetime.date(2025, 2, 28)  # Phòng LĐ–TB&XH merged into Phòng Nội vụ
_LATEST_TRANSFER = datetime.date(2024, 12, 31)


DEMO_IDENTITIES = [
    city_identity(
        "Quận 1",
        level=AuthorityLevel.DISTRICT,
        place_name="Quận 1",
        address="47 Lê Duẩn, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
        valid_to=LAST_DISTRICT_DAY,
    ),
    city_identity(
        "Phường Sài Gòn",
        level=AuthorityLevel.WARD,
        place_name="Sài Gòn",
        address="47 Lê Duẩn, Phường Sài Gòn, Thành phố Hồ Chí Minh",
        valid_from=REORGANISATION_DAY,
    ),
]

_OFFICE_ADDRESS = "47 Lê Duẩn, Phường Sài Gòn, Thành phố Hồ Chí Minh"

# (code, name, merged into): the ten wards of 2023. On 01/07/2025 they became the wards Sài Gòn,
# Bến Thành, Tân Định and Cầu Ông Lãnh; each old ward points to the core of its successor.
_WARDS = (
    ("P-BN", "Phường Bến Nghé", None),
    ("P-BT", "Phường Bến Thành", None),
    ("P-CG", "Phường Cô Giang", "P-COL"),
    ("P-CK", "Phường Cầu Kho", "P-COL"),
    ("P-COL", "Phường Cầu Ông Lãnh", None),
    ("P-DK", "Phường Đa Kao", "P-TD"),
    ("P-NCT", "Phường Nguyễn Cư Trinh", "P-COL"),
    ("P-NTB", "Phường Nguyễn Thái Bình", "P-BN"),
    ("P-PNL", "Phường Phạm Ngũ Lão", "P-BT"),
    ("P-TD", "Phường Tân Định", None),
)

HEAD = "head"
DEPUTY = "deputy"

# The authority-wide accounts: (username, role, unit code, post of the person who holds it).
# The council member is the deputy of the Front, whose head signs for the Front as a unit head.
AUTHORITY_ACCOUNTS = (
    ("canbo.thidua", Role.AUTHORITY_STAFF, "NV", "Chuyên viên phụ trách thi đua – khen thưởng"),
    ("hoidong", Role.COUNCIL_MEMBER, "MTTQ", DEPUTY),
    ("chutich", Role.CHAIRPERSON, "VP", "Chủ tịch Ủy ban nhân dân"),
    ("quantri", Role.ADMINISTRATOR, "VP", "Chuyên viên công nghệ thông tin"),
)
# Every unit in force has a head (thủ trưởng) and a clerk (cán bộ) account, named after the
# unit's code ("thutruong.yt", "canbo.yt"), except where a shorter name is already known.
UNIT_ACCOUNT_NAMES = {"GDDT": "gd"}
# The clerk's post where the unit has one for emulation work; elsewhere the first member of
# staff who is neither the head nor a deputy.
CLERK_POSTS = {"VHTT": "Chuyên viên phụ trách thi đua"}
CLERK = "clerk"


def unit_account_name(code: str) -> str:
    return UNIT_ACCOUNT_NAMES.get(code, code.lower())


def unit_accounts(plan: AuthorityPlan) -> list[tuple[str, str, str, str]]:
    """(username, role, unit code, post) of the head and the clerk of every unit in force."""
    accounts = []
    for unit in plan.units:
        if unit.valid_to is None:
            name = unit_account_name(unit.code)
            accounts.append((f"thutruong.{name}", Role.UNIT_HEAD, unit.code, HEAD))
            accounts.append(
                (f"canbo.{name}", Role.UNIT_CLERK, unit.code, CLERK_POSTS.get(unit.code, CLERK))
            )
    return accounts


def demo_accounts(plan: AuthorityPlan) -> list[tuple[str, str, str, str]]:
    """Every demo account: the authority-wide ones, then each unit's head and clerk."""
    return [*AUTHORITY_ACCOUNTS, *unit_accounts(plan)]


# Rows are (code, name, other UnitSpec fields), in display order.
_OFFICES = (
    ("VP", "Văn phòng HĐND và UBND", {
        "head_post": "Chánh Văn phòng",
        "fixed_posts": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân",
                        "Chuyên viên công nghệ thông tin"),
    }),
    ("NV", "Phòng Nội vụ", {"fixed_posts": ("Chuyên viên phụ trách thi đua – khen thưởng",)}),
    ("TCKH", "Phòng Tài chính – Kế hoạch", {}),
    ("QLDT", "Phòng Quản lý đô thị", {}),
    ("TNMT", "Phòng Tài nguyên và Môi trường", {}),
    ("KT", "Phòng Kinh tế", {}),
    ("VHTT", "Phòng Văn hóa và Thông tin", {"fixed_posts": ("Chuyên viên phụ trách thi đua",)}),
    ("GDDT", "Phòng Giáo dục và Đào tạo", {}),
    ("YT", "Phòng Y tế", {}),
    ("LDTBXH", "Phòng Lao động – Thương binh và Xã hội",
     {"valid_to": LABOUR_OFFICE_LAST_DAY, "merged_into": "NV"}),
    ("TP", "Phòng Tư pháp", {}),
    ("TTR", "Thanh tra", {"head_post": "Chánh Thanh tra"}),
)  # fmt: skip
_MASS_ORGANISATIONS = (
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam",
     {"head_post": "Chủ tịch Ủy ban Mặt trận Tổ quốc"}),
    ("DTN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", {"head_post": "Bí thư Đoàn"}),
    ("HLHPN", "Hội Liên hiệp Phụ nữ", {"head_post": "Chủ tịch Hội"}),
    ("HCCB", "Hội Cựu chiến binh", {"head_post": "Chủ tịch Hội"}),
    ("LDLD", "Liên đoàn Lao động", {"head_post": "Chủ tịch Liên đoàn Lao động"}),
    ("HCTD", "Hội Chữ thập đỏ", {"head_post": "Chủ tịch Hội"}),
)  # fmt: skip
_SCHOOLS = (
    ("TH-THD", "Trường Tiểu học Trần Hưng Đạo", {}),
    ("TH-DTH", "Trường Tiểu học Đinh Tiên Hoàng", {}),
    ("TH-NBK", "Trường Tiểu học Nguyễn Bỉnh Khiêm", {}),
    ("TH-LNH", "Trường Tiểu học Lê Ngọc Hân", {}),
    ("TH-KD", "Trường Tiểu học Kết Đoàn", {}),
    ("TH-HB", "Trường Tiểu học Hòa Bình", {}),
    ("THCS-MD", "Trường THCS Minh Đức", {}),
    ("THCS-VL", "Trường THCS Văn Lang", {}),
    ("THCS-DT", "Trường THCS Đức Trí", {}),
    ("THCS-TVO", "Trường THCS Trần Văn Ơn", {}),
    ("THCS-VTT", "Trường THCS Võ Trường Toản", {}),
    ("THCS-ND", "Trường THCS Nguyễn Du", {}),
)
_PUBLIC_SERVICE_UNITS = (
    ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng khu vực Quận 1", {}),
    ("BTGPMB", "Ban Bồi thường, giải phóng mặt bằng", {"head_post": "Trưởng Ban"}),
    ("TTVH", "Trung tâm Văn hóa Quận 1", {"parent": "VHTT"}),
    ("TTTDTT", "Trung tâm Thể dục thể thao Quận 1", {"parent": "VHTT"}),
    ("NTN", "Nhà Thiếu nhi Quận 1", {}),
    ("BQLC", "Ban Quản lý chợ Bến Thành", {"head_post": "Trưởng Ban"}),
    ("GDNN", "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên Quận 1", {}),
)
_ENTERPRISES = (
    ("DN-DVCI", "Công ty TNHH MTV Dịch vụ công ích Quận 1",
     {"valid_from": datetime.date(2010, 7, 1)}),
    ("DN-DLDK", "Công ty Cổ phần Du lịch – Dịch vụ Đồng Khởi",
     {"valid_from": datetime.date(2012, 3, 15)}),
)  # fmt: skip


def _group(kind: str, first_order: int, rows, **shared) -> list[UnitSpec]:
    """Units of one kind numbered from `first_order`; `shared` fields apply to every row."""
    return [
        UnitSpec(code=code, name=name, kind=kind, sort_order=first_order + number,
                 **(shared | fields))
        for number, (code, name, fields) in enumerate(rows)
    ]  # fmt: skip


def _demo_units() -> list[UnitSpec]:
    wards = [(code, name, {"merged_into": merged_into}) for code, name, merged_into in _WARDS]
    return [
        *_group(UnitKind.WARD, 101, wards, valid_to=LAST_DISTRICT_DAY),
        *_group(UnitKind.SPECIALIST_OFFICE, 201, _OFFICES, address=_OFFICE_ADDRESS),
        *_group(UnitKind.PARTY_MASS, 301, _MASS_ORGANISATIONS),
        *_group(UnitKind.SCHOOL, 401, _SCHOOLS, parent="GDDT"),
        *_group(UnitKind.HEALTH, 501, [("TTYT", "Trung tâm Y tế Quận 1", {})]),
        *_group(UnitKind.PUBLIC_SERVICE, 601, _PUBLIC_SERVICE_UNITS),
        *_group(UnitKind.ENTERPRISE, 701, _ENTERPRISES),
    ]


# Head counts per unit (inclusive ranges), and who is born when for the organisations whose
# members are younger or older than most.
_DEMO_SIZES = {
    UnitKind.WARD: (6, 10),
    UnitKind.SPECIALIST_OFFICE: (7, 12),
    UnitKind.PARTY_MASS: (6, 8),
    UnitKind.SCHOOL: (10, 15),
    UnitKind.HEALTH: (13, 15),
    UnitKind.PUBLIC_SERVICE: (6, 10),
    UnitKind.ENTERPRISE: (6, 9),
}
_DEMO_PEOPLE_OVERRIDES = {
    "HLHPN": {"female_share": 1.0},
    "HCCB": {"female_share": 0.1, "born": (1958, 1972)},
    "DTN": {"born": (1988, 2001)},
}
# Offices that took in staff of the dissolved wards on 01/07/2025.
_WARD_SUCCESSOR_OFFICES = ("VP", "QLDT", "KT", "VHTT", "TP", "TCKH", "TNMT")


def demo_plan() -> AuthorityPlan:
    """The demo authority: about 50 units and 500 people with a history from 2000 to 2026."""
    rng = random.Random(DEMO_SEED)  # noqa: S311 - reproducible demo data, not a secret
    names = NameBook(rng)
    plan = AuthorityPlan(code=DEMO_AUTHORITY_CODE, identities=list(DEMO_IDENTITIES))
    plan.units = _demo_units()
    for unit in plan.units:
        size = rng.randint(*_DEMO_SIZES[unit.kind]) + (3 if unit.code == "VP" else 0)
        staff_unit(
            plan, unit, size=size, rng=rng, names=names, **_DEMO_PEOPLE_OVERRIDES.get(unit.code, {})
        )
    _reorganise_demo(plan, rng)
    _move_demo_staff(plan, rng)
    taken: set[int] = set()
    plan.users = []
    for username, role, unit, post in demo_accounts(plan):
        person = _person_of(plan, unit, post, taken)
        taken.add(person)
        plan.users.append(
            UserSpec(
                username=username,
                role=role,
                unit=unit,
                person=person,
                is_staff=role == Role.ADMINISTRATOR,
                is_superuser=role == Role.ADMINISTRATOR,
            )
        )
    return plan


def _reorganise_demo(plan: AuthorityPlan, rng: random.Random) -> None:
    """2025: the labour office joins Phòng Nội vụ (01/03), the wards are dissolved (01/07)."""
    labour_staff = [e for e in plan.employments if e.unit == "LDTBXH"]
    for employment in labour_staff:
        position = employment.position
        if position == "Trưởng phòng":  # the merged office keeps one head
            position = "Phó Trưởng phòng"
        transfer(
            plan,
            employment,
            to_unit="NV",
            on=LABOUR_OFFICE_LAST_DAY + datetime.timedelta(days=1),
            position=position,
        )
    for code, _name, _merged_into in _WARDS:
        civil_servants = [
            e
            for e in plan.employments
            if e.unit == code and e.category == StaffCategory.CIVIL_SERVANT
        ]
        for employment in rng.sample(civil_servants, k=min(2, len(civil_servants))):
            transfer(
                plan,
                employment,
                to_unit=rng.choice(_WARD_SUCCESSOR_OFFICES),
                on=REORGANISATION_DAY,
                position="Chuyên viên",
            )


def _move_demo_staff(plan: AuthorityPlan, rng: random.Random) -> None:
    """Transfers between offices and between schools over the years, and a few retirements."""
    active = [u for u in plan.units if u.valid_to is None]
    for kind, moves in ((UnitKind.SPECIALIST_OFFICE, 6), (UnitKind.SCHOOL, 6)):
        codes = [u.code for u in active if u.kind == kind]
        candidates = _movable(plan, codes)
        for employment in rng.sample(candidates, k=moves):
            earliest = employment.start_date + datetime.timedelta(days=365)
            if earliest >= _LATEST_TRANSFER:
                continue
            destination = rng.choice([code for code in codes if code != employment.unit])
            transfer(
                plan,
                employment,
                to_unit=destination,
                on=random_day(rng, earliest, _LATEST_TRANSFER),
            )
    # The oldest member of each larger unit has left the authority (retired or moved out), so
    # that lists of past staff are not empty.
    by_unit: dict[str, list[EmploymentSpec]] = {}
    for employment in _movable(plan, [u.code for u in active]):
        by_unit.setdefault(employment.unit, []).append(employment)
    for code in sorted(by_unit):
        if len(by_unit[code]) >= 11:
            oldest = min(by_unit[code], key=lambda e: plan.people[e.person].date_of_birth)
            earliest = oldest.start_date + datetime.timedelta(days=365)
            if earliest < _LATEST_TRANSFER:
                oldest.end_date = random_day(rng, earliest, _LATEST_TRANSFER)


def _movable(plan: AuthorityPlan, codes: Iterable[str]) -> list[EmploymentSpec]:
    """Open employments in `codes` held by neither a head, a deputy nor a fixed post: the
    generator moves only these, so that heads stay heads and every demo account finds its
    person."""
    codes = set(codes)
    heads = {unit.head for unit in plan.units}
    fixed = {post for unit in plan.units for post in unit.fixed_posts}
    fixed |= {post for staffing in STAFF_PLANS.values() for post in staffing.fixed_posts}
    return [
        employment
        for employment in plan.employments
        if employment.unit in codes
        and employment.end_date is None
        and employment.person not in heads
        and not employment.position.startswith("Phó ")
        and employment.position not in fixed
    ]


def _person_of(plan: AuthorityPlan, unit_code: str, position: str, taken: set[int]) -> int:
    """The person who holds `position` in the unit (HEAD, DEPUTY, CLERK: the first member of
    staff in office who is neither the head nor a deputy nor taken): how demo accounts find
    their owner. Nobody holds two accounts."""
    if position == HEAD:
        head = plan.unit(unit_code).head
        if head is None:
            raise LookupError(unit_code)
        return head
    current = [e for e in plan.employments if e.unit == unit_code and e.end_date is None]
    if position == DEPUTY:
        return next(e.person for e in current if e.position.startswith("Phó "))
    if position == CLERK:
        head = plan.unit(unit_code).head
        return next(
            e.person
            for e in current
            if e.person != head and not e.position.startswith("Phó ") and e.person not in taken
        )
    return next(e.person for e in current if e.position == position)
