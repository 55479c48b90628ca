"""Writes for movements, registrations and exemplary stories.

Each function validates, writes inside one transaction and logs. A refused request raises
`MovementError` (a `TransitionRefused`) with a Vietnamese message; nothing is written then.
A registration's state changes only through `REGISTRATION_WORKFLOW`.
"""

import logging

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config import clock
from config.permissions import require
from config.workflow import Transition, TransitionRefused, Workflow
from documents import uploads
from emulation.models import Employment, Person, Unit, User
from emulation.models.movements import (
    PERIOD_ORDER_MESSAGE,
    Exemplary,
    ExemplaryPhoto,
    Milestone,
    Movement,
    MovementDocument,
    Registration,
    RegistrationLine,
    RegistrationRound,
)
from emulation.movements.catalogue import registrable_titles
from emulation.movements.enums import ExemplaryKind, RegistrationState

logger = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 5 * 1024 * 1024


class MovementError(TransitionRefused):
    """A refused request; the message is Vietnamese and shown to the user."""


# The only state changes a registration may make: the unit head sends it; thi đua staff
# return a submitted registration to the unit when it must be corrected.
REGISTRATION_WORKFLOW = Workflow(
    model=Registration,
    transitions=[
        Transition(
            RegistrationState.DRAFT,
            RegistrationState.SUBMITTED,
            "submit",
            gettext_lazy("Gửi bản đăng ký"),
            permission="movements.submit_registration",
        ),
        Transition(
            RegistrationState.SUBMITTED,
            RegistrationState.DRAFT,
            "return_to_unit",
            gettext_lazy("Trả lại đơn vị để sửa"),
            permission="movements.manage_registration",
            style="secondary",
        ),
    ],
    conflict_message=gettext_lazy(
        "Bản đăng ký vừa được người khác thay đổi. Vui lòng tải lại trang."
    ),
)


def _check_period(start, end) -> None:
    if start and end and end < start:
        raise MovementError(str(PERIOD_ORDER_MESSAGE))


def _check_units(authority_id: int, units: list[Unit]) -> None:
    if any(unit.authority_id != authority_id for unit in units):
        raise MovementError(_("Đơn vị tham gia phải thuộc cơ quan phát động."))


def _received(upload: UploadedFile) -> uploads.ReceivedFile:
    try:
        return uploads.receive_evidence(upload)
    except uploads.UploadRefused as refused:
        raise MovementError(str(refused)) from refused


def save_movement(
    *, user: User, units: list[Unit], movement: Movement | None = None, **fields
) -> Movement:
    """Create a movement of the user's authority, or change `movement`; `fields` are the
    model's own fields (kind, name, launched_by, launch_date, period_start, period_end,
    goals). Preconditions: the period is ordered, every unit belongs to the authority."""
    authority_id = movement.authority_id if movement else user.authority_id
    _check_period(fields.get("period_start"), fields.get("period_end"))
    _check_units(authority_id, units)
    with transaction.atomic():
        if movement is None:
            movement = Movement.objects.create(authority_id=authority_id, created_by=user, **fields)
        else:
            for name, value in fields.items():
                setattr(movement, name, value)
            movement.save(update_fields=list(fields))
        movement.units.set(units)
    logger.info("movement %s saved by %s", movement.pk, user.pk)
    return movement


def attach_document(
    *, movement: Movement, user: User, title: str, upload: UploadedFile
) -> MovementDocument:
    """Attach a document (PDF, image, DOCX or XLSX up to 10 MB: the evidence checks)."""
    received = _received(upload)
    with transaction.atomic():
        document = MovementDocument.objects.create(
            movement=movement, title=title.strip(), file=received.as_file(), uploaded_by=user
        )
    logger.info("movement %s: document %s attached by %s", movement.pk, document.pk, user.pk)
    return document


def add_milestone(*, movement: Movement, user: User, kind: str, due_date) -> Milestone:
    """A sơ kết or tổng kết of the movement; its day falls within the movement's period."""
    if not movement.period_start <= due_date <= movement.period_end:
        raise MovementError(_("Ngày sơ kết, tổng kết phải nằm trong thời gian của phong trào."))
    with transaction.atomic():
        milestone = Milestone.objects.create(movement=movement, kind=kind, due_date=due_date)
    logger.info("movement %s: milestone %s added by %s", movement.pk, milestone.pk, user.pk)
    return milestone


