"""Reads of the catalogue: the rule set and the base salary in force, and the titles units
may register for.
"""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from awards.eligibility import RuleValues
from awards.enums import AwardCategory, DecidingLevel
from awards.errors import MissingSettingError
from awards.models import Award, AwardRuleSet, BaseSalary, NominationLine
from emulation.movements.catalogue import RegistrableTitle


def evaluation_day(year: int) -> datetime.date:
    """The rules of an evaluation year are those in force on its last day."""
    return datetime.date(year, 12, 31)


def rule_set_for(award: Award, year: int) -> AwardRuleSet:
    rule_set = award.rule_set_on(evaluation_day(year))
    if rule_set is None:
        raise MissingSettingError(
            _("Chưa có quy định cho “%(award)s” áp dụng năm %(year)s.")
            % {"award": award.name, "year": year}
        )
    return rule_set


def rule_values(rule_set: AwardRuleSet) -> RuleValues:
    return RuleValues(
        min_months_worked=rule_set.min_months_worked,
        requires_initiative=rule_set.requires_initiative,
        max_ratio=rule_set.max_ratio,
        max_ratio_rounding=rule_set.max_ratio_rounding,
        min_member_ratio=rule_set.min_member_ratio,
        consecutive_years=rule_set.consecutive_years,
    )


def award_rules(code: str, year: int) -> RuleValues:
    return rule_values(rule_set_for(Award.objects.get(code=code), year))


def base_salary_on(day: datetime.date) -> Decimal:
    """Mức lương cơ sở in force on `day` (R-M1)."""
    row = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if row is None:
        raise MissingSettingError(
            _("Chưa có mức lương cơ sở áp dụng ngày %(day)s.") % {"day": f"{day:%d/%m/%Y}"}
        )
    return row.amount


def registrable_titles() -> list[RegistrableTitle]:
    """The emulation titles (danh hiệu thi đua) of the catalogue a unit may register for at
    the start of the year; the source registered with emulation's registration pages."""
    return [
        RegistrableTitle(
            code=award.code,
            name=award.name,
            for_individual=award.for_individual,
            for_collective=award.for_collective,
        )
        for award in Award.objects.filter(category=AwardCategory.TITLE)
    ]


def decided_by_superior(line: NominationLine) -> bool:
    """Whether the rules of the line's year leave its award to the superior body (DOMAIN §4.1)."""
    try:
        rule_set = rule_set_for(line.award, line.nomination.year)
    except MissingSettingError:
        return False
    return rule_set.deciding_level == DecidingLevel.SUPERIOR
