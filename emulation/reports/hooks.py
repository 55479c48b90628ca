"""Sections of the year-end report that other features fill in.

emulation never imports awards, and cluster scoring, movements and exemplary people are built
as features of their own. Each such section has a name; a feature registers a provider for it
(in its AppConfig.ready()), and the report asks `section_rows`. A section without a provider, or
whose providers return nothing, shows "chưa có" in the report: never an error.

A provider is `provider(*, authority, year) -> list` (rows of the section, plain objects or
dicts the section's template and annex understand):

- CLUSTER_SCORES: `ClusterScore` rows (cluster id, total score, rank, leading or not);
- MOVEMENTS: `Movement` rows (phong trào thi đua launched in the year);
- EXEMPLARY: `Exemplary` rows (điển hình tiên tiến, người tốt việc tốt, sáng kiến);
- AWARDS: `AwardTally` rows (one per award title or form, with unit breakdown and money);
- PROPOSALS: `Proposal` rows (the danh sách đề nghị: nominees forwarded to the superior);
- YEARS: years (ints) in which the provider holds data, for the year choice (asked with
  year=0: every year).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

CLUSTER_SCORES = "cluster_scores"
MOVEMENTS = "movements"
EXEMPLARY = "exemplary"
AWARDS = "awards"
PROPOSALS = "proposals"
YEARS = "years"
SECTIONS = (CLUSTER_SCORES, MOVEMENTS, EXEMPLARY, AWARDS, PROPOSALS, YEARS)

Provider = Callable[..., list]
_PROVIDERS: dict[str, list[Provider]] = {name: [] for name in SECTIONS}


@dataclass(frozen=True)
class ClusterScore:
    cluster_id: int
    unit_name: str
    score: Decimal
    rank: int
    leading: bool = False


@dataclass(frozen=True)
class Movement:
    name: str
    scope: str
    launched_on: str = ""


@dataclass(frozen=True)
class Exemplary:
    kind: str
    name: str
    unit_name: str
    achievement: str


@dataclass(frozen=True)
class Proposal:
    """One nominee the authority proposes to the superior body (danh sách đề nghị)."""

    subject: str
    award: str
    unit_name: str
    submission: str = ""
    # The superior's answer: "" while none, else e.g. "Được khen: Quyết định số 01/QĐ-UBND".
    outcome: str = ""
    commended: bool = False


@dataclass
class AwardTally:
    """One award title or form in the year: how many collectives, individuals and households
    received it, the money, and the same per unit (name → [count, money])."""

    title: str
    collectives: int = 0
    individuals: int = 0
    households: int = 0
    amount: Decimal = Decimal(0)
    by_unit: dict[str, list] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.collectives + self.individuals + self.households


def register_section(name: str, provider: Provider) -> Provider:
    """Add `provider` to section `name`; registering the same provider twice has no effect."""
    if name not in _PROVIDERS:
        raise ValueError(f"unknown report section {name!r}")
    if provider not in _PROVIDERS[name]:
        _PROVIDERS[name].append(provider)
    return provider


def section_rows(name: str, *, authority, year: int) -> list:
    """The rows every provider of section `name` gives for the authority and year, in
    registration order; an empty list when the section has no provider."""
    rows: list = []
    for provider in _PROVIDERS[name]:
        rows.extend(provider(authority=authority, year=year))
    return rows


# The register that numbers the report (sổ đăng ký văn bản, series BC, E-15) belongs to the
# awards app, which registers it here; emulation never keeps a second register.


@dataclass(frozen=True)
class Numbering:
    """`take(*, authority_id, day, identity)` gives the next (number, symbol) of the register's
    report series, under the register's lock (call it inside the signing transaction);
    `expected(...)` the same without taking it, for the signing page."""

    take: Callable[..., tuple[int, str]]
    expected: Callable[..., tuple[int, str]]


_NUMBERING: list[Numbering] = []


def register_numbering(numbering: Numbering) -> None:
    """Make `numbering` the one that numbers reports (a later registration replaces it)."""
    _NUMBERING[:] = [numbering]


def report_numbering() -> Numbering | None:
    return _NUMBERING[0] if _NUMBERING else None
