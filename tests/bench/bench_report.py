"""Benchmark of the year-end report on a full large year; `make bench` prints `name: value`
lines.

The year: the `seed_demo` large authority (200 units, 5 people each) with 40 targets a unit
and 40 of the authority's own over four periods, 12 of next year's targets; the 200 units
in 20 clusters and blocs whose year-end round is final (ranked, with leaders); 8 movements
with their sơ kết and tổng kết reports; 60 exemplary stories and 40 recognised initiatives;
3,000 award lines in signed decisions across titles and forms (individuals, collectives,
households), then 10× as many.

- year_end_report_large_s: the report, from building its data to the stored PDF/A, in a
  warm worker (fonts and stylesheet already loaded, as in a running worker);
- year_end_report_large_pages: its page count;
- year_end_annex_large_s: the xlsx annex of the same year (built in the request);
- the same three with the suffix _10x after adding 27,000 award lines (30,000 in all).

Scoring sheets are opened by the scoring service and their final totals written directly:
the bench measures the report, not the scoring workflow.
"""

import datetime
import os
import random
import time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from awards.enums import AwardCode, DecisionStatus, NominationState, SubjectKind
from awards.models import Award, Decision, DecisionLine, Nomination, NominationLine
from documents.enums import JobStatus
from documents.rendering import render_pdf
from documents.services import run_job
from emulation.enums import Role
from emulation.models import Employment, Target, Unit, User
from emulation.models.clusters import Cluster, ClusterMembership
from emulation.models.scoring import CriteriaGroup, Criterion, ScoreSheet
from emulation.movements.enums import ExemplaryKind, MilestoneKind, MovementKind
from emulation.movements.services import (
    add_milestone,
    report_milestone,
    save_exemplary,
    save_movement,
)
from emulation.pledges.enums import ClusterKind
from emulation.reports.annex import annex_xlsx
from emulation.reports.documents import YEAR_END_REPORT
from emulation.reports.selectors import year_end_report
from emulation.scoring.enums import ItemKind, Method, RoundKind, SheetState
from emulation.scoring.services import create_table, open_round
from emulation.targets.enums import Direction, TargetGroup
from tests.awards.factories import InitiativeFactory
from tests.factories import JobFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db, pytest.mark.timeout(900)]

YEAR = 2025
UNITS = 200
CLUSTER_SIZE = 10
AWARD_LINES = 3000
GROWTH = 10
SIGNED_ON = datetime.date(2026, 1, 15)

# (award, subject kind, money per line): titles and forms, for people, collectives, households.
AWARD_MIX = (
    (AwardCode.LDTT, SubjectKind.INDIVIDUAL, 540_000),
    (AwardCode.CSTDCS, SubjectKind.INDIVIDUAL, 1_800_000),
    (AwardCode.GIAY_KHEN, SubjectKind.INDIVIDUAL, 540_000),
    (AwardCode.TTLDTT, SubjectKind.COLLECTIVE, 1_440_000),
    (AwardCode.GIAY_KHEN, SubjectKind.COLLECTIVE, 1_080_000),
    (AwardCode.GIAY_KHEN, SubjectKind.HOUSEHOLD, 540_000),
    (AwardCode.TTLDXS, SubjectKind.COLLECTIVE, 2_700_000),
    (AwardCode.BANG_KHEN_TINH, SubjectKind.INDIVIDUAL, 2_700_000),
)
MOVEMENTS = (
    "Cả nước thi đua đổi mới sáng tạo, chuyển đổi số",
    "Dân vận khéo",
    "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
    "Chung sức xây dựng nông thôn mới, đô thị văn minh",
    "Vì người nghèo – Không để ai bị bỏ lại phía sau",
    "Thi đua dạy tốt, học tốt",
    "Doanh nghiệp Việt Nam hội nhập và phát triển",
    "Phường Sài Gòn sáng – xanh – sạch – đẹp",
)
REPORT_TEXT = (
    "Sau {months} tháng triển khai, {units} đơn vị đã ban hành kế hoạch thực hiện, tổ chức "
    "phát động tại cơ sở và đăng ký nội dung thi đua gắn với nhiệm vụ chính trị. Nhiều mô hình "
    "hay, cách làm sáng tạo được nhân rộng; công tác thông tin, tuyên truyền được đẩy mạnh trên "
    "cổng thông tin điện tử và mạng xã hội. Bên cạnh kết quả đạt được, một số đơn vị còn chậm "
    "gửi báo cáo, việc phát hiện, bồi dưỡng điển hình tiên tiến chưa thường xuyên."
)


