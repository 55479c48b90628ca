"""Reads of nominations: the scoped lists and the reviewer's queue, and the appraisal of a
nominee (every failed rule, from the records and the rules of the year).
"""

from dataclasses import dataclass, replace

from django.db.models import Prefetch, Q, QuerySet

from awards.catalogue.selectors import award_rules, rule_set_for, rule_values
from awards.eligibility import (
    Failure,
    cstdcs_cap_failures,
    meets_ldtt,
    person_failures,
    registration_failures,
    rule_verdicts,
    unit_failures,
)
from awards.enums import ACTIVE_STATES, AwardCategory, AwardCode, NominationState, SubjectKind
from awards.models import Nomination, NominationLine, PersonYear, TitleHeld
from awards.records.selectors import people_facts, roll_person_ids, unit_facts
from awards.submissions.received import below, received_attachments
from emulation.models import User
from emulation.movements.selectors import is_registered
from emulation.scoring.selectors import unit_leads
from emulation.selectors import units_in_scope


def _cstdcs_cap(line: NominationLine, year: int) -> list[Failure]:
    """E-05 for the roll unit of a CSTĐCS nominee: every active CSTĐCS nominee of that unit
    this year, this nomination included, against its LĐTT count."""
    roll = PersonYear.objects.filter(person_id=line.person_id, year=year).first()
    if roll is None:
        return []
    roll_ids = roll_person_ids(roll.unit, year)
    ldtt_rules = award_rules(AwardCode.LDTT, year)
    members = people_facts(roll_ids, year)
    ldtt_count = sum(meets_ldtt(member, ldtt_rules) for member in members.values())
    nominated = NominationLine.objects.filter(
        Q(nomination__state__in=ACTIVE_STATES) | Q(nomination_id=line.nomination_id),
        nomination__year=year,
        award__code=AwardCode.CSTDCS,
        person_id__in=roll_ids,
    ).exclude(approved=False)
    return cstdcs_cap_failures(
        cstdcs_count=nominated.values("person_id").distinct().count(),
        ldtt_count=ldtt_count,
        rules=award_rules(AwardCode.CSTDCS, year),
    )


def line_registration(line: NominationLine) -> bool | None:
    """Whether the nominee registered for the line's title (None: not required, or a
    household, which does not register)."""
    if line.award.category != AwardCategory.TITLE or line.subject_kind == SubjectKind.HOUSEHOLD:
        return None
    return is_registered(
        authority_id=line.nomination.authority_id,
        year=line.nomination.year,
        title_code=line.award.code,
        person_id=line.person_id if line.subject_kind == SubjectKind.INDIVIDUAL else None,
        unit_id=line.subject_unit_id,
    )


def line_failures(line: NominationLine) -> list[Failure]:
    """Every failed rule of one nominee, from the records and the rules of the year."""
    year = line.nomination.year
    code = line.award.code
    rules = rule_values(rule_set_for(line.award, year))
    ldtt_rules = award_rules(AwardCode.LDTT, year)
    exclude = line.nomination_id
    failures = registration_failures(line_registration(line))
    if line.subject_kind == SubjectKind.INDIVIDUAL:
        person = people_facts([line.person_id], year, exclude_nomination_id=exclude)[line.person_id]
        failures += person_failures(code, person, rules, ldtt_rules)
        if code == AwardCode.CSTDCS:
            failures += _cstdcs_cap(line, year)
        return failures
    if line.subject_kind == SubjectKind.COLLECTIVE:
        facts = unit_facts(line.subject_unit, year, exclude_nomination_id=exclude)
        if code == AwardCode.CO_TINH:
            facts = replace(facts, leads_cluster=unit_leads(line.subject_unit, year))
        failures += unit_failures(code, facts, rules, ldtt_rules)
    return failures


def nominations_for(user: User) -> QuerySet[Nomination]:
    """Nominations the user may see: those of units in the user's scope."""
    nominations = Nomination.objects.filter(unit__in=units_in_scope(user))
    if user.is_authenticated and user.unit_id:
        # A nomination belongs to its unit's authority. Named, the tenant lets the database
        # start from the authority's own rows (index nomination_authority_state); the units
        # alone made it read the nominations of every authority of the province.
        nominations = nominations.filter(authority_id=user.unit.authority_id)
    return nominations.select_related("unit", "created_by").order_by("-year", "-created_at", "-pk")


