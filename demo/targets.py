"""Deterministic target data (`manage.py seed_targets`): the demo authority's 2022–2023
figures (the seed article's "35/38 chỉ tiêu đạt và vượt, 13 vượt kế hoạch", in
fixtures/demo_targets.json) and large synthetic sets for benchmarks."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from demo.fixtures import in_pk_order
from emulation.enums import UnitKind
from emulation.models import Actual, ActualChange, Authority, ReportingPeriod, Target, User
from emulation.targets.enums import Direction, PeriodKind, TargetGroup, ValueKind
from emulation.targets.services import ActualEntry, get_period, save_actuals

D = Decimal
HB, LB, RED, BOOL, RANGE = (
    Direction.HIGHER_BETTER,
    Direction.LOWER_BETTER,
    Direction.REDUCE_BY_PCT,
    Direction.BOOLEAN,
    Direction.RANGE,
)
G = TargetGroup

# code, name, group, unit of measure, direction, plan, baseline, range, 2023 actual
# Directions, plans and results chosen so that 2023 gives 13 exceeded, 22 met, 3 not met.
DEMO_2023 = [
    (
        "KT01",
        "Tăng trưởng khu vực thương mại, dịch vụ",
        G.ECONOMY,
        "%",
        HB,
        "10",
        None,
        None,
        "10.17",
    ),
    (
        "KT02",
        "Tổng thu ngân sách nhà nước trên địa bàn",
        G.ECONOMY,
        "tỷ đồng",
        HB,
        "15931",
        None,
        None,
        "16728",
    ),
    (
        "KT03",
        "Tiến độ giải ngân vốn đầu tư công",
        G.ECONOMY,
        "% kế hoạch",
        HB,
        "100",
        None,
        None,
        "97.46",
    ),
    (
        "KT04",
        "Số doanh nghiệp thành lập mới",
        G.ECONOMY,
        "doanh nghiệp",
        HB,
        "3500",
        None,
        None,
        "3620",
    ),
    (
        "KT05",
        "Tỷ lệ hộ kinh doanh được cấp phép qua mạng",
        G.ECONOMY,
        "%",
        HB,
        "90",
        None,
        None,
        "91.5",
    ),
    (
        "KT06",
        "Thu thuế ngoài quốc doanh so với dự toán",
        G.ECONOMY,
        "%",
        HB,
        "100",
        None,
        None,
        "100",
    ),
    (
        "KT07",
        "Chỉ số giá tiêu dùng tăng không quá",
        G.ECONOMY,
        "%",
        RANGE,
        None,
        None,
        (None, "4.5"),
        "3.2",
    ),
    ("DT01", "Tỷ lệ công trình xây dựng có giấy phép", G.URBAN, "%", HB, "100", None, None, "100"),
    (
        "DT02",
        "Tỷ lệ rác thải sinh hoạt được thu gom, xử lý",
        G.URBAN,
        "%",
        HB,
        "100",
        None,
        None,
        "100",
    ),
    ("DT03", "Số tuyến hẻm được chỉnh trang", G.URBAN, "tuyến", HB, "40", None, None, "46"),
    (
        "DT04",
        "Giảm số vụ vi phạm trật tự xây dựng so với năm 2022",
        G.URBAN,
        "vụ",
        RED,
        "10",
        "120",
        None,
        "108",
    ),
    (
        "DT05",
        "Tỷ lệ vụ lấn chiếm lòng lề đường được xử lý",
        G.URBAN,
        "%",
        HB,
        "100",
        None,
        None,
        "100",
    ),
    (
        "VX01",
        "Tỷ lệ hộ nghèo theo chuẩn nghèo thành phố",
        G.CULTURE_SOCIETY,
        "%",
        LB,
        "0.5",
        None,
        None,
        "0.42",
    ),
    ("VX02", "Tỷ lệ trẻ 6 tuổi vào lớp 1", G.CULTURE_SOCIETY, "%", HB, "100", None, None, "100"),
    (
        "VX03",
        "Tỷ lệ học sinh hoàn thành chương trình tiểu học",
        G.CULTURE_SOCIETY,
        "%",
        HB,
        "99.5",
        None,
        None,
        "99.9",
    ),
    (
        "VX04",
        "Số lao động được giải quyết việc làm",
        G.CULTURE_SOCIETY,
        "người",
        HB,
        "8000",
        None,
        None,
        "8540",
    ),
    (
        "VX05",
        "Tỷ lệ dân số tham gia bảo hiểm y tế",
        G.CULTURE_SOCIETY,
        "%",
        HB,
        "95",
        None,
        None,
        "95.05",
    ),
    ("VX06", "Tỷ lệ hộ gia đình văn hóa", G.CULTURE_SOCIETY, "%", HB, "95", None, None, "95"),
    ("VX07", "Tỷ lệ khu phố văn hóa", G.CULTURE_SOCIETY, "%", HB, "100", None, None, "100"),
    ("VX08", "Tỷ lệ thất nghiệp", G.CULTURE_SOCIETY, "%", LB, "3", None, None, "2.9"),
    (
        "VX09",
        "Số trường đạt chuẩn quốc gia",
        G.CULTURE_SOCIETY,
        "trường",
        HB,
        "30",
        None,
        None,
        "28",
    ),
    (
        "VX10",
        "Hoàn thành chuyên đề “Xây dựng không gian văn hóa Hồ Chí Minh”",
        G.CULTURE_SOCIETY,
        "",
        BOOL,
        None,
        None,
        None,
        "1",
    ),
    ("XD01", "Kết nạp đảng viên mới", G.PARTY, "đảng viên", HB, "200", None, None, "202"),
    (
        "XD02",
        "Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
        G.PARTY,
        "%",
        HB,
        "90",
        None,
        None,
        "90",
    ),
    (
        "XD03",
        "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên",
        G.PARTY,
        "%",
        HB,
        "90",
        None,
        None,
        "92",
    ),
    (
        "XD04",
        "Hoàn thành chuyển đổi mô hình tổ chức cơ sở đảng",
        G.PARTY,
        "",
        BOOL,
        None,
        None,
        None,
        "1",
    ),
    (
        "XD05",
        "Tỷ lệ đoàn viên, hội viên so với đối tượng tập hợp",
        G.PARTY,
        "%",
        HB,
        "70",
        None,
        None,
        "70",
    ),
    (
        "XD06",
        "Thực hiện kiểm tra, giám sát theo kế hoạch",
        G.PARTY,
        "%",
        HB,
        "100",
        None,
        None,
        "100",
    ),
    (
        "QA01",
        "Hoàn thành chỉ tiêu giao quân",
        G.DEFENCE_SECURITY,
        "%",
        HB,
        "100",
        None,
        None,
        "100",
    ),
    (
        "QA02",
        "Giảm số vụ phạm pháp hình sự so với năm 2022",
        G.DEFENCE_SECURITY,
        "vụ",
        RED,
        "5",
        "600",
        None,
        "570",
    ),
    (
        "QA03",
        "Tỷ lệ điều tra khám phá án hình sự",
        G.DEFENCE_SECURITY,
        "%",
        HB,
        "75",
        None,
        None,
        "80",
    ),
    ("QA04", "Số vụ tai nạn giao thông", G.DEFENCE_SECURITY, "vụ", LB, "50", None, None, "50"),
    ("QA05", "Không để xảy ra cháy, nổ lớn", G.DEFENCE_SECURITY, "", BOOL, None, None, None, "1"),
    (
        "QA06",
        "Tỷ lệ khu phố đạt chuẩn an toàn về an ninh, trật tự",
        G.DEFENCE_SECURITY,
        "%",
        HB,
        "100",
        None,
        None,
        "100",
    ),
    (
        "CC01",
        "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
        G.ADMIN_REFORM,
        "%",
        HB,
        "98",
        None,
        None,
        "99.6",
    ),
    (
        "CC02",
        "Tỷ lệ thủ tục hành chính trực tuyến toàn trình",
        G.ADMIN_REFORM,
        "%",
        HB,
        "50",
        None,
        None,
        "48",
    ),
    (
        "CC03",
        "Chỉ số hài lòng của người dân",
        G.ADMIN_REFORM,
        "%",
        RANGE,
        None,
        None,
        ("85", None),
        "88",
    ),
    (
        "CC04",
        "Tỷ lệ chi trả an sinh không dùng tiền mặt",
        G.ADMIN_REFORM,
        "%",
        HB,
        "100",
        None,
        None,
        "100",
    ),
]

# Each ward's own targets: code, name, group, unit of measure, direction, plan.
WARD_TARGETS = [
    ("P01", "Thu ngân sách phường", G.ECONOMY, "tỷ đồng", HB, "120"),
    ("P02", "Hồ sơ thủ tục hành chính đúng hạn", G.ADMIN_REFORM, "%", HB, "98"),
    ("P03", "Kết nạp đảng viên mới", G.PARTY, "đảng viên", HB, "20"),
    ("P04", "Tỷ lệ hộ nghèo", G.CULTURE_SOCIETY, "%", LB, "0.5"),
    ("P05", "Số vụ tai nạn giao thông", G.DEFENCE_SECURITY, "vụ", LB, "5"),
    ("P06", "Hoàn thành chỉnh trang hẻm theo kế hoạch", G.URBAN, "", BOOL, None),
]

# Share of the year figure reached at 6 and 9 months, for counts and for rates.
PROGRESS = {PeriodKind.H1: (D("0.5"), D("0.97")), PeriodKind.M9: (D("0.76"), D("0.99"))}
RATE_UNITS = ("%", "% kế hoạch", "")


def value_at_ratio(target: Target, ratio: Decimal) -> Decimal:
    """An actual that makes `target` reach `ratio` (1 = exactly the plan)."""
    if target.direction == Direction.HIGHER_BETTER:
        return (target.plan_value * ratio).quantize(D("0.01"))
    if target.direction == Direction.LOWER_BETTER:
        return (target.plan_value / ratio).quantize(D("0.01"))
    if target.direction == Direction.REDUCE_BY_PCT:
        reduced = target.baseline_value * target.plan_value * ratio / 100
        return (target.baseline_value - reduced).quantize(D("0.01"))
    if target.direction == Direction.BOOLEAN:
        return D(1) if ratio >= 1 else D(0)
    low, high = target.range_min, target.range_max
    inside = low if low is not None else high
    return inside if ratio >= 1 else (high + 1 if high is not None else low - 1)


def _period_value(target: Target, year_value: Decimal, kind: PeriodKind) -> Decimal:
    if target.direction == Direction.BOOLEAN:
        return D(0)
    count_share, rate_share = PROGRESS[kind]
    share = rate_share if target.unit_of_measure in RATE_UNITS else count_share
    if target.direction in (Direction.LOWER_BETTER, Direction.REDUCE_BY_PCT, Direction.RANGE):
        share = rate_share
    return (year_value * share).quantize(D("0.01"))


def _catalogue(authority: Authority, year: int) -> list[Target]:
    targets = []
    for index, row in enumerate(DEMO_2023):
        code, name, group, uom, direction, plan, baseline, bounds, _actual = row
        low, high = bounds or (None, None)
        targets.append(
            Target(
                authority=authority,
                year=year,
                code=code,
                name=name,
                group=group,
                unit_of_measure=uom,
                direction=direction,
                plan_value=D(plan) if plan else None,
                baseline_value=D(baseline) if baseline else None,
                range_min=D(low) if low else None,
                range_max=D(high) if high else None,
                sort_order=index,
            )
        )
    return Target.objects.bulk_create(targets)


def _record(user, authority, year, kind, value_kind, values: dict[Target, Decimal]) -> None:
    period = get_period(authority=authority, year=year, kind=kind)
    save_actuals(
        user=user,
        period=period,
        value_kind=value_kind,
        entries=[ActualEntry(target=t, value=v) for t, v in values.items()],
        may_write_closed=True,
    )


@transaction.atomic
def seed_demo_targets(*, authority: Authority, user: User) -> int:
    """The demo authority's targets: 2022 (34/38, 9 exceeded) and 2023 (35/38, 13 exceeded,
    the seed article's figures), with 6- and 9-month figures, a year-end estimate, and each
    ward's own targets. Idempotent: does nothing when 2023 targets exist. Returns targets made."""
    if Target.objects.filter(authority=authority, year=2023).exists():
        return 0
    made = 0
    # 2022: the first ten above plan (the range target among them only met), four not met.
    targets_2022 = _catalogue(authority, 2022)
    made += len(targets_2022)
    ratios = [D("1.05")] * 10 + [D("0.9")] * 4 + [D(1)] * (len(targets_2022) - 14)
    _record(
        user,
        authority,
        2022,
        PeriodKind.YEAR,
        ValueKind.OFFICIAL,
        {t: value_at_ratio(t, r) for t, r in zip(targets_2022, ratios, strict=True)},
    )
    targets_2023 = _catalogue(authority, 2023)
    made += len(targets_2023)
    year_values = {t: D(row[-1]) for t, row in zip(targets_2023, DEMO_2023, strict=True)}
    for kind in (PeriodKind.H1, PeriodKind.M9):
        values = {t: _period_value(t, v, kind) for t, v in year_values.items()}
        _record(user, authority, 2023, kind, ValueKind.OFFICIAL, values)
    # The December estimate (ước thực hiện) before the official figures.
    estimates = dict(year_values)
    estimates[targets_2023[1]] = D("16500")
    _record(user, authority, 2023, PeriodKind.YEAR, ValueKind.ESTIMATE, estimates)
    _record(user, authority, 2023, PeriodKind.YEAR, ValueKind.OFFICIAL, year_values)
    made += _seed_wards(authority=authority, user=user, year=2023)
    return made


