"""Reward money against DOMAIN §5.3 (E-11) and the collective multiple (E-12)."""

import datetime
from decimal import Decimal

import pytest

from awards.catalogue.selectors import base_salary_on, rule_set_for
from awards.models import Award
from awards.money import award_amount, round_up_to_ten_thousand

BASE_2023 = Decimal(1_800_000)
BASE_2024 = Decimal(2_340_000)


@pytest.mark.parametrize(
    ("coefficient", "expected"),
    [("0.3", 540_000), ("1.0", 1_800_000), ("1.5", 2_700_000), ("8.0", 14_400_000)],
)
def test_e11_amounts_at_base_1_800_000(coefficient, expected):
    assert award_amount(coefficient=Decimal(coefficient), base_salary=BASE_2023) == expected


@pytest.mark.parametrize(
    ("coefficient", "expected"),
    [
        ("0.3", 710_000),
        ("1.0", 2_340_000),
        ("0.8", 1_880_000),
        ("1.5", 3_510_000),
        ("3.0", 7_020_000),
        ("8.0", 18_720_000),
    ],
)
def test_e11_amounts_at_base_2_340_000_round_up(coefficient, expected):
    assert award_amount(coefficient=Decimal(coefficient), base_salary=BASE_2024) == expected


def test_e11_rounding_is_up_to_the_next_ten_thousand():
    assert (
        round_up_to_ten_thousand(Decimal(1_112_000)),
        round_up_to_ten_thousand(Decimal(2_340_000)),
        round_up_to_ten_thousand(Decimal("2340000.01")),
    ) == (Decimal(1_120_000), Decimal(2_340_000), Decimal(2_350_000))


def test_e12_collective_giay_khen_is_twice_the_individual_then_rounded():
    individual = award_amount(coefficient=Decimal("0.3"), base_salary=BASE_2024, category="form")
    collective = award_amount(
        coefficient=Decimal("0.3"),
        base_salary=BASE_2024,
        category="form",
        subject_kind="collective",
    )
    assert (individual, collective) == (Decimal(710_000), Decimal(1_410_000))


def test_e12_collective_title_keeps_its_own_coefficient():
    amount = award_amount(
        coefficient=Decimal("0.8"),
        base_salary=BASE_2024,
        category="title",
        subject_kind="collective",
    )
    assert amount == Decimal(1_880_000)


@pytest.mark.django_db
def test_base_salary_follows_the_effective_dates():
    days = [datetime.date(2024, 6, 30), datetime.date(2024, 7, 1), datetime.date(2026, 7, 1)]
    assert [base_salary_on(day) for day in days] == [1_800_000, 2_340_000, 2_530_000]


@pytest.mark.django_db
def test_rule_set_of_the_year_gives_the_bang_khen_coefficient_in_force():
    award = Award.objects.get(code="bang_khen_tinh")
    assert (rule_set_for(award, 2024).coefficient, rule_set_for(award, 2025).coefficient) == (
        Decimal("1.00"),
        Decimal("1.50"),
    )
