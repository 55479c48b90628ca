"""Plans of an authority (plain data, no database) and how units are staffed.

A plan lists the authority's names by period, its units, people, posts and accounts. It is built
from a seeded `random.Random`, so that the same seed always gives the same names, dates and
codes; `demo.writers` turns it into fixture records or database rows.
"""

import dataclasses
import datetime
import random

from emulation.enums import Gender, StaffCategory, UnitKind
from emulation.models import normalize_text

FOUNDED = datetime.date(2000, 1, 1)
LATEST_START = datetime.date(2024, 6, 30)


# --------------------------------------------------------------------------------------------
# Plans


@dataclasses.dataclass(frozen=True)
class IdentitySpec:
    name: str
    level: str
    superior_name: str
    issuer_name: str
    issuer_symbol: str
    place_name: str
    address: str
    valid_from: datetime.date
    valid_to: datetime.date | None = None


def city_identity(
    name: str,
    *,
    level: str,
    place_name: str,
    address: str = "",
    valid_from: datetime.date = FOUNDED,
    valid_to: datetime.date | None = None,
) -> IdentitySpec:
    """An authority of Ho Chi Minh City whose People's Committee (UBND) issues the documents:
    "Quận 1" is headed "ỦY BAN NHÂN DÂN QUẬN 1"."""
    return IdentitySpec(
        name=name,
        level=level,
        superior_name="THÀNH PHỐ HỒ CHÍ MINH",
        issuer_name=f"ỦY BAN NHÂN DÂN {name.upper()}",
        issuer_symbol="UBND",
        place_name=place_name,
        address=address,
        valid_from=valid_from,
        valid_to=valid_to,
    )


@dataclasses.dataclass
class UnitSpec:
    code: str
    name: str
    kind: str
    sort_order: int
    valid_from: datetime.date = FOUNDED
    valid_to: datetime.date | None = None
    parent: str | None = None  # code of the parent unit
    merged_into: str | None = None  # code of the unit it merged into
    address: str = ""
    head_post: str = ""  # overrides the kind's usual title of the head
    fixed_posts: tuple[str, ...] = ()  # posts filled once, right after the deputy
    head: int | None = None  # index into AuthorityPlan.people


@dataclasses.dataclass(frozen=True)
class PersonSpec:
    full_name: str
    gender: str
    date_of_birth: datetime.date
    staff_code: str


@dataclasses.dataclass
class EmploymentSpec:
    person: int  # index into AuthorityPlan.people
    unit: str  # unit code
    position: str
    category: str
    start_date: datetime.date
    end_date: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class UserSpec:
    username: str
    role: str
    unit: str  # unit code
    person: int | None  # index into AuthorityPlan.people
    is_staff: bool = False
    is_superuser: bool = False


@dataclasses.dataclass
class AuthorityPlan:
    code: str
    identities: list[IdentitySpec]
    units: list[UnitSpec] = dataclasses.field(default_factory=list)
    people: list[PersonSpec] = dataclasses.field(default_factory=list)
    employments: list[EmploymentSpec] = dataclasses.field(default_factory=list)
    users: list[UserSpec] = dataclasses.field(default_factory=list)

    def unit(self, code: str) -> UnitSpec:
        return next(unit for unit in self.units if unit.code == code)

    def counts(self) -> dict[str, int]:
        return {
            "authorities": 1,
            "identities": len(self.identities),
            "units": len(self.units),
            "people": len(self.people),
            "employments": len(self.employments),
            "users": len(self.users),
        }


# --------------------------------------------------------------------------------------------
# Names

