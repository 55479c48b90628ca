"""Writes of the document core: request, publish, run, retry and sweep document jobs.

A job's status changes only through `set_job_status`. A job is published to the workers after
the transaction that created it commits; when the broker is down the job simply stays queued
and `requeue_stale_jobs` (the `sweep_jobs` command) publishes it later.
"""

import datetime
import hashlib
import logging
import os
import tempfile
from functools import partial
from pathlib import Path

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from kombu.exceptions import OperationalError as BrokerError

from config.republishing import republish_stale
from config.workflow import Transition, TransitionRefused, Workflow
from documents.authority import authority_of
from documents.enums import FINISHED_STATUSES, JobStatus
from documents.models import Job, JobChunk, job_result_path
from documents.registry import get_kind, queue_for
from documents.rendering import DocumentError, RenderedPdf, render_pdf
from documents.sealing import prepare_for_signing
from documents.signed_files import sign_issued

logger = logging.getLogger(__name__)

RENDER_TASK = "documents.render_document"
# Progress reported by run_job itself; the builder reports its own steps in between.
PROGRESS_LAYOUT_DONE = 80
PROGRESS_DONE = 100
# How many stale jobs one sweep publishes at most; the next sweep takes the rest.
SWEEP_BATCH = 500


class JobError(TransitionRefused):
    """A request about a job that its state does not allow; the message is Vietnamese."""


# The only status changes a job may make. running → running is a restart: the message came
# back after the worker died or a transient error. running → queued is the sweeper recovering
# a job whose worker could not record its end. All are system moves except the retry.
JOB_WORKFLOW = Workflow(
    model=Job,
    state_field="status",
    transitions=[
        Transition(JobStatus.QUEUED, JobStatus.RUNNING, "start"),
        Transition(JobStatus.QUEUED, JobStatus.FAILED, "fail"),
        Transition(JobStatus.RUNNING, JobStatus.RUNNING, "restart"),
        Transition(JobStatus.RUNNING, JobStatus.DONE, "finish"),
        Transition(JobStatus.RUNNING, JobStatus.FAILED, "fail"),
        Transition(JobStatus.RUNNING, JobStatus.QUEUED, "recover"),
        Transition(
            JobStatus.FAILED,
            JobStatus.QUEUED,
            "retry",
            gettext_lazy("Chạy lại"),
            permission="documents.retry_job",
        ),
    ],
)


def set_job_status(job: Job, new_status: JobStatus, **changes) -> Job:
    """Move `job` to `new_status`, saving `changes` (other fields) with it.

    The one place that assigns `Job.status`: JOB_WORKFLOW applied as a system move (the
    caller decided, and holds the row lock). The same status without changes is a no-op; a
    move outside the table raises TransitionRefused and writes nothing.
    """
    return JOB_WORKFLOW.apply(job, new_status, check=False, **changes)


def request_document(*, kind: str, params: dict, user) -> Job:
    """Create a queued job for `user`, kept with the user's authority (documents.authority),
    and publish it to the workers once the row is committed.

    Preconditions: `kind` is registered (ValueError otherwise); `params` holds JSON values.
    Side effects: one Job row; one broker message after commit. A broker failure never
    reaches the caller: the job stays queued and unpublished, for the sweeper.
    """
    if get_kind(kind) is None:
        raise ValueError(f"unknown document kind {kind!r}")
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, params=params, requested_by=user, authority_id=authority_of(user)
        )
        transaction.on_commit(partial(publish_job, job.pk), robust=True)
    return job


def publish_job(job_id: int) -> bool:
    """Send the job to the workers and record when. Returns False when the broker cannot
    be reached (logged; the job stays as it was for the sweeper).

    Celery's publish retry policy (settings) bounds the wait to well under a second when the
    broker refuses connections.
    """
    kind = Job.objects.filter(pk=job_id).values_list("kind", flat=True).first()
    try:
        current_app.send_task(RENDER_TASK, kwargs={"job_id": job_id}, queue=queue_for(kind))
    except (BrokerError, OSError) as exc:
        logger.warning("job %s not published, broker unavailable: %s", job_id, exc)
        return False
    Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(published_at=timezone.now())
    return True


def report_progress(job_id: int, percent: int) -> None:
    """Store the progress at once, outside any transaction, so that the job page sees it."""
    Job.objects.filter(pk=job_id).update(progress=max(0, min(percent, PROGRESS_DONE)))


