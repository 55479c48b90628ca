"""Writes of the awards app: nominations and their one transition function, appraisal, public
notice, the council's secret ballot, decisions with their numbers, revocation.

Every function is keyword-only and atomic. A nomination's state changes only in
`set_nomination_state`, as a compare-and-set on (state, version): of two people acting on the
same nomination at once, one wins and the other is told that someone else was faster.
"""

import datetime
import logging
from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from awards import tally
from awards.eligibility import CITATIONS
from awards.enums import (
    EDITABLE_STATES,
    NOMINATION_TRANSITIONS,
    AwardCode,
    BallotChoice,
    DecidingLevel,
    DecisionStatus,
    DutyRating,
    NominationState,
    RegisterSeries,
    SessionState,
    SubjectKind,
    SubmissionStatus,
    Verdict,
)
from awards.models import (
    Award,
    BallotCast,
    CouncilMembership,
    CouncilSession,
    Decision,
    DecisionLine,
    DecisionRegister,
    Nomination,
    NominationEvent,
    NominationLine,
    Objection,
    PersonYear,
    Submission,
    SubmissionLine,
    TitleHeld,
    UnitYear,
    VoteTally,
)
from awards.money import award_amount
from awards.selectors import (
    MissingSettingError,
    base_salary_on,
    decided_by_superior,
    decision_lines,
    line_failures,
    rule_set_for,
    submission_lines,
    submission_nominations,
)
from awards.tally import VoteRule
from config.permissions import require
from emulation.calendar import add_working_days
from emulation.models import Employment, Person, Unit, User
from emulation.models.movements import Exemplary

logger = logging.getLogger(__name__)

# How long a signing waits for the register's row lock (RELIABILITY R-e, as pretix: 3 s).
LOCK_TIMEOUT = "3s"


class AwardsError(Exception):
    """A request the rules refuse; the message is Vietnamese and shown as is."""


class ConcurrentChangeError(AwardsError):
    """Someone else changed the nomination first (HTTP 409)."""


class TransitionError(Exception):
    """A state change outside NOMINATION_TRANSITIONS: a programming error."""


def set_nomination_state(
    nomination: Nomination, new_state: NominationState, *, by: User, reason: str = "", **changes
) -> Nomination:
    """Move `nomination` to `new_state`, saving `changes` with it — the one place that
    assigns `Nomination.state`.

    Checks NOMINATION_TRANSITIONS (TransitionError otherwise); the same state is a no-op.
    Compare-and-set on (state, version): if the row moved meanwhile, ConcurrentChangeError and
    nothing written. Side effects: one NominationEvent with `reason`.
    """
    old_state = NominationState(nomination.state)
    if new_state == old_state:
        return nomination
    if new_state not in NOMINATION_TRANSITIONS[old_state]:
        raise TransitionError(f"nomination {nomination.pk}: {old_state} → {new_state}")
    if new_state == NominationState.RETURNED and not reason.strip():
        raise AwardsError(_("Cần ghi lý do trả lại hồ sơ."))
    forwarded_refusal = (old_state, new_state) == (
        NominationState.FORWARDED,
        NominationState.REJECTED,
    )
    if forwarded_refusal and not reason.strip():
        raise AwardsError(_("Cần ghi lý do cấp trên không khen thưởng."))
    with transaction.atomic():
        updated = Nomination.objects.filter(
            pk=nomination.pk, state=old_state, version=nomination.version
        ).update(state=new_state, version=F("version") + 1, **changes)
        if updated != 1:
            raise ConcurrentChangeError(
                _("Hồ sơ vừa được người khác xử lý. Vui lòng tải lại trang.")
            )
        NominationEvent.objects.create(
            nomination=nomination, from_state=old_state, to_state=new_state, by=by, reason=reason
        )
    nomination.state = new_state
    nomination.version += 1
    for name, value in changes.items():
        setattr(nomination, name, value)
    logger.info("nomination %s: %s → %s by %s", nomination.pk, old_state, new_state, by.pk)
    return nomination


def create_nomination(
    *,
    user: User,
    unit: Unit,
    year: int,
    title: str,
    summary: str = "",
    exemplary: Exemplary | None = None,
) -> Nomination:
    """A draft nomination (tờ trình) of `unit` for the evaluation `year`, made from an
    exemplary story when `exemplary` is given."""
    with transaction.atomic():
        nomination = Nomination.objects.create(
            authority_id=unit.authority_id,
            unit=unit,
            year=year,
            title=title.strip(),
            summary=summary.strip(),
            exemplary=exemplary,
            created_by=user,
        )
    logger.info("nomination %s created by %s", nomination.pk, user.pk)
    return nomination


