"""Factories for the awards records. The catalogue and rule sets come from the seeding
migration, so tests read `Award.objects.get(code=…)` rather than build awards."""

import datetime

import factory

from awards.enums import DisciplineLevel, DutyRating, InitiativeLevel
from awards.models import (
    Discipline,
    Initiative,
    Nomination,
    NominationLine,
    PersonYear,
    TitleHeld,
    UnitYear,
)
from tests.factories import PersonFactory, UnitFactory, UserFactory


class PersonYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonYear

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory, authority=factory.SelfAttribute("..person.authority"))
    year = 2025
    duty_rating = DutyRating.GOOD
    months_worked = 12


class UnitYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitYear

    unit = factory.SubFactory(UnitFactory)
    year = 2025
    duty_rating = DutyRating.GOOD


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discipline

    person = factory.SubFactory(PersonFactory)
    level = DisciplineLevel.REPRIMAND
    decided_on = datetime.date(2025, 5, 20)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    person = factory.SubFactory(PersonFactory)
    title = "Số hóa hồ sơ một cửa phường"
    level = InitiativeLevel.BASE
    decision_number = "15/QĐ-UBND"
    recognised_on = datetime.date(2025, 10, 2)


class TitleHeldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TitleHeld

    person = factory.SubFactory(PersonFactory)
    year = 2024


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    unit = factory.SubFactory(UnitFactory)
    authority = factory.SelfAttribute("unit.authority")
    year = 2025
    title = "Tờ trình đề nghị công nhận danh hiệu thi đua năm 2025"
    created_by = factory.SubFactory(UserFactory, unit=factory.SelfAttribute("..unit"))


class NominationLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NominationLine

    nomination = factory.SubFactory(NominationFactory)
    subject_kind = "individual"
    achievement = "Hoàn thành tốt nhiệm vụ được giao"