# Weights follow the usual shares of family names in the South (Huỳnh and Võ rather than
# Hoàng and Vũ); the long tail keeps lists from looking like one family.
_FAMILY_NAMES = {
    "Nguyễn": 30, "Trần": 11, "Lê": 9, "Phạm": 6, "Huỳnh": 5, "Võ": 5, "Phan": 4,
    "Trương": 3, "Đặng": 2, "Bùi": 2, "Đỗ": 2, "Ngô": 2, "Hồ": 2, "Dương": 2, "Hoàng": 2,
    "Lý": 1, "Lâm": 1, "Đinh": 1, "Mai": 1, "Tạ": 1, "Châu": 1, "Lương": 1, "Tô": 1,
    "Cao": 1, "Quách": 1, "Thái": 1, "Vũ": 1, "Hà": 1, "Kiều": 1, "La": 1,
}  # fmt: skip
_MIDDLE_NAMES = {
    Gender.MALE: ("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Hoàng", "Công", "Ngọc", "Tấn",
                  "Gia", "Trọng", "Quang", "Anh", "Thế", "Xuân", "Nhật", "Thành"),
    Gender.FEMALE: ("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Phương", "Hồng",
                    "Thùy", "Diệu", "Khánh", "Minh", "Tuyết", "Hoài", "Bảo"),
}  # fmt: skip
_GIVEN_NAMES = {
    Gender.MALE: ("Hùng", "Dũng", "Tuấn", "Minh", "Khoa", "Phúc", "Long", "Nam", "Sơn", "Tâm",
                  "Thắng", "Trung", "Vinh", "Quân", "Hiếu", "Nghĩa", "Hải", "Phong", "Bảo",
                  "Khang", "Đạt", "Huy", "Lộc", "Tài", "Thịnh", "Toàn", "Kiên", "Duy", "Cường",
                  "Hòa", "Tùng", "Thông", "Nhân", "Trí", "Việt", "Hưng", "Lâm", "An"),
    Gender.FEMALE: ("Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Thảo", "Ngân", "Hà",
                    "Nhung", "Yến", "Phương", "Vy", "Hạnh", "Thủy", "Oanh", "Trâm", "Hằng",
                    "Dung", "Loan", "Quyên", "Uyên", "Diễm", "Nga", "Thư", "Tuyết", "Châu",
                    "Xuân", "Anh", "Ngọc", "Nhi", "My", "Tiên", "Giang", "Huyền", "Liên"),
}  # fmt: skip
_SECOND_MIDDLE_NAMES = {
    Gender.MALE: ("Minh", "Hoàng", "Quốc", "Bảo", "Thanh", "Anh", "Gia", "Nhật"),
    Gender.FEMALE: ("Thanh", "Ngọc", "Minh", "Kim", "Bảo", "Thu", "Hồng", "Phương", "Mỹ"),
}


class NameBook:
    """Invents full names, avoiding repeats while the combinations allow it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self._families = list(_FAMILY_NAMES)
        self._family_weights = list(_FAMILY_NAMES.values())

    def full_name(self, gender: str) -> str:
        name = ""
        for _attempt in range(20):
            name = self._draw(gender)
            if name not in self.used:
                break
        self.used.add(name)
        return name

    def _draw(self, gender: str) -> str:
        rng = self.rng
        family = rng.choices(self._families, self._family_weights)[0]
        if gender == Gender.FEMALE and rng.random() < 0.55:
            middle = "Thị"
        else:
            middle = rng.choice(_MIDDLE_NAMES[gender])
        given = rng.choice(_GIVEN_NAMES[gender])
        if rng.random() < 0.25 and middle != "Văn":  # "Văn Gia Thông" reads oddly
            second = rng.choice(_SECOND_MIDDLE_NAMES[gender])
            if second not in (middle, given):
                middle = f"{middle} {second}"
        if given == middle:  # "Ngọc Ngọc" is not a name
            middle = _MIDDLE_NAMES[gender][0]
        return normalize_text(f"{family} {middle} {given}")


def split_full_name(full_name: str) -> tuple[str, str]:
    """(last_name, first_name) as Django's user fields hold them: 'Trần Thị' and 'Lan'."""
    family_and_middle, _, given = full_name.rpartition(" ")
    return family_and_middle, given


def random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    if last <= first:
        return first
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


# --------------------------------------------------------------------------------------------
# Staffing: who holds which post in a unit of each kind