def add_nominee(
    *,
    nomination: Nomination,
    user: User,
    award: Award,
    subject_kind: SubjectKind,
    person: Person | None = None,
    subject_unit: Unit | None = None,
    household_name: str = "",
    achievement: str = "",
) -> NominationLine:
    """Add one nominee to a draft or returned nomination.

    Preconditions: the award is given to this kind of subject; a person works in the
    nominating unit, a collective is the unit or one under it (R-A1: the managing unit
    proposes). NotPermitted without `awards.edit_nomination`; AwardsError otherwise.
    """
    require(user, "awards.edit_nomination", nomination)
    if nomination.state not in EDITABLE_STATES:
        raise AwardsError(_("Hồ sơ đã gửi, không sửa được danh sách."))
    if not award.accepts(subject_kind):
        raise AwardsError(_("“%(award)s” không tặng cho đối tượng này.") % {"award": award.name})
    if subject_kind == SubjectKind.INDIVIDUAL:
        if (
            person is None
            or not Employment.objects.filter(person=person, unit=nomination.unit).exists()
        ):
            raise AwardsError(_("Cá nhân được đề nghị phải công tác tại đơn vị đề nghị."))
    elif subject_kind == SubjectKind.COLLECTIVE:
        if subject_unit is None or (
            subject_unit.pk != nomination.unit_id and subject_unit.parent_id != nomination.unit_id
        ):
            raise AwardsError(
                _("Tập thể được đề nghị phải là đơn vị đề nghị hoặc đơn vị trực thuộc.")
            )
    elif not household_name.strip():
        raise AwardsError(_("Cần ghi tên hộ gia đình."))
    same = nomination.lines.filter(award=award, subject_kind=subject_kind)
    if (
        (subject_kind == SubjectKind.INDIVIDUAL and same.filter(person=person).exists())
        or (
            subject_kind == SubjectKind.COLLECTIVE
            and same.filter(subject_unit=subject_unit).exists()
        )
        or (
            subject_kind == SubjectKind.HOUSEHOLD
            and same.filter(household_name=household_name.strip()).exists()
        )
    ):
        raise AwardsError(_("E-10: Đối tượng này đã có trong danh sách với cùng danh hiệu."))
    # One dossier goes to one deciding level: its lines are decided together by this
    # authority, or forwarded together in one submission to the superior.
    try:
        level = rule_set_for(award, nomination.year).deciding_level
        levels = {
            rule_set_for(line.award, nomination.year).deciding_level
            for line in nomination.lines.select_related("award")
        }
    except MissingSettingError as exc:
        raise AwardsError(str(exc)) from exc
    if levels - {level}:
        if level == DecidingLevel.SUPERIOR:
            message = _(
                "“%(award)s” do cấp trên quyết định, còn hồ sơ này gồm các đề nghị do cấp mình "
                "quyết định. Hãy lập hồ sơ riêng để trình cấp trên."
            )
        else:
            message = _(
                "“%(award)s” do cấp mình quyết định, còn hồ sơ này gồm các đề nghị trình cấp "
                "trên. Hãy lập hồ sơ riêng."
            )
        raise AwardsError(message % {"award": award.name})
    with transaction.atomic():
        return NominationLine.objects.create(
            nomination=nomination,
            award=award,
            subject_kind=subject_kind,
            person=person if subject_kind == SubjectKind.INDIVIDUAL else None,
            subject_unit=subject_unit if subject_kind == SubjectKind.COLLECTIVE else None,
            household_name=household_name.strip() if subject_kind == SubjectKind.HOUSEHOLD else "",
            achievement=achievement.strip(),
        )