def report(name: str, value) -> None:
    print(f"{name}: {value}")


def seed_clusters(staff: User, units: list[Unit], rng: random.Random) -> int:
    """Clusters of CLUSTER_SIZE units, each with a table and a final year-end round."""
    maximum = Decimal(100)
    made = 0
    for index in range(0, len(units), CLUSTER_SIZE):
        members = units[index : index + CLUSTER_SIZE]
        number = index // CLUSTER_SIZE + 1
        kind = ClusterKind.CLUSTER if number % 2 else ClusterKind.BLOC
        cluster = Cluster.objects.create(
            authority=staff.unit.authority,
            kind=kind,
            year=YEAR,
            code=f"CUM-{number:02d}",
            name=f"{kind.label} số {number}",
        )
        ClusterMembership.objects.bulk_create(
            ClusterMembership(cluster=cluster, unit=unit, sort_order=order)
            for order, unit in enumerate(members)
        )
        table = create_table(cluster=cluster, user=staff, title=f"Bảng điểm {cluster.name}")
        for order, (code, name, points) in enumerate(
            (("I", "Thực hiện nhiệm vụ chính trị", 60), ("II", "Phong trào thi đua", 40))
        ):
            group = CriteriaGroup.objects.create(
                table=table, code=code, name=name, sort_order=order
            )
            Criterion.objects.create(
                table=table,
                group=group,
                kind=ItemKind.CRITERION,
                code=f"{code}.1",
                name=name,
                method=Method.MANUAL,
                max_points=Decimal(points),
                sort_order=order,
            )
        scoring_round = open_round(table=table, kind=RoundKind.YEAR_END, user=staff)
        sheets = list(scoring_round.sheets.all())
        for sheet in sheets:
            first = Decimal(rng.randint(40, 60))
            sheet.first_group_total = first
            sheet.total = min(maximum, first + rng.randint(25, 40))
            sheet.state = SheetState.FINAL
            sheet.finalised_at = timezone.now()
        ScoreSheet.objects.bulk_update(
            sheets, ["first_group_total", "total", "state", "finalised_at"]
        )
        made += 1
    return made


