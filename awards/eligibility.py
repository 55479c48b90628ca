"""The eligibility engine: pure functions over a subject's records for one year.

Nothing here reads the database: `awards.records.selectors` loads the facts (`PersonFacts`,
`UnitFacts`) and the rule set in force, and these functions return the failed rules, each
with its ID from DOMAIN §11 and its legal citation in Vietnamese. An empty list means eligible.
The order of evaluation follows the dependency of the titles: LĐTT → CSTĐCS → collectives.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.enums import (
    DISCIPLINE_RANK,
    DUTY_RANK,
    INITIATIVE_RANK,
    AwardCode,
    DisciplineLevel,
    DutyRating,
    InitiativeLevel,
    RatioRounding,
)
from emulation.numbers import format_number

CITATIONS = {
    "E-01": gettext_lazy("Khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15"),
    "E-02": gettext_lazy(
        "Thông tư 15/2025/TT-BNV (trước đây Thông tư 01/2024/TT-BNV); quy chế thi đua, "
        "khen thưởng của cơ quan"
    ),
    "E-03": gettext_lazy("Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15"),
    "E-04": gettext_lazy("Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15; quy chế của cơ quan"),
    "E-05": gettext_lazy(
        "Quy chế thi đua, khen thưởng của cơ quan (khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP trước "
        "đây)"
    ),
    "E-06": gettext_lazy("Điều 22 Luật Thi đua, khen thưởng số 06/2022/QH15"),
    "E-07": gettext_lazy("Điều 28 Luật Thi đua, khen thưởng số 06/2022/QH15"),
    "E-08": gettext_lazy("Điều 27 Luật Thi đua, khen thưởng số 06/2022/QH15"),
    "E-09": gettext_lazy(
        "Khoản 1 Điều 26 Luật Thi đua, khen thưởng số 06/2022/QH15: tập thể dẫn đầu phong trào "
        "thi đua của cụm, khối"
    ),
    "E-10": gettext_lazy("Khoản 2 Điều 5 Luật Thi đua, khen thưởng số 06/2022/QH15"),
    "E-14": gettext_lazy(
        "Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng: tỷ lệ phiếu đồng ý theo bộ quy "
        "tắc của danh hiệu"
    ),
    "E-16": gettext_lazy("Quy trình xét khen thưởng: thẩm định trước khi trình Hội đồng"),
    "E-17": gettext_lazy(
        "Quy trình xét khen thưởng: công khai danh sách đề nghị và trả lời ý kiến trước khi "
        "trình Hội đồng"
    ),
    "E-19": gettext_lazy("Thông tư 15/2025/TT-BNV"),
    "E-21": gettext_lazy(
        "Quy chế thi đua, khen thưởng của cơ quan: đăng ký thi đua đầu năm, đăng ký danh hiệu"
    ),
}


def rule_text(rule: str, sentence: str) -> str:
    """One rule for messages across the product: the plain sentence first, then the rule and
    its citation in parentheses — "Chưa hết thời hạn công khai danh sách (E-17, …)."."""
    return _("%(sentence)s (%(rule)s, %(citation)s).") % {
        "sentence": str(sentence).rstrip(". "),
        "rule": rule,
        "citation": CITATIONS[rule],
    }


@dataclass(frozen=True)
class Failure:
    """One rule not met: its ID (E-01…), what is missing, and where the law says so."""

    rule: str
    message: str

    @property
    def citation(self) -> str:
        return str(CITATIONS[self.rule])

    @property
    def text(self) -> str:
        return rule_text(self.rule, self.message)

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "message": self.message, "citation": self.citation}


@dataclass(frozen=True)
class PersonFacts:
    """What the records say about a person's evaluation year."""

    year: int
    duty_rating: str | None = None
    months_worked: int | None = None
    # Levels of the disciplinary measures decided during the year.
    disciplines: tuple[str, ...] = ()
    # Recognition levels of initiatives, by the year of recognition.
    initiatives: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # Award codes held (not revoked), by year.
    titles: dict[int, frozenset[str]] = field(default_factory=dict)
    # Award codes for which the person is already nominated this year elsewhere.
    pending: frozenset[str] = frozenset()

    def holds(self, code: str, year: int | None = None) -> bool:
        return code in self.titles.get(self.year if year is None else year, frozenset())


