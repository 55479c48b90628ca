"""Factories of the targets feature (kept beside its tests)."""

from decimal import Decimal

import factory

from emulation.models import ReportingPeriod, Target
from emulation.targets.enums import Direction, PeriodKind, TargetGroup
from tests.factories import AuthorityFactory


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    authority = factory.SubFactory(AuthorityFactory)
    unit = None
    year = 2023
    code = factory.Sequence(lambda n: f"CT{n:02d}")
    name = factory.Sequence(lambda n: f"Tổng thu ngân sách nhà nước trên địa bàn {n}")
    group = TargetGroup.ECONOMY
    unit_of_measure = "tỷ đồng"
    direction = Direction.HIGHER_BETTER
    plan_value = Decimal("15930")


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod
        django_get_or_create = ("authority", "year", "kind")

    authority = factory.SubFactory(AuthorityFactory)
    year = 2023
    kind = PeriodKind.YEAR
