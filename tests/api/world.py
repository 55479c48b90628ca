"""The records the API tests read: a province whose units represent communes A and B, and in
each of the three authorities a unit, a person with a title held, a signed decision numbered
01/QĐ-UBND of 2025 with one line of money and its certificate, and a 2025 target with its
official figure. Tokens: commune A and commune B (scope "authority"), the province (scope
"tree"), and a revoked one of commune A."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from api.enums import TokenScope
from api.models import ApiClient
from api.services import issue_token, revoke_clients
from awards.enums import AwardCode
from awards.models import Award, Certificate
from emulation.enums import Role
from emulation.models import Actual
from emulation.targets.enums import PeriodKind, ValueKind
from tests.awards.factories import TitleHeldFactory
from tests.awards.statistics_world import award_line, decision
from tests.emulation.targets.factories import ReportingPeriodFactory, TargetFactory
from tests.factories import (
    AuthorityFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
    province_above,
)

SIGNED_ON = datetime.date(2025, 6, 10)


@dataclass
class Records:
    """One authority's records, by the label the tests use ("a", "b", "p")."""

    authority_code: str
    unit_id: int
    person_id: int
    decision_id: int
    certificate_code: str
    target_id: int


@dataclass
class World:
    records: dict[str, Records] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    outsider_code: str = ""

    def label_of_decision(self, decision_id: int) -> str:
        return next(k for k, r in self.records.items() if r.decision_id == decision_id)

    def label_of_target(self, target_id: int) -> str:
        return next(k for k, r in self.records.items() if r.target_id == target_id)

    def label_of_code(self, code: str) -> str:
        return next(k for k, r in self.records.items() if r.authority_code == code)


def _records(authority, label: str, amount: Decimal, actual: Decimal) -> Records:
    unit = UnitFactory(authority=authority, name=f"Văn phòng {label.upper()}")
    person = PersonFactory(authority=authority, full_name=f"Trần Văn {label.upper()}")
    TitleHeldFactory(
        person=person,
        award=Award.objects.get(code=AwardCode.LDTT),
        year=2024,
        decision_reference="12/QĐ-UBND",
        decided_on=datetime.date(2024, 12, 20),
    )
    TitleHeldFactory(
        person=None,
        unit=unit,
        award=Award.objects.get(code=AwardCode.TTLDTT),
        year=2024,
        decision_reference="13/QĐ-UBND",
    )
    paper = decision(authority, SIGNED_ON)
    paper.number, paper.symbol, paper.number_year = 1, "QĐ-UBND", 2025
    paper.base_salary = Decimal(2340000)
    paper.save()
    line = award_line(paper, AwardCode.BANG_KHEN_TINH, person=person)
    line.amount = amount
    line.save()
    certificate = Certificate.objects.create(
        decision_line=line,
        authority=authority,
        code=f"API{label.upper()}0001",
        gold_book_number=1,
    )
    target = TargetFactory(authority=authority, year=2025, plan_value=Decimal(100))
    user = UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)
    now = timezone.now()
    Actual.objects.create(
        target=target,
        period=ReportingPeriodFactory(authority=authority, year=2025, kind=PeriodKind.YEAR),
        value_kind=ValueKind.OFFICIAL,
        value=actual,
        submitted_by=user,
        submitted_at=now,
        updated_at=now,
    )
    return Records(
        authority_code=authority.code,
        unit_id=unit.pk,
        person_id=person.pk,
        decision_id=paper.pk,
        certificate_code=certificate.code,
        target_id=target.pk,
    )


def build_world() -> World:
    commune_a = AuthorityFactory(identity__name="Phường An Khánh")
    commune_b = AuthorityFactory(identity__name="Phường Bình Trưng")
    province, _home = province_above(commune_a, commune_b)
    outsider = AuthorityFactory(identity__name="Xã Ngoài Cây")
    world = World(outsider_code=outsider.code)
    world.records["a"] = _records(commune_a, "a", Decimal(1170000), Decimal(120))
    world.records["b"] = _records(commune_b, "b", Decimal(2340000), Decimal(80))
    world.records["p"] = _records(province, "p", Decimal(3510000), Decimal(100))
    _records(outsider, "x", Decimal(1), Decimal(1))
    for label, authority, scope in (
        ("commune_a", commune_a, TokenScope.AUTHORITY),
        ("commune_b", commune_b, TokenScope.AUTHORITY),
        ("province_tree", province, TokenScope.TREE),
        ("revoked", commune_a, TokenScope.AUTHORITY),
    ):
        _client, world.tokens[label] = issue_token(
            authority=authority, scope=scope, name=f"Hệ thống {label}"
        )
    revoke_clients(clients=ApiClient.objects.filter(name="Hệ thống revoked"))
    return world