def seed_movements(staff: User, units: list[Unit], rng: random.Random) -> None:
    """Movements with their participating units and reported reviews, stories, initiatives."""
    movements = []
    for index, name in enumerate(MOVEMENTS):
        taking_part = rng.sample(units, rng.randint(40, len(units)))
        launched = 1 + index % 5  # launched by May: the sơ kết of 30 June falls in the period
        movement = save_movement(
            user=staff,
            units=taking_part,
            kind=MovementKind.REGULAR if index < 4 else MovementKind.THEMATIC,
            name=name,
            launched_by="Chủ tịch Ủy ban nhân dân",
            launch_date=datetime.date(YEAR, launched, 5),
            period_start=datetime.date(YEAR, launched, 5),
            period_end=datetime.date(YEAR, 12, 31),
            goals=REPORT_TEXT.format(months=12, units=len(taking_part)),
        )
        for kind, day in ((MilestoneKind.MID_YEAR, 30), (MilestoneKind.YEAR_END, 15)):
            month = 6 if kind == MilestoneKind.MID_YEAR else 12
            milestone = add_milestone(
                movement=movement, user=staff, kind=kind, due_date=datetime.date(YEAR, month, day)
            )
            report_milestone(
                milestone=milestone,
                user=staff,
                report=REPORT_TEXT.format(months=month - launched, units=len(taking_part)),
            )
        movements.append(movement)
    employments = list(
        Employment.objects.filter(unit__in=units, end_date__isnull=True).select_related(
            "person", "unit"
        )
    )
    for number, employment in enumerate(rng.sample(employments, 60)):
        person_story = number % 3 != 0
        save_exemplary(
            user=staff,
            unit=employment.unit,
            kind=ExemplaryKind.PERSON if person_story else ExemplaryKind.COLLECTIVE,
            person=employment.person if person_story else None,
            movement=movements[number % len(movements)],
            title=f"Điển hình trong phong trào “{MOVEMENTS[number % len(MOVEMENTS)]}”",
            field="Cải cách hành chính, chuyển đổi số",
            story=REPORT_TEXT.format(months=12, units=1),
            period_start=datetime.date(YEAR, 1, 1),
            period_end=datetime.date(YEAR, 12, 31),
        )
    for number, employment in enumerate(rng.sample(employments, 40)):
        InitiativeFactory(
            person=employment.person,
            title=f"Sáng kiến số hóa quy trình nghiệp vụ số {number + 1}",
            recognised_on=datetime.date(YEAR, 10, 1 + number % 28),
        )


def seed_next_year(staff: User) -> None:
    """The authority's own targets for next year (section IV of the report)."""
    Target.objects.bulk_create(
        Target(
            authority=staff.unit.authority,
            unit=None,
            year=YEAR + 1,
            code=f"N{index + 1:02d}",
            name=f"Chỉ tiêu năm {YEAR + 1} số {index + 1}",
            group=TargetGroup.values[index % len(TargetGroup.values)],
            unit_of_measure="%",
            direction=Direction.HIGHER_BETTER,
            plan_value=Decimal(90 + index),
            sort_order=index,
        )
        for index in range(12)
    )


def seed_awards(
    staff: User, chair: User, units: list[Unit], lines: int, first_number: int, rng
) -> int:
    """`lines` award lines of the year in signed decisions (one per award and subject kind),
    spread over every unit's nomination; returns the next free decision number."""
    authority = staff.unit.authority
    awards = {award.code: award for award in Award.objects.all()}
    staff_of: dict[int, list[int]] = {}
    for unit_id, person_id in Employment.objects.filter(
        unit__in=units, end_date__isnull=True
    ).values_list("unit_id", "person_id"):
        staff_of.setdefault(unit_id, []).append(person_id)
    nominations = Nomination.objects.bulk_create(
        Nomination(
            authority=authority,
            unit=unit,
            year=YEAR,
            title=f"Đề nghị khen thưởng năm {YEAR} – {unit.name}",
            state=NominationState.DECIDED,
            created_by=staff,
        )
        for unit in units
    )
    decisions = []
    for offset, (code, kind, _amount) in enumerate(AWARD_MIX):
        decisions.append(
            Decision.objects.create(
                authority=authority,
                year=YEAR,
                title=f"Khen thưởng {awards[code].name} năm {YEAR} ({kind.label})",
                number=first_number + offset,
                number_year=SIGNED_ON.year,
                symbol="QĐ-UBND",
                signed_on=SIGNED_ON,
                signed_by=chair,
                created_by=staff,
                status=DecisionStatus.SIGNED,
            )
        )
    made = []
    for index in range(lines):
        code, kind, _amount = AWARD_MIX[index % len(AWARD_MIX)]
        nomination = nominations[rng.randrange(len(nominations))]
        made.append(
            NominationLine(
                nomination=nomination,
                award=awards[code],
                subject_kind=kind,
                person_id=rng.choice(staff_of[nomination.unit_id])
                if kind == SubjectKind.INDIVIDUAL
                else None,
                subject_unit=nomination.unit if kind == SubjectKind.COLLECTIVE else None,
                household_name=f"Hộ ông Nguyễn Văn {index}"
                if kind == SubjectKind.HOUSEHOLD
                else "",
                achievement="Hoàn thành xuất sắc nhiệm vụ năm",
                eligible=True,
                approved=True,
            )
        )
    made = NominationLine.objects.bulk_create(made, batch_size=5000)
    DecisionLine.objects.bulk_create(
        (
            DecisionLine(
                decision=decisions[index % len(AWARD_MIX)],
                nomination_line=line,
                amount=AWARD_MIX[index % len(AWARD_MIX)][2],
            )
            for index, line in enumerate(made)
        ),
        batch_size=5000,
    )
    return first_number + len(AWARD_MIX)


