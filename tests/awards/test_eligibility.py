"""The eligibility engine, rule by rule (DOMAIN §11): for each rule ID that applies, one case
that passes and one that fails, on plain facts (no database)."""

from decimal import Decimal

from awards.eligibility import (
    PersonFacts,
    RuleValues,
    UnitFacts,
    cstd_tinh_failures,
    cstdcs_cap,
    cstdcs_cap_failures,
    cstdcs_failures,
    dissolved_failures,
    duplicate_failures,
    ldtt_failures,
    person_failures,
    ttldtt_failures,
    ttldxs_failures,
    unit_failures,
)

LDTT = RuleValues(min_months_worked=10)
CSTDCS = RuleValues(requires_initiative=True, max_ratio=Decimal("0.15"))
CSTD_TINH = RuleValues(consecutive_years=3)
TTLDTT = RuleValues(min_member_ratio=Decimal("0.5"))
TTLDXS = RuleValues(min_member_ratio=Decimal("0.7"))


def person(**changes) -> PersonFacts:
    values = {"year": 2025, "duty_rating": "good", "months_worked": 12}
    return PersonFacts(**(values | changes))


def rules_of(failures) -> list[str]:
    return [failure.rule for failure in failures]


def test_e01_ldtt_good_rating_passes():
    assert ldtt_failures(person(duty_rating="good"), LDTT) == []


def test_e01_ldtt_completed_rating_fails_with_citation():
    failures = ldtt_failures(person(duty_rating="completed"), LDTT)
    assert rules_of(failures) == ["E-01"]
    assert failures[0].citation == "Khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15"
    assert failures[0].message == "Xếp loại năm 2025 chưa đạt “Hoàn thành tốt nhiệm vụ” trở lên."


def test_e02_ldtt_ten_months_passes():
    assert ldtt_failures(person(months_worked=10), LDTT) == []


def test_e02_ldtt_nine_months_fails():
    failures = ldtt_failures(person(months_worked=9), LDTT)
    assert [(f.rule, f.message) for f in failures] == [
        ("E-02", "Thời gian công tác trong năm 9 tháng, dưới 10 tháng.")
    ]


def test_e02_ldtt_disciplined_in_year_fails():
    assert rules_of(ldtt_failures(person(disciplines=("reprimand",)), LDTT)) == ["E-02"]


def test_e03_cstdcs_with_ldtt_same_year_passes():
    facts = person(duty_rating="excellent", initiatives={2025: ("base",)})
    assert cstdcs_failures(facts, CSTDCS, LDTT) == []


def test_e03_cstdcs_without_ldtt_same_year_fails():
    facts = person(duty_rating="excellent", months_worked=8, initiatives={2025: ("base",)})
    assert rules_of(cstdcs_failures(facts, CSTDCS, LDTT)) == ["E-03"]


def test_e04_cstdcs_excellent_without_initiative_fails_when_required():
    facts = person(duty_rating="excellent", initiatives={2024: ("base",)})
    failures = cstdcs_failures(facts, CSTDCS, LDTT)
    assert rules_of(failures) == ["E-04"]
    assert failures[0].message == (
        "Cần hoàn thành xuất sắc nhiệm vụ và có sáng kiến được công nhận trong năm 2025."
    )


def test_e04_cstdcs_excellent_without_initiative_passes_when_not_required():
    facts = person(duty_rating="excellent")
    assert cstdcs_failures(facts, RuleValues(requires_initiative=False), LDTT) == []


def test_e04_cstdcs_good_without_initiative_fails_when_not_required():
    failures = cstdcs_failures(person(), RuleValues(requires_initiative=False), LDTT)
    assert rules_of(failures) == ["E-04"]


def test_e05_cap_is_fifteen_percent_of_ldtt_rounded_down():
    assert (cstdcs_cap(20, CSTDCS), cstdcs_cap(13, CSTDCS), cstdcs_cap(6, CSTDCS)) == (3, 1, 0)


def test_e05_cap_rounds_up_when_set():
    assert cstdcs_cap(13, RuleValues(max_ratio=Decimal("0.15"), max_ratio_rounding="ceil")) == 2


def test_e05_three_cstdcs_of_twenty_ldtt_pass():
    assert cstdcs_cap_failures(cstdcs_count=3, ldtt_count=20, rules=CSTDCS) == []


def test_e05_four_cstdcs_of_twenty_ldtt_fail():
    failures = cstdcs_cap_failures(cstdcs_count=4, ldtt_count=20, rules=CSTDCS)
    assert [(f.rule, f.message) for f in failures] == [
        (
            "E-05",
            "Đơn vị đề nghị 4 Chiến sĩ thi đua cơ sở, vượt mức tối đa 3 (15 % của 20 Lao động "
            "tiên tiến).",
        )
    ]


def _three_years_cstdcs(**changes) -> PersonFacts:
    titles = {year: frozenset({"cstdcs"}) for year in (2023, 2024, 2025)}
    return person(titles=titles, **changes)


def test_e06_three_consecutive_cstdcs_and_provincial_initiative_pass():
    facts = _three_years_cstdcs(initiatives={2024: ("province",)})
    assert cstd_tinh_failures(facts, CSTD_TINH) == []


