"""The awards app's sections of the year-end report (emulation.reports.hooks): awards by title
and by unit with their money, initiatives (sáng kiến) recognised in the year, the nominees
proposed to the superior (danh sách đề nghị), and the register's report series that numbers
the report (E-15). Registered in AwardsConfig.ready(); each provider is one grouped query."""

from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from awards.enums import DecisionStatus, NominationState, RegisterSeries, SubjectKind
from awards.models import Decision, DecisionLine, Initiative, Submission, SubmissionLine
from awards.papers import expected_number, limit_lock_wait, next_number, paper_symbol
from emulation.reports.hooks import (
    AWARDS,
    EXEMPLARY,
    PROPOSALS,
    YEARS,
    AwardTally,
    Exemplary,
    Numbering,
    Proposal,
    register_numbering,
    register_section,
)

REPORT_CODE = "BC"

KIND_FIELD = {
    SubjectKind.COLLECTIVE: "collectives",
    SubjectKind.INDIVIDUAL: "individuals",
    SubjectKind.HOUSEHOLD: "households",
}


def award_tallies(*, authority, year: int) -> list[AwardTally]:
    """Lines of the authority's signed decisions for achievements of `year` (revoked decisions
    do not count), by award and by the proposing unit, in the catalogue's order."""
    rows = (
        DecisionLine.objects.filter(
            decision__authority=authority,
            decision__year=year,
            decision__status=DecisionStatus.SIGNED,
        )
        .values(
            "nomination_line__award__sort_order",
            "nomination_line__award__name",
            "nomination_line__subject_kind",
            "nomination_line__nomination__unit__name",
        )
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by("nomination_line__award__sort_order", "nomination_line__award__name")
    )
    tallies: dict[str, AwardTally] = {}
    for row in rows:
        title = row["nomination_line__award__name"]
        tally = tallies.setdefault(title, AwardTally(title=title))
        kind_field = KIND_FIELD[row["nomination_line__subject_kind"]]
        setattr(tally, kind_field, getattr(tally, kind_field) + row["count"])
        amount = row["amount"] or Decimal(0)
        tally.amount += amount
        unit = tally.by_unit.setdefault(row["nomination_line__nomination__unit__name"], [0, 0])
        unit[0] += row["count"]
        unit[1] += amount
    return list(tallies.values())


def recognised_initiatives(*, authority, year: int) -> list[Exemplary]:
    initiatives = (
        Initiative.objects.filter(person__authority=authority, recognised_on__year=year)
        .select_related("person")
        .order_by("recognised_on", "pk")
    )
    return [
        Exemplary(
            kind=_("Sáng kiến"),
            name=initiative.title,
            unit_name=initiative.person.full_name,
            achievement=initiative.get_level_display(),
        )
        for initiative in initiatives
    ]


def decision_years(*, authority, year: int) -> list[int]:
    """Years of the authority's signed decisions and of its submissions to the superior."""
    decided = (
        Decision.objects.filter(authority=authority, status=DecisionStatus.SIGNED)
        .values_list("year", flat=True)
        .distinct()
    )
    proposed = Submission.objects.filter(authority=authority).values_list("year", flat=True)
    return sorted(set(decided) | set(proposed.distinct()))


def proposed_to_superior(*, authority, year: int) -> list[Proposal]:
    """The nominees of the authority's submissions (tờ trình) for achievements of `year`,
    in the order of the submissions and of the catalogue."""
    lines = (
        SubmissionLine.objects.filter(submission__authority=authority, submission__year=year)
        .select_related(
            "submission",
            "nomination_line__award",
            "nomination_line__person",
            "nomination_line__subject_unit",
            "nomination_line__nomination__unit",
            "received_as__nomination",
            "received_as__decision_line__decision",
        )
        .order_by("submission__created_at", "nomination_line__award__sort_order", "pk")
    )
    return [
        Proposal(
            subject=line.nomination_line.subject_name,
            award=line.nomination_line.award.name,
            unit_name=line.nomination_line.nomination.unit.name,
            submission=line.submission.reference,
            **_outcome(line),
        )
        for line in lines
    ]


def _outcome(line: SubmissionLine) -> dict:
    """What the superior answered for one forwarded nominee: on this instance, the state of
    its received line and the decision that commended it; otherwise what staff recorded on
    the nomination (the superior's decision number, or a refusal)."""
    received = getattr(line, "received_as", None)
    if received is not None:
        decision_line = getattr(received, "decision_line", None)
        if decision_line is not None and decision_line.decision.number:
            reference = decision_line.decision.reference
            return {
                "outcome": _("Được khen: Quyết định số %(reference)s") % {"reference": reference},
                "commended": True,
            }
        state = received.nomination.state
        if state in (NominationState.RETURNED, NominationState.REJECTED):
            return {"outcome": received.nomination.get_state_display()}
        return {"outcome": _("Cấp trên đang xét")}
    nomination = line.nomination_line.nomination
    if nomination.state == NominationState.DECIDED and nomination.superior_decision_number:
        reference = nomination.superior_decision_number
        return {
            "outcome": _("Được khen: Quyết định số %(reference)s") % {"reference": reference},
            "commended": True,
        }
    if nomination.state == NominationState.REJECTED:
        return {"outcome": _("Cấp trên không khen thưởng")}
    return {"outcome": _("Cấp trên đang xét")}


def take_report_number(*, authority_id: int, day, identity) -> tuple[int, str]:
    """E-15: the next number of the register's report series and the symbol "BC-<issuer>";
    inside the signing transaction, with the register's bounded lock wait."""
    limit_lock_wait()
    number = next_number(authority_id, day.year, RegisterSeries.REPORT)
    return number, paper_symbol(REPORT_CODE, identity)


def expected_report_number(*, authority_id: int, day, identity) -> tuple[int, str]:
    number = expected_number(authority_id, day.year, RegisterSeries.REPORT)
    return number, paper_symbol(REPORT_CODE, identity)


def register_report_sections() -> None:
    register_section(AWARDS, award_tallies)
    register_section(EXEMPLARY, recognised_initiatives)
    register_section(PROPOSALS, proposed_to_superior)
    register_section(YEARS, decision_years)
    register_numbering(Numbering(take=take_report_number, expected=expected_report_number))
