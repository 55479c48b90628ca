"""Large jobs split into slices that any worker process claims (documents.JobChunk).

A kind whose job grows with the data (a decision's thousand certificates, a file of ten
thousand rows) registers how to do one slice (`register_chunks`). The job's own process plans
the slices (`plan`), publishes helper tasks for other worker processes (`publish_helpers`), then
claims slices itself (`run_chunks`) until every one is done; a helper does the same through
`help_with_job`. A slice is claimed with a conditional UPDATE (pending → running), so each is
done once; one left running longer than STALE_SECONDS (its process died) is taken over by the
job's process, and doing it again gives the same result. The job's process then puts the
slices together, in order: the kind reads their `output` (`outputs`) or the files they wrote.
"""

from __future__ import annotations

import datetime
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from documents.models import Job, JobChunk
from documents.registry import ProgressCallback, queue_for

logger = logging.getLogger(__name__)

# Helper tasks published per job: enough for the other processes of a worker or two.
MAX_HELPERS = 3
STALE_SECONDS = 120
POLL_SECONDS = 0.05
HELPER_TASK = "documents.run_job_chunks"

State = JobChunk.State


class ChunksGone(Exception):
    """The job's slices were deleted while this process waited on them: another run of the
    same job (a duplicate delivery) put them together and finished. What it did stands."""


@dataclass(frozen=True)
class ChunkedKind:
    """How the slices of a kind's job are done: `context(job)` reads once per process what
    every slice shares; `run(context, chunk)` does one slice and returns its output (stored on
    the slice, JSON) or None."""

    context: Callable[[Job], Any]
    run: Callable[[Any, JobChunk], Any]


_CHUNKED: dict[str, ChunkedKind] = {}


def register_chunks(code: str, *, context: Callable[[Job], Any], run: Callable) -> None:
    """Declare that jobs of kind `code` are done in slices (next to the kind's builder)."""
    if code in _CHUNKED and _CHUNKED[code] != ChunkedKind(context, run):
        raise ValueError(f"chunks of document kind {code!r} registered twice")
    _CHUNKED[code] = ChunkedKind(context=context, run=run)


def plan(
    job: Job,
    payloads: Callable[[], Iterable[dict]],
    *,
    keep: Callable[[JobChunk], bool] = lambda chunk: chunk.state == State.DONE,
) -> int:
    """Create the job's slices once, one per payload; returns how many there are. A rerun of the
    job keeps the slices it planned: those `keep` accepts (by default, the done ones) stay done,
    the others (left running by a dead process, or whose file is gone) are done again."""
    with transaction.atomic():
        planned = list(JobChunk.objects.filter(job=job))
        if planned:
            redo = [chunk.pk for chunk in planned if not keep(chunk)]
            JobChunk.objects.filter(pk__in=redo).update(
                state=State.PENDING, claimed_at=None, output=None
            )
            return len(planned)
        # One INSERT per slice: a payload may be large (a file's rows), and PostgreSQL's bulk
        # insert binds an array of large JSON values several times slower (1.8 s against 0.2 s
        # for the 25 slices of a 50,000-row file).
        chunks = JobChunk.objects.bulk_create(
            (
                JobChunk(job=job, index=index, payload=payload, state=State.PENDING)
                for index, payload in enumerate(payloads())
            ),
            batch_size=1,
        )
        return len(chunks)


def claim(job_id: int, *, take_stale: bool = False) -> JobChunk | None:
    """A pending slice of the job, now marked running for this process; with `take_stale`,
    also a slice whose process has held it longer than STALE_SECONDS."""
    now = timezone.now()
    pending = JobChunk.objects.filter(job_id=job_id, state=State.PENDING)
    # The candidates without their payloads (a file's rows each): only the one claimed is read.
    for chunk in pending.order_by("index").defer("payload", "output")[: MAX_HELPERS + 2]:
        if (
            JobChunk.objects.filter(pk=chunk.pk, state=State.PENDING).update(
                state=State.RUNNING, claimed_at=now
            )
            == 1
        ):
            return chunk
    if take_stale:
        cutoff = now - datetime.timedelta(seconds=STALE_SECONDS)
        stale = JobChunk.objects.filter(
            job_id=job_id, state=State.RUNNING, claimed_at__lt=cutoff
        ).first()
        if stale is not None and JobChunk.objects.filter(
            pk=stale.pk, state=State.RUNNING, claimed_at=stale.claimed_at
        ).update(claimed_at=now):
            logger.warning(
                "job %s: chunk %s taken over after %s s", job_id, stale.index, STALE_SECONDS
            )
            return stale
    return None


