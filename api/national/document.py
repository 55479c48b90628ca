"""The exchange document of one authority's year (selectors only): its signed and revoked
decisions with their lines, the people and collectives they name (with the people's posts in
the year), the titles held in the year, the movements launched in the year and the statistical
forms of the authority's own records: the document holds what the forms are counted from. A
constant number of queries, whatever the year holds."""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from api.national.schemas import FORMAT_NAME, FORMAT_VERSION, NationalExportOut
from awards.enums import DecisionStatus
from awards.models import Decision, DecisionLine, TitleHeld
from awards.statistics.figures import FORMS, Period, own_tables
from config import clock
from emulation.documents import signer_name
from emulation.models import Authority, Employment, Person, Unit
from emulation.models.movements import Milestone, Movement


def export_day(year: int) -> datetime.date:
    """The day the figures are taken on: 31/12 of the year, or today within the current year."""
    return min(clock.today(), datetime.date(year, 12, 31))


def _decisions(authority: Authority, year: int) -> list[Decision]:
    lines = DecisionLine.objects.select_related(
        "nomination_line__award",
        "nomination_line__person__authority",
        "nomination_line__subject_unit__authority",
        "nomination_line__nomination__unit__authority",
    ).order_by("nomination_line__award__sort_order", "pk")
    return list(
        Decision.objects.filter(authority=authority, year=year)
        .exclude(status=DecisionStatus.DRAFT)
        .select_related("signed_by__person")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .order_by("signed_on", "number_year", "number", "pk")
    )


def _titles(authority: Authority, year: int, decisions: list[Decision]) -> list[TitleHeld]:
    return list(
        TitleHeld.objects.filter(
            Q(person__authority=authority)
            | Q(unit__authority=authority)
            | Q(decision_line__decision__in=[decision.pk for decision in decisions]),
            year=year,
        )
        .select_related("award", "person__authority", "unit__authority")
        .order_by("award__sort_order", "pk")
    )


def _identity_on(identities: list[dict], day: datetime.date | None) -> dict:
    """The identity row in force on `day` (the latest), from the exported identities."""
    valid = [
        identity
        for identity in identities
        if day is not None
        and identity["valid_from"] <= day
        and (identity["valid_to"] is None or identity["valid_to"] >= day)
    ]
    return max(valid, key=lambda identity: identity["valid_from"]) if valid else {}


def _movements(authority: Authority, year: int) -> list[Movement]:
    return list(
        Movement.objects.filter(authority=authority, launch_date__year=year)
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.select_related("authority")),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
        )
        .order_by("launch_date", "name", "pk")
    )


def _posts(people: dict[int, Person], year: int) -> dict[int, list[Employment]]:
    """Each person's posts during the year, by person id (one query)."""
    posts: dict[int, list[Employment]] = {}
    for post in (
        Employment.objects.filter(person_id__in=list(people), start_date__year__lte=year)
        .filter(Q(end_date__isnull=True) | Q(end_date__year__gte=year))
        .select_related("unit__authority")
        .order_by("start_date", "pk")
    ):
        posts.setdefault(post.person_id, []).append(post)
    return posts


@dataclass
class _Named:
    """The people and units the records name, with their keys in the document (P1, U1…):
    numbered in the order of their authority's code, then name and stable code, so that the
    same records give the same keys in any database."""

    people: list[Person]
    units: list[Unit]
    posts: dict[int, list[Employment]]
    person_refs: dict[int, str] = field(default_factory=dict)
    unit_refs: dict[int, str] = field(default_factory=dict)

    def __post_init__(self):
        self.person_refs = {person.pk: f"P{n}" for n, person in enumerate(self.people, 1)}
        self.unit_refs = {unit.pk: f"U{n}" for n, unit in enumerate(self.units, 1)}


def _named(
    decisions: list[Decision], titles: list[TitleHeld], movements: list[Movement], year: int
) -> _Named:
    people: dict[int, Person] = {}
    units: dict[int, Unit] = {}
    for decision in decisions:
        for line in decision.lines.all():
            nominated = line.nomination_line
            if nominated.person is not None:
                people[nominated.person.pk] = nominated.person
            if nominated.subject_unit is not None:
                units[nominated.subject_unit.pk] = nominated.subject_unit
            units[nominated.nomination.unit.pk] = nominated.nomination.unit
    for title in titles:
        if title.person is not None:
            people[title.person.pk] = title.person
        if title.unit is not None:
            units[title.unit.pk] = title.unit
    for movement in movements:
        units.update((unit.pk, unit) for unit in movement.units.all())
    posts = _posts(people, year)
    units.update((post.unit.pk, post.unit) for held in posts.values() for post in held)
    return _Named(
        people=sorted(
            people.values(),
            key=lambda p: (
                p.authority.code,
                p.full_name,
                p.date_of_birth or datetime.date.min,
                p.staff_code,
                p.pk,
            ),
        ),
        units=sorted(units.values(), key=lambda u: (u.authority.code, u.code, u.pk)),
        posts=posts,
    )