def _seed_wards(*, authority: Authority, user: User, year: int) -> int:
    wards = list(authority.units.filter(kind=UnitKind.WARD).order_by("sort_order", "code"))
    made = []
    for ward in wards:
        for index, (code, name, group, uom, direction, plan) in enumerate(WARD_TARGETS):
            made.append(
                Target(
                    authority=authority,
                    unit=ward,
                    year=year,
                    code=code,
                    name=name,
                    group=group,
                    unit_of_measure=uom,
                    direction=direction,
                    plan_value=D(plan) if plan else None,
                    sort_order=index,
                )
            )
    made = Target.objects.bulk_create(made)
    # Ward results vary: each ward misses a different target.
    values = {}
    for position, target in enumerate(made):
        ward_index, target_index = divmod(position, len(WARD_TARGETS))
        ratio = D("0.9") if target_index == ward_index % len(WARD_TARGETS) else D("1.04")
        values[target] = value_at_ratio(target, ratio)
    if values:
        _record(user, authority, year, PeriodKind.YEAR, ValueKind.OFFICIAL, values)
    return len(made)


BULK_DIRECTIONS = [HB, HB, HB, LB, RED, BOOL, RANGE, HB]
BULK_RATIOS = [D("1.05"), D(1), D(1), D("0.9"), D("1.02")]
BULK_PERIODS = [PeriodKind.YEAR, PeriodKind.M9, PeriodKind.H1, PeriodKind.Q1, PeriodKind.Q2]