def test_e06_gap_year_fails():
    titles = {2022: frozenset({"cstdcs"}), 2023: frozenset({"cstdcs"}), 2025: frozenset({"cstdcs"})}
    failures = cstd_tinh_failures(
        person(titles=titles, initiatives={2025: ("national",)}), CSTD_TINH
    )
    assert [(f.rule, f.message) for f in failures] == [
        ("E-06", "Chưa đạt Chiến sĩ thi đua cơ sở 3 năm liên tục (thiếu năm 2024).")
    ]


def test_e06_base_level_initiative_only_fails():
    failures = cstd_tinh_failures(_three_years_cstdcs(initiatives={2025: ("base",)}), CSTD_TINH)
    assert rules_of(failures) == ["E-06"]


def unit(members, **changes) -> UnitFacts:
    return UnitFacts(**({"year": 2025, "duty_rating": "good", "members": tuple(members)} | changes))


def test_e07_ttldtt_three_of_five_ldtt_passes():
    members = [person()] * 3 + [person(duty_rating="completed")] * 2
    assert ttldtt_failures(unit(members), TTLDTT, LDTT) == []


def test_e07_ttldtt_exactly_half_fails():
    members = [person()] * 2 + [person(duty_rating="completed")] * 2
    failures = ttldtt_failures(unit(members), TTLDTT, LDTT)
    assert [(f.rule, f.message) for f in failures] == [
        ("E-07", "2/4 thành viên đạt Lao động tiên tiến, chưa vượt 50 %.")
    ]


def test_e07_ttldtt_member_warned_fails():
    members = [person()] * 4 + [person(disciplines=("warning",))]
    failures = ttldtt_failures(unit(members), TTLDTT, LDTT)
    assert [(f.rule, f.message) for f in failures] == [
        ("E-07", "Có thành viên bị kỷ luật từ cảnh cáo trở lên trong năm.")
    ]


def test_e07_ttldtt_member_reprimanded_does_not_bar_the_collective():
    members = [person()] * 4 + [person(disciplines=("reprimand",))]
    assert ttldtt_failures(unit(members), TTLDTT, LDTT) == []


def _cstdcs_member() -> PersonFacts:
    return person(duty_rating="excellent", titles={2025: frozenset({"cstdcs"})})


def test_e08_ttldxs_seven_of_ten_ldtt_with_one_cstdcs_passes():
    members = [_cstdcs_member()] + [person()] * 6 + [person(duty_rating="completed")] * 3
    assert ttldxs_failures(unit(members, duty_rating="excellent"), TTLDXS, LDTT) == []


def test_e08_ttldxs_six_of_ten_ldtt_fails():
    members = [_cstdcs_member()] + [person()] * 5 + [person(duty_rating="completed")] * 4
    failures = ttldxs_failures(unit(members, duty_rating="excellent"), TTLDXS, LDTT)
    assert [(f.rule, f.message) for f in failures] == [
        ("E-08", "6/10 thành viên đạt Lao động tiên tiến, dưới 70 %.")
    ]


def test_e08_ttldxs_member_not_completing_duties_fails():
    members = [_cstdcs_member()] + [person()] * 8 + [person(duty_rating="not_completed")]
    failures = ttldxs_failures(unit(members, duty_rating="excellent"), TTLDXS, LDTT)
    assert [(f.rule, f.message) for f in failures] == [
        ("E-08", "Chưa phải 100 % thành viên hoàn thành nhiệm vụ.")
    ]


def test_e08_ttldxs_without_cstdcs_fails():
    failures = ttldxs_failures(unit([person()] * 10, duty_rating="excellent"), TTLDXS, LDTT)
    assert [(f.rule, f.message) for f in failures] == [
        ("E-08", "Không có thành viên đạt Chiến sĩ thi đua cơ sở.")
    ]


def test_e08_ttldxs_nominated_cstdcs_member_counts():
    members = [person(pending=frozenset({"cstdcs"}))] + [person()] * 9
    assert ttldxs_failures(unit(members, duty_rating="excellent"), TTLDXS, LDTT) == []


def test_e08_ttldxs_member_warned_fails():
    members = [_cstdcs_member()] + [person()] * 8 + [person(disciplines=("demotion",))]
    failures = ttldxs_failures(unit(members, duty_rating="excellent"), TTLDXS, LDTT)
    assert rules_of(failures) == ["E-08"]


def test_e10_first_award_for_the_year_passes():
    titles = {2024: frozenset({"ldtt"})}
    assert (
        duplicate_failures(award_code="ldtt", year=2025, titles=titles, pending=frozenset()) == []
    )


def test_e10_award_already_held_for_the_year_fails():
    titles = {2025: frozenset({"ldtt"})}
    failures = duplicate_failures(award_code="ldtt", year=2025, titles=titles, pending=frozenset())
    assert rules_of(failures) == ["E-10"]
    assert failures[0].citation == "Khoản 2 Điều 5 Luật Thi đua, khen thưởng số 06/2022/QH15"


def test_e10_award_pending_in_another_nomination_fails():
    failures = person_failures("ldtt", person(pending=frozenset({"ldtt"})), LDTT, LDTT)
    assert rules_of(failures) == ["E-10"]


def test_e19_active_unit_passes():
    assert dissolved_failures(unit([])) == []


def test_e19_dissolved_unit_fails_before_any_other_rule():
    members = [person()] * 3
    failures = unit_failures("ttldtt", unit(members, dissolved=True), TTLDTT, LDTT)
    assert [(f.rule, f.citation) for f in failures] == [("E-19", "Thông tư 15/2025/TT-BNV")]