def _failure_reason(exc: BaseException) -> str:
    with translation.override("vi"):
        if isinstance(exc, DocumentError | ImproperlyConfigured):
            # A configuration error names the setting to fix (e.g. PUBLIC_BASE_URL).
            return str(exc)
        if isinstance(exc, SoftTimeLimitExceeded):
            return _(
                "Tạo tài liệu vượt quá thời gian cho phép. Hãy thu hẹp phạm vi tài liệu "
                "rồi thử lại."
            )
        return _("Lỗi hệ thống khi tạo tài liệu (%(error)s). Vui lòng thử lại sau.") % {
            "error": type(exc).__name__
        }


def fail_job(*, job_id: int, reason: str) -> Job | None:
    """Mark an unfinished job FAILED with a Vietnamese `reason`. A finished job is left as is."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in FINISHED_STATUSES:
            return job
        return set_job_status(
            job, JobStatus.FAILED, error=reason, finished_at=timezone.now(), worker_pid=None
        )


def _start_job(job_id: int, worker_pid: int):
    """Lock the job and decide: run it (returns the job and its kind) or not (returns None).

    Finished jobs are left alone (a duplicate message). A job that has used its attempts —
    for instance one that killed its worker each time — fails instead of running again.
    """
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            logger.warning("job %s does not exist; message dropped", job_id)
            return None
        if job.status in FINISHED_STATUSES:
            logger.info("job %s already %s; nothing to do", job_id, job.status)
            return None
        now = timezone.now()
        with translation.override("vi"):
            if job.attempts >= settings.DOCUMENT_JOB_MAX_ATTEMPTS:
                reason = _(
                    "Đã thử tạo tài liệu %(attempts)s lần nhưng lần nào tiến trình cũng bị "
                    "dừng giữa chừng. Vui lòng báo quản trị hệ thống."
                ) % {"attempts": job.attempts}
                set_job_status(job, JobStatus.FAILED, error=reason, finished_at=now)
                return None
            kind = get_kind(job.kind)
            if kind is None:
                reason = _("Loại tài liệu “%(kind)s” không được hỗ trợ.") % {"kind": job.kind}
                set_job_status(job, JobStatus.FAILED, error=reason, finished_at=now)
                return None
        set_job_status(
            job,
            JobStatus.RUNNING,
            attempts=job.attempts + 1,
            started_at=now,
            worker_pid=worker_pid,
            progress=0,
            error="",
        )
    return job, kind


def _write_result(job: Job, filename: str, content: bytes) -> str:
    """Write the file under MEDIA_ROOT/jobs/<id>/ atomically (a temporary file in the same
    folder, then os.replace) and return its storage name. A rerun overwrites it in place."""
    name = job_result_path(job, filename)
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        dir=path.parent, prefix=f".{filename}.", suffix=".tmp", delete=False
    ) as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.replace(handle.name, path)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return name


def _move_result(job: Job, filename: str, source: Path) -> str:
    """Move the builder's finished file (under MEDIA_ROOT) into the job's result folder, on
    disk first (fsync), and return its storage name. A rerun replaces it in place."""
    name = job_result_path(job, filename)
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(source, path)
    return name


def _file_digest(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a stored file, read in blocks."""
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return digest, path.stat().st_size


def _render_and_write(job: Job, built, progress) -> tuple[str, str, int, int]:
    """Render the builder's HTML (or take its bytes), sign it when the kind asks, and write
    it: the storage name, SHA-256, size and page count."""
    if built.pdf is not None:
        rendered = RenderedPdf(content=built.pdf, page_count=built.page_count)
    else:
        rendered = render_pdf(
            built.html,
            on_layout_done=partial(progress, PROGRESS_LAYOUT_DONE),
            archival=built.archival,
        )
    content = rendered.content
    if built.signature is not None:
        content = sign_issued(content, request=built.signature)
    elif built.for_personal_signature:
        content = prepare_for_signing(content)
    name = _write_result(job, built.filename, content)
    return name, hashlib.sha256(content).hexdigest(), len(content), rendered.page_count


