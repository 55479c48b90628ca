"""Forms 0601.N and 0603.N of TT 02/2023/TT-BNV for ONE authority's own records, for a year as
of a day (DOMAIN §10.3). The province's sums are `awards.statistics.province`.

- 0601.N, movements (số phong trào thi đua): the authority's movements launched between
  01/01 and the day, by kind (thường xuyên, chuyên đề), by duration (under a year, a year or
  more), the units taking part, and how many were reviewed (sơ kết, tổng kết) by the day.
- 0603.N, awards of the province level (khen thưởng cấp bộ, ban, ngành, tỉnh): the titles and
  forms held by the authority's people, collectives and households through decisions signed
  between 01/01 and the day (a decision revoked by the day does not count), by subject
  (tập thể, of which enterprises; hộ gia đình; cá nhân by the staff category of the post held on
  the decision's day). Decisions signed on this instance are read from their lines; outcomes
  recorded by hand (an earlier or an off-instance superior's decision) from the titles held.

An awardee belongs to the authority of its record: a person to `Person.authority`, a collective
to `Unit.authority`, except a province's unit that represents a commune, which stands for that
commune; a household to the authority whose nomination proposed it first (the commune's line
that a province received keeps `forwarded_from`).

0602.N (state-level awards) and 0604.N/0605.N (staff and organisation doing thi đua work) are
not computed: the catalogue holds no state-level award and the product keeps no record of
those staff; the page says so.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.enums import AwardCode, DecisionStatus, SubjectKind
from awards.models import DecisionLine, TitleHeld
from awards.statistics.tables import FormSpec, Line, Table
from emulation.enums import StaffCategory, UnitKind
from emulation.models import Authority, Employment
from emulation.models.movements import Movement
from emulation.movements.enums import MilestoneKind, MovementKind


@dataclass(frozen=True)
class Period:
    """The report year and the day the figures are taken on (within that year)."""

    year: int
    day: datetime.date

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)


MOVEMENTS = FormSpec(
    code="0601.N",
    slug="0601",
    title=_("Số phong trào thi đua"),
    rows=(
        Line(MovementKind.REGULAR, _("Phong trào thi đua thường xuyên")),
        Line(MovementKind.THEMATIC, _("Phong trào thi đua theo chuyên đề, đợt")),
    ),
    columns=(
        Line("movements", _("Số phong trào")),
        Line("under_a_year", _("Thời gian dưới 1 năm")),
        Line("a_year_or_more", _("Thời gian từ 1 năm trở lên")),
        Line("unit_entries", _("Lượt đơn vị tham gia")),
        Line("mid_year_reviewed", _("Đã sơ kết")),
        Line("year_end_reviewed", _("Đã tổng kết")),
    ),
)

# The titles and forms decided by a ministry's or a province's chairperson (DOMAIN §4.1).
PROVINCE_LEVEL_AWARDS = (
    AwardCode.BANG_KHEN_TINH,
    AwardCode.CSTD_TINH,
    AwardCode.CO_TINH,
    AwardCode.TTLDXS,
)
UNCLASSIFIED = "unclassified"
PROVINCE_AWARDS = FormSpec(
    code="0603.N",
    slug="0603",
    title=_("Số lượng khen thưởng cấp bộ, ban, ngành, tỉnh"),
    rows=tuple(Line(code, code.label) for code in PROVINCE_LEVEL_AWARDS),
    columns=(
        Line("total", _("Tổng số")),
        Line(SubjectKind.COLLECTIVE, _("Tập thể")),
        Line(UnitKind.ENTERPRISE, _("Trong đó: doanh nghiệp")),
        Line(SubjectKind.HOUSEHOLD, _("Hộ gia đình")),
        Line(SubjectKind.INDIVIDUAL, _("Cá nhân")),
        *(Line(category, category.label) for category in StaffCategory),
        Line(UNCLASSIFIED, _("Cá nhân chưa xác định ngạch, loại")),
    ),
)
FORMS = {spec.slug: spec for spec in (MOVEMENTS, PROVINCE_AWARDS)}


def _a_year_or_more(start: datetime.date, end: datetime.date) -> bool:
    """01/01/2025–31/12/2025 lasts a year; 29/02 runs to 28/02 of the next year."""
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:
        anniversary = datetime.date(start.year + 1, 3, 1)
    return end >= anniversary - datetime.timedelta(days=1)


def movements_table(authority: Authority, period: Period) -> Table:
    """Form 0601.N of the authority's own movements (one query)."""
    reported_by = timezone.make_aware(
        datetime.datetime.combine(period.day + datetime.timedelta(days=1), datetime.time.min)
    )

    def reviewed(kind: MilestoneKind) -> Count:
        return Count(
            "milestones",
            filter=Q(milestones__kind=kind, milestones__reported_at__lt=reported_by),
            distinct=True,
        )

    movements = (
        Movement.objects.filter(
            authority=authority, launch_date__gte=period.start, launch_date__lte=period.day
        )
        .annotate(
            unit_count=Count("units", distinct=True),
            mid_year=reviewed(MilestoneKind.MID_YEAR),
            year_end=reviewed(MilestoneKind.YEAR_END),
        )
        .values("kind", "period_start", "period_end", "unit_count", "mid_year", "year_end")
    )
    table = Table(MOVEMENTS)
    for movement in movements:
        kind = movement["kind"]
        table.add(kind, "movements")
        long = _a_year_or_more(movement["period_start"], movement["period_end"])
        table.add(kind, "a_year_or_more" if long else "under_a_year")
        table.add(kind, "unit_entries", movement["unit_count"])
        table.add(kind, "mid_year_reviewed", int(movement["mid_year"] > 0))
        table.add(kind, "year_end_reviewed", int(movement["year_end"] > 0))
    return table


