"""Import of actual values from the Excel template (or a CSV with the same columns): upload,
preview, confirmation, and the write, at once or by a background worker.

The file is checked (`emulation.spreadsheet_reading`, `import_rows`) at the preview and again
at the write; nothing is written when any row is refused. The write is one transaction through
`services.save_actuals`, so imported values keep the same history as typed ones.

A large file is written by a background document job whose check is split into chunks of
CHUNK_ROWS rows (documents.chunks) that any worker process on the imports queue claims: the
job's process reads the file once and plans the chunks, each carrying its rows; a chunk checks
its rows alone; the job's process puts their findings together in row order (the duplicate
check and the issues as the check of the whole file makes them) and, when no row is refused,
writes everything in one transaction. Chunks only check: the write stays all or nothing.
"""

import hashlib
import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.permissions import authorize
from config.workflow import Transition, TransitionRefused, Workflow
from documents import chunks
from documents.models import Job, JobChunk
from documents.registry import ProgressCallback
from documents.services import request_document
from emulation.models import Target, TargetImport, User
from emulation.spreadsheet_reading import (
    MAX_ISSUES_SHOWN,
    ImportIssue,
    ImportRejected,
    file_issue,
)
from emulation.targets.enums import IMPORT_DOCUMENT_KIND, ChangeSource, ImportState
from emulation.targets.import_rows import (
    TARGET_FIELDS,
    ImportPlan,
    RowFinding,
    check_file,
    check_rows,
    lookups_for,
    plan_from_findings,
    read_file,
)
from emulation.targets.services import (
    SaveResult,
    TargetsError,
    get_period,
    save_actuals,
)

# Files with more rows than this are written by a background job.
SYNC_ROW_LIMIT = 2_000
# Rows a chunk of the background job checks, and the share of its progress the check takes.
CHUNK_ROWS = 2_000
CHECK_PROGRESS_SHARE = 60

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
    return write_plan(user=user, plan=plan, progress=report, start=10, end=70)


