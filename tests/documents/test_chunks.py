"""documents.chunks: a large job's slices, each done once by whichever process claims it.

A kind of this module's own ("test-squares": each slice squares its numbers) stands for the
product's kinds; tests/awards/test_certificates.py and tests/emulation/targets/ show the
certificates and the targets import on the same core.
"""

import datetime
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from documents import chunks
from documents.models import JobChunk
from tests.factories import JobFactory

KIND = "test-squares"
contexts_read: list[int] = []


def _context(job):
    contexts_read.append(job.pk)
    return {"power": 2}


def _square(context, chunk):
    return [number ** context["power"] for number in chunk.payload["numbers"]]


chunks.register_chunks(KIND, context=_context, run=_square)


@pytest.fixture
def job(db):
    contexts_read.clear()
    return JobFactory(kind=KIND, status="running")


def numbers(*groups):
    return lambda: ({"numbers": list(group)} for group in groups)


def test_slices_are_planned_once_and_a_rerun_keeps_those_done(job):
    assert chunks.plan(job, numbers([1, 2], [3], [4, 5])) == 3
    first = chunks.claim(job.pk)
    chunks.do(job, {"power": 2}, first)
    second = chunks.claim(job.pk)  # left running by a process that died
    # The rerun plans nothing new: the done slice stays done, the others are to do again.
    assert chunks.plan(job, numbers([9])) == 3
    states = dict(JobChunk.objects.filter(job=job).values_list("index", "state"))
    assert states == {0: "done", 1: "pending", 2: "pending"}
    assert (first.index, second.index) == (0, 1)
    assert JobChunk.objects.get(job=job, index=0).output == [1, 4]


def test_a_slice_is_claimed_by_one_process_only(job):
    chunks.plan(job, numbers([1], [2]))
    claimed = [chunks.claim(job.pk), chunks.claim(job.pk), chunks.claim(job.pk)]
    assert [c.index if c else None for c in claimed] == [0, 1, None]
    assert set(JobChunk.objects.filter(job=job).values_list("state", flat=True)) == {"running"}


def test_a_stale_slice_is_taken_over_only_by_the_jobs_own_process(job):
    chunks.plan(job, numbers([1], [2]))
    long_ago = timezone.now() - datetime.timedelta(seconds=chunks.STALE_SECONDS + 1)
    planned = JobChunk.objects.filter(job=job)
    planned.filter(index=0).update(state="running", claimed_at=long_ago)
    planned.filter(index=1).update(state="running", claimed_at=timezone.now())
    assert chunks.claim(job.pk) is None  # a helper never takes over
    assert chunks.claim(job.pk, take_stale=True).index == 0
    assert chunks.claim(job.pk, take_stale=True) is None  # the live one is left alone


def test_helpers_and_the_job_share_the_slices_and_outputs_come_in_order(job, monkeypatch):
    published = []
    monkeypatch.setattr(chunks, "publish_helpers", lambda job, count: published.append(count))
    chunks.plan(job, numbers([1, 2], [3], [4], [5, 6]))
    # A helper in another process takes the first two, then the job does the rest.
    taken = [chunks.claim(job.pk), chunks.claim(job.pk)]
    for chunk in taken:
        chunks.do(job, {"power": 2}, chunk)
    progress = []
    assert chunks.run_chunks(job, {"power": 2}, progress.append, share=60) == 4
    assert published == [3]
    assert progress[-1] == 60 and progress == sorted(progress)
    assert chunks.outputs(job) == [[1, 4], [9], [16], [25, 36]]


def test_a_helper_reads_the_context_once_and_does_every_slice_left(job):
    chunks.plan(job, numbers([1], [2], [3]))
    assert chunks.help_with_job(job.pk) == 3
    assert contexts_read == [job.pk]
    assert chunks.outputs(job) == [[1], [4], [9]]
    assert chunks.help_with_job(job.pk) == 0  # nothing left: it reads nothing


def test_a_helper_of_a_finished_or_unknown_job_does_nothing(job):
    chunks.plan(job, numbers([1]))
    job.status = "done"
    job.save(update_fields=["status"])
    assert chunks.help_with_job(job.pk) == 0
    assert chunks.help_with_job(job.pk + 1_000) == 0
    plain = JobFactory()  # a kind without slices
    assert chunks.help_with_job(plain.pk) == 0
    assert JobChunk.objects.get(job=job).state == "pending"


def test_helpers_published_are_capped(job, monkeypatch):
    sent = []
    monkeypatch.setattr(
        chunks.current_app, "send_task", lambda name, kwargs, queue: sent.append(kwargs)
    )
    chunks.publish_helpers(job, 40)
    assert sent == [{"job_id": job.pk}] * chunks.MAX_HELPERS


def test_a_job_without_slices_is_done_at_once(job, monkeypatch):
    monkeypatch.setattr(chunks, "publish_helpers", lambda job, count: pytest.fail("published"))
    assert chunks.run_chunks(job, {}, lambda percent: None, share=90) == 0


def test_a_kind_registers_its_slices_once():
    chunks.register_chunks(KIND, context=_context, run=_square)  # the same: accepted
    with pytest.raises(ValueError, match="registered twice"):
        chunks.register_chunks(KIND, context=_context, run=lambda context, chunk: None)


moving = importlib.import_module("awards.migrations.0015_certificate_chunks_to_job_chunks")


def test_a_print_in_progress_at_the_upgrade_keeps_the_chunks_it_drew(job, require_postgres):
    """The certificate jobs' own table of slices (before documents.chunks) is copied into
    JobChunk by the migration, and back on reverse: nothing drawn is drawn again."""
    state = MigrationLoader(connection).project_state(
        [("awards", "0014_nomination_line_forwarded_from"), ("documents", "0006_jobchunk")]
    )
    old = state.apps.get_model("awards", "CertificateChunk")
    with connection.schema_editor() as editor:  # PostgreSQL: inside the test's transaction
        editor.create_model(old)
        old.objects.create(job_id=job.pk, index=0, certificate_ids=[7, 8], state="done")
        old.objects.create(job_id=job.pk, index=1, certificate_ids=[9], state="pending")

        moving.to_job_chunks(state.apps, editor)
        moved = JobChunk.objects.filter(job=job).order_by("index")
        assert [(c.payload, c.state) for c in moved] == [
            ({"certificates": [7, 8]}, "done"),
            ({"certificates": [9]}, "pending"),
        ]

        old.objects.all().delete()
        moving.to_certificate_chunks(state.apps, editor)
        back = old.objects.filter(job_id=job.pk).order_by("index")
        assert [(c.certificate_ids, c.state) for c in back] == [([7, 8], "done"), ([9], "pending")]
        editor.delete_model(old)


def test_a_job_whose_slices_vanish_while_it_waits_stops_waiting(job, monkeypatch):
    """Another run of the same job (a duplicate delivery) put the slices together and deleted
    them: this run is told so at its next look instead of waiting for them until its time
    limit."""
    monkeypatch.setattr(chunks, "publish_helpers", lambda job, count: None)
    monkeypatch.setattr(chunks, "POLL_SECONDS", 0)
    chunks.plan(job, numbers([1], [2]))
    chunks.claim(job.pk)  # both held by the other run's processes
    chunks.claim(job.pk)
    looked = []

    def progress(percent):
        looked.append(percent)
        if len(looked) == 3:
            chunks.clear(job)  # the other run finished
        if len(looked) > 10:
            pytest.fail("still waiting for slices that no longer exist")

    with pytest.raises(chunks.ChunksGone):
        chunks.run_chunks(job, {"power": 2}, progress, share=60)
    assert looked == [0, 0, 0]