def nomination_detail(user: User, pk: int) -> Nomination | None:
    """The nomination `pk` in the user's scope with its lines. Its objections are read where
    shown, during the public notice only: one query fewer on every other page of it. The
    lines come with their award, person and unit in one query (a nomination has a few dozen
    lines at most): three queries fewer than a prefetch of each."""
    lines = NominationLine.objects.select_related("award", "person", "subject_unit")
    return (
        nominations_for(user)
        .prefetch_related(Prefetch("lines", queryset=lines))
        .filter(pk=pk)
        .first()
    )


def reviewer_queue(user: User, *, state: str = "", year: int | None = None) -> QuerySet[Nomination]:
    """The staff's queue: submitted and later nominations, oldest first, filterable."""
    states = (
        [state]
        if state
        else [
            NominationState.SUBMITTED,
            NominationState.APPRAISED,
            NominationState.PUBLIC_NOTICE,
            NominationState.IN_COUNCIL,
            NominationState.APPROVED,
        ]
    )
    queue = nominations_for(user).filter(state__in=states)
    if year:
        queue = queue.filter(year=year)
    return queue.order_by("created_at", "pk")


@dataclass
class Dossier:
    """What a reviewer reads (hồ sơ thành tích): one row per nominee (`dossier_lines`) and the
    evidence files of the nomination as a whole."""

    lines: list[dict]
    attachments: list


def dossier(nomination: Nomination) -> Dossier:
    """The nomination's dossier; its evidence files in one query, each under its nominee; a
    nominee received from a subordinate's submission also carries what the subordinate said
    of it and its files there (`submissions.received.below`)."""
    attachments: dict[int | None, list] = {}
    for attachment in nomination.attachments.order_by("uploaded_at", "pk"):
        attachments.setdefault(attachment.line_id, []).append(attachment)
    rows = dossier_lines(nomination)
    sent = list(received_attachments(nomination, lines=[row["line"] for row in rows]))
    for row in rows:
        row["attachments"] = attachments.get(row["line"].pk, [])
        row["below"] = below(row["line"])
        if row["below"] is not None:
            source = row["below"]["line"]
            row["below"]["attachments"] = [
                file
                for file in sent
                if file.line_id == source.pk
                or (file.line_id is None and file.nomination_id == source.nomination_id)
            ]
    return Dossier(lines=rows, attachments=attachments.get(None, []))


def dossier_lines(nomination: Nomination) -> list[dict]:
    """What a reviewer reads of each nominee: the line with its claimed achievement, every
    rule checked at appraisal with its verdict (empty before appraisal), the titles held in
    earlier years and the person's earlier yearly ratings. Two queries beyond the
    nomination's prefetched lines."""
    lines = list(nomination.lines.all())
    person_ids = {line.person_id for line in lines if line.person_id}
    unit_ids = {line.subject_unit_id for line in lines if line.subject_unit_id}
    titles = (
        TitleHeld.objects.filter(
            Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids),
            year__lt=nomination.year,
            revoked=False,
        )
        .select_related("award")
        .order_by("-year", "award__sort_order", "pk")
    )
    held: dict[tuple[str, int], list[TitleHeld]] = {}
    for title in titles:
        key = ("person", title.person_id) if title.person_id else ("unit", title.unit_id)
        held.setdefault(key, []).append(title)
    ratings: dict[int, list[PersonYear]] = {}
    for year in PersonYear.objects.filter(
        person_id__in=person_ids, year__lt=nomination.year
    ).order_by("-year"):
        ratings.setdefault(year.person_id, []).append(year)
    rows = []
    for line in lines:
        collective = line.subject_kind == SubjectKind.COLLECTIVE
        key = ("person", line.person_id) if line.person_id else ("unit", line.subject_unit_id)
        rows.append(
            {
                "line": line,
                "verdicts": []
                if line.eligible is None
                else rule_verdicts(line.award.code, collective=collective, failures=line.failures),
                "titles": held.get(key, []),
                "ratings": ratings.get(line.person_id, []),
            }
        )
    return rows
