"""Who heads a unit (thủ trưởng) and so signs in its name: the one rule that the pledges (the
signature slots, the scope of pledges, the "to sign" lists, the reminders) ask.

- A unit head heads their own unit.
- On one instance, the province's unit that stands for a commune (`Unit.represents`) is
  headed by the commune's chairperson (Chủ tịch UBND xã, phường): the province's clusters of
  communes are signed by them. Nobody else of the commune heads it, and heading it lets the
  chairperson into nothing of the province but what the asking feature allows.

Both directions of the rule live here, side by side: the units a user heads, and the users
who head a unit.
"""

import datetime

from django.db.models import Q, QuerySet

from emulation.enums import Role
from emulation.models import Unit, User


def headed_units(user, day: datetime.date) -> QuerySet[Unit]:
    """The units `user` heads on `day`, as a query the callers use as a subquery: their own
    unit for a unit head; for a chairperson, the units of other authorities that represent
    their authority on `day`; none for every other role."""
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return Unit.objects.none()
    if user.role == Role.UNIT_HEAD:
        return Unit.objects.filter(pk=user.unit_id)
    if user.role == Role.CHAIRPERSON:
        return Unit.objects.valid_on(day).filter(represents__units=user.unit_id)
    return Unit.objects.none()


def unit_heads(unit: Unit, day: datetime.date) -> QuerySet[User]:
    """The active users who head `unit` on `day`: its unit heads, and, while it represents
    an authority, that authority's chairpersons (the inverse of `headed_units`)."""
    heads = Q(role=Role.UNIT_HEAD, unit=unit)
    if unit.represents_id and unit.is_active_on(day):
        heads |= Q(role=Role.CHAIRPERSON, unit__authority_id=unit.represents_id)
    return User.objects.filter(heads, is_active=True)