def propose_exemplary(*, exemplary: Exemplary, user: User) -> Nomination:
    """Propose a Giấy khen for an exemplary person or collective (điển hình tiên tiến): a draft
    nomination of the exemplary's unit for the year its period ends, with the exemplary as
    its one nominee and its story as the achievement. The unit then edits and submits it
    through the usual workflow.

    Preconditions: the user is the head or clerk of the exemplary's unit; the nominee is
    accepted by `add_nominee`. AwardsError otherwise, and nothing is written.
    """
    require(user, "awards.create_nomination")
    if user.unit_id != exemplary.unit_id:
        raise AwardsError(_("Chỉ đơn vị quản lý điển hình mới đề nghị khen thưởng."))
    award = Award.objects.filter(code=AwardCode.GIAY_KHEN).first()
    if award is None:
        raise AwardsError(_("Danh mục chưa có Giấy khen."))
    individual = exemplary.person_id is not None
    with transaction.atomic():
        nomination = create_nomination(
            user=user,
            unit=exemplary.unit,
            year=exemplary.period_end.year,
            title=_("Đề nghị tặng Giấy khen cho %(name)s") % {"name": exemplary.subject_name},
            summary=exemplary.title,
            exemplary=exemplary,
        )
        add_nominee(
            nomination=nomination,
            user=user,
            award=award,
            subject_kind=SubjectKind.INDIVIDUAL if individual else SubjectKind.COLLECTIVE,
            person=exemplary.person if individual else None,
            subject_unit=None if individual else exemplary.unit,
            achievement=exemplary.story,
        )
    logger.info("exemplary %s proposed as nomination %s", exemplary.pk, nomination.pk)
    return nomination


def submit_nomination(*, nomination: Nomination, user: User) -> Nomination:
    """Send the dossier to the authority's thi đua staff (draft or returned → submitted).
    NotPermitted without `awards.submit_nomination`."""
    require(user, "awards.submit_nomination", nomination)
    if not nomination.lines.exists():
        raise AwardsError(_("Hồ sơ chưa có người, tập thể nào được đề nghị."))
    return set_nomination_state(nomination, NominationState.SUBMITTED, by=user)


def return_nomination(*, nomination: Nomination, user: User, reason: str) -> Nomination:
    """Send the dossier back to the unit with a reason (submitted or appraised → returned).
    NotPermitted without `awards.appraise` (thi đua staff)."""
    require(user, "awards.appraise", nomination)
    return set_nomination_state(
        nomination,
        NominationState.RETURNED,
        by=user,
        reason=reason.strip(),
        verdict="",
        verdict_overridden=False,
        override_reason="",
    )


def withdraw_nomination(*, nomination: Nomination, user: User, reason: str = "") -> Nomination:
    """The unit's head takes the dossier back (NotPermitted without
    `awards.withdraw_nomination`)."""
    require(user, "awards.withdraw_nomination", nomination)
    return set_nomination_state(nomination, NominationState.WITHDRAWN, by=user, reason=reason)


def appraise_nomination(*, nomination: Nomination, user: User) -> Nomination:
    """Thẩm định: judge every nominee from the records and the rules of the year.

    Stores each line's result and failed rules; the verdict is eligible when every nominee is.
    Side effects: submitted → appraised, one history event listing the failed rule IDs.
    """
    require(user, "awards.appraise", nomination)
    if nomination.state != NominationState.SUBMITTED:
        raise AwardsError(_("Chỉ thẩm định được hồ sơ đang chờ thẩm định."))
    with transaction.atomic():
        failed_rules = []
        for line in nomination.lines.select_related(
            "award", "nomination", "person", "subject_unit"
        ):
            try:
                failures = line_failures(line)
            except MissingSettingError as exc:
                raise AwardsError(str(exc)) from exc
            line.failures = [failure.as_dict() for failure in failures]
            line.eligible = not failures
            line.save(update_fields=["failures", "eligible"])
            failed_rules += [failure.rule for failure in failures]
        verdict = Verdict.NOT_ELIGIBLE if failed_rules else Verdict.ELIGIBLE
        return set_nomination_state(
            nomination,
            NominationState.APPRAISED,
            by=user,
            reason=", ".join(sorted(set(failed_rules))),
            verdict=verdict,
            verdict_overridden=False,
            override_reason="",
        )


def override_verdict(
    *, nomination: Nomination, user: User, verdict: Verdict, reason: str
) -> Nomination:
    """Staff change the computed verdict; only with a reason, which the history keeps."""
    require(user, "awards.appraise", nomination)
    if not reason.strip():
        raise AwardsError(_("Cần ghi lý do điều chỉnh kết quả thẩm định."))
    if nomination.state != NominationState.APPRAISED:
        raise AwardsError(_("Chỉ điều chỉnh được hồ sơ đã thẩm định."))
    with transaction.atomic():
        updated = Nomination.objects.filter(
            pk=nomination.pk, state=NominationState.APPRAISED, version=nomination.version
        ).update(
            verdict=verdict,
            verdict_overridden=True,
            override_reason=reason.strip(),
            version=F("version") + 1,
        )
        if updated != 1:
            raise ConcurrentChangeError(
                _("Hồ sơ vừa được người khác xử lý. Vui lòng tải lại trang.")
            )
        NominationEvent.objects.create(
            nomination=nomination,
            from_state=nomination.state,
            to_state=nomination.state,
            by=user,
            reason=_("Điều chỉnh kết quả thẩm định thành “%(verdict)s”: %(reason)s")
            % {"verdict": Verdict(verdict).label, "reason": reason.strip()},
        )
    nomination.verdict, nomination.verdict_overridden = verdict, True
    nomination.override_reason = reason.strip()
    nomination.version += 1
    return nomination


