"""Evidence files of a nomination (tệp minh chứng): attached and removed by the unit while it
may edit the nomination (draft or returned), read by everyone who may read the nomination —
the reviewers, the council members on the ballot, the chairperson.

A refused file raises AwardsError with the Vietnamese message of `documents.uploads`, and
nothing is written.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from awards.enums import EDITABLE_STATES
from awards.errors import AwardsError
from awards.models import Nomination, NominationAttachment, NominationLine
from config.permissions import require
from documents import uploads
from emulation.models import User

logger = logging.getLogger(__name__)

# A dossier is a handful of decisions, reports and photos; a ceiling keeps one unit from filling
# the disk by accident.
MAX_ATTACHMENTS = 30


def _editable(nomination: Nomination) -> Nomination:
    """The nomination locked for the change; AwardsError once it has been sent."""
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if locked.state not in EDITABLE_STATES:
        raise AwardsError(_("Hồ sơ đã gửi, không thay đổi được tệp minh chứng."))
    return locked


def attach_evidence(
    *,
    nomination: Nomination,
    user: User,
    title: str,
    upload,
    line: NominationLine | None = None,
) -> NominationAttachment:
    """Keep `upload` as evidence of `nomination` (of one nominee when `line` is given).

    Preconditions: `awards.edit_nomination` (NotPermitted); the nomination is a draft or
    returned, `line` is one of its lines, fewer than MAX_ATTACHMENTS files, the title is not
    blank and the file passes the evidence checks (PDF, image, DOCX or XLSX up to 10 MB) —
    AwardsError otherwise."""
    require(user, "awards.edit_nomination", nomination)
    title = title.strip()
    if not title:
        raise AwardsError(_("Hãy ghi tên tài liệu minh chứng."))
    if line is not None and line.nomination_id != nomination.pk:
        raise AwardsError(_("Người, tập thể đã chọn không thuộc hồ sơ này."))
    try:
        received = uploads.receive_evidence(upload)
    except uploads.UploadRefused as refused:
        raise AwardsError(str(refused)) from refused
    with transaction.atomic():
        locked = _editable(nomination)
        if locked.attachments.count() >= MAX_ATTACHMENTS:
            raise AwardsError(
                _("Hồ sơ đã có %(count)d tệp minh chứng, là số tối đa; hãy gộp bớt tệp.")
                % {"count": MAX_ATTACHMENTS}
            )
        attachment = NominationAttachment.objects.create(
            nomination=locked,
            line=line,
            title=title,
            file=received.as_file(),
            size=len(received.content),
            sha256=received.sha256,
            uploaded_by=user,
        )
    logger.info(
        "nomination %s: attachment %s (%s) added by %s",
        nomination.pk,
        attachment.pk,
        attachment.sha256,
        user.pk,
    )
    return attachment


def remove_evidence(*, attachment: NominationAttachment, user: User) -> None:
    """Take an evidence file off a draft or returned nomination; its stored file goes with it
    once the row is gone."""
    nomination = attachment.nomination
    require(user, "awards.edit_nomination", nomination)
    with transaction.atomic():
        _editable(nomination)
        NominationAttachment.objects.filter(pk=attachment.pk).delete()
        transaction.on_commit(lambda: attachment.file.delete(save=False))
    logger.info("nomination %s: attachment %s removed by %s", nomination.pk, attachment.pk, user.pk)