def do(job: Job, context: Any, chunk: JobChunk) -> None:
    """Do one slice this process claimed and record it done, with what it found."""
    output = _CHUNKED[job.kind].run(context, chunk)
    JobChunk.objects.filter(pk=chunk.pk).update(state=State.DONE, output=output)


def help_with_job(job_id: int) -> int:
    """Run by a helper task in another worker process: do slices of the job until none is
    left to claim, or one fails (it is given back for the job's process). Returns how many it
    did."""
    job = Job.objects.filter(pk=job_id).select_related("requested_by").first()
    if job is None or job.is_finished or job.kind not in _CHUNKED:
        return 0
    context = None
    done = 0
    while (chunk := claim(job_id)) is not None:
        try:
            context = context if context is not None else _CHUNKED[job.kind].context(job)
            do(job, context, chunk)
        except Exception:
            # Given back at once rather than left running: the job's own process claims it,
            # and if it fails there too the job ends with its reason, instead of waiting
            # STALE_SECONDS for a slice nobody is doing.
            JobChunk.objects.filter(pk=chunk.pk, state=State.RUNNING).update(
                state=State.PENDING, claimed_at=None
            )
            logger.exception("job %s: chunk %s failed in a helper; given back", job_id, chunk.index)
            return done
        done += 1
    return done


def publish_helpers(job: Job, count: int) -> None:
    """Ask up to `count` other worker processes (on the kind's queue) to help with `job`."""
    for _index in range(min(count, MAX_HELPERS)):
        try:
            current_app.send_task(HELPER_TASK, kwargs={"job_id": job.pk}, queue=queue_for(job.kind))
        except (BrokerError, OSError) as exc:
            logger.warning("job %s: helper not published (%s); working alone", job.pk, exc)
            return


def run_chunks(job: Job, context: Any, progress: ProgressCallback, *, share: int) -> int:
    """In the job's own process: publish helpers, then do slices (taking over stale ones)
    until every slice of the job is done, reporting progress from 0 to `share` percent.
    Returns the number of slices; `ChunksGone` when another run of the job finished it and
    deleted them meanwhile (a kind that deletes its slices, the import, is told so)."""
    chunks = JobChunk.objects.filter(job=job)
    count = chunks.count()
    if count == 0:
        return 0
    publish_helpers(job, count - 1)
    while True:
        chunk = claim(job.pk, take_stale=True)
        if chunk is not None:
            do(job, context, chunk)
        counted = chunks.aggregate(total=Count("pk"), done=Count("pk", filter=Q(state=State.DONE)))
        if counted["total"] < count:
            raise ChunksGone(job.pk)
        done = counted["done"]
        progress(done * share // count)
        if done == count:
            return count
        if chunk is None:
            time.sleep(POLL_SECONDS)


def write_media(name: str | Path, content: bytes) -> str:
    """Write a slice's file under MEDIA_ROOT atomically (a temporary file, then os.replace),
    so a process that dies mid-write leaves no half file; returns `name`."""
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", delete=False) as handle:
        handle.write(content)
    try:
        os.replace(handle.name, path)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return str(name)


def outputs(job: Job) -> list:
    """What each slice of the job found, in order."""
    return list(JobChunk.objects.filter(job=job).order_by("index").values_list("output", flat=True))


def clear(job: Job) -> None:
    """Delete the job's slices, once the kind has put them together and their payloads (a
    file's rows) should not outlive what they were for."""
    JobChunk.objects.filter(job=job).delete()
