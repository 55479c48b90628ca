"""Writes of nominations (hồ sơ đề nghị): the one transition function, drafting, nominees,
submission, return, withdrawal, appraisal (thẩm định) and its override.

A nomination's state changes only in `set_nomination_state`, as a compare-and-set on (state,
version): of two people acting on the same nomination at once, one wins and the other is told
that someone else was faster.
"""

import logging

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from awards.catalogue.selectors import rule_set_for
from awards.eligibility import rule_text
from awards.enums import (
    EDITABLE_STATES,
    AwardCode,
    DecidingLevel,
    NominationState,
    SubjectKind,
    Verdict,
)
from awards.errors import AwardsError, ConcurrentChangeError, MissingSettingError, TransitionError
from awards.models import Award, Nomination, NominationEvent, NominationLine
from awards.nominations.selectors import line_failures
from awards.nominations.workflow import NOMINATION_WORKFLOW
from config.permissions import require
from config.workflow import TransitionRefused
from emulation.models import Employment, Person, Unit, User
from emulation.models.movements import Exemplary

logger = logging.getLogger(__name__)


def set_nomination_state(
    nomination: Nomination, new_state: NominationState, *, by: User, reason: str = "", **changes
) -> Nomination:
    """Move `nomination` to `new_state`, saving `changes` with it — the one place that
    assigns `Nomination.state`, by applying NOMINATION_WORKFLOW (the same state is a no-op).

    A move outside the table raises TransitionError, a missing reason AwardsError; if the row
    moved meanwhile (compare-and-set on state and version), ConcurrentChangeError and nothing
    written. Side effects: one NominationEvent with `reason`. The calling service has asked
    the rules already (`require`); the table's permissions decide the buttons.
    """
    old_state = NominationState(nomination.state)
    if new_state == old_state:
        return nomination
    try:
        return NOMINATION_WORKFLOW.apply(
            nomination, new_state, by=by, reason=reason, check=False, **changes
        )
    except TransitionRefused as refused:
        # Callers keep the awards error types; the Vietnamese message is the workflow's.
        if refused.conflict:
            raise ConcurrentChangeError(str(refused)) from refused
        if NOMINATION_WORKFLOW.find(old_state, new_state) is None:
            raise TransitionError(str(refused)) from refused
        raise AwardsError(str(refused)) from refused


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
        if person is None:
            raise AwardsError(_("Hãy chọn cá nhân được đề nghị."))
        if not Employment.objects.filter(person=person, unit=nomination.unit).exists():
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
        raise AwardsError(
            rule_text("E-10", _("Đối tượng này đã có trong danh sách với cùng danh hiệu"))
        )
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


def remove_nominee(*, line: NominationLine, user: User) -> None:
    """Take one nominee off a draft or returned nomination (NotPermitted without
    `awards.edit_nomination`; AwardsError once the nomination has been sent)."""
    nomination = line.nomination
    require(user, "awards.edit_nomination", nomination)
    with transaction.atomic():
        locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
        if locked.state not in EDITABLE_STATES:
            raise AwardsError(_("Hồ sơ đã gửi, không sửa được danh sách."))
        NominationLine.objects.filter(pk=line.pk, nomination=locked).delete()
    logger.info("nomination %s: line %s removed by %s", nomination.pk, line.pk, user.pk)


def propose_exemplary(*, exemplary: Exemplary, user: User) -> Nomination:
    """Propose a Giấy khen for an exemplary person or collective (điển hình tiên tiến): a draft
    nomination of the exemplary's unit for the year its period ends, with the exemplary as
    its one nominee and its story as the achievement. The unit then edits and submits it
    through the usual workflow.

    Preconditions: the user is the head or clerk of the exemplary's unit (NotPermitted
    otherwise); no proposal made from the story is still under way (withdrawn or refused ones
    do not count); the nominee is accepted by `add_nominee` (AwardsError otherwise). Nothing
    is written when refused.
    """
    require(user, "awards.create_nomination")
    require(
        user,
        "awards.propose_exemplary",
        exemplary,
        message=_("Chỉ đơn vị quản lý điển hình mới đề nghị khen thưởng."),
    )
    award = Award.objects.filter(code=AwardCode.GIAY_KHEN).first()
    if award is None:
        raise AwardsError(_("Danh mục chưa có Giấy khen."))
    under_way = Nomination.objects.filter(exemplary=exemplary).exclude(
        state__in=(NominationState.WITHDRAWN, NominationState.REJECTED)
    )
    if under_way.exists():
        raise AwardsError(_("Điển hình này đã có hồ sơ đề nghị khen thưởng đang xử lý."))
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
    Side effects: submitted → appraised, one history event naming each nominee who failed and
    why, in plain words with the rule and its citation.
    """
    require(user, "awards.appraise", nomination)
    if nomination.state != NominationState.SUBMITTED:
        raise AwardsError(_("Chỉ thẩm định được hồ sơ đang chờ thẩm định."))
    with transaction.atomic():
        failed_lines = []
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
            if failures:
                failed_lines.append(
                    f"{line.subject_name} – {line.award.name}: "
                    + " ".join(failure.text for failure in failures)
                )
        verdict = Verdict.NOT_ELIGIBLE if failed_lines else Verdict.ELIGIBLE
        return set_nomination_state(
            nomination,
            NominationState.APPRAISED,
            by=user,
            reason="; ".join(failed_lines),
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
