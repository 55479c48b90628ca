"""Seeding the province of `seed_demo --province`: one transaction, rows written in batches
in the order their foreign keys need (demo.province_scale, demo.province_history)."""

from django.db import connection, transaction

from awards.models import Nomination, NominationEvent, NominationLine, PersonYear, UnitYear
from awards.models.records import TitleHeld
from demo.province_history import HistoryWriter
from demo.province_scale import (
    PROVINCE_NAME,
    ProvinceSize,
    ProvinceWriter,
    authority_accounts,
    authority_plan,
    create_authorities,
    subordinate_codes,
)
from demo.rows import analyze, flush_all
from demo.targets import seed_bulk_targets
from demo.writers import AuthorityExists
from emulation.enums import AuthorityLevel, Role
from emulation.models import (
    Actual,
    Authority,
    AuthorityIdentity,
    Employment,
    Person,
    ReportingPeriod,
    Target,
    Unit,
    User,
)

# Every table the seed fills, for ANALYZE once it is committed.
SEEDED_MODELS = (
    Authority, AuthorityIdentity, Person, Unit, Employment, User, TitleHeld, PersonYear,
    UnitYear, Nomination, NominationLine, NominationEvent, Target, ReportingPeriod, Actual,
)  # fmt: skip

# Rows queued before a batch is written: large enough for COPY to pay, small enough to keep
# the process near 300 MB at full size.
FLUSH_PEOPLE = 40_000
TARGETS_PER_UNIT = 3


def _shares(total: int, parts: int) -> list[int]:
    """`total` split into `parts` whole shares differing by at most one, larger first."""
    base, extra = divmod(total, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]


def seed_province(
    *, code: str, size: ProvinceSize, seed: int, year: int, password_hash: str
) -> dict[str, int]:
    """Writes the province `code` (`write_province`), then refreshes the statistics of the
    tables it filled; returns the counts of what it wrote."""
    counts = write_province(code=code, size=size, seed=seed, year=year, password_hash=password_hash)
    analyze(SEEDED_MODELS)
    return counts


@transaction.atomic
def write_province(
    *, code: str, size: ProvinceSize, seed: int, year: int, password_hash: str
) -> dict[str, int]:
    """Writes the province `code` with its communes, wards and departments; returns the
    counts of what it wrote.

    Preconditions: no authority has `code` (raises `AuthorityExists`) or one of the codes
    `<code>-xa-NNN`, `<code>-so-NN`; the awards catalogue is loaded (migrations). Every
    account gets `password_hash` as it is. No signal or `save()` runs; nothing is written if
    any step fails."""
    if Authority.objects.filter(code=code).exists():
        raise AuthorityExists(code)
    if connection.vendor == "postgresql":
        # Checked row by row batch after batch, not all at commit: a deferred check of a
        # million rows holds them all in memory.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    (province,) = create_authorities(
        [(0, code, PROVINCE_NAME, AuthorityLevel.PROVINCE)], superior=""
    )
    rows = subordinate_codes(code, size)
    authorities = create_authorities(rows, superior=PROVINCE_NAME.upper())
    everyone = [(0, code, PROVINCE_NAME, AuthorityLevel.PROVINCE), *rows]
    by_number = {0: province, **{row[0]: a for row, a in zip(rows, authorities, strict=True)}}
    organisation = ProvinceWriter(password_hash=password_hash)
    history = HistoryWriter(year=year, years=size.years, seed=seed)
    line_shares = _shares(size.nomination_lines, len(everyone))
    accounts: list[tuple[int, User]] = []
    subordinates = []
    for (number, authority_code, name, level), lines in zip(everyone, line_shares, strict=True):
        plan = authority_plan(
            code=authority_code, name=name, level=level, number=number, size=size, seed=seed
        )
        seeded = organisation.add_authority(
            number=number, authority=by_number[number], level=level, plan=plan
        )
        users = authority_accounts(
            seeded, heads=size.heads_per_authority, password_hash=password_hash
        )
        accounts += [(number, user) for user in users]
        codes = {pk: unit_code for unit_code, pk in seeded.unit_ids.items()}
        drafters = {None: users[0].username} | {
            codes[user.unit_id]: user.username for user in users if user.role == Role.UNIT_HEAD
        }
        history.add_authority(seeded, lines=lines, accounts=drafters)
        seeded.plan = None  # the rows are queued; the plan's people need not stay in memory
        if number:
            subordinates.append(seeded)
        if len(organisation.people.rows) >= FLUSH_PEOPLE:
            flush_all([*organisation.writers(), *history.writers()])
    organisation.add_representing_units(
        province=province, subordinates=subordinates, start=size.units_per_authority
    )
    flush_all([*organisation.writers(), *history.writers()])
    User.objects.bulk_create([user for _number, user in accounts], batch_size=1000)
    saved = User.objects.in_bulk([user.username for _n, user in accounts], field_name="username")
    user_ids = {username: user.pk for username, user in saved.items()}
    lines = history.write_nominations({n: a.pk for n, a in by_number.items()}, user_ids)
    targets = actuals = 0
    staff = {number: user for number, user in accounts if user.username.endswith(".canbo")}
    for number, authority in sorted(by_number.items()):
        made, entered = seed_bulk_targets(
            authority=authority,
            user=saved[staff[number].username],
            targets=TARGETS_PER_UNIT,
            periods=1,
            year=year,
        )
        targets += made
        actuals += entered
    return {
        "authorities": len(by_number),
        "units": organisation.units.written,
        "people": organisation.people.written,
        "employments": organisation.employments.written,
        "users": len(accounts),
        "titles_held": history.titles.written,
        "person_years": history.person_years.written,
        "unit_years": history.unit_years.written,
        "nominations": sum(len(planned) for planned in history.nominations.values()),
        "nomination_lines": lines,
        "targets": targets,
        "actuals": actuals,
    }