def report_milestone(
    *, milestone: Milestone, user: User, report: str, upload: UploadedFile | None = None
) -> Milestone:
    """Record the review's report: its text, and optionally the signed report file."""
    if not report.strip():
        raise MovementError(_("Hãy nhập nội dung báo cáo."))
    received = _received(upload) if upload is not None else None
    with transaction.atomic():
        milestone.report = report.strip()
        milestone.reported_at = timezone.now()
        fields = ["report", "reported_at"]
        if received is not None:
            milestone.report_file = received.as_file()
            fields.append("report_file")
        milestone.save(update_fields=fields)
    logger.info("milestone %s reported by %s", milestone.pk, user.pk)
    return milestone


def save_round(
    *, user: User, year: int, deadline, requires_registration: bool
) -> RegistrationRound:
    """Open (or change) the authority's registration for `year`."""
    if deadline.year != year:
        raise MovementError(_("Hạn đăng ký phải nằm trong năm đăng ký."))
    with transaction.atomic():
        round_, _created = RegistrationRound.objects.update_or_create(
            authority_id=user.authority_id,
            year=year,
            defaults={"deadline": deadline, "requires_registration": requires_registration},
        )
    logger.info("registration round %s saved by %s", round_.pk, user.pk)
    return round_


def registration_of(*, round_: RegistrationRound, unit: Unit) -> Registration:
    """The unit's registration for the round, created as a draft the first time."""
    registration, _created = Registration.objects.get_or_create(round=round_, unit=unit)
    return registration


def set_registration_state(
    registration: Registration, new_state: str, *, by: User, check: bool = False
) -> None:
    """The one place a registration's state changes: REGISTRATION_WORKFLOW, a compare-and-set
    on the state read, with who sent it and when (cleared when it goes back to draft).

    `check` asks the transition's rule for `by`; without it the caller decided (demo data).
    TransitionRefused when refused, with `conflict` when the row moved meanwhile.
    """
    if registration.state == new_state:
        return
    submitted = new_state == RegistrationState.SUBMITTED
    REGISTRATION_WORKFLOW.apply(
        registration,
        new_state,
        by=by,
        check=check,
        submitted_by=by if submitted else None,
        submitted_at=timezone.now() if submitted else None,
    )


def _require_editable(registration: Registration) -> None:
    if registration.state != RegistrationState.DRAFT:
        raise MovementError(_("Bản đăng ký đã gửi, không sửa được."))


def add_registration_line(
    *, registration: Registration, user: User, title_code: str, person: Person | None = None
) -> RegistrationLine:
    """Register the unit (no person) or a person working in it for a title of the catalogue.

    Preconditions: the registration is still a draft; the title is given to this kind of
    subject; the person works in the unit; the same title is not registered twice."""
    _require_editable(registration)
    title = next((t for t in registrable_titles() if t.code == title_code), None)
    if title is None:
        raise MovementError(_("Danh hiệu không có trong danh mục."))
    if person is None and not title.for_collective:
        raise MovementError(_("“%(title)s” không tặng cho tập thể.") % {"title": title.name})
    if person is not None:
        if not title.for_individual:
            raise MovementError(_("“%(title)s” không tặng cho cá nhân.") % {"title": title.name})
        if not Employment.objects.filter(person=person, unit=registration.unit).exists():
            raise MovementError(_("Cá nhân đăng ký phải công tác tại đơn vị."))
    lines = registration.lines.filter(title_code=title_code)
    if lines.filter(person=person).exists() if person else lines.filter(person=None).exists():
        raise MovementError(_("Danh hiệu này đã được đăng ký."))
    with transaction.atomic():
        line = RegistrationLine.objects.create(
            registration=registration, title_code=title_code, person=person
        )
    logger.info("registration %s: line %s added by %s", registration.pk, line.pk, user.pk)
    return line