def _require_eligible(nomination: Nomination) -> None:
    """E-16: no council without an "đủ điều kiện" appraisal."""
    if nomination.verdict != Verdict.ELIGIBLE:
        raise AwardsError(
            _("E-16: Hồ sơ chưa được thẩm định đủ điều kiện (%(citation)s).")
            % {"citation": CITATIONS["E-16"]}
        )


def notice_days(nomination: Nomination) -> int:
    return max(
        (
            rule_set_for(line.award, nomination.year).public_notice_days
            for line in nomination.lines.select_related("award")
        ),
        default=0,
    )


def publish_nomination(*, nomination: Nomination, user: User, day: datetime.date) -> Nomination:
    """Công khai: publish the list from `day` for the rule set's number of working days
    (E-17); the council may take it up from the day the notice ends."""
    require(user, "awards.appraise", nomination)
    _require_eligible(nomination)
    until = add_working_days(day, notice_days(nomination))
    return set_nomination_state(
        nomination, NominationState.PUBLIC_NOTICE, by=user, notice_until=until
    )


def record_objection(
    *, nomination: Nomination, user: User, text: str, day: datetime.date
) -> Objection:
    require(user, "awards.appraise", nomination)
    if nomination.state != NominationState.PUBLIC_NOTICE:
        raise AwardsError(_("Chỉ ghi nhận ý kiến khi hồ sơ đang công khai."))
    with transaction.atomic():
        return Objection.objects.create(nomination=nomination, text=text.strip(), received_on=day)


def answer_objection(*, objection: Objection, user: User, answer: str) -> Objection:
    require(user, "awards.appraise", objection.nomination)
    if not answer.strip():
        raise AwardsError(_("Cần ghi nội dung trả lời."))
    with transaction.atomic():
        objection.answer = answer.strip()
        objection.save(update_fields=["answer"])
    return objection


def send_to_council(
    *, nomination: Nomination, user: User, session: CouncilSession, day: datetime.date
) -> Nomination:
    """Put a published nomination on an open session's agenda.

    Preconditions: E-16 eligible; E-17 the notice period has ended by `day` and every objection
    is answered; the session is open and of the same authority.
    """
    require(user, "awards.manage_council")
    _require_eligible(nomination)
    if nomination.notice_until is None or day < nomination.notice_until:
        raise AwardsError(_("E-17: Chưa hết thời hạn công khai danh sách."))
    if nomination.objections.filter(answer="").exists():
        raise AwardsError(_("E-17: Còn ý kiến phản ánh chưa được trả lời."))
    if session.state != SessionState.OPEN or session.authority_id != nomination.authority_id:
        raise AwardsError(_("Phiên họp Hội đồng không mở hoặc không thuộc cơ quan."))
    return set_nomination_state(
        nomination, NominationState.IN_COUNCIL, by=user, council_session=session
    )


def create_session(
    *, user: User, title: str, held_on: datetime.date, members: Iterable[User]
) -> CouncilSession:
    require(user, "awards.manage_council")
    with transaction.atomic():
        session = CouncilSession.objects.create(
            authority_id=user.unit.authority_id, title=title.strip(), held_on=held_on
        )
        CouncilMembership.objects.bulk_create(
            CouncilMembership(session=session, user=member) for member in members
        )
    return session


def set_attendance(*, session: CouncilSession, member: User, present: bool) -> None:
    with transaction.atomic():
        CouncilMembership.objects.filter(session=session, user=member).update(present=present)


def is_recused(member: User, nomination: Nomination) -> bool:
    """A member from the nominating unit does not vote on its nomination."""
    return member.unit_id == nomination.unit_id


