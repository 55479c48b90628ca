"""Reads of certificates: the authority's certificates, one by its public code, the version
that replaced it, and whether it is valid.
"""

from django.db.models import QuerySet

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
            "replaces",
        )
        .first()
    )


def replacement_of(certificate: Certificate) -> Certificate | None:
    """The version in force that replaced `certificate` (the last of its corrections whose
    file was issued), or None when it is itself in force. One query per correction since."""
    latest = None
    while True:
        following = (
            Certificate.objects.filter(replaces=latest or certificate).exclude(sha256="").first()
        )
        if following is None:
            return latest
        latest = following
