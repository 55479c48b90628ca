"""Import of actual values from the Excel template (or a CSV with the same columns): upload,
preview, confirmation, and the write, at once or by a background worker.

The file is checked (`emulation.spreadsheet_reading`, `import_rows`) at the preview and again
at the write;
nothing is written when any row is refused. The write is one transaction through
`services.save_actuals`, so imported values keep the same history as typed ones.
"""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.permissions import authorize
from config.workflow import Transition, TransitionRefused, Workflow
from documents.models import Job
from documents.registry import ProgressCallback
from documents.services import request_document
from emulation.models import TargetImport, User
from emulation.spreadsheet_reading import (
    MAX_ISSUES_SHOWN,
    ImportIssue,
    ImportRejected,
    file_issue,
)
from emulation.targets.enums import IMPORT_DOCUMENT_KIND, ChangeSource, ImportState
from emulation.targets.import_rows import ImportPlan, check_file
from emulation.targets.services import (
    SaveResult,
    TargetsError,
    get_period,
    save_actuals,
)

# Files with more rows than this are written by a background job.
SYNC_ROW_LIMIT = 2_000

# An upload is previewed, then written at once or queued for a worker, which writes it or
# marks it failed with the file's messages. Every move is the system's: the user's right was
# checked when the file was previewed.
IMPORT_WORKFLOW = Workflow(
    model=TargetImport,
    transitions=[
        Transition(ImportState.PREVIEWED, ImportState.QUEUED, "queue"),
        Transition(ImportState.PREVIEWED, ImportState.COMMITTED, "commit"),
        Transition(ImportState.QUEUED, ImportState.COMMITTED, "commit"),
        Transition(ImportState.QUEUED, ImportState.FAILED, "fail"),
    ],
)


def commit_file(
    *, user: User, filename: str, content: bytes, progress: ProgressCallback | None = None
) -> SaveResult:
    """Check the file again (the data may have changed since the preview) and write it in one
    transaction; `ImportRejected` and nothing written if any row is refused. `progress`, when
    given, hears 10 after the check and up to 70 as the groups of rows are written."""
    report = progress or (lambda percent: None)
    plan = check_file(user=user, filename=filename, content=content)
    report(10)
    created = changed = 0
    may_write_closed = authorize(user, "targets.write_closed_period")
    authority = user.unit.authority
    groups = list(plan.entries.items())
    try:
        with transaction.atomic():
            for index, ((year, period, value_kind), entries) in enumerate(groups, start=1):
                result = save_actuals(
                    user=user,
                    period=get_period(authority=authority, year=year, kind=period),
                    value_kind=value_kind,
                    entries=entries,
                    source=ChangeSource.IMPORT,
                    may_write_closed=may_write_closed,
                )
                created += result.created
                changed += result.changed
                report(10 + 60 * index // len(groups))
    except TargetsError as exc:
        raise ImportRejected(
            [ImportIssue("", None, None, m) for ms in exc.errors.values() for m in ms]
        ) from exc
    return SaveResult(created=created, changed=changed, unchanged=plan.unchanged)


# ---- Upload, preview, confirmation ---------------------------------------------------------


def start_import(*, user: User, filename: str, content: bytes) -> tuple[TargetImport, ImportPlan]:
    """Check an uploaded file and keep it, bound to `user`, for the confirmation; the user's
    earlier unconfirmed previews are dropped. Raises `ImportRejected` (nothing kept, nothing
    written) when the file is refused."""
    plan = check_file(user=user, filename=filename, content=content)
    # Only the latest preview can be confirmed (the session keeps its id): drop older ones.
    TargetImport.objects.filter(uploaded_by=user, state=ImportState.PREVIEWED).delete()
    upload = TargetImport.objects.create(
        authority_id=user.unit.authority_id,
        uploaded_by=user,
        filename=filename[:200],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        state=ImportState.PREVIEWED,
        row_count=plan.rows,
    )
    return upload, plan


def confirm_import(*, user: User, upload: TargetImport, sha256: str) -> SaveResult | Job:
    """Write a previewed file, at once when it is small, otherwise in a background document job
    (returned) whose PDF reports the result.

    Preconditions: `upload` was previewed by `user` (the view fetched it by the id kept in the
    user's session). The digest posted back must be the stored file's. Side effects: the
    actuals and their history, or one queued job; the upload marked committed or queued.
    """
    content = bytes(upload.content)
    if (
        upload.uploaded_by_id != user.pk
        or upload.state != ImportState.PREVIEWED
        or sha256 != upload.sha256
        or hashlib.sha256(content).hexdigest() != upload.sha256
    ):
        raise file_issue(_("Tệp xác nhận không khớp tệp đã xem trước; hãy tải tệp lên lại."))
    if upload.row_count > SYNC_ROW_LIMIT:
        with transaction.atomic():
            if not _move(upload, ImportState.QUEUED):
                raise file_issue(_("Tệp này đã được ghi rồi."))
            return request_document(
                kind=IMPORT_DOCUMENT_KIND, params={"import_id": upload.pk}, user=user
            )
    with transaction.atomic():
        if not _move(upload, ImportState.COMMITTED):
            raise file_issue(_("Tệp này đã được ghi rồi."))
        result = commit_file(user=user, filename=upload.filename, content=content)
        _store_result(upload, result)
    return result


def run_queued_import(*, upload_id: int, progress: ProgressCallback) -> dict:
    """Write a queued upload (in a worker) and return its counts. Safe to run twice: a
    committed upload returns the counts stored the first time. A refused file marks the upload
    failed, with its messages, and raises `ImportRejected`; nothing is written."""
    upload = TargetImport.objects.select_related("uploaded_by__unit").get(pk=upload_id)
    if upload.state == ImportState.COMMITTED:
        return upload.result
    if upload.state != ImportState.QUEUED:
        raise file_issue(_("Tệp này không ở trạng thái chờ ghi."))
    try:
        with transaction.atomic():
            locked = TargetImport.objects.select_for_update().get(pk=upload_id)
            if locked.state != ImportState.QUEUED:
                return locked.result
            result = commit_file(
                user=upload.uploaded_by,
                filename=upload.filename,
                content=bytes(upload.content),
                progress=progress,
            )
            _move(locked, ImportState.COMMITTED)
            return _store_result(locked, result)
    except ImportRejected as exc:
        # `upload` was read queued: the failure is recorded only if it still is.
        _move(
            upload,
            ImportState.FAILED,
            errors=[str(issue) for issue in exc.issues[:MAX_ISSUES_SHOWN]],
        )
        raise


def _move(upload: TargetImport, new: ImportState, **changes) -> bool:
    """IMPORT_WORKFLOW's compare-and-set from the state `upload` was read with; False when
    someone else moved it first."""
    try:
        IMPORT_WORKFLOW.apply(upload, new, check=False, **changes)
    except TransitionRefused as refused:
        if not refused.conflict:
            raise
        return False
    return True


def _store_result(upload: TargetImport, result: SaveResult) -> dict:
    counts = {"created": result.created, "changed": result.changed, "unchanged": result.unchanged}
    TargetImport.objects.filter(pk=upload.pk).update(
        result=counts, committed_at=timezone.now(), content=b""
    )
    return counts