def cast_ballot(
    *, nomination: Nomination, member: User, choices: dict[int, BallotChoice]
) -> BallotCast:
    """Bỏ phiếu kín: record THAT `member` voted (one BallotCast) and add each choice to the
    line's counters (VoteTally), with nothing linking the two.

    Preconditions: the nomination is in council in an open session of which `member` is a
    member; the member is not recused; a choice for every nominee; no earlier ballot.
    An absent member's ballot counts as written (phiếu bằng văn bản).
    """
    session = nomination.council_session
    if nomination.state != NominationState.IN_COUNCIL or session is None:
        raise AwardsError(_("Hồ sơ không ở phiên họp Hội đồng."))
    if session.state != SessionState.OPEN:
        raise AwardsError(_("Phiên họp đã kết thúc bỏ phiếu."))
    membership = CouncilMembership.objects.filter(session=session, user=member).first()
    if membership is None:
        raise AwardsError(_("Bạn không phải thành viên phiên họp này."))
    if is_recused(member, nomination):
        raise AwardsError(_("Thành viên thuộc đơn vị đề nghị không bỏ phiếu cho hồ sơ này."))
    return record_ballot(
        nomination=nomination,
        session=session,
        member=member,
        written=not membership.present,
        choices=choices,
    )


def record_ballot(
    *,
    nomination: Nomination,
    session: CouncilSession,
    member: User,
    written: bool,
    choices: dict[int, BallotChoice],
) -> BallotCast:
    """The secret ballot itself, shared by the council and the cluster's vote: one BallotCast
    that `member` voted, each choice added to its line's VoteTally, nothing linking the two.
    The caller has checked who may vote; this checks a choice for every line and no earlier
    ballot (AwardsError otherwise)."""
    line_ids = set(nomination.lines.values_list("pk", flat=True))
    if set(choices) != line_ids or not all(
        choice in BallotChoice.values for choice in choices.values()
    ):
        raise AwardsError(_("Cần chọn Đồng ý hoặc Không đồng ý cho từng người, tập thể."))
    # Every counter exists before any is incremented, so that two members voting at once
    # never race to create the same counter row.
    VoteTally.objects.bulk_create(
        [
            VoteTally(line_id=line_id, choice=choice)
            for line_id in line_ids
            for choice in BallotChoice
        ],
        ignore_conflicts=True,
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                cast = BallotCast.objects.create(
                    nomination=nomination, session=session, member=member, written=written
                )
        except IntegrityError:
            raise AwardsError(_("Bạn đã bỏ phiếu cho hồ sơ này.")) from None
        for line_id, choice in sorted(choices.items()):
            VoteTally.objects.filter(line_id=line_id, choice=choice).update(count=F("count") + 1)
    return cast


def close_session(*, session: CouncilSession, user: User) -> CouncilSession:
    """Kiểm phiếu: count each nominee, record yes/total and yes/present, decide each line by
    its rule set (E-14: high awards against all members), and move each nomination to
    approved (any line passed) or rejected.

    Precondition: the members present reach the quorum (AwardsError otherwise).
    """
    require(user, "awards.manage_council")
    with transaction.atomic():
        session = CouncilSession.objects.select_for_update().get(pk=session.pk)
        if session.state != SessionState.OPEN:
            raise AwardsError(_("Phiên họp đã kết thúc bỏ phiếu."))
        total = session.memberships.count()
        present = session.memberships.filter(present=True).count()
        if total == 0 or Decimal(present) / total < session.quorum:
            raise AwardsError(
                _("Không đủ số thành viên dự họp: %(present)s/%(total)s.")
                % {"present": present, "total": total}
            )
        nominations = session.nominations.filter(state=NominationState.IN_COUNCIL)
        for nomination in nominations:
            lines = list(nomination.lines.select_related("award"))
            rules = {}
            for line in lines:
                rule_set = rule_set_for(line.award, nomination.year)
                rules[line.pk] = VoteRule(
                    threshold=rule_set.vote_threshold,
                    of_all_members=rule_set.threshold_of_all_members,
                    inclusive=rule_set.threshold_inclusive,
                )
            counts = tally.count_votes(
                counters=VoteTally.objects.filter(line__in=lines).values_list(
                    "line_id", "choice", "count"
                ),
                rules=rules,
                members_total=total,
                members_present=present,
            )
            any_passed = False
            for line in lines:
                count = counts[line.pk]
                line.approved = count.approved
                line.yes_votes = count.yes
                line.members_total, line.members_present = total, present
                line.yes_of_total, line.yes_of_present = count.yes_of_total, count.yes_of_present
                line.save(
                    update_fields=[
                        "approved",
                        "yes_votes",
                        "members_total",
                        "members_present",
                        "yes_of_total",
                        "yes_of_present",
                    ]
                )
                any_passed |= line.approved
            set_nomination_state(
                nomination,
                NominationState.APPROVED if any_passed else NominationState.REJECTED,
                by=user,
            )
        session.state = SessionState.CLOSED
        session.save(update_fields=["state"])
    return session


def _require_approved(line: NominationLine, user: User) -> None:
    """The council approved the nominee, its nomination is still approved and of the user's
    authority; AwardsError otherwise."""
    if (
        not line.approved
        or line.nomination.state != NominationState.APPROVED
        or line.nomination.authority_id != user.unit.authority_id
    ):
        raise AwardsError(_("%(name)s chưa được Hội đồng thông qua.") % {"name": line.subject_name})


def _create_paper(
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


def draft_decision(
    *, user: User, year: int, title: str, lines: Iterable[NominationLine]
) -> Decision:
    """A draft decision listing approved nominees whose award this authority decides."""
    require(user, "awards.draft_decision")
    lines = list(lines)
    if not lines:
        raise AwardsError(_("Quyết định cần ít nhất một người, tập thể được khen thưởng."))
    for line in lines:
        _require_approved(line, user)
        if rule_set_for(line.award, line.nomination.year).deciding_level != DecidingLevel.AUTHORITY:
            raise AwardsError(_("“%(award)s” do cấp trên quyết định.") % {"award": line.award.name})
    return _create_paper(
        Decision,
        DecisionLine,
        "decision",
        user=user,
        year=year,
        title=title,
        lines=lines,
        taken=_("Có người, tập thể đã thuộc một quyết định khác."),
    )


def _next_number(
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


def sign_decision(*, decision: Decision, user: User, day: datetime.date) -> Decision:
    """Ký quyết định: only the chairperson. Takes the number from the register (E-15),
    computes each line's money from the base salary in force on `day` (E-11, E-12), records
    the titles held and moves the nominations to decided.
    """
    require(user, "awards.sign_decision", decision)
    try:
        return _sign(decision=decision, user=user, day=day)
    except OperationalError as exc:
        # lock_timeout reached: another signing holds the register longer than allowed.
        logger.warning("decision %s: register busy: %s", decision.pk, exc)
        raise AwardsError(
            _("Sổ đăng ký quyết định đang bận; vui lòng ký lại sau giây lát.")
        ) from exc


def _limit_lock_wait() -> None:
    """Inside a transaction: wait at most LOCK_TIMEOUT for a row lock (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")


def _lock_draft_paper(model, pk: int, *, user: User, day: datetime.date, signed: str):
    """Inside the signing transaction: lock the decision or submission (bounded wait), check
    it is still a draft of the user's authority and that the authority has a name on `day`.
    Returns the locked paper and that identity; AwardsError (with `signed` if already signed)
    otherwise."""
    _limit_lock_wait()
    paper = model.objects.select_for_update().get(pk=pk)
    if paper.status != DecisionStatus.DRAFT:
        raise AwardsError(signed)
    if paper.authority_id != user.unit.authority_id:
        raise AwardsError(_("Bạn không có quyền thực hiện thao tác này."))
    identity = paper.authority.identity_on(day)
    if identity is None:
        raise AwardsError(_("Cơ quan chưa có tên gọi hiệu lực vào ngày ký."))
    return paper, identity


def _number_and_sign(
    paper, *, series: RegisterSeries, code: str, identity, user: User, day, also=()
) -> None:
    """Take the next number of `series` (E-15), set "Số: nn/<code>-<issuer symbol>" and mark
    the paper signed by `user` on `day`; saves those fields and the `also` fields."""
    paper.number = _next_number(paper.authority_id, day.year, series)
    paper.number_year = day.year
    paper.symbol = f"{code}-{identity.issuer_symbol}"
    paper.status = DecisionStatus.SIGNED
    paper.signed_on, paper.signed_by = day, user
    paper.save(
        update_fields=["number", "number_year", "symbol", "status", "signed_on", "signed_by", *also]
    )


def _sign(*, decision: Decision, user: User, day: datetime.date) -> Decision:
    with transaction.atomic():
        decision, identity = _lock_draft_paper(
            Decision, decision.pk, user=user, day=day, signed=_("Quyết định đã được ký.")
        )
        try:
            base = base_salary_on(day)
        except MissingSettingError as exc:
            raise AwardsError(str(exc)) from exc
        lines = list(decision_lines(decision))
        for line in lines:
            nominee = line.nomination_line
            rule_set = rule_set_for(nominee.award, nominee.nomination.year)
            line.amount = award_amount(
                coefficient=rule_set.coefficient,
                base_salary=base,
                category=nominee.award.category,
                subject_kind=nominee.subject_kind,
                collective_multiplier=rule_set.collective_multiplier,
            )
            line.save(update_fields=["amount"])
        decision.base_salary = base
        _number_and_sign(
            decision,
            series=RegisterSeries.DECISION,
            code="QĐ",
            identity=identity,
            user=user,
            day=day,
            also=("base_salary",),
        )
        for line in lines:
            nominee = line.nomination_line
            if nominee.subject_kind != SubjectKind.HOUSEHOLD:
                TitleHeld.objects.create(
                    person=nominee.person,
                    unit=nominee.subject_unit,
                    award=nominee.award,
                    year=nominee.nomination.year,
                    decision_reference=decision.reference,
                    decision_line=line,
                )
        for nomination in {line.nomination_line.nomination for line in lines}:
            if nomination.state == NominationState.APPROVED:
                set_nomination_state(
                    nomination, NominationState.DECIDED, by=user, reason=decision.reference
                )
    logger.info("decision %s signed as %s by %s", decision.pk, decision.reference, user.pk)
    return decision


def revoke_decision(*, decision: Decision, user: User, reason: str, day: datetime.date) -> Decision:
    """E-18: cancel a signed decision. The decision and its lines stay, marked revoked; the
    titles held from it are marked revoked; `selectors.recovery_list` lists what to recover."""
    require(user, "awards.revoke_decision", decision)
    if not reason.strip():
        raise AwardsError(_("Cần ghi lý do hủy bỏ quyết định."))
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if decision.status != DecisionStatus.SIGNED:
            raise AwardsError(_("Chỉ hủy bỏ được quyết định đã ký."))
        decision.status = DecisionStatus.REVOKED
        decision.revoked_on, decision.revocation_reason = day, reason.strip()
        decision.save(update_fields=["status", "revoked_on", "revocation_reason"])
        TitleHeld.objects.filter(decision_line__decision=decision).update(revoked=True)
    logger.info("decision %s revoked by %s", decision.pk, user.pk)
    return decision


def draft_submission(
    *, user: User, year: int, title: str, lines: Iterable[NominationLine]
) -> Submission:
    """A draft submission (tờ trình) to the superior listing approved nominees whose award the
    superior decides (DOMAIN §4.1). Each line must be approved by the council, of a nomination
    still approved, of the user's authority, and in no other submission."""
    require(user, "awards.draft_submission")
    lines = list(lines)
    if not title.strip():
        raise AwardsError(_("Cần ghi trích yếu tờ trình."))
    if not lines:
        raise AwardsError(_("Tờ trình cần ít nhất một người, tập thể được đề nghị."))
    for line in lines:
        _require_approved(line, user)
        if not decided_by_superior(line):
            raise AwardsError(
                _("“%(award)s” do cấp mình quyết định, không trình cấp trên.")
                % {"award": line.award.name}
            )
    submission = _create_paper(
        Submission,
        SubmissionLine,
        "submission",
        user=user,
        year=year,
        title=title,
        lines=lines,
        taken=_("Có người, tập thể đã thuộc một tờ trình khác."),
    )
    logger.info("submission %s drafted by %s", submission.pk, user.pk)
    return submission


def sign_submission(*, submission: Submission, user: User, day: datetime.date) -> Submission:
    """Ký tờ trình: only the chairperson. Takes the number from the register's submission
    series (E-15, as decisions) and moves each listed nomination approved → forwarded."""
    require(user, "awards.sign_submission", submission)
    try:
        with transaction.atomic():
            submission, identity = _lock_draft_paper(
                Submission, submission.pk, user=user, day=day, signed=_("Tờ trình đã được ký.")
            )
            nominations = submission_nominations(submission)
            for nomination in nominations:
                if nomination.state != NominationState.APPROVED:
                    raise AwardsError(
                        _("Hồ sơ “%(title)s” không còn ở trạng thái Hội đồng thông qua.")
                        % {"title": nomination.title}
                    )
            _number_and_sign(
                submission,
                series=RegisterSeries.SUBMISSION,
                code="TTr",
                identity=identity,
                user=user,
                day=day,
            )
            for nomination in nominations:
                set_nomination_state(
                    nomination, NominationState.FORWARDED, by=user, reason=submission.reference
                )
    except OperationalError as exc:
        logger.warning("submission %s: register busy: %s", submission.pk, exc)
        raise AwardsError(_("Sổ đăng ký văn bản đang bận; vui lòng ký lại sau giây lát.")) from exc
    logger.info("submission %s signed as %s by %s", submission.pk, submission.reference, user.pk)
    return submission


def _forwarded_nomination(submission: Submission, nomination: Nomination, user: User) -> None:
    require(user, "awards.record_superior_outcome", nomination)
    if submission.status != SubmissionStatus.SIGNED:
        raise AwardsError(_("Tờ trình chưa được ký, chưa trình cấp trên."))
    if not submission.lines.filter(nomination_line__nomination=nomination).exists():
        raise AwardsError(_("Hồ sơ không thuộc tờ trình này."))


def record_superior_decision(
    *,
    submission: Submission,
    nomination: Nomination,
    user: User,
    number: str,
    day: datetime.date | None,
) -> Nomination:
    """The superior decided: store its decision's number and date on the nomination
    (forwarded → decided) and record the titles held by the nominees of this submission."""
    _forwarded_nomination(submission, nomination, user)
    number = number.strip()
    if not number or day is None:
        raise AwardsError(_("Cần ghi số và ngày quyết định của cấp trên."))
    with transaction.atomic():
        set_nomination_state(
            nomination,
            NominationState.DECIDED,
            by=user,
            reason=_("Quyết định số %(number)s ngày %(day)s của cấp trên")
            % {"number": number, "day": day.strftime("%d/%m/%Y")},
            superior_decision_number=number,
            superior_decision_date=day,
        )
        for row in submission_lines(submission).filter(nomination_line__nomination=nomination):
            nominee = row.nomination_line
            if nominee.subject_kind != SubjectKind.HOUSEHOLD:
                TitleHeld.objects.create(
                    person=nominee.person,
                    unit=nominee.subject_unit,
                    award=nominee.award,
                    year=nomination.year,
                    decision_reference=number,
                )
    return nomination


def record_superior_refusal(
    *, submission: Submission, nomination: Nomination, user: User, reason: str
) -> Nomination:
    """The superior did not commend: forwarded → rejected, the reason kept in the history."""
    _forwarded_nomination(submission, nomination, user)
    return set_nomination_state(
        nomination, NominationState.REJECTED, by=user, reason=reason.strip()
    )


def save_year_records(
    *,
    unit: Unit,
    year: int,
    user: User,
    unit_rating: str,
    entries: list[tuple[Person, str, int]],
) -> int:
    """Record the unit's own rating and each person's rating and months for `year`.

    Every entry is checked before anything is written (AwardsError listing the first problem):
    a known rating, months between 0 and 12, and a person not already on another unit's roll
    that year. Returns how many person records were written.
    """
    ratings = set(DutyRating.values)
    if unit_rating and unit_rating not in ratings:
        raise AwardsError(_("Xếp loại của tập thể không hợp lệ."))
    elsewhere = set(
        PersonYear.objects.filter(person__in=[person for person, _r, _m in entries], year=year)
        .exclude(unit=unit)
        .values_list("person__full_name", flat=True)
    )
    for person, rating, months in entries:
        if rating not in ratings:
            raise AwardsError(_("%(name)s: xếp loại không hợp lệ.") % {"name": person.full_name})
        if not 0 <= months <= 12:
            raise AwardsError(
                _("%(name)s: số tháng công tác phải từ 0 đến 12.") % {"name": person.full_name}
            )
        if person.full_name in elsewhere:
            raise AwardsError(
                _("%(name)s đã có kết quả năm %(year)s ở đơn vị khác.")
                % {"name": person.full_name, "year": year}
            )
    with transaction.atomic():
        if unit_rating:
            UnitYear.objects.update_or_create(
                unit=unit, year=year, defaults={"duty_rating": unit_rating}
            )
        for person, rating, months in entries:
            PersonYear.objects.update_or_create(
                person=person,
                year=year,
                defaults={"unit": unit, "duty_rating": rating, "months_worked": months},
            )
    logger.info(
        "records of unit %s for %s saved by %s (%s people)", unit.pk, year, user.pk, len(entries)
    )
    return len(entries)