def write_plan(
    *, user: User, plan: ImportPlan, progress: ProgressCallback, start: int, end: int
) -> SaveResult:
    """Write a checked file's entries, a `save_actuals` per (year, period, value kind), in one
    transaction (the caller's, when it holds one); `ImportRejected` and nothing written when
    `save_actuals` refuses an entry. Progress goes from `start` to `end` with the groups."""
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
                progress(start + (end - start) * index // len(groups))
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


def run_queued_import(
    *, upload_id: int, progress: ProgressCallback, job: Job | None = None
) -> dict:
    """Write a queued upload (in a worker) and return its counts. With the upload's document
    `job`, the rows are checked in chunks that other worker processes may claim
    (`check_in_chunks`), before the write; without, in this process. Safe to run twice: a
    committed upload returns the counts stored the first time, and a rerun checks every chunk
    again. A refused file marks the upload failed, with its messages, and raises
    `ImportRejected`; nothing is written."""
    upload = TargetImport.objects.select_related("uploaded_by__unit").get(pk=upload_id)
    if upload.state == ImportState.COMMITTED:
        return upload.result
    if upload.state != ImportState.QUEUED:
        raise file_issue(_("Tệp này không ở trạng thái chờ ghi."))
    user = upload.uploaded_by
    try:
        # Outside the transaction below: the other processes claim and record chunks meanwhile.
        try:
            plan = check_in_chunks(job=job, upload=upload, progress=progress) if job else None
        except chunks.ChunksGone:
            return _written_by_another_run(upload_id)
        with transaction.atomic():
            locked = TargetImport.objects.select_for_update().get(pk=upload_id)
            if locked.state != ImportState.QUEUED:
                return locked.result
            if plan is None:
                result = commit_file(
                    user=user,
                    filename=upload.filename,
                    content=bytes(upload.content),
                    progress=progress,
                )
            else:
                result = write_plan(
                    user=user, plan=plan, progress=progress, start=CHECK_PROGRESS_SHARE, end=90
                )
                # The chunks carry the file's rows: they go with the file, in the same commit.
                chunks.clear(job)
            _move(locked, ImportState.COMMITTED)
            return _store_result(locked, result)
    except ImportRejected as exc:
        # `upload` was read queued: the failure is recorded only if it still is.
        _move(
            upload,
            ImportState.FAILED,
            errors=[str(issue) for issue in exc.issues[:MAX_ISSUES_SHOWN]],
        )
        if job is not None:
            chunks.clear(job)
        raise


def _written_by_another_run(upload_id: int) -> dict:
    """The counts another run of the job (a duplicate delivery) stored when it wrote the
    file, while this run waited on the chunks it then deleted; `ImportRejected` when it
    refused the file instead (its messages are on the upload and the job)."""
    upload = TargetImport.objects.get(pk=upload_id)
    if upload.state == ImportState.COMMITTED:
        return upload.result
    raise file_issue(_("Tệp này không ở trạng thái chờ ghi."))


# ---- The check in chunks -------------------------------------------------------------------


def check_in_chunks(*, job: Job, upload: TargetImport, progress: ProgressCallback) -> ImportPlan:
    """Check the upload's rows in chunks that any worker process claims, this one included,
    and put their findings together in row order: the plan `check_file` would make of the
    file, or the `ImportRejected` it would raise. Progress goes to CHECK_PROGRESS_SHARE."""
    plan_chunks(job=job, upload=upload)
    chunks.run_chunks(job, ChunkContext(upload.uploaded_by), progress, share=CHECK_PROGRESS_SHARE)
    outputs = chunks.outputs(job)
    findings = [RowFinding.from_json(found) for output in outputs for found in output["findings"]]
    # The targets of the file's years, as the lookups read them: fewer than the rows.
    targets = Target.objects.filter(
        authority_id=upload.uploaded_by.unit.authority_id,
        year__in={finding.year for finding in findings if finding.year is not None},
    ).only(*TARGET_FIELDS)
    return plan_from_findings(
        outputs[0]["sheet"], findings, {target.pk: target for target in targets}
    )


def plan_chunks(*, job: Job, upload: TargetImport) -> int:
    """Split the upload's rows into the job's chunks of CHUNK_ROWS, each carrying its rows, so
    that no chunk reads the file; returns how many there are. The job's first run reads the
    file (`ImportRejected` when its container or header is refused); a rerun (its worker died)
    keeps the chunks' rows but checks every chunk again: what was found before the death may
    no longer hold (a value typed since, a period closed since), and the check is the cheap
    part of the job."""

    def payloads():
        file = read_file(filename=upload.filename, content=bytes(upload.content))
        for start in range(0, len(file.rows), CHUNK_ROWS):
            rows = file.rows[start : start + CHUNK_ROWS]
            yield {
                "sheet": file.sheet,
                # Every chunk reads what the whole file refers to, as the check of the file.
                "years": file.years,
                "periods": file.periods,
                # As JSON text: a jsonb number would not always come back as the cell's type
                # (a float 1e20 comes back an int), and the check reads ints and floats apart.
                # A cell JSON has no type for (a date) goes as the text the check reads it as.
                "rows": json.dumps(rows, default=str),
            }

    return chunks.plan(job, payloads, keep=lambda chunk: False)


class ChunkContext:
    """What the chunks a process checks share: the user the upload is checked for, and the
    lookups of the rows, read once per process (every chunk names the file's years and
    periods)."""

    def __init__(self, user: User):
        self.user = user
        self._lookups = {}

    def lookups(self, years: list[int], periods: list[str]):
        key = (tuple(years), tuple(periods))
        if key not in self._lookups:
            self._lookups = {key: lookups_for(self.user, years, periods)}
        return self._lookups[key]


def chunk_context(job: Job) -> ChunkContext:
    """The context of a helper process: the user the job's upload was queued by."""
    upload = (
        TargetImport.objects.filter(pk=job.params.get("import_id"))
        .select_related("uploaded_by__unit")
        .first()
    )
    return ChunkContext(upload.uploaded_by if upload else job.requested_by)


def check_chunk(context: ChunkContext, chunk: JobChunk) -> dict:
    """Check a chunk's rows alone; its output is their findings (JSON)."""
    payload = chunk.payload
    lookups = context.lookups(payload["years"], payload["periods"])
    findings = check_rows(json.loads(payload["rows"]), lookups)
    return {"sheet": payload["sheet"], "findings": [finding.as_json() for finding in findings]}


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
