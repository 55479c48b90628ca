"""Reads of movements, registrations and exemplary stories, scoped to the user."""

from django.db.models import Count, Prefetch, Q, QuerySet

from emulation.enums import AUTHORITY_WIDE_ROLES
from emulation.models import Unit, User
from emulation.models.movements import (
    Exemplary,
    Movement,
    Registration,
    RegistrationLine,
    RegistrationRound,
)
from emulation.movements.enums import RegistrationState
from emulation.selectors import units_in_scope


def movements_in_scope(user: User) -> QuerySet[Movement]:
    """The authority's movements for authority-wide roles; for a unit role, the movements the
    user's unit takes part in."""
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return Movement.objects.none()
    movements = Movement.objects.filter(authority_id=user.authority_id)
    if user.role not in AUTHORITY_WIDE_ROLES:
        movements = movements.filter(units=user.unit_id)
    return movements.annotate(unit_count=Count("units", distinct=True)).order_by(
        "-launch_date", "name"
    )


def movement_detail(movement: Movement) -> dict:
    return {
        "units": movement.units.order_by("sort_order", "name"),
        "documents": movement.documents.select_related("uploaded_by"),
        "milestones": movement.milestones.all(),
        "exemplaries": movement.exemplaries.select_related("unit", "person"),
    }


def rounds_for(user: User) -> QuerySet[RegistrationRound]:
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return RegistrationRound.objects.none()
    return RegistrationRound.objects.filter(authority_id=user.authority_id)


def registration_overview(round_: RegistrationRound) -> list[dict]:
    """Every active unit of the authority with its registration (or none): who has and who
    has not registered. Three queries whatever the number of units."""
    registrations = {
        registration.unit_id: registration
        for registration in round_.registrations.annotate(line_count=Count("lines"))
    }
    units = Unit.objects.filter(authority_id=round_.authority_id).active()
    return [{"unit": unit, "registration": registrations.get(unit.pk)} for unit in units]


def registration_lines(registration: Registration) -> QuerySet[RegistrationLine]:
    return registration.lines.select_related("person")


def exemplaries_in_scope(user: User) -> QuerySet[Exemplary]:
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return Exemplary.objects.none()
    return (
        Exemplary.objects.filter(unit__in=units_in_scope(user))
        .select_related("unit", "person", "movement")
        .prefetch_related(Prefetch("photos"))
    )


def is_registered(
    *, authority_id: int, year: int, title_code: str, person_id=None, unit_id=None
) -> bool | None:
    """Whether the person (or, without a person, the unit) registered for the title in a
    submitted registration of the year. None when the authority does not require it."""
    round_ = RegistrationRound.objects.filter(authority_id=authority_id, year=year).first()
    if round_ is None or not round_.requires_registration:
        return None
    lines = RegistrationLine.objects.filter(
        registration__round=round_,
        registration__state=RegistrationState.SUBMITTED,
        title_code=title_code,
    )
    if person_id is not None:
        return lines.filter(person_id=person_id).exists()
    return lines.filter(Q(person__isnull=True), registration__unit_id=unit_id).exists()