@dataclass(frozen=True)
class UnitFacts:
    """What the records say about a collective's evaluation year: its own rating and its
    member roll (every person on the unit's roll that year)."""

    year: int
    duty_rating: str | None = None
    members: tuple[PersonFacts, ...] = ()
    dissolved: bool = False
    titles: dict[int, frozenset[str]] = field(default_factory=dict)
    pending: frozenset[str] = frozenset()
    # Whether the unit leads its cluster or bloc in the final year-end ranking (E-09); read
    # only for the flag, None when not loaded.
    leads_cluster: bool | None = None


@dataclass(frozen=True)
class RuleValues:
    """The settings of an award's rule set the engine reads (`AwardRuleSet` has them all)."""

    min_months_worked: int = 10
    requires_initiative: bool = True
    max_ratio: Decimal | None = None
    max_ratio_rounding: str = RatioRounding.FLOOR
    min_member_ratio: Decimal | None = None
    consecutive_years: int = 0


def _percent(value: Decimal) -> str:
    """0.1500 → "15", 0.125 → "12,5" (Vietnamese decimal comma)."""
    return format_number(value * 100)


def _at_least(rating: str | None, floor: DutyRating) -> bool:
    return rating is not None and DUTY_RANK[DutyRating(rating)] >= DUTY_RANK[floor]


def _disciplined(levels: Sequence[str], floor: DisciplineLevel) -> bool:
    return any(
        DISCIPLINE_RANK[DisciplineLevel(level)] >= DISCIPLINE_RANK[floor] for level in levels
    )


def ldtt_failures(person: PersonFacts, rules: RuleValues) -> list[Failure]:
    """Lao động tiên tiến: E-01 rating at least "hoàn thành tốt"; E-02 enough months worked
    and no discipline in the year."""
    failures = []
    if not _at_least(person.duty_rating, DutyRating.GOOD):
        failures.append(
            Failure(
                "E-01",
                _("Xếp loại năm %(year)s chưa đạt “Hoàn thành tốt nhiệm vụ” trở lên.")
                % {"year": person.year},
            )
        )
    if (person.months_worked or 0) < rules.min_months_worked:
        failures.append(
            Failure(
                "E-02",
                _("Thời gian công tác trong năm %(months)s tháng, dưới %(minimum)s tháng.")
                % {"months": person.months_worked or 0, "minimum": rules.min_months_worked},
            )
        )
    if person.disciplines:
        failures.append(Failure("E-02", _("Bị kỷ luật trong năm đánh giá.")))
    return failures


def meets_ldtt(person: PersonFacts, rules: RuleValues) -> bool:
    return person.holds(AwardCode.LDTT) or not ldtt_failures(person, rules)


def cstdcs_failures(
    person: PersonFacts, rules: RuleValues, ldtt_rules: RuleValues
) -> list[Failure]:
    """Chiến sĩ thi đua cơ sở: E-03 Lao động tiên tiến the same year; E-04 a recognised
    initiative, with "hoàn thành xuất sắc nhiệm vụ" too when `requires_initiative` is set
    (otherwise either suffices)."""
    failures = []
    if not meets_ldtt(person, ldtt_rules):
        failures.append(
            Failure(
                "E-03",
                _("Chưa đạt danh hiệu Lao động tiên tiến năm %(year)s.") % {"year": person.year},
            )
        )
    has_initiative = bool(person.initiatives.get(person.year))
    excellent = _at_least(person.duty_rating, DutyRating.EXCELLENT)
    if rules.requires_initiative and not (has_initiative and excellent):
        failures.append(
            Failure(
                "E-04",
                _(
                    "Cần hoàn thành xuất sắc nhiệm vụ và có sáng kiến được công nhận trong năm "
                    "%(year)s."
                )
                % {"year": person.year},
            )
        )
    elif not rules.requires_initiative and not (has_initiative or excellent):
        failures.append(
            Failure(
                "E-04",
                _(
                    "Cần hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận trong năm "
                    "%(year)s."
                )
                % {"year": person.year},
            )
        )
    return failures