@dataclasses.dataclass(frozen=True)
class StaffPlan:
    head_post: str
    leader_category: str
    posts: tuple[tuple[str, str, int], ...]  # (position, category, weight)
    fixed_posts: tuple[str, ...] = ()
    female_share: float = 0.5
    born: tuple[int, int] = (1966, 2000)


_CS, _OFF, _PE, _WK, _PT = (
    StaffCategory.CIVIL_SERVANT,
    StaffCategory.OFFICIAL,
    StaffCategory.PUBLIC_EMPLOYEE,
    StaffCategory.WORKER,
    StaffCategory.PART_TIME,
)

STAFF_PLANS: dict[str, StaffPlan] = {
    UnitKind.WARD: StaffPlan(
        head_post="Chủ tịch Ủy ban nhân dân phường",
        leader_category=_OFF,
        posts=(
            ("Công chức Văn phòng – Thống kê", _CS, 2),
            ("Công chức Địa chính – Xây dựng – Đô thị và Môi trường", _CS, 2),
            ("Công chức Tài chính – Kế toán", _CS, 1),
            ("Công chức Tư pháp – Hộ tịch", _CS, 2),
            ("Công chức Văn hóa – Xã hội", _CS, 2),
            ("Người hoạt động không chuyên trách", _PT, 2),
        ),
        fixed_posts=("Chỉ huy trưởng Ban Chỉ huy Quân sự phường",),
    ),
    UnitKind.SPECIALIST_OFFICE: StaffPlan(
        head_post="Trưởng phòng",
        leader_category=_CS,
        posts=(
            ("Chuyên viên", _CS, 6),
            ("Chuyên viên chính", _CS, 2),
            ("Cán sự", _CS, 1),
            ("Nhân viên hợp đồng", _WK, 1),
        ),
    ),
    UnitKind.PARTY_MASS: StaffPlan(
        head_post="Chủ tịch",
        leader_category=_OFF,
        posts=(("Chuyên viên", _CS, 3), ("Ủy viên Ban Thường vụ", _OFF, 1), ("Cán sự", _CS, 1)),
    ),
    UnitKind.SCHOOL: StaffPlan(
        head_post="Hiệu trưởng",
        leader_category=_PE,
        posts=(
            ("Giáo viên", _PE, 12),
            ("Nhân viên kế toán", _PE, 1),
            ("Nhân viên văn thư", _PE, 1),
            ("Nhân viên thư viện", _PE, 1),
            ("Nhân viên bảo vệ", _WK, 1),
        ),
        fixed_posts=("Tổng phụ trách Đội",),
        female_share=0.75,
        born=(1968, 2001),
    ),
    UnitKind.HEALTH: StaffPlan(
        head_post="Giám đốc",
        leader_category=_PE,
        posts=(
            ("Bác sĩ", _PE, 4),
            ("Điều dưỡng", _PE, 4),
            ("Y sĩ", _PE, 2),
            ("Dược sĩ", _PE, 1),
            ("Kỹ thuật viên xét nghiệm", _PE, 1),
            ("Nhân viên hành chính", _WK, 1),
        ),
        female_share=0.65,
    ),
    UnitKind.PUBLIC_SERVICE: StaffPlan(
        head_post="Giám đốc",
        leader_category=_PE,
        posts=(("Viên chức", _PE, 5), ("Kế toán", _PE, 1), ("Nhân viên", _WK, 2)),
    ),
    UnitKind.ENTERPRISE: StaffPlan(
        head_post="Giám đốc",
        leader_category=_WK,
        posts=(("Nhân viên kinh doanh", _WK, 3), ("Kế toán viên", _WK, 1), ("Công nhân", _WK, 4)),
        fixed_posts=("Kế toán trưởng",),
        female_share=0.45,
    ),
    UnitKind.RESIDENTIAL: StaffPlan(
        head_post="Trưởng khu phố",
        leader_category=_PT,
        posts=(("Tổ trưởng tổ dân phố", _PT, 3), ("Công an viên", _PT, 1)),
    ),
    UnitKind.OTHER: StaffPlan(
        head_post="Thủ trưởng",
        leader_category=_CS,
        posts=(("Chuyên viên", _CS, 1),),
    ),
}

