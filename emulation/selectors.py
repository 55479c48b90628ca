"""Reads of the emulation app. Every list a user sees comes through a scoped selector."""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from emulation.enums import AUTHORITY_WIDE_ROLES
from emulation.models import Employment, Person, Unit, User


def units_in_scope(user: User) -> QuerySet[Unit]:
    """Units the user may see: the whole authority for authority-wide roles, otherwise the
    user's own unit and every unit below it."""
    if not getattr(user, "is_authenticated", False) or not user.unit_id:
        return Unit.objects.none()
    units = Unit.objects.filter(authority_id=user.unit.authority_id)
    if user.role in AUTHORITY_WIDE_ROLES:
        return units
    return units.filter(pk__in=_subtree(user.unit_id))


def _subtree(root_id: int) -> RawSQL:
    """The unit and every unit below it, as a subquery of the caller's query: one recursive
    query inside the database instead of a query per level of the tree before it."""
    # The table name comes from the model; the unit is a query parameter.
    table = Unit._meta.db_table
    sql = (
        f"WITH RECURSIVE subtree(id) AS (SELECT id FROM {table} WHERE id = %s "  # noqa: S608
        f"UNION SELECT child.id FROM {table} child JOIN subtree ON child.parent_id = subtree.id) "
        "SELECT id FROM subtree"
    )
    # No value is formatted into the SQL above.
    return RawSQL(sql, [root_id])  # noqa: S611  # nosec B611


def unit_directory(
    *, user: User, day: datetime.date, search: str = "", kind: str = ""
) -> QuerySet[Unit]:
    """The units active on `day` in the user's scope, with head and staff count. (No page of
    the directory shows the parent unit: joined, it made the database hash every unit of the
    province for each page.)"""
    # A count per unit in a subquery, not a join grouped by unit: the page sorts and cuts
    # the units first and counts staff for its fifty rows only, and the pager's count reads
    # the unit table alone.
    staff = (
        Employment.objects.current_on(day)
        .filter(unit=OuterRef("pk"))
        .order_by()
        .values("unit")
        .annotate(count=Count("pk"))
        .values("count")
    )
    units = (
        units_in_scope(user)
        .valid_on(day)
        .select_related("head")
        .annotate(staff_count=Coalesce(Subquery(staff, output_field=IntegerField()), 0))
    )
    if search:
        units = units.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if kind:
        units = units.filter(kind=kind)
    return units.order_by("kind", "sort_order", "name")


def unit_staff(*, unit: Unit, day: datetime.date) -> QuerySet[Employment]:
    """Who works in the unit on `day`, with their people, in name order."""
    return (
        Employment.objects.current_on(day)
        .filter(unit=unit)
        .select_related("person")
        .order_by("person__full_name", "person_id")
    )


def person_history(*, person: Person) -> QuerySet[Employment]:
    return person.employments.select_related("unit").order_by("-start_date")


def authority_id_of(user) -> int | None:
    """The authority (cơ quan) of the user's unit; None for a user without a unit. The document
    core asks it through settings.DOCUMENTS_AUTHORITY_OF, its migrations too (on historical
    models: fields only)."""
    if not getattr(user, "unit_id", None):
        return None
    return user.unit.authority_id
