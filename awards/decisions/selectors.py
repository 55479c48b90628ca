"""Reads of decisions: the authority's decisions, their lines and what a revoked one asks to
recover.
"""

from decimal import Decimal

from django.db.models import QuerySet

from awards.enums import DecisionStatus
from awards.models import Decision, DecisionSignature
from emulation.models import User


def decisions_for(user: User) -> QuerySet[Decision]:
    if not user.is_authenticated or not user.unit_id:
        return Decision.objects.none()
    return Decision.objects.filter(authority_id=user.unit.authority_id).select_related("signed_by")


def decision_lines(decision: Decision) -> QuerySet:
    return decision.lines.select_related(
        "nomination_line__award",
        "nomination_line__person",
        "nomination_line__subject_unit",
        "nomination_line__nomination__unit",
    )


def recovery_list(decision: Decision) -> list[dict]:
    """E-18: what is to be recovered from a revoked decision: each awardee, award and amount."""
    if decision.status != DecisionStatus.REVOKED:
        return []
    return [
        {
            "subject": line.nomination_line.subject_name,
            "award": line.nomination_line.award.name,
            "amount": line.amount or Decimal(0),
        }
        for line in decision_lines(decision)
    ]


def signature_of(decision: Decision) -> DecisionSignature | None:
    """The evidence of the decision's signature; None before signing (or for a decision
    signed before signatures were recorded)."""
    return DecisionSignature.objects.filter(decision=decision).first()
