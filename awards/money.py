"""Reward money (tiền thưởng), DOMAIN §5: coefficient × base salary in force on the signing
day, rounded up to the next 10.000 đồng (E-11); collectives receive a multiple of the
individual amount for commendation forms (E-12). Decimal throughout, never float."""

from decimal import ROUND_CEILING, Decimal

from awards.enums import AwardCategory, SubjectKind

ROUNDING_STEP = Decimal(10_000)


def round_up_to_ten_thousand(amount: Decimal) -> Decimal:
    """E-11 "làm tròn số lên hàng chục nghìn đồng": 702.000 → 710.000; 2.340.000 stays."""
    steps = (amount / ROUNDING_STEP).to_integral_value(rounding=ROUND_CEILING)
    return steps * ROUNDING_STEP


def effective_coefficient(
    *, coefficient: Decimal, category: str, subject_kind: str, collective_multiplier: Decimal
) -> Decimal:
    """The coefficient a subject receives. A collective's Giấy khen or Bằng khen is the
    individual coefficient times `collective_multiplier` (E-12, default 2); a collective title
    (TTLĐTT, TTLĐXS, Cờ) carries its own coefficient."""
    if category == AwardCategory.FORM and subject_kind == SubjectKind.COLLECTIVE:
        return coefficient * collective_multiplier
    return coefficient


def award_amount(
    *,
    coefficient: Decimal,
    base_salary: Decimal,
    category: str = AwardCategory.TITLE,
    subject_kind: str = SubjectKind.INDIVIDUAL,
    collective_multiplier: Decimal = Decimal(2),
) -> Decimal:
    """E-11: ceil(coefficient × base / 10.000) × 10.000 for the subject's coefficient."""
    effective = effective_coefficient(
        coefficient=coefficient,
        category=category,
        subject_kind=subject_kind,
        collective_multiplier=collective_multiplier,
    )
    return round_up_to_ten_thousand(effective * base_salary)