def cstdcs_cap(ldtt_count: int, rules: RuleValues) -> int | None:
    """E-05: how many CSTĐCS a unit may propose, `max_ratio` × its LĐTT count, rounded as set."""
    if rules.max_ratio is None:
        return None
    exact = rules.max_ratio * ldtt_count
    if rules.max_ratio_rounding == RatioRounding.CEIL:
        return math.ceil(exact)
    return math.floor(exact)


def cstdcs_cap_failures(*, cstdcs_count: int, ldtt_count: int, rules: RuleValues) -> list[Failure]:
    cap = cstdcs_cap(ldtt_count, rules)
    if cap is None or cstdcs_count <= cap:
        return []
    return [
        Failure(
            "E-05",
            _(
                "Đơn vị đề nghị %(count)s Chiến sĩ thi đua cơ sở, vượt mức tối đa %(cap)s "
                "(%(ratio)s %% của %(ldtt)s Lao động tiên tiến)."
            )
            % {
                "count": cstdcs_count,
                "cap": cap,
                "ratio": _percent(rules.max_ratio),
                "ldtt": ldtt_count,
            },
        )
    ]


def cstd_tinh_failures(person: PersonFacts, rules: RuleValues) -> list[Failure]:
    """Chiến sĩ thi đua cấp tỉnh, E-06: CSTĐCS in `consecutive_years` years ending this year,
    and an initiative recognised at provincial level or above within those years."""
    years = range(person.year - rules.consecutive_years + 1, person.year + 1)
    failures = []
    missing = [year for year in years if not person.holds(AwardCode.CSTDCS, year)]
    if missing:
        failures.append(
            Failure(
                "E-06",
                _("Chưa đạt Chiến sĩ thi đua cơ sở %(count)s năm liên tục (thiếu năm %(years)s).")
                % {
                    "count": rules.consecutive_years,
                    "years": ", ".join(str(year) for year in missing),
                },
            )
        )
    wide = any(
        INITIATIVE_RANK[InitiativeLevel(level)] >= INITIATIVE_RANK[InitiativeLevel.PROVINCE]
        for year in years
        for level in person.initiatives.get(year, ())
    )
    if not wide:
        failures.append(
            Failure("E-06", _("Chưa có sáng kiến được công nhận phạm vi cấp tỉnh trở lên."))
        )
    return failures


def _member_ldtt_ratio(unit: UnitFacts, ldtt_rules: RuleValues) -> tuple[int, int]:
    members = len(unit.members)
    return sum(meets_ldtt(member, ldtt_rules) for member in unit.members), members


def _discipline_bar(unit: UnitFacts, rule: str) -> list[Failure]:
    if any(_disciplined(member.disciplines, DisciplineLevel.WARNING) for member in unit.members):
        return [Failure(rule, _("Có thành viên bị kỷ luật từ cảnh cáo trở lên trong năm."))]
    return []


def ttldtt_failures(unit: UnitFacts, rules: RuleValues, ldtt_rules: RuleValues) -> list[Failure]:
    """Tập thể lao động tiên tiến, E-07: the unit "hoàn thành tốt nhiệm vụ"; strictly more than
    `min_member_ratio` (50 %) of its members LĐTT; no member disciplined "cảnh cáo" or above."""
    failures = []
    if not _at_least(unit.duty_rating, DutyRating.GOOD):
        failures.append(Failure("E-07", _("Tập thể chưa hoàn thành tốt nhiệm vụ và kế hoạch.")))
    ldtt, members = _member_ldtt_ratio(unit, ldtt_rules)
    threshold = rules.min_member_ratio or Decimal("0.5")
    if members == 0 or Decimal(ldtt) / members <= threshold:
        failures.append(
            Failure(
                "E-07",
                _("%(ldtt)s/%(members)s thành viên đạt Lao động tiên tiến, chưa vượt %(ratio)s %%.")
                % {"ldtt": ldtt, "members": members, "ratio": _percent(threshold)},
            )
        )
    return failures + _discipline_bar(unit, "E-07")