def analyze_all() -> None:
    """The statistics of every table, as autovacuum refreshes them once a bulk load is
    committed in production. The bench writes inside its test's transaction, which
    autovacuum never sees: without this the planner takes the year's 32,000 figures for a
    handful and joins them row by row (the targets' part of the report took 7 s, not 0.1)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(staff: User, suffix: str) -> None:
    job = JobFactory(kind=YEAR_END_REPORT, params={"year": YEAR}, requested_by=staff)
    started = time.perf_counter()
    job = run_job(job_id=job.pk, worker_pid=os.getpid())
    elapsed = time.perf_counter() - started
    assert job.status == JobStatus.DONE, job.error

    started = time.perf_counter()
    annex = annex_xlsx(year_end_report(user=staff, year=YEAR))
    annex_elapsed = time.perf_counter() - started
    assert annex.startswith(b"PK")

    report(f"year_end_report_large{suffix}_s", round(elapsed, 2))
    report(f"year_end_report_large{suffix}_pages", job.page_count)
    report(f"year_end_annex_large{suffix}_s", round(annex_elapsed, 2))


def test_bench_year_end_report(require_postgres, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    rng = random.Random(YEAR)  # noqa: S311 (generated data, not secrets)
    call_command("seed_demo", units=UNITS, people_per_unit=5, authority_code="bench", verbosity=0)
    call_command(
        "seed_targets", authority_code="bench", targets=40, periods=4, year=YEAR, verbosity=0
    )
    staff = User.objects.get(username="bench.canbo")
    chair = User.objects.get(username="bench.chutich", role=Role.CHAIRPERSON)
    units = list(
        Unit.objects.filter(authority=staff.unit.authority)
        .valid_on(datetime.date(YEAR, 12, 31))
        .order_by("pk")
    )
    seed_next_year(staff)
    clusters = seed_clusters(staff, units, rng)
    seed_movements(staff, units, rng)
    next_number = seed_awards(staff, chair, units, AWARD_LINES, 1, rng)
    analyze_all()
    year = year_end_report(user=staff, year=YEAR)
    # Every section is filled: none of them prints "chưa có".
    assert (
        len(year.clusters),
        year.has_scores,
        len(year.movements),
        len(year.exemplary),
        year.award_total,
        year.next_year_targets,
        bool(year.not_met_targets),
    ) == (clusters, True, len(MOVEMENTS), 100, AWARD_LINES, 12, True)
    render_pdf("<p>Khởi động</p>", archival=True)  # a running worker is warm
    print(f"year_end_report_large_units: {len(units)}")
    print(f"year_end_report_large_award_lines: {AWARD_LINES}")
    measure(staff, "")

    seed_awards(staff, chair, units, AWARD_LINES * (GROWTH - 1), next_number, rng)
    analyze_all()
    assert year_end_report(user=staff, year=YEAR).award_total == AWARD_LINES * GROWTH
    print(f"year_end_report_large_10x_award_lines: {AWARD_LINES * GROWTH}")
    measure(staff, "_10x")