def remove_registration_line(*, line: RegistrationLine, user: User) -> None:
    _require_editable(line.registration)
    with transaction.atomic():
        line.delete()
    logger.info("registration %s: line removed by %s", line.registration_id, user.pk)


def submit_registration(*, registration: Registration, user: User) -> Registration:
    """The unit head sends the registration (draft → submitted) before the deadline, with at
    least one title registered. Afterwards the unit cannot change it."""
    require(
        user,
        "movements.submit_registration",
        registration,
        message=_("Chỉ thủ trưởng đơn vị gửi bản đăng ký."),
    )
    if registration.state != RegistrationState.DRAFT:
        raise MovementError(_("Bản đăng ký đã gửi."))
    if clock.today() > registration.round.deadline:
        raise MovementError(
            _("Đã quá hạn đăng ký (%(day)s).")
            % {"day": registration.round.deadline.strftime("%d/%m/%Y")}
        )
    if not registration.lines.exists():
        raise MovementError(_("Bản đăng ký chưa có danh hiệu nào."))
    with transaction.atomic():
        set_registration_state(registration, RegistrationState.SUBMITTED, by=user, check=True)
    return registration


def return_registration(*, registration: Registration, user: User) -> Registration:
    """Thi đua staff give a submitted registration back to the unit for correction."""
    require(user, "movements.manage_registration", registration)
    with transaction.atomic():
        set_registration_state(registration, RegistrationState.DRAFT, by=user, check=True)
    return registration


def save_exemplary(
    *,
    user: User,
    unit: Unit,
    kind: str,
    person: Person | None,
    movement: Movement | None,
    exemplary: Exemplary | None = None,
    **fields,
) -> Exemplary:
    """Create or change an exemplary story; `fields` are title, field, story, period_start,
    period_end. Preconditions: a person works in the unit; the movement is the authority's."""
    _check_period(fields.get("period_start"), fields.get("period_end"))
    if kind == ExemplaryKind.PERSON:
        if person is None:
            raise MovementError(_("Hãy chọn cá nhân điển hình."))
        if not Employment.objects.filter(person=person, unit=unit).exists():
            raise MovementError(_("Cá nhân phải công tác tại đơn vị quản lý."))
    else:
        person = None
    if movement is not None and movement.authority_id != unit.authority_id:
        raise MovementError(_("Phong trào không thuộc cơ quan của đơn vị."))
    values = {"unit": unit, "kind": kind, "person": person, "movement": movement, **fields}
    with transaction.atomic():
        if exemplary is None:
            exemplary = Exemplary.objects.create(
                authority_id=unit.authority_id, created_by=user, **values
            )
        else:
            for name, value in values.items():
                setattr(exemplary, name, value)
            exemplary.save(update_fields=list(values))
    logger.info("exemplary %s saved by %s", exemplary.pk, user.pk)
    return exemplary


def receive_photo(upload: UploadedFile) -> uploads.ReceivedFile:
    """A photo must be a real JPEG, PNG or WebP image of at most 5 MB and within the pixel cap;
    what is kept is the picture decoded and encoded again, under a server name. The name and
    type the browser sent are not trusted: the bytes are decoded."""
    try:
        return uploads.receive(
            upload,
            kinds=uploads.IMAGES,
            max_bytes=MAX_PHOTO_BYTES,
            too_large=_("Ảnh không được lớn hơn 5 MB."),
            wrong_kind=_("Tệp tải lên không phải là ảnh hợp lệ."),
        )
    except uploads.UploadRefused as refused:
        raise MovementError(str(refused)) from refused


def add_photo(
    *, exemplary: Exemplary, user: User, upload: UploadedFile, caption: str = ""
) -> ExemplaryPhoto:
    received = receive_photo(upload)
    width, height = uploads.image_size(received)
    with transaction.atomic():
        photo = ExemplaryPhoto.objects.create(
            exemplary=exemplary,
            image=received.as_file(),
            caption=caption.strip(),
            width=width,
            height=height,
        )
    logger.info("exemplary %s: photo %s added by %s", exemplary.pk, photo.pk, user.pk)
    return photo