def _bulk_target(authority, unit, year, index: int) -> Target:
    direction = BULK_DIRECTIONS[index % len(BULK_DIRECTIONS)]
    return Target(
        authority=authority,
        unit=unit,
        year=year,
        code=f"T{index + 1:03d}",
        name=f"Chỉ tiêu thử nghiệm số {index + 1}",
        group=TargetGroup.values[index % len(TargetGroup.values)],
        unit_of_measure="%",
        direction=direction,
        plan_value=D(10 + index) if direction in (HB, LB, RED) else None,
        baseline_value=D(1000) if direction == RED else None,
        range_min=D(1) if direction == RANGE else None,
        range_max=D(5) if direction == RANGE else None,
        sort_order=index,
    )


@transaction.atomic
def seed_bulk_targets(
    *, authority: Authority, user: User, targets: int, periods: int, year: int
) -> tuple[int, int]:
    """`targets` targets for the authority itself and for each of its active units, with an
    official actual in each of the first `periods` periods (year, 9 months, 6 months, Q1…).
    Written with bulk inserts, without history: this is generated data, not entered data.
    Returns (targets, actuals) made."""
    units = [None, *authority.units.active().order_by("pk")]
    made = Target.objects.bulk_create(
        [_bulk_target(authority, unit, year, i) for unit in units for i in range(targets)],
        batch_size=2000,
    )
    now = timezone.now()
    actuals = []
    for kind in BULK_PERIODS[:periods]:
        period = get_period(authority=authority, year=year, kind=kind)
        for position, target in enumerate(made):
            ratio = BULK_RATIOS[position % len(BULK_RATIOS)]
            actuals.append(
                Actual(
                    target=target,
                    period=period,
                    value_kind=ValueKind.OFFICIAL,
                    value=value_at_ratio(target, ratio),
                    submitted_by=user,
                    submitted_at=now,
                    updated_at=now,
                )
            )
    Actual.objects.bulk_create(actuals, batch_size=5000)
    return len(made), len(actuals)