# Posts outside a kind's usual list whose category is not the leadership's.
_POST_CATEGORIES = {
    "Chủ tịch Ủy ban nhân dân": _OFF,
    "Phó Chủ tịch Ủy ban nhân dân": _OFF,
    "Chỉ huy trưởng Ban Chỉ huy Quân sự phường": _CS,
    "Tổng phụ trách Đội": _PE,
}
# Posts held by men in practice.
_MEN_POSTS = frozenset({"Chỉ huy trưởng Ban Chỉ huy Quân sự phường", "Nhân viên bảo vệ"})


def _deputy_post(head_post: str) -> str:
    return f"Phó {head_post}"


def staff_unit(
    plan: AuthorityPlan,
    unit: UnitSpec,
    *,
    size: int,
    rng: random.Random,
    names: NameBook,
    female_share: float | None = None,
    born: tuple[int, int] | None = None,
) -> list[int]:
    """Adds `size` people to `plan`, each employed in `unit` (the first as its head, the second
    as deputy, then the unit's fixed posts, then the kind's usual posts), and returns their
    indices. Employments start after the person's 22nd year and end with the unit."""
    staffing = STAFF_PLANS[unit.kind]
    head_post = unit.head_post or staffing.head_post
    leaders = [(head_post, staffing.leader_category), (_deputy_post(head_post), None)]
    fixed = [(post, None) for post in (*staffing.fixed_posts, *unit.fixed_posts)]
    drawn_posts = [post for post, _category, _weight in staffing.posts]
    weights = [weight for _post, _category, weight in staffing.posts]
    categories = {post: category for post, category, _weight in staffing.posts}
    share = staffing.female_share if female_share is None else female_share
    first_year, last_year = born or staffing.born

    indices = []
    for position in range(size):
        if position < len(leaders):
            post, category = leaders[position]
        elif position - len(leaders) < len(fixed):
            post, category = fixed[position - len(leaders)]
        else:
            post = rng.choices(drawn_posts, weights)[0]
            category = categories[post]
        if category is None:  # deputies and fixed posts rank with the leadership
            category = _POST_CATEGORIES.get(post, staffing.leader_category)
        gender = Gender.FEMALE if rng.random() < share else Gender.MALE
        if post in _MEN_POSTS:
            gender = Gender.MALE
        if position < len(leaders):  # leaders are seldom under 35
            birth_year = rng.randint(first_year, max(first_year, min(last_year, 1990)))
        else:
            birth_year = rng.randint(first_year, last_year)
        date_of_birth = random_day(
            rng, datetime.date(birth_year, 1, 1), datetime.date(birth_year, 12, 31)
        )
        earliest = max(unit.valid_from, datetime.date(birth_year + 22, 7, 1))
        start = random_day(rng, earliest, min(LATEST_START, unit.valid_to or LATEST_START))
        index = len(plan.people)
        plan.people.append(
            PersonSpec(
                full_name=names.full_name(gender),
                gender=gender,
                date_of_birth=date_of_birth,
                staff_code=f"CB{index + 1:05d}",
            )
        )
        plan.employments.append(
            EmploymentSpec(
                person=index,
                unit=unit.code,
                position=post,
                category=category,
                start_date=start,
                end_date=unit.valid_to,
            )
        )
        indices.append(index)
    if indices:
        unit.head = indices[0]
    return indices


def transfer(
    plan: AuthorityPlan,
    employment: EmploymentSpec,
    *,
    to_unit: str,
    on: datetime.date,
    position: str | None = None,
) -> EmploymentSpec:
    """Closes `employment` the day before `on` and opens the person's post in `to_unit`
    (điều động, chuyển công tác)."""
    employment.end_date = on - datetime.timedelta(days=1)
    moved = EmploymentSpec(
        person=employment.person,
        unit=to_unit,
        position=position or employment.position,
        category=employment.category,
        start_date=on,
    )
    plan.employments.append(moved)
    return moved