def _collective_of(authority: Authority, prefix: str) -> Q:
    """A collective counts for the authority it is part of, or, when it is a superior's unit
    that represents an authority, for that authority."""
    return Q(**{f"{prefix}represents": authority}) | Q(
        **{f"{prefix}authority": authority, f"{prefix}represents__isnull": True}
    )


def _decided_lines(authority: Authority, period: Period) -> list[dict]:
    """The awardees of decisions signed on this instance in the period and not revoked by its
    day, who belong to `authority`."""
    line = "nomination_line__"
    household_of = Q(
        **{f"{line}forwarded_from__isnull": False},
        **{f"{line}forwarded_from__nomination_line__nomination__authority": authority},
    ) | Q(**{f"{line}forwarded_from__isnull": True, f"{line}nomination__authority": authority})
    subject_of = (
        Q(**{f"{line}subject_kind": SubjectKind.INDIVIDUAL, f"{line}person__authority": authority})
        | (
            Q(**{f"{line}subject_kind": SubjectKind.COLLECTIVE})
            & _collective_of(authority, f"{line}subject_unit__")
        )
        | (Q(**{f"{line}subject_kind": SubjectKind.HOUSEHOLD}) & household_of)
    )
    in_force = Q(decision__status=DecisionStatus.SIGNED) | Q(
        decision__status=DecisionStatus.REVOKED, decision__revoked_on__gt=period.day
    )
    return list(
        DecisionLine.objects.filter(
            subject_of,
            in_force,
            decision__signed_on__gte=period.start,
            decision__signed_on__lte=period.day,
            nomination_line__award__code__in=PROVINCE_LEVEL_AWARDS,
        ).values(
            award_code=F(f"{line}award__code"),
            kind=F(f"{line}subject_kind"),
            person_ref=F(f"{line}person_id"),
            unit_kind=F(f"{line}subject_unit__kind"),
            day=F("decision__signed_on"),
        )
    )


def _titles_recorded_by_hand(authority: Authority, period: Period) -> list[dict]:
    """Titles held that no decision of this instance backs (an earlier decision, or a
    superior's outcome recorded by staff), decided in the period and not revoked."""
    return list(
        TitleHeld.objects.filter(
            Q(person__authority=authority) | _collective_of(authority, "unit__"),
            decision_line__isnull=True,
            revoked=False,
            decided_on__gte=period.start,
            decided_on__lte=period.day,
            award__code__in=PROVINCE_LEVEL_AWARDS,
        ).values(
            award_code=F("award__code"),
            person_ref=F("person_id"),
            unit_kind=F("unit__kind"),
            day=F("decided_on"),
        )
    )


def _categories(rows: list[dict]) -> dict[tuple[int, datetime.date], str]:
    """The staff category of each (person, day): that of the post held on the day (the
    latest started when several are), or UNCLASSIFIED (one query)."""
    wanted = {(row["person_ref"], row["day"]) for row in rows if row["person_ref"] is not None}
    if not wanted:
        return {}
    posts: dict[int, list[tuple[datetime.date, datetime.date | None, str]]] = {}
    for post in Employment.objects.filter(person_id__in={pair[0] for pair in wanted}).values(
        "person_id", "start_date", "end_date", "category"
    ):
        posts.setdefault(post["person_id"], []).append(
            (post["start_date"], post["end_date"], post["category"])
        )
    categories = {}
    for person, day in wanted:
        held = sorted(
            (start, category)
            for start, end, category in posts.get(person, [])
            if start <= day and (end is None or end >= day)
        )
        categories[(person, day)] = held[-1][1] if held else UNCLASSIFIED
    return categories


def province_awards_table(authority: Authority, period: Period) -> Table:
    """Form 0603.N of the authority's own awardees (three queries)."""
    rows = _decided_lines(authority, period)
    for title in _titles_recorded_by_hand(authority, period):
        individual = title["person_ref"] is not None
        kind = SubjectKind.INDIVIDUAL if individual else SubjectKind.COLLECTIVE
        rows.append({**title, "kind": kind})
    categories = _categories(rows)
    table = Table(PROVINCE_AWARDS)
    for row in rows:
        award, kind = row["award_code"], row["kind"]
        table.add(award, "total")
        table.add(award, kind)
        if kind == SubjectKind.INDIVIDUAL:
            table.add(award, categories[(row["person_ref"], row["day"])])
        elif kind == SubjectKind.COLLECTIVE and row["unit_kind"] == UnitKind.ENTERPRISE:
            table.add(award, UnitKind.ENTERPRISE)
    return table


BUILDERS = {MOVEMENTS.slug: movements_table, PROVINCE_AWARDS.slug: province_awards_table}


def own_table(slug: str, authority: Authority, period: Period) -> Table:
    """Form `slug` ("0601", "0603") of the authority's own records."""
    return BUILDERS[slug](authority, period)
