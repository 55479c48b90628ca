"""What drafting and signing a decision and a submission share: the approved nominees they
list, the register that numbers them (E-15) under a bounded row lock, and the signature.
"""

import datetime

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from awards.enums import DecisionStatus, NominationState, RegisterSeries
from awards.errors import AwardsError
from awards.models import (
    Decision,
    DecisionLine,
    DecisionRegister,
    NominationLine,
    Submission,
    SubmissionLine,
)
from config.permissions import require
from config.workflow import Workflow
from emulation.models import User

# How long a signing waits for the register's row lock (RELIABILITY R-e, as pretix: 3 s).
LOCK_TIMEOUT = "3s"


def require_approved(line: NominationLine, user: User) -> None:
    """The council approved the nominee, its nomination is still approved and of the user's
    authority; AwardsError otherwise."""
    if (
        not line.approved
        or line.nomination.state != NominationState.APPROVED
        or line.nomination.authority_id != user.unit.authority_id
    ):
        raise AwardsError(_("%(name)s chưa được Hội đồng thông qua.") % {"name": line.subject_name})


def create_paper(
    model: type[Decision | Submission],
    line_model: type[DecisionLine | SubmissionLine],
    paper_field: str,
    *,
    user: User,
    year: int,
    title: str,
    lines: list[NominationLine],
    taken: str,
) -> Decision | Submission:
    """A draft decision or submission of the user's authority with one line per nominee; a
    nominee already on another paper of the kind is refused with `taken`."""
    try:
        with transaction.atomic():
            paper = model.objects.create(
                authority_id=user.unit.authority_id, year=year, title=title.strip(), created_by=user
            )
            line_model.objects.bulk_create(
                line_model(**{paper_field: paper}, nomination_line=line) for line in lines
            )
    except IntegrityError:
        raise AwardsError(taken) from None
    return paper


def next_number(
    authority_id: int, year: int, series: RegisterSeries = RegisterSeries.DECISION
) -> int:
    """E-15: the next number of the issuer's register for `year` and `series`, under the
    register's row lock, so concurrent signings take consecutive numbers with no gap and no
    repeat."""
    key = {"authority_id": authority_id, "year": year, "series": series}
    register = DecisionRegister.objects.select_for_update().filter(**key).first()
    if register is None:
        try:
            with transaction.atomic():
                DecisionRegister.objects.create(**key)
        except IntegrityError:
            pass  # another signing created it first; lock theirs below
        register = DecisionRegister.objects.select_for_update().get(**key)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register.last_number


def expected_number(authority_id: int, year: int, series: RegisterSeries) -> int:
    """The number `next_number` would give now (shown before signing; another signing may
    take it first, so the signature takes its own under the lock)."""
    last = (
        DecisionRegister.objects.filter(authority_id=authority_id, year=year, series=series)
        .values_list("last_number", flat=True)
        .first()
    )
    return (last or 0) + 1


def limit_lock_wait() -> None:
    """Inside a transaction: wait at most LOCK_TIMEOUT for a row lock (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")


def lock_draft_paper(model, pk: int, *, user: User, day: datetime.date, signed: str):
    """Inside the signing transaction: lock the decision or submission (bounded wait), check
    it is still a draft (AwardsError with `signed` otherwise), of the user's authority
    (NotPermitted, the rule `awards.sign_paper`), and that the authority has a name on `day`
    (AwardsError). Returns the locked paper and that identity."""
    limit_lock_wait()
    paper = model.objects.select_for_update().get(pk=pk)
    if paper.status != DecisionStatus.DRAFT:
        raise AwardsError(signed)
    require(user, "awards.sign_paper", paper)
    identity = paper.authority.identity_on(day)
    if identity is None:
        raise AwardsError(_("Cơ quan chưa có tên gọi hiệu lực vào ngày ký."))
    return paper, identity


def paper_symbol(code: str, identity) -> str:
    """The symbol after the number: "<code>-<issuer symbol>", e.g. QĐ-UBND (E-15)."""
    return f"{code}-{identity.issuer_symbol}"


def number_and_sign(
    paper,
    *,
    workflow: Workflow,
    series: RegisterSeries,
    code: str,
    identity,
    user: User,
    day,
    also=(),
) -> None:
    """Take the next number of `series` (E-15), set "Số: nn/<code>-<issuer symbol>" and sign
    the locked draft by `user` on `day` through the paper's `workflow` (draft → signed), with
    the `also` fields as they stand on the paper."""
    workflow.apply(
        paper,
        DecisionStatus.SIGNED,
        by=user,
        check=False,
        number=next_number(paper.authority_id, day.year, series),
        number_year=day.year,
        symbol=paper_symbol(code, identity),
        signed_on=day,
        signed_by=user,
        **{name: getattr(paper, name) for name in also},
    )
