"""What each unit of the authority still owes for a year (việc còn thiếu): pledge signatures,
official figures of its own targets, its title registration and, through the hook below, what
other apps count (awards: dossiers still being drafted or sent back).

A column counts, per unit, the things owed; the page lists the units that owe anything, with
a link from each count to the page where it is done. emulation never imports awards: awards
registers its column in its AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from emulation.enums import Role
from emulation.models import Unit, User
from emulation.models.movements import Registration, RegistrationRound
from emulation.models.pledges import SignatureSlot
from emulation.models.targets import Actual, ReportingPeriod, Target
from emulation.movements.enums import RegistrationState
from emulation.pledges.enums import SlotStatus, VersionStatus
from emulation.targets.enums import PeriodKind, ValueKind


@dataclass(frozen=True)
class Column:
    """`counts(authority_id, year)` → {unit id: number owed}; `link(unit_id, year)` → the page
    where the unit does it (or None)."""

    key: str
    label: str
    counts: Callable[[int, int], dict[int, int]]
    link: Callable[[int, int], str | None] = lambda unit_id, year: None


def counts_by_unit(rows) -> dict[int, int]:
    """{unit id: number of rows} of a queryset whose rows carry a `unit_id`, counted by the
    database (the columns' common shape)."""
    return dict(rows.values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n"))


def _signatures(authority_id: int, year: int) -> dict[int, int]:
    pending = SignatureSlot.objects.filter(
        unit__authority_id=authority_id,
        status=SlotStatus.PENDING,
        version__status=VersionStatus.OPEN,
        version__pledge__cluster__year=year,
    )
    return counts_by_unit(pending)


def _figures(authority_id: int, year: int) -> dict[int, int]:
    """The unit's own targets of the year without an official figure for the whole year."""
    period = ReportingPeriod.objects.filter(
        authority_id=authority_id, year=year, kind=PeriodKind.YEAR
    ).first()
    official = Actual.objects.filter(
        target=OuterRef("pk"), period=period, value_kind=ValueKind.OFFICIAL
    )
    missing = Target.objects.filter(
        authority_id=authority_id, year=year, unit__isnull=False
    ).exclude(Exists(official))
    return counts_by_unit(missing)


def _registrations(authority_id: int, year: int) -> dict[int, int]:
    """1 for each unit with a head's account whose title registration of the year is not sent,
    when staff opened a registration round for the year (the head sends it)."""
    round_ = RegistrationRound.objects.filter(authority_id=authority_id, year=year).first()
    if round_ is None:
        return {}
    sent = Registration.objects.filter(round=round_, state=RegistrationState.SUBMITTED)
    heads = User.objects.filter(unit=OuterRef("pk"), role=Role.UNIT_HEAD, is_active=True)
    units = (
        Unit.objects.filter(authority_id=authority_id)
        .filter(Exists(heads))
        .exclude(pk__in=sent.values("unit_id"))
    )
    return dict.fromkeys(units.values_list("pk", flat=True), 1)


_COLUMNS: list[Column] = [
    Column(
        "signatures",
        _("Chữ ký giao ước còn thiếu"),
        _signatures,
        lambda unit_id, year: reverse("pledges:list"),
    ),
    Column(
        "figures",
        _("Chỉ tiêu chưa có số liệu chính thức"),
        _figures,
        lambda unit_id, year: reverse("targets:grid", args=[unit_id, year, "year", "official"]),
    ),
    Column(
        "registrations",
        _("Chưa gửi đăng ký danh hiệu"),
        _registrations,
        lambda unit_id, year: reverse("movements:registration_unit", args=[year, unit_id]),
    ),
]


def register_column(column: Column) -> Column:
    """Add a column from another app (in its AppConfig.ready()); the same key twice is kept
    once."""
    if all(existing.key != column.key for existing in _COLUMNS):
        _COLUMNS.append(column)
    return column


@dataclass
class Row:
    unit: Unit
    cells: list[tuple[int, str | None]] = field(default_factory=list)  # (count, link)


@dataclass
class Outstanding:
    year: int
    columns: list[Column]
    rows: list[Row]
    units_total: int

    @property
    def units_done(self) -> int:
        return self.units_total - len(self.rows)


def outstanding(*, authority_id: int, year: int) -> Outstanding:
    """The units of the authority that still owe something for `year`, by name."""
    columns = list(_COLUMNS)
    counts = [column.counts(authority_id, year) for column in columns]
    owing = {unit_id for c in counts for unit_id, owed in c.items() if owed}
    units = Unit.objects.filter(authority_id=authority_id)
    rows = [
        Row(
            unit=unit,
            cells=[
                (c.get(unit.pk, 0), column.link(unit.pk, year) if c.get(unit.pk) else None)
                for column, c in zip(columns, counts, strict=True)
            ],
        )
        for unit in units.filter(pk__in=owing).order_by("name")
    ]
    return Outstanding(year=year, columns=columns, rows=rows, units_total=units.count())