def run_job(*, job_id: int, worker_pid: int) -> Job | None:
    """Build, render and store one job. Safe to run twice for the same job.

    Steps: lock and start the job (commit: status running, attempts + 1); build its HTML with
    the registered kind and render it (a kind may lay out its parts itself and hand over the
    bytes); sign it when the kind asks (`BuiltDocument.signature`, once per issued bytes: a
    rerun gets the same signed file), or give it the empty field of the signer's own signature
    (`for_personal_signature`); write the PDF (or move into place the file the builder wrote,
    `BuiltDocument.pdf_file`); store SHA-256, size and page count and mark it done in one
    transaction, which also deletes the job's slices (documents.chunks). A document error, a
    forbidden resource, a signing failure, a time-out or any other error ends the job FAILED
    with a Vietnamese reason. Database connection errors (OperationalError, InterfaceError)
    propagate for the task to retry.
    """
    started = _start_job(job_id, worker_pid)
    if started is None:
        return Job.objects.filter(pk=job_id).first()
    job, kind = started
    progress = partial(report_progress, job.pk)
    try:
        built = kind.build(job, progress)
        if built.pdf_file is not None:
            name = _move_result(job, built.filename, built.pdf_file)
            digest, size = _file_digest(Path(settings.MEDIA_ROOT) / name)
            page_count = built.page_count
        else:
            name, digest, size, page_count = _render_and_write(job, built, progress)
    except (OperationalError, InterfaceError):
        raise
    except (DocumentError, SoftTimeLimitExceeded) as exc:
        logger.warning("job %s failed: %s", job.pk, exc)
        return fail_job(job_id=job.pk, reason=_failure_reason(exc))
    except Exception as exc:
        logger.exception("job %s failed while rendering", job.pk)
        return fail_job(job_id=job.pk, reason=_failure_reason(exc))

    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.status != JobStatus.RUNNING:
            # Failed meanwhile (for instance by an administrator); the file stays unreferenced.
            logger.warning("job %s became %s while rendering; not stored", job.pk, job.status)
            return job
        # A finished job never runs again: its slices (a document's parts carry their HTML)
        # have done their work, and go in the same commit that marks it done.
        JobChunk.objects.filter(job=job).delete()
        return set_job_status(
            job,
            JobStatus.DONE,
            result=name,
            result_sha256=digest,
            result_size=size,
            page_count=page_count,
            progress=PROGRESS_DONE,
            finished_at=timezone.now(),
        )


def retry_job(*, job: Job, user) -> Job:
    """Queue a failed job again, with a fresh budget of attempts, and publish it on commit.

    Preconditions: the job is FAILED (JobError otherwise, nothing changed); `user` holds
    `documents.retry_job` on it (TransitionRefused otherwise). Side effects: the job's run
    fields are reset.
    """
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.status != JobStatus.FAILED:
            raise JobError(_("Chỉ chạy lại được tác vụ không thành công."))
        JOB_WORKFLOW.apply(
            locked,
            JobStatus.QUEUED,
            by=user,
            attempts=0,
            progress=0,
            error="",
            worker_pid=None,
            published_at=None,
            started_at=None,
            finished_at=None,
        )
        logger.info("job %s queued again by user %s", locked.pk, user.pk)
        transaction.on_commit(partial(publish_job, locked.pk), robust=True)
    return locked


def requeue_stale_jobs(*, now: datetime.datetime | None = None) -> int:
    """Publish queued jobs that were never published, or published longer ago than
    DOCUMENT_JOB_REQUEUE_AFTER_SECONDS (the message was lost). Returns how many were sent.

    On PostgreSQL the rows are locked with SKIP LOCKED while they are published, so two
    sweepers never send the same job. Stops at the first broker failure: the broker is down
    and the next sweep will try again.
    """
    now = now or timezone.now()
    return republish_stale(
        Job.objects.filter(status=JobStatus.QUEUED),
        cutoff=now - datetime.timedelta(seconds=settings.DOCUMENT_JOB_REQUEUE_AFTER_SECONDS),
        publish=publish_job,
        batch=SWEEP_BATCH,
    )


def recover_abandoned_jobs(*, now: datetime.datetime | None = None) -> int:
    """Running jobs started longer ago than the hard time limit (plus a minute) have no live
    worker: the limit kills any render by then. Their worker could not record the end, for
    instance because the database was down. Queue them again while attempts remain (published
    by the next `requeue_stale_jobs`), otherwise fail them. Returns how many were recovered.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    recovered = 0
    with transaction.atomic():
        abandoned = Job.objects.filter(status=JobStatus.RUNNING, started_at__lt=cutoff)
        if connection.features.has_select_for_update_skip_locked:
            abandoned = abandoned.select_for_update(skip_locked=True)
        for job in abandoned.order_by("pk")[:SWEEP_BATCH]:
            if job.attempts >= settings.DOCUMENT_JOB_MAX_ATTEMPTS:
                with translation.override("vi"):
                    reason = _(
                        "Tiến trình nền đã dừng mà không ghi được kết quả sau %(attempts)s lần "
                        "thử. Vui lòng chạy lại hoặc báo quản trị hệ thống."
                    ) % {"attempts": job.attempts}
                set_job_status(
                    job, JobStatus.FAILED, error=reason, finished_at=now, worker_pid=None
                )
            else:
                set_job_status(
                    job, JobStatus.QUEUED, progress=0, worker_pid=None, published_at=None
                )
            recovered += 1
    return recovered
