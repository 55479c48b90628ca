"""The exchange document of one authority's year (selectors only): its signed and revoked
decisions with their lines, the people and collectives they name (with the people's posts in
the year), the titles held in the year, the movements launched in the year and the statistical
forms of the authority's own records: the document holds what the forms are counted from.

Read as rows of values, not model instances: a ward's year is thousands of lines, and building
an instance for each line, award, person and unit they join to takes most of the time
(tests/bench/bench_national_export.py). A constant number of queries, whatever the year holds.
"""

import datetime
import re
from collections import defaultdict

from django.db.models import F, Q

from api.national.schemas import FORMAT_NAME, FORMAT_VERSION, NationalExportOut
from awards.enums import DecisionStatus
from awards.models import Decision, DecisionLine, TitleHeld
from awards.statistics.figures import FORMS, Period, own_tables
from config import clock
from emulation.documents import signer_name
from emulation.models import Authority, Employment, Person, Unit
from emulation.models.movements import Milestone, Movement

# Characters XML 1.0 cannot carry: both forms leave them out, so that they say the same.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def export_day(year: int) -> datetime.date:
    """The day the figures are taken on: 31/12 of the year, or today within the current year."""
    return min(clock.today(), datetime.date(year, 12, 31))


def _identities(authority: Authority) -> list[dict]:
    return list(
        authority.identities.order_by("valid_from").values(
            "valid_from",
            "valid_to",
            "name",
            "level",
            "superior_name",
            "issuer_name",
            "issuer_symbol",
            "place_name",
        )
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


def _decisions(authority: Authority, year: int) -> list[Decision]:
    return list(
        Decision.objects.filter(authority=authority, year=year)
        .exclude(status=DecisionStatus.DRAFT)
        .select_related("signed_by__person")
        .order_by("signed_on", "number_year", "number", "pk")
    )


def _lines(decisions: list[Decision]) -> dict[int, list[dict]]:
    """The decisions' lines by decision id, in the decision's order (award, then entry)."""
    line = "nomination_line__"
    rows = (
        DecisionLine.objects.filter(decision__in=[decision.pk for decision in decisions])
        .order_by("decision_id", f"{line}award__sort_order", "pk")
        .values(
            "pk",
            "decision_id",
            "amount",
            award_code=F(f"{line}award__code"),
            award_name=F(f"{line}award__name"),
            subject_kind=F(f"{line}subject_kind"),
            person_id=F(f"{line}person_id"),
            unit_id=F(f"{line}subject_unit_id"),
            household_name=F(f"{line}household_name"),
            achievement=F(f"{line}achievement"),
            proposer_id=F(f"{line}nomination__unit_id"),
        )
    )
    by_decision: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_decision[row["decision_id"]].append(row)
    return by_decision


def _titles(authority: Authority, year: int, decisions: list[Decision]) -> list[dict]:
    return list(
        TitleHeld.objects.filter(
            Q(person__authority=authority)
            | Q(unit__authority=authority)
            | Q(decision_line__decision__in=[decision.pk for decision in decisions]),
            year=year,
        )
        .order_by("award__sort_order", "pk")
        .values(
            "person_id",
            "unit_id",
            "year",
            "decision_reference",
            "decided_on",
            "issuer_level",
            "decision_line_id",
            "revoked",
            award_code=F("award__code"),
            award_name=F("award__name"),
        )
    )


def _movements(authority: Authority, year: int) -> list[dict]:
    """The movements launched in the year, each with its units' ids and its reviews."""
    movements = list(
        Movement.objects.filter(authority=authority, launch_date__year=year)
        .order_by("launch_date", "name", "pk")
        .values(
            "pk",
            "name",
            "kind",
            "launched_by",
            "launch_date",
            "period_start",
            "period_end",
            "goals",
        )
    )
    ids = [movement["pk"] for movement in movements]
    units: dict[int, list[int]] = defaultdict(list)
    for movement_id, unit_id in Movement.units.through.objects.filter(
        movement_id__in=ids
    ).values_list("movement_id", "unit_id"):
        units[movement_id].append(unit_id)
    milestones: dict[int, list[dict]] = defaultdict(list)
    for milestone in (
        Milestone.objects.filter(movement_id__in=ids)
        .order_by("due_date", "pk")
        .values("movement_id", "kind", "due_date", "reported_at", "report")
    ):
        milestones[milestone.pop("movement_id")].append(milestone)
    return [
        {**movement, "unit_ids": units[movement["pk"]], "milestones": milestones[movement["pk"]]}
        for movement in movements
    ]


def _people(ids: set[int], year: int) -> list[dict]:
    """The people of `ids` with their posts during the year, in the document's order: their
    authority's code, name, birth day and stable code, so that the same records give the same
    keys (P1, P2…) in any database."""
    people = list(
        Person.objects.filter(pk__in=ids).values(
            "pk",
            "staff_code",
            "full_name",
            "gender",
            "date_of_birth",
            authority_code=F("authority__code"),
        )
    )
    people.sort(
        key=lambda p: (
            p["authority_code"],
            p["full_name"],
            p["date_of_birth"] or datetime.date.min,
            p["staff_code"],
            p["pk"],
        )
    )
    posts: dict[int, list[dict]] = defaultdict(list)
    for post in (
        Employment.objects.filter(person_id__in=ids, start_date__year__lte=year)
        .filter(Q(end_date__isnull=True) | Q(end_date__year__gte=year))
        .order_by("start_date", "pk")
        .values("person_id", "unit_id", "position", "category", "start_date", "end_date")
    ):
        posts[post.pop("person_id")].append(post)
    return [{**person, "posts": posts[person["pk"]]} for person in people]


def _units(ids: set[int]) -> list[dict]:
    """The units of `ids` in the document's order: their authority's code, then their code."""
    return list(
        Unit.objects.filter(pk__in=ids)
        .order_by("authority__code", "code", "pk")
        .values("pk", "code", "name", "kind", authority_code=F("authority__code"))
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
    identities = _identities(authority)
    decisions = _decisions(authority, year)
    lines = _lines(decisions)
    titles = _titles(authority, year, decisions)
    movements = _movements(authority, year)
    all_lines = [line for rows in lines.values() for line in rows]
    people = _people(
        {line["person_id"] for line in all_lines if line["person_id"]}
        | {title["person_id"] for title in titles if title["person_id"]},
        year,
    )
    units = _units(
        {line[key] for line in all_lines for key in ("unit_id", "proposer_id") if line[key]}
        | {title["unit_id"] for title in titles if title["unit_id"]}
        | {unit for movement in movements for unit in movement["unit_ids"]}
        | {post["unit_id"] for person in people for post in person["posts"]}
    )
    person_refs = {person["pk"]: f"P{n}" for n, person in enumerate(people, 1)}
    unit_refs = {unit["pk"]: f"U{n}" for n, unit in enumerate(units, 1)}
    order = {unit["pk"]: n for n, unit in enumerate(units)}
    line_refs = {line["pk"]: f"L{n}" for n, line in enumerate(all_lines, 1)}
    day = export_day(year)
    document = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "authority": {"code": authority.code, "identities": identities},
        "year": year,
        "day": day,
        "units": [{**unit, "ref": unit_refs[unit["pk"]]} for unit in units],
        "people": [
            {
                **person,
                "ref": person_refs[person["pk"]],
                "posts": [
                    {**post, "unit_ref": unit_refs[post["unit_id"]]} for post in person["posts"]
                ],
            }
            for person in people
        ],
        "decisions": [
            _decision_out(
                decision, lines[decision.pk], identities, line_refs, person_refs, unit_refs
            )
            for decision in decisions
        ],
        "titles": [
            {
                **title,
                "person_ref": person_refs.get(title["person_id"]),
                "unit_ref": unit_refs.get(title["unit_id"]),
                "line_ref": line_refs.get(title["decision_line_id"]),
            }
            for title in titles
        ],
        "movements": [
            {
                **movement,
                "unit_refs": [unit_refs[pk] for pk in sorted(movement["unit_ids"], key=order.get)],
            }
            for movement in movements
        ],
        "statistics": _statistics(authority, year, day),
    }
    # Validated and dumped by the schema: the fields it declares, in JSON's types.
    return _without_control_characters(
        NationalExportOut.model_validate(document).model_dump(mode="json")
    )


def _decision_out(decision, lines, identities, line_refs, person_refs, unit_refs) -> dict:
    issuer = _identity_on(identities, decision.signed_on)
    return {
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
        "total": sum((line["amount"] for line in lines if line["amount"] is not None), 0),
        "lines": [
            {
                **line,
                "ref": line_refs[line["pk"]],
                "person_ref": person_refs.get(line["person_id"]),
                "unit_ref": unit_refs.get(line["unit_id"]),
                "proposing_unit_ref": unit_refs[line["proposer_id"]],
            }
            for line in lines
        ],
    }


def _without_control_characters(value):
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, list):
        return [_without_control_characters(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_control_characters(item) for key, item in value.items()}
    return value
