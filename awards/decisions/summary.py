"""What the chairperson is shown before signing a decision (reads only): the number the
register will give, the lines with the money each receives on the signing day (E-11, E-12),
the total, and the SHA-256 of that content, which the signature records and which must still
match when the signature is written.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal

from awards.catalogue.selectors import base_salary_on, rule_set_for
from awards.decisions.selectors import decision_lines
from awards.enums import DecisionStatus, RegisterSeries
from awards.errors import MissingSettingError
from awards.models import Decision, DecisionLine, NominationLine
from awards.money import award_amount
from awards.papers import expected_number, paper_symbol

DECISION_CODE = "QĐ"


def amounts_for(nominees: list[NominationLine], base_salary: Decimal) -> list[Decimal]:
    """The money of each awardee at `base_salary` (E-11; a collective's form, E-12), reading
    each award's rule set once for the year, not once per line."""
    rule_sets: dict[tuple[int, int], object] = {}
    amounts = []
    for nominee in nominees:
        key = (nominee.award_id, nominee.nomination.year)
        if key not in rule_sets:
            rule_sets[key] = rule_set_for(nominee.award, nominee.nomination.year)
        rule_set = rule_sets[key]
        amounts.append(
            award_amount(
                coefficient=rule_set.coefficient,
                base_salary=base_salary,
                category=nominee.award.category,
                subject_kind=nominee.subject_kind,
                collective_multiplier=rule_set.collective_multiplier,
            )
        )
    return amounts


@dataclass(frozen=True)
class SummaryLine:
    subject: str
    award: str
    unit: str
    amount: Decimal | None


@dataclass(frozen=True)
class DecisionSummary:
    """A decision as it will be signed on `day`; `problem` says why its money cannot be
    computed (no base salary in force on that day), empty otherwise."""

    reference: str
    title: str
    base_salary: Decimal | None
    lines: list[SummaryLine]
    problem: str

    @property
    def total(self) -> Decimal | None:
        if any(line.amount is None for line in self.lines):
            return None
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def sha256(self) -> str:
        """SHA-256 of the content shown (the number excluded: the register gives it at the
        moment of signing, and another signing may take the expected one first)."""
        content = {
            "title": self.title,
            "base_salary": str(self.base_salary),
            "lines": [
                [line.subject, line.award, line.unit, str(line.amount)] for line in self.lines
            ],
            "total": str(self.total),
        }
        canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def _expected_reference(decision: Decision, day: datetime.date) -> str:
    identity = decision.authority.identity_on(day)
    if identity is None:
        return ""
    number = expected_number(decision.authority_id, day.year, RegisterSeries.DECISION)
    return Decision(number=number, symbol=paper_symbol(DECISION_CODE, identity)).reference


def _summary_line(line: DecisionLine, amount: Decimal | None) -> SummaryLine:
    nominee = line.nomination_line
    return SummaryLine(
        subject=nominee.subject_name,
        award=nominee.award.name,
        unit=nominee.nomination.unit.name,
        amount=amount,
    )


def signing_summary(decision: Decision, day: datetime.date) -> DecisionSummary:
    """The draft with the money of `day`; a signed or revoked decision as it was signed."""
    lines = list(decision_lines(decision))
    if decision.status != DecisionStatus.DRAFT:
        return DecisionSummary(
            reference=decision.reference,
            title=decision.title,
            base_salary=decision.base_salary,
            lines=[_summary_line(line, line.amount) for line in lines],
            problem="",
        )
    problem = ""
    try:
        base = base_salary_on(day)
    except MissingSettingError as exc:
        base, problem = None, str(exc)
    amounts = amounts_for([line.nomination_line for line in lines], base) if base else None
    return DecisionSummary(
        reference=_expected_reference(decision, day),
        title=decision.title,
        base_salary=base,
        lines=[
            _summary_line(line, amounts[index] if amounts else None)
            for index, line in enumerate(lines)
        ],
        problem=problem,
    )