def ttldxs_failures(unit: UnitFacts, rules: RuleValues, ldtt_rules: RuleValues) -> list[Failure]:
    """Tập thể lao động xuất sắc, E-08: the unit "hoàn thành xuất sắc nhiệm vụ"; every member
    completed their duties; at least `min_member_ratio` (70 %) LĐTT; at least one CSTĐCS;
    no member disciplined "cảnh cáo" or above."""
    failures = []
    if not _at_least(unit.duty_rating, DutyRating.EXCELLENT):
        failures.append(Failure("E-08", _("Tập thể chưa hoàn thành xuất sắc nhiệm vụ.")))
    if not unit.members or not all(
        _at_least(member.duty_rating, DutyRating.COMPLETED) for member in unit.members
    ):
        failures.append(Failure("E-08", _("Chưa phải 100 % thành viên hoàn thành nhiệm vụ.")))
    ldtt, members = _member_ldtt_ratio(unit, ldtt_rules)
    threshold = rules.min_member_ratio or Decimal("0.7")
    if members == 0 or Decimal(ldtt) / members < threshold:
        failures.append(
            Failure(
                "E-08",
                _("%(ldtt)s/%(members)s thành viên đạt Lao động tiên tiến, dưới %(ratio)s %%.")
                % {"ldtt": ldtt, "members": members, "ratio": _percent(threshold)},
            )
        )
    if not any(
        member.holds(AwardCode.CSTDCS) or AwardCode.CSTDCS in member.pending
        for member in unit.members
    ):
        failures.append(Failure("E-08", _("Không có thành viên đạt Chiến sĩ thi đua cơ sở.")))
    return failures + _discipline_bar(unit, "E-08")


def duplicate_failures(
    *, award_code: str, year: int, titles: dict[int, frozenset[str]], pending: frozenset[str]
) -> list[Failure]:
    """E-10: one award per achievement — the subject neither holds nor is already nominated
    for the same award for the same year."""
    if award_code in titles.get(year, frozenset()) or award_code in pending:
        return [
            Failure(
                "E-10",
                _(
                    "Đã được đề nghị hoặc đã được tặng danh hiệu, hình thức này cho thành tích năm "
                    "%(year)s."
                )
                % {"year": year},
            )
        ]
    return []


def dissolved_failures(unit: UnitFacts) -> list[Failure]:
    """E-19: a unit dissolved or merged by reorganisation is not commended."""
    if unit.dissolved:
        return [Failure("E-19", _("Đơn vị đã giải thể hoặc sáp nhập, không xét khen thưởng."))]
    return []


def cluster_leader_failures(unit: UnitFacts) -> list[Failure]:
    """E-09: Cờ thi đua goes to a unit leading its cluster or bloc (final ranking)."""
    if not unit.leads_cluster:
        return [
            Failure(
                "E-09",
                _(
                    "Đơn vị không dẫn đầu cụm, khối thi đua theo kết quả chấm điểm tổng kết năm "
                    "%(year)s đã chốt."
                )
                % {"year": unit.year},
            )
        ]
    return []


def registration_failures(registered: bool | None) -> list[Failure]:
    """E-21: where the authority requires it for the year, a title is considered only for a
    person or collective that registered for it at the start of the year (đăng ký thi đua,
    DOMAIN §6.1). `registered` is None when registration is not required."""
    if registered is False:
        return [
            Failure(
                "E-21",
                _(
                    "Chưa đăng ký danh hiệu này đầu năm (hoặc bản đăng ký của đơn vị chưa gửi); "
                    "cơ quan quy định phải đăng ký thi đua mới được xét."
                ),
            )
        ]
    return []


def person_failures(
    code: str, person: PersonFacts, rules: RuleValues, ldtt_rules: RuleValues
) -> list[Failure]:
    """Every failed rule for an individual nominee of award `code`."""
    failures = duplicate_failures(
        award_code=code, year=person.year, titles=person.titles, pending=person.pending
    )
    if code == AwardCode.LDTT:
        failures += ldtt_failures(person, rules)
    elif code == AwardCode.CSTDCS:
        failures += cstdcs_failures(person, rules, ldtt_rules)
    elif code == AwardCode.CSTD_TINH:
        failures += cstd_tinh_failures(person, rules)
    return failures