def _statistics(authority: Authority, year: int, day: datetime.date) -> list[dict]:
    forms = []
    for slug, spec in FORMS.items():
        table = own_tables(slug, {authority.pk}, Period(year, day))[authority.pk]
        forms.append(
            {
                "form": spec.code,
                "title": str(spec.title),
                "columns": [{"key": c.key, "label": str(c.label)} for c in spec.columns],
                "rows": [
                    {"key": row.key, "label": str(row.label), "values": values}
                    for row, values in table.rows_with_values()
                ],
                "total": table.total_values(),
            }
        )
    return forms


def national_export(*, authority: Authority, year: int) -> dict:
    """The exchange document of `authority`'s records of the achievement year `year`, as the
    JSON answer gives it (dates as ISO strings, money as whole numbers in strings): see
    `NationalExportOut` for each field. Reads only."""
    identities = [
        {
            "valid_from": identity.valid_from,
            "valid_to": identity.valid_to,
            "name": identity.name,
            "level": identity.level,
            "superior_name": identity.superior_name,
            "issuer_name": identity.issuer_name,
            "issuer_symbol": identity.issuer_symbol,
            "place_name": identity.place_name,
        }
        for identity in authority.identities.order_by("valid_from")
    ]
    decisions = _decisions(authority, year)
    titles = _titles(authority, year, decisions)
    movements = _movements(authority, year)
    named = _named(decisions, titles, movements, year)
    person_refs, unit_refs = named.person_refs, named.unit_refs
    line_refs: dict[int, str] = {}
    decisions_out = []
    for decision in decisions:
        issuer = _identity_on(identities, decision.signed_on)
        lines_out = []
        for line in decision.lines.all():
            nominated = line.nomination_line
            line_refs[line.pk] = f"L{len(line_refs) + 1}"
            lines_out.append(
                {
                    "ref": line_refs[line.pk],
                    "award_code": nominated.award.code,
                    "award_name": nominated.award.name,
                    "subject_kind": nominated.subject_kind,
                    "person_ref": person_refs.get(nominated.person_id),
                    "unit_ref": unit_refs.get(nominated.subject_unit_id),
                    "household_name": nominated.household_name,
                    "proposing_unit_ref": unit_refs[nominated.nomination.unit_id],
                    "achievement": nominated.achievement,
                    "amount": line.amount,
                }
            )
        decisions_out.append(
            {
                "reference": decision.reference,
                "number": decision.number,
                "symbol": decision.symbol,
                "number_year": decision.number_year,
                "year": decision.year,
                "title": decision.title,
                "status": decision.status,
                "signed_on": decision.signed_on,
                "signer_name": signer_name(decision.signed_by) if decision.signed_by else "",
                "signer_capacity": decision.signer_capacity,
                "issuer_name": issuer.get("issuer_name", ""),
                "issuer_level": issuer.get("level", ""),
                "revoked_on": decision.revoked_on,
                "revocation_reason": decision.revocation_reason,
                "base_salary": decision.base_salary,
                "total": decision.total,
                "lines": lines_out,
            }
        )
    day = export_day(year)
    document = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "authority": {"code": authority.code, "identities": identities},
        "year": year,
        "day": day,
        "units": [
            {
                "ref": unit_refs[unit.pk],
                "authority_code": unit.authority.code,
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind,
            }
            for unit in named.units
        ],
        "people": [
            {
                "ref": person_refs[person.pk],
                "authority_code": person.authority.code,
                "staff_code": person.staff_code,
                "full_name": person.full_name,
                "gender": person.gender,
                "date_of_birth": person.date_of_birth,
                "posts": [
                    {
                        "unit_ref": unit_refs[post.unit_id],
                        "position": post.position,
                        "category": post.category,
                        "start_date": post.start_date,
                        "end_date": post.end_date,
                    }
                    for post in named.posts.get(person.pk, [])
                ],
            }
            for person in named.people
        ],
        "decisions": decisions_out,
        "titles": [
            {
                "person_ref": person_refs.get(title.person_id),
                "unit_ref": unit_refs.get(title.unit_id),
                "award_code": title.award.code,
                "award_name": title.award.name,
                "year": title.year,
                "decision_reference": title.decision_reference,
                "decided_on": title.decided_on,
                "issuer_level": title.issuer_level,
                "line_ref": line_refs.get(title.decision_line_id),
                "revoked": title.revoked,
            }
            for title in titles
        ],
        "movements": [
            {
                "name": movement.name,
                "kind": movement.kind,
                "launched_by": movement.launched_by,
                "launch_date": movement.launch_date,
                "period_start": movement.period_start,
                "period_end": movement.period_end,
                "goals": movement.goals,
                "unit_refs": sorted(
                    (unit_refs[unit.pk] for unit in movement.units.all()),
                    key=lambda ref: int(ref[1:]),
                ),
                "milestones": [
                    {
                        "kind": milestone.kind,
                        "due_date": milestone.due_date,
                        "reported_at": milestone.reported_at,
                        "report": milestone.report,
                    }
                    for milestone in movement.milestones.all()
                ],
            }
            for movement in movements
        ],
        "statistics": _statistics(authority, year, day),
    }
    return _without_control_characters(
        NationalExportOut.model_validate(document).model_dump(mode="json")
    )


# Characters XML 1.0 cannot carry: both forms leave them out, so that they say the same.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _without_control_characters(value):
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, list):
        return [_without_control_characters(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_control_characters(item) for key, item in value.items()}
    return value
