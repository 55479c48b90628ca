"""Writing an exchange document back into the database (`import_national`): the authority as a
new one, with its identities, the people and collectives the records name, the decisions with
their lines (each line on a decided nomination of the unit that proposed it), the titles held
and the movements. Every reference is checked before anything is written; the write is one
atomic block."""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.enums import NominationState
from awards.models import Award, Decision, DecisionLine, Nomination, NominationLine, TitleHeld
from emulation.enums import Role
from emulation.models import (
    Authority,
    AuthorityIdentity,
    Employment,
    Person,
    Unit,
    User,
    normalize_text,
)
from emulation.models.movements import Milestone, Movement

logger = logging.getLogger(__name__)


class ImportRefused(Exception):
    """The document cannot be written into this database; the message says why."""


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _money(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


@dataclass
class _Plan:
    """What the checks found: the rows that exist already, by the document's keys."""

    code: str
    awards: dict[str, Award]
    existing_people: dict[str, Person] = field(default_factory=dict)
    existing_units: dict[str, Unit] = field(default_factory=dict)


_EXISTS = gettext_lazy(
    "Cơ quan mã %(code)s đã có trên hệ thống: chỉ nhập được vào một cơ quan mới."
)


def _check(document: dict, code: str) -> _Plan:
    """Every check, before any write."""
    if Authority.objects.filter(code=code).exists():
        raise ImportRefused(_EXISTS % {"code": code})
    codes = {line["award_code"] for d in document["decisions"] for line in d["lines"]}
    codes |= {title["award_code"] for title in document["titles"]}
    awards = Award.objects.in_bulk(codes, field_name="code")
    if missing := sorted(codes - set(awards)):
        raise ImportRefused(
            _("Danh hiệu không có trong danh mục: %(codes)s") % {"codes": ", ".join(missing)}
        )
    plan = _Plan(code=code, awards=awards)
    own = document["authority"]["code"]
    for unit in document["units"]:
        if unit["authority_code"] == own:
            continue
        found = Unit.objects.filter(
            authority__code=unit["authority_code"], code=unit["code"]
        ).first()
        if found is None:
            raise ImportRefused(
                _(
                    "Đơn vị %(unit)s (mã %(code)s) thuộc cơ quan %(authority)s chưa có trên "
                    "hệ thống."
                )
                % {"unit": unit["name"], "code": unit["code"], "authority": unit["authority_code"]}
            )
        plan.existing_units[unit["ref"]] = found
    for person in document["people"]:
        if person["authority_code"] == own:
            continue
        found = (
            Person.objects.filter(
                authority__code=person["authority_code"], staff_code=person["staff_code"]
            ).first()
            if person["staff_code"]
            else None
        )
        if found is None:
            raise ImportRefused(
                _(
                    "Cá nhân %(name)s thuộc cơ quan %(authority)s chưa có trên hệ thống (tìm "
                    "theo mã cán bộ)."
                )
                % {"name": person["full_name"], "authority": person["authority_code"]}
            )
        plan.existing_people[person["ref"]] = found
    _check_references(document)
    return plan


def _check_references(document: dict) -> None:
    """Each key names a record of the document, each line and title names its one subject,
    and the codes that must be unique in the new authority are."""
    lines = [line for decision in document["decisions"] for line in decision["lines"]]
    units = {unit["ref"] for unit in document["units"]}
    known = {
        "person_ref": {person["ref"] for person in document["people"]},
        "unit_ref": units,
        "proposing_unit_ref": units,
        "unit_refs": units,
        "line_ref": {line["ref"] for line in lines},
    }
    posts = [post for person in document["people"] for post in person["posts"]]
    for record in (*lines, *document["titles"], *posts, *document["movements"]):
        for key, refs in known.items():
            named = record.get(key)
            for ref in named if isinstance(named, list) else [named]:
                if ref and ref not in refs:
                    raise ImportRefused(
                        _("Khóa %(ref)s không trỏ tới bản ghi nào của tài liệu.") % {"ref": ref}
                    )
    subject = {"individual": "person_ref", "collective": "unit_ref", "household": "household_name"}
    for line in lines:
        if not line.get(subject.get(line["subject_kind"], "")):
            raise ImportRefused(
                _("Dòng %(ref)s không ghi người, tập thể hoặc hộ gia đình được khen.")
                % {"ref": line["ref"]}
            )
    for title in document["titles"]:
        if bool(title["person_ref"]) == bool(title["unit_ref"]):
            raise ImportRefused(
                _("Danh hiệu %(award)s năm %(year)s phải ghi đúng một cá nhân hoặc một tập thể.")
                % {"award": title["award_name"], "year": title["year"]}
            )
    own = document["authority"]["code"]
    for records, key in ((document["units"], "code"), (document["people"], "staff_code")):
        codes = Counter(r[key] for r in records if r["authority_code"] == own and r[key])
        if duplicated := sorted(code for code, count in codes.items() if count > 1):
            raise ImportRefused(
                _("Mã trùng nhau trong tài liệu: %(codes)s") % {"codes": ", ".join(duplicated)}
            )


def _signer(name: str, authority: Authority, signers: dict[str, User]) -> User | None:
    """An account standing for the signer of imported decisions: inactive, without a password
    or a unit, so that it names the signer and can do nothing."""
    if not name:
        return None
    if name not in signers:
        *family, given = name.split()
        number = len(signers) + 1
        while User.objects.filter(username=f"{authority.code}-ky-{number}").exists():
            number += 1
        signer = User(
            username=f"{authority.code}-ky-{number}",
            first_name=given,
            last_name=" ".join(family),
            role=Role.CHAIRPERSON,
            is_active=False,
        )
        signer.set_unusable_password()
        signer.save()
        signers[name] = signer
    return signers[name]


def import_national_export(*, document: dict, user: User, authority_code: str = "") -> Authority:
    """Write `document` (as `read_export` returns it) as a new authority, coded as the
    document says or `authority_code`. Preconditions: no authority has that code; every award
    is in the catalogue; people and units of other authorities exist (units by code, people by
    staff code). Side effects: the rows above, created by `user`; the decisions' signers become
    inactive accounts. Raises ImportRefused, having written nothing."""
    own = document["authority"]["code"]
    plan = _check(document, authority_code or own)
    try:
        authority = _write(document, user, plan)
    except IntegrityError as error:  # the same code imported at the same moment
        raise ImportRefused(_EXISTS % {"code": plan.code}) from error
    logger.info(
        "National export of %s, %s imported as %s by %s: %d decisions, %d titles",
        own,
        document["year"],
        authority.code,
        user.username,
        len(document["decisions"]),
        len(document["titles"]),
    )
    return authority


def _write(document: dict, user: User, plan: _Plan) -> Authority:
    with transaction.atomic():
        authority = Authority.objects.create(code=plan.code)
        AuthorityIdentity.objects.bulk_create(
            AuthorityIdentity(
                authority=authority,
                **identity
                | {
                    "valid_from": _day(identity["valid_from"]),
                    "valid_to": _day(identity["valid_to"]),
                },
            )
            for identity in document["authority"]["identities"]
        )
        units = _write_units(document, authority, plan)
        people = _write_people(document, authority, plan, units)
        lines = _write_decisions(document, authority, user, plan, units, people)
        _write_movements(document, authority, user, units)
        TitleHeld.objects.bulk_create(
            TitleHeld(
                person=people.get(title["person_ref"]),
                unit=units.get(title["unit_ref"]),
                award=plan.awards[title["award_code"]],
                year=title["year"],
                decision_reference=title["decision_reference"],
                decided_on=_day(title["decided_on"]),
                issuer_level=title["issuer_level"],
                decision_line=lines.get(title["line_ref"]),
                revoked=title["revoked"],
            )
            for title in document["titles"]
        )
    return authority


def _write_units(document: dict, authority: Authority, plan: _Plan) -> dict[str, Unit]:
    """The authority's units the document names (in bulk), with the other authorities' units
    found by the checks; by key."""
    new = {
        unit["ref"]: Unit(
            authority=authority,
            code=unit["code"],
            name=normalize_text(unit["name"]),
            kind=unit["kind"],
        )
        for unit in document["units"]
        if unit["ref"] not in plan.existing_units
    }
    Unit.objects.bulk_create(new.values())
    return plan.existing_units | new


def _write_people(
    document: dict, authority: Authority, plan: _Plan, units: dict[str, Unit]
) -> dict[str, Person]:
    """The authority's people the document names with their posts (in bulk), with the other
    authorities' people found by the checks (their posts are their authority's records)."""
    new = {
        person["ref"]: Person(
            authority=authority,
            full_name=normalize_text(person["full_name"]),
            gender=person["gender"],
            date_of_birth=_day(person["date_of_birth"]),
            staff_code=person["staff_code"],
        )
        for person in document["people"]
        if person["ref"] not in plan.existing_people
    }
    Person.objects.bulk_create(new.values())
    Employment.objects.bulk_create(
        Employment(
            person=new[person["ref"]],
            unit=units[post["unit_ref"]],
            position=post["position"],
            category=post["category"],
            start_date=_day(post["start_date"]),
            end_date=_day(post["end_date"]),
        )
        for person in document["people"]
        if person["ref"] in new
        for post in person["posts"]
    )
    return plan.existing_people | new


def _write_movements(document, authority, user, units) -> None:
    for launched in document["movements"]:
        movement = Movement.objects.create(
            authority=authority,
            kind=launched["kind"],
            name=launched["name"],
            launched_by=launched["launched_by"],
            launch_date=_day(launched["launch_date"]),
            period_start=_day(launched["period_start"]),
            period_end=_day(launched["period_end"]),
            goals=launched["goals"],
            created_by=user,
        )
        movement.units.set([units[ref] for ref in launched["unit_refs"]])
        Milestone.objects.bulk_create(
            Milestone(
                movement=movement,
                kind=milestone["kind"],
                due_date=_day(milestone["due_date"]),
                reported_at=(
                    datetime.datetime.fromisoformat(milestone["reported_at"])
                    if milestone["reported_at"]
                    else None
                ),
                report=milestone["report"],
            )
            for milestone in launched["milestones"]
        )


def _write_decisions(document, authority, user, plan, units, people) -> dict[str, DecisionLine]:
    """The decisions with their lines; returns the lines by their key in the document."""
    signers: dict[str, User] = {}
    lines: dict[str, DecisionLine] = {}
    for paper in document["decisions"]:
        decision = Decision.objects.create(
            authority=authority,
            number=paper["number"],
            symbol=paper["symbol"],
            number_year=paper["number_year"],
            year=paper["year"],
            title=paper["title"],
            status=paper["status"],
            signed_on=_day(paper["signed_on"]),
            signed_by=_signer(paper["signer_name"], authority, signers),
            signer_capacity=paper["signer_capacity"],
            revoked_on=_day(paper["revoked_on"]),
            revocation_reason=paper["revocation_reason"],
            base_salary=_money(paper["base_salary"]),
            created_by=user,
        )
        nominations: dict[str, Nomination] = {}
        nominated: list[NominationLine] = []
        for line in paper["lines"]:
            proposer = units[line["proposing_unit_ref"]]
            if line["proposing_unit_ref"] not in nominations:
                # Created in its final state: the import records an outcome, it runs no workflow.
                nominations[line["proposing_unit_ref"]] = Nomination.objects.create(
                    authority_id=proposer.authority_id,
                    unit=proposer,
                    year=paper["year"],
                    title=paper["title"],
                    state=NominationState.DECIDED,
                    created_by=user,
                )
            nominated.append(
                NominationLine(
                    nomination=nominations[line["proposing_unit_ref"]],
                    award=plan.awards[line["award_code"]],
                    subject_kind=line["subject_kind"],
                    person=people.get(line["person_ref"]),
                    subject_unit=units.get(line["unit_ref"]),
                    household_name=line["household_name"],
                    achievement=line["achievement"],
                    approved=True,
                )
            )
        NominationLine.objects.bulk_create(nominated)
        decided = [
            DecisionLine(decision=decision, nomination_line=row, amount=_money(line["amount"]))
            for line, row in zip(paper["lines"], nominated, strict=True)
        ]
        DecisionLine.objects.bulk_create(decided)
        lines.update(zip((line["ref"] for line in paper["lines"]), decided, strict=True))
    return lines