# When each demo figure was entered, so that the fixture is the same on every run.
DEMO_ENTERED = {
    (2022, PeriodKind.YEAR): datetime.datetime(2023, 1, 12, 9, 0),
    (2023, PeriodKind.H1): datetime.datetime(2023, 7, 10, 9, 0),
    (2023, PeriodKind.M9): datetime.datetime(2023, 10, 9, 9, 0),
    (2023, PeriodKind.YEAR): datetime.datetime(2024, 1, 15, 9, 0),
}
DEMO_ESTIMATED = datetime.datetime(2023, 12, 5, 9, 0)


def stamp_demo_dates(*, authority: Authority) -> None:
    """Give the demo's actuals and their history fixed entry times (Asia/Ho_Chi_Minh)."""
    zone = timezone.get_default_timezone()
    for (year, kind), moment in DEMO_ENTERED.items():
        for value_kind in ValueKind:
            at = timezone.make_aware(
                DEMO_ESTIMATED if value_kind == ValueKind.ESTIMATE else moment, zone
            )
            actuals = Actual.objects.filter(
                target__authority=authority,
                period__year=year,
                period__kind=kind,
                value_kind=value_kind,
            )
            ActualChange.objects.filter(actual__in=actuals).update(changed_at=at)
            actuals.update(submitted_at=at, updated_at=at)


def demo_records(*, authority: Authority) -> list:
    """The targets part of the demo, as fixtures/demo_targets.json holds it (loaded after
    fixtures/demo.json)."""
    return in_pk_order(
        Target.objects.filter(authority=authority),
        ReportingPeriod.objects.filter(authority=authority),
        Actual.objects.filter(target__authority=authority),
        ActualChange.objects.filter(actual__target__authority=authority),
    )
