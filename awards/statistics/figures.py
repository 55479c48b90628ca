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
    note=_(
        "Phong trào do cơ quan phát động từ 01/01 đến ngày lấy số liệu. Thời gian tính từ ngày "
        "bắt đầu đến ngày kết thúc thực hiện; sơ kết, tổng kết tính khi đã có báo cáo đến ngày "
        "lấy số liệu."
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
    note=_(
        "Khen thưởng theo quyết định ký từ 01/01 đến ngày lấy số liệu (quyết định đã hủy bỏ "
        "trước ngày đó không tính), của cá nhân, tập thể, hộ gia đình thuộc cơ quan; cá nhân "
        "chia theo ngạch, loại của vị trí công tác vào ngày ký quyết định."
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


def movement_tables(authority_ids: set[int], period: Period) -> dict[int, Table]:
    """Form 0601.N of each authority's own movements (one query for them all)."""
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
            authority_id__in=authority_ids,
            launch_date__gte=period.start,
            launch_date__lte=period.day,
        )
        .annotate(
            unit_count=Count("units", distinct=True),
            mid_year=reviewed(MilestoneKind.MID_YEAR),
            year_end=reviewed(MilestoneKind.YEAR_END),
        )
        .values(
            "authority_id",
            "kind",
            "period_start",
            "period_end",
            "unit_count",
            "mid_year",
            "year_end",
        )
    )
    tables = {pk: Table(MOVEMENTS) for pk in authority_ids}
    for movement in movements:
        table, kind = tables[movement["authority_id"]], movement["kind"]
        table.add(kind, "movements")
        long = _a_year_or_more(movement["period_start"], movement["period_end"])
        table.add(kind, "a_year_or_more" if long else "under_a_year")
        table.add(kind, "unit_entries", movement["unit_count"])
        table.add(kind, "mid_year_reviewed", int(movement["mid_year"] > 0))
        table.add(kind, "year_end_reviewed", int(movement["year_end"] > 0))
    return tables


def _collective_of(ids: set[int], prefix: str) -> Q:
    """A collective counts for the authority it is part of, or, when it is a superior's unit
    that represents an authority, for that authority."""
    return Q(**{f"{prefix}represents_id__in": ids}) | Q(
        **{f"{prefix}authority_id__in": ids, f"{prefix}represents__isnull": True}
    )


def _owner(row: dict) -> int:
    """The authority an awardee row belongs to (see the module's docstring)."""
    if row["kind"] == SubjectKind.INDIVIDUAL:
        return row["person_authority"]
    if row["kind"] == SubjectKind.COLLECTIVE:
        return row["unit_represents"] or row["unit_authority"]
    return row["origin_authority"] or row["nomination_authority"]


def _decided_lines(ids: set[int], period: Period) -> list[dict]:
    """The awardees of decisions signed on this instance in the period and not revoked by its
    day, who belong to one of the authorities `ids`."""
    line = "nomination_line__"
    origin = f"{line}forwarded_from__nomination_line__nomination__authority_id"
    household_of = Q(**{f"{line}forwarded_from__isnull": False, f"{origin}__in": ids}) | Q(
        **{f"{line}forwarded_from__isnull": True, f"{line}nomination__authority_id__in": ids}
    )
    subject_of = (
        Q(**{f"{line}subject_kind": SubjectKind.INDIVIDUAL, f"{line}person__authority_id__in": ids})
        | (
            Q(**{f"{line}subject_kind": SubjectKind.COLLECTIVE})
            & _collective_of(ids, f"{line}subject_unit__")
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
            person_authority=F(f"{line}person__authority_id"),
            unit_kind=F(f"{line}subject_unit__kind"),
            unit_authority=F(f"{line}subject_unit__authority_id"),
            unit_represents=F(f"{line}subject_unit__represents_id"),
            origin_authority=F(origin),
            nomination_authority=F(f"{line}nomination__authority_id"),
            day=F("decision__signed_on"),
        )
    )


def _titles_recorded_by_hand(ids: set[int], period: Period) -> list[dict]:
    """Titles held that no decision of this instance backs (an earlier decision, or a
    superior's outcome recorded by staff), decided in the period and not revoked."""
    titles = TitleHeld.objects.filter(
        Q(person__authority_id__in=ids) | _collective_of(ids, "unit__"),
        decision_line__isnull=True,
        revoked=False,
        decided_on__gte=period.start,
        decided_on__lte=period.day,
        award__code__in=PROVINCE_LEVEL_AWARDS,
    ).values(
        award_code=F("award__code"),
        person_ref=F("person_id"),
        person_authority=F("person__authority_id"),
        unit_kind=F("unit__kind"),
        unit_authority=F("unit__authority_id"),
        unit_represents=F("unit__represents_id"),
        day=F("decided_on"),
    )
    return [
        {
            **title,
            "kind": SubjectKind.INDIVIDUAL if title["person_ref"] else SubjectKind.COLLECTIVE,
        }
        for title in titles
    ]


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


def award_tables(authority_ids: set[int], period: Period) -> dict[int, Table]:
    """Form 0603.N of each authority's own awardees (three queries for them all)."""
    rows = [
        *_decided_lines(authority_ids, period),
        *_titles_recorded_by_hand(authority_ids, period),
    ]
    categories = _categories(rows)
    tables = {pk: Table(PROVINCE_AWARDS) for pk in authority_ids}
    for row in rows:
        table, award, kind = tables[_owner(row)], row["award_code"], row["kind"]
        table.add(award, "total")
        table.add(award, kind)
        if kind == SubjectKind.INDIVIDUAL:
            table.add(award, categories[(row["person_ref"], row["day"])])
        elif kind == SubjectKind.COLLECTIVE and row["unit_kind"] == UnitKind.ENTERPRISE:
            table.add(award, UnitKind.ENTERPRISE)
    return tables


BUILDERS = {MOVEMENTS.slug: movement_tables, PROVINCE_AWARDS.slug: award_tables}


def own_tables(slug: str, authority_ids: set[int], period: Period) -> dict[int, Table]:
    """Form `slug` ("0601", "0603") of each authority's own records, by authority id."""
    return BUILDERS[slug](set(authority_ids), period)


def movements_table(authority: Authority, period: Period) -> Table:
    """Form 0601.N of one authority's own movements."""
    return movement_tables({authority.pk}, period)[authority.pk]


def province_awards_table(authority: Authority, period: Period) -> Table:
    """Form 0603.N of one authority's own awardees."""
    return award_tables({authority.pk}, period)[authority.pk]
