"""Writes of submissions (tờ trình) to the superior body: drafting, signing with its number,
and the superior's outcome for each forwarded nomination.
"""

import datetime
import logging
from collections.abc import Iterable

from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

from awards.catalogue.selectors import decided_by_superior
from awards.enums import NominationState, RegisterSeries, SubjectKind, SubmissionStatus
from awards.errors import AwardsError
from awards.models import Nomination, NominationLine, Submission, SubmissionLine, TitleHeld
from awards.nominations.services import set_nomination_state
from awards.papers import create_paper, lock_draft_paper, number_and_sign, require_approved
from awards.submissions.selectors import submission_lines, submission_nominations
from awards.submissions.upward import send_up
from awards.submissions.workflow import SUBMISSION_WORKFLOW
from config.permissions import require
from emulation.models import User

logger = logging.getLogger(__name__)


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
        require_approved(line, user)
        if not decided_by_superior(line):
            raise AwardsError(
                _("“%(award)s” do cấp mình quyết định, không trình cấp trên.")
                % {"award": line.award.name}
            )
    submission = create_paper(
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
    series (E-15, as decisions) and moves each listed nomination approved → forwarded; when
    the superior is on the instance, each nominee arrives there as its nomination
    (`upward.send_up`)."""
    require(user, "awards.sign_submission", submission)
    try:
        with transaction.atomic():
            submission, identity = lock_draft_paper(
                Submission, submission.pk, user=user, day=day, signed=_("Tờ trình đã được ký.")
            )
            nominations = submission_nominations(submission)
            for nomination in nominations:
                if nomination.state != NominationState.APPROVED:
                    raise AwardsError(
                        _("Hồ sơ “%(title)s” không còn ở trạng thái Hội đồng thông qua.")
                        % {"title": nomination.title}
                    )
            number_and_sign(
                submission,
                workflow=SUBMISSION_WORKFLOW,
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
            send_up(submission, by=user, day=day)
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
    if submission.lines.filter(received_as__isnull=False).exists():
        raise AwardsError(
            _(
                "Tờ trình đã được gửi lên cấp trên trong hệ thống: kết quả do cấp trên cập "
                "nhật khi xét duyệt và ký quyết định."
            )
        )


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
                    decided_on=day,
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