def unit_failures(
    code: str, unit: UnitFacts, rules: RuleValues, ldtt_rules: RuleValues
) -> list[Failure]:
    """Every failed rule for a collective nominee of award `code`."""
    failures = dissolved_failures(unit) + duplicate_failures(
        award_code=code, year=unit.year, titles=unit.titles, pending=unit.pending
    )
    if code == AwardCode.TTLDTT:
        failures += ttldtt_failures(unit, rules, ldtt_rules)
    elif code == AwardCode.TTLDXS:
        failures += ttldxs_failures(unit, rules, ldtt_rules)
    elif code == AwardCode.CO_TINH:
        failures += cluster_leader_failures(unit)
    return failures


# What each rule asks, in plain words, for the rules a nominee passed: the appraisal stores
# only the failures, and the dossier shows every rule checked with its verdict.
REQUIREMENTS = {
    "E-01": gettext_lazy("Xếp loại năm đạt “Hoàn thành tốt nhiệm vụ” trở lên"),
    "E-02": gettext_lazy("Đủ thời gian công tác trong năm và không bị kỷ luật"),
    "E-03": gettext_lazy("Đạt danh hiệu Lao động tiên tiến cùng năm"),
    "E-04": gettext_lazy("Hoàn thành xuất sắc nhiệm vụ, có sáng kiến được công nhận"),
    "E-05": gettext_lazy("Trong tỷ lệ Chiến sĩ thi đua cơ sở đơn vị được đề nghị"),
    "E-06": gettext_lazy(
        "Đạt Chiến sĩ thi đua cơ sở các năm liên tục và có sáng kiến phạm vi cấp tỉnh trở lên"
    ),
    "E-07": gettext_lazy(
        "Tập thể hoàn thành tốt nhiệm vụ, trên một nửa thành viên đạt Lao động tiên tiến, "
        "không có thành viên bị kỷ luật từ cảnh cáo"
    ),
    "E-08": gettext_lazy(
        "Tập thể hoàn thành xuất sắc nhiệm vụ, đủ tỷ lệ Lao động tiên tiến, có Chiến sĩ thi đua "
        "cơ sở, không có thành viên bị kỷ luật từ cảnh cáo"
    ),
    "E-09": gettext_lazy("Dẫn đầu cụm, khối thi đua theo kết quả tổng kết năm"),
    "E-10": gettext_lazy("Chưa được đề nghị, chưa được tặng hình thức này cho thành tích cùng năm"),
    "E-19": gettext_lazy("Đơn vị không giải thể, không sáp nhập"),
    "E-21": gettext_lazy("Đã đăng ký thi đua danh hiệu này đầu năm"),
}

_TITLE_RULES = {
    AwardCode.LDTT: ("E-01", "E-02"),
    AwardCode.CSTDCS: ("E-03", "E-04", "E-05"),
    AwardCode.CSTD_TINH: ("E-06",),
    AwardCode.TTLDTT: ("E-07",),
    AwardCode.TTLDXS: ("E-08",),
    AwardCode.CO_TINH: ("E-09",),
}


def rules_checked(code: str, *, collective: bool) -> tuple[str, ...]:
    """The rules `person_failures` / `unit_failures` check for award `code`, in their order."""
    common = ("E-19", "E-10") if collective else ("E-10",)
    return common + _TITLE_RULES.get(code, ())


def rule_verdicts(
    code: str, *, collective: bool, failures: Sequence[dict[str, str]]
) -> list[dict[str, object]]:
    """Each rule checked for one nominee with its verdict and its sentence in plain words:
    the stored failures (`Failure.as_dict`) for the rules failed, the requirement for the
    rules passed. A failed rule outside the usual list (E-21) is shown too."""
    failed: dict[str, list[str]] = {}
    for failure in failures:
        failed.setdefault(failure["rule"], []).append(failure["message"])
    order = list(rules_checked(code, collective=collective))
    order += [rule for rule in failed if rule not in order]
    verdicts = []
    for rule in order:
        if rule in failed:
            verdicts += [
                {"rule": rule, "passed": False, "text": rule_text(rule, message)}
                for message in failed[rule]
            ]
        else:
            verdicts.append(
                {"rule": rule, "passed": True, "text": rule_text(rule, REQUIREMENTS[rule])}
            )
    return verdicts
