"""Reads of certificates: the authority's certificates, one by its public code, and whether
it is valid.
"""

from django.db.models import QuerySet

from awards.enums import DecisionStatus
from awards.models import Certificate
from emulation.models import User


def certificates_for(user: User) -> QuerySet[Certificate]:
    """Certificates of the user's authority, with what their pages show."""
    if not user.is_authenticated or not user.unit_id:
        return Certificate.objects.none()
    return Certificate.objects.filter(authority_id=user.unit.authority_id).select_related(
        "decision_line__decision",
        "decision_line__nomination_line__award",
        "decision_line__nomination_line__person",
        "decision_line__nomination_line__subject_unit",
    )


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with public `code` (any authority: the code is the key), or None."""
    return (
        Certificate.objects.filter(code=code.strip().upper())
        .select_related(
            "authority",
            "decision_line__decision",
            "decision_line__nomination_line__award",
            "decision_line__nomination_line__person",
            "decision_line__nomination_line__subject_unit",
            "decision_line__nomination_line__nomination__unit",
        )
        .first()
    )


def certificate_is_valid(certificate: Certificate) -> bool:
    """Computed each time from the decision: revoking the decision revokes its certificates."""
    return certificate.decision_line.decision.status == DecisionStatus.SIGNED
