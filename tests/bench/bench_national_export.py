"""Benchmark of the export for the national database; `make bench` prints `name: value` lines.

A ward's year: 50 units, 5,000 people with distinct Vietnamese names (one post each), 100
signed decisions of 50 lines each (a Lao động tiên tiến to every person, money, a 300-character
achievement), the 5,000 titles held their signing recorded, and 10 movements with 50 units and
two reviews each.

- national_export_build_s / _queries: the document read from the database.
- national_export_json_s / _bytes, national_export_xml_s / _bytes: each form written.
- national_export_read_json_s, national_export_read_xml_s: each read back (the XML checked
  against the XSD first), as import_national does.
- national_import_s / _queries: the document written into a new authority.
"""

import datetime
import json
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.national.document import national_export
from api.national.reading import read_export
from api.national.services import import_national_export
from api.national.xml_form import to_xml
from awards.enums import AwardCode, DecisionStatus, NominationState, SubjectKind
from awards.models import Award, Decision, DecisionLine, Nomination, NominationLine, TitleHeld
from emulation.enums import Role, StaffCategory
from emulation.models import Employment, Person, Unit
from emulation.models.movements import Milestone, Movement
from emulation.movements.enums import MilestoneKind, MovementKind
from tests.bench.bench_imports import name_of, report
from tests.factories import AuthorityFactory, UnitFactory, UserFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

YEAR = 2025
UNITS, DECISIONS, LINES = 50, 100, 50
ACHIEVEMENT = (
    "Hoàn thành xuất sắc nhiệm vụ được giao; tích cực tham gia phong trào “Dân vận khéo”, "
    "“Cả nước thi đua đổi mới sáng tạo trong quản lý, sản xuất kinh doanh”; có sáng kiến cải "
    "tiến thủ tục hành chính được áp dụng tại đơn vị, góp phần rút ngắn thời gian giải quyết hồ "
    "sơ của người dân và doanh nghiệp."
)


def _year_of_a_ward():
    authority = AuthorityFactory(identity__name="Phường Sài Gòn")
    units = [UnitFactory(authority=authority, code=f"DV{n:03d}") for n in range(UNITS)]
    staff = UserFactory(role=Role.AUTHORITY_STAFF, unit=units[0])
    people = Person.objects.bulk_create(
        Person(
            authority=authority,
            full_name=name_of(n),
            gender="female" if n % 2 else "male",
            date_of_birth=datetime.date(1970 + n % 30, 1 + n % 12, 1 + n % 28),
            staff_code=f"CB{n:05d}",
        )
        for n in range(DECISIONS * LINES)
    )
    Employment.objects.bulk_create(
        Employment(
            person=person,
            unit=units[n % UNITS],
            position="Chuyên viên",
            category=StaffCategory.CIVIL_SERVANT,
            start_date=datetime.date(2020, 1, 1),
        )
        for n, person in enumerate(people)
    )
    award = Award.objects.get(code=AwardCode.LDTT)
    for d in range(DECISIONS):
        decision = Decision.objects.create(
            authority=authority,
            year=YEAR,
            title=f"Quyết định công nhận danh hiệu Lao động tiên tiến năm {YEAR}, đợt {d + 1}",
            status=DecisionStatus.SIGNED,
            number=d + 1,
            number_year=YEAR,
            symbol="QĐ-UBND",
            signed_on=datetime.date(YEAR, 11, 1) + datetime.timedelta(days=d % 50),
            signed_by=staff,
            base_salary=Decimal(2340000),
            created_by=staff,
        )
        nomination = Nomination.objects.create(
            authority=authority,
            unit=units[d % UNITS],
            year=YEAR,
            title=decision.title,
            state=NominationState.DECIDED,
            created_by=staff,
        )
        chosen = people[d * LINES : (d + 1) * LINES]
        nominated = NominationLine.objects.bulk_create(
            NominationLine(
                nomination=nomination,
                award=award,
                subject_kind=SubjectKind.INDIVIDUAL,
                person=person,
                achievement=ACHIEVEMENT,
                approved=True,
            )
            for person in chosen
        )
        lines = DecisionLine.objects.bulk_create(
            DecisionLine(decision=decision, nomination_line=row, amount=Decimal(702000))
            for row in nominated
        )
        TitleHeld.objects.bulk_create(
            TitleHeld(
                person=person,
                award=award,
                year=YEAR,
                decision_reference=decision.reference,
                decided_on=decision.signed_on,
                decision_line=line,
            )
            for person, line in zip(chosen, lines, strict=True)
        )
    for m in range(10):
        movement = Movement.objects.create(
            authority=authority,
            kind=MovementKind.THEMATIC if m % 2 else MovementKind.REGULAR,
            name=f"Phong trào thi đua chuyên đề số {m + 1} năm {YEAR}",
            launched_by="Ủy ban nhân dân phường Sài Gòn",
            launch_date=datetime.date(YEAR, 1 + m, 10),
            period_start=datetime.date(YEAR, 1 + m, 10),
            period_end=datetime.date(YEAR, 12, 31),
            goals=ACHIEVEMENT,
            created_by=staff,
        )
        movement.units.set(units)
        Milestone.objects.bulk_create(
            Milestone(movement=movement, kind=kind, due_date=datetime.date(YEAR, month, 15))
            for kind, month in ((MilestoneKind.MID_YEAR, 7), (MilestoneKind.YEAR_END, 12))
        )
    return authority, staff


def _timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def test_bench_national_export():
    authority, staff = _year_of_a_ward()
    with CaptureQueriesContext(connection) as queries:
        document, built = _timed(lambda: national_export(authority=authority, year=YEAR))
    report("national_export_lines", sum(len(d["lines"]) for d in document["decisions"]))
    report("national_export_build_s", f"{built:.2f}")
    report("national_export_build_queries", len(queries))
    as_json, json_s = _timed(lambda: json.dumps(document, ensure_ascii=False).encode())
    as_xml, xml_s = _timed(lambda: to_xml(document))
    report("national_export_json_s", f"{json_s:.2f}")
    report("national_export_json_bytes", len(as_json))
    report("national_export_xml_s", f"{xml_s:.2f}")
    report("national_export_xml_bytes", len(as_xml))
    from_json, read_json_s = _timed(lambda: read_export(data=as_json))
    from_xml, read_xml_s = _timed(lambda: read_export(data=as_xml))
    assert from_json == from_xml == document
    report("national_export_read_json_s", f"{read_json_s:.2f}")
    report("national_export_read_xml_s", f"{read_xml_s:.2f}")
    with CaptureQueriesContext(connection) as queries:
        copy, imported = _timed(
            lambda: import_national_export(document=document, user=staff, authority_code="ban-sao")
        )
    report("national_import_s", f"{imported:.2f}")
    report("national_import_queries", len(queries))
    again = national_export(authority=copy, year=YEAR)
    assert (len(again["people"]), len(again["titles"])) == (DECISIONS * LINES,) * 2
    assert Unit.objects.filter(authority=copy).count() == UNITS
