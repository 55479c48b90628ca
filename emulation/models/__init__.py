"""The emulation app's models: the organisation (authority, units, people, users) and the
targets (chỉ tiêu) judged each year, and the working calendar.
`from emulation.models import Unit` keeps working."""

from emulation.models.calendar import CalendarDay
from emulation.models.imports import DataImport, DataImportChange
from emulation.models.organisation import (
    Authority,
    AuthorityIdentity,
    Employment,
    EmploymentQuerySet,
    Person,
    Unit,
    UnitQuerySet,
    User,
    ValidityQuerySet,
    normalize_text,
)
from emulation.models.targets import (
    Actual,
    ActualChange,
    ReportingPeriod,
    ReportingPeriodEvent,
    Target,
    TargetImport,
    TargetRuleSet,
)

__all__ = [
    "Actual",
    "ActualChange",
    "Authority",
    "AuthorityIdentity",
    "CalendarDay",
    "DataImport",
    "DataImportChange",
    "Employment",
    "EmploymentQuerySet",
    "Person",
    "ReportingPeriod",
    "ReportingPeriodEvent",
    "Target",
    "TargetImport",
    "TargetRuleSet",
    "Unit",
    "UnitQuerySet",
    "User",
    "ValidityQuerySet",
    "normalize_text",
]
from emulation.models import (
    clusters,  # noqa: F401  (clusters and blocs, their members and terms)
    movements,  # noqa: F401  (movements, registration, exemplary)
    pledges,  # noqa: F401  (pledges, their versions, signatures and history)
    reports,  # noqa: F401  (the year-end report's narrative, history and signature)
    scoring,  # noqa: F401  (cluster scoring and ranking)
)
