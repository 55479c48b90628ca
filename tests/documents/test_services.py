"""Document job services: publish after commit, run once, fail with a reason, retry, sweep."""

import datetime
import hashlib
import io
import os
from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.management import call_command
from django.db import OperationalError, transaction
from django.utils import timezone

from config.workflow import TransitionRefused
from documents import services
from documents.enums import JobStatus
from documents.models import Job
from documents.registry import BuiltDocument, register
from documents.services import (
    JOB_WORKFLOW,
    JobError,
    publish_job,
    recover_abandoned_jobs,
    request_document,
    requeue_stale_jobs,
    retry_job,
    run_job,
    set_job_status,
)
from documents.tasks import render_document
from emulation.enums import Role
from tests.factories import JobFactory, UnitFactory, UserFactory

PASSWD_LEAK = "root:x:0:0"


@register("test_html", label="Tài liệu thử")
def build_test_html(job, progress):
    """Returns the HTML given in the job's parameters, as a template with user data could."""
    return BuiltDocument(html=job.params["html"], filename="thu.pdf")


@register("test_raises", label="Tài liệu lỗi")
def build_test_raises(job, progress):
    errors = {
        "value": ValueError("bad data"),
        "timeout": SoftTimeLimitExceeded(),
        "database": OperationalError("server closed the connection unexpectedly"),
    }
    raise errors[job.params["error"]]


FINISHED_FILE = b"%PDF-1.7\n" + bytes(range(256)) * 4096  # 1 MB, written by the builder


@register("test_file", label="Tài liệu đã ghi sẵn")
def build_test_file(job, progress):
    """Writes its file under MEDIA_ROOT itself, as the certificates' print does."""
    from django.conf import settings

    path = Path(settings.MEDIA_ROOT) / f"scratch/{job.pk}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(FINISHED_FILE)
    return BuiltDocument(html="", filename="in-san.pdf", pdf_file=path, page_count=7)


@pytest.fixture
def staff(authority):
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=UnitFactory(authority=authority))


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def snapshot(job: Job) -> dict:
    return {f.attname: getattr(job, f.attname) for f in Job._meta.concrete_fields}


# Requesting and publishing


@pytest.mark.django_db
def test_request_document_publishes_once_after_commit(
    staff, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = request_document(kind="unit_directory", params={"day": "2026-02-05"}, user=staff)
        assert broker == []

    job.refresh_from_db()
    assert len(callbacks) == 1
    assert broker == [job.pk]
    assert (job.kind, job.params, job.requested_by_id) == (
        "unit_directory",
        {"day": "2026-02-05"},
        staff.pk,
    )
    assert job.status == JobStatus.QUEUED
    assert job.published_at is not None


@pytest.mark.django_db
def test_request_document_rolled_back_publishes_nothing(
    staff, broker, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        request_document(kind="unit_directory", params={"day": "2026-02-05"}, user=staff)
        raise RuntimeError("the surrounding write failed")

    assert callbacks == []
    assert broker == []
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_request_document_with_broker_down_keeps_the_job_queued_unpublished(
    staff, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_document(kind="unit_directory", params={"day": "2026-02-05"}, user=staff)

    job.refresh_from_db()
    assert broker_down == [job.pk]
    assert (job.status, job.published_at, job.attempts) == (JobStatus.QUEUED, None, 0)


@pytest.mark.django_db
def test_request_document_unknown_kind_is_refused(staff, broker):
    with pytest.raises(ValueError, match="unknown document kind 'khong_co'"):
        request_document(kind="khong_co", params={}, user=staff)

    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_publish_job_returns_false_and_keeps_published_at_when_broker_down(broker_down):
    job = JobFactory()

    assert publish_job(job.pk) is False
    job.refresh_from_db()
    assert job.published_at is None


# Running


@pytest.mark.django_db
def test_run_job_twice_gives_one_result_with_the_same_sha256(staff, media_root):
    job = JobFactory(requested_by=staff)

    first = run_job(job_id=job.pk, worker_pid=4321)
    second = run_job(job_id=job.pk, worker_pid=4322)

    assert first.status == second.status == JobStatus.DONE
    assert (second.progress, second.attempts, second.worker_pid) == (100, 1, 4321)
    assert second.result_sha256 == first.result_sha256
    assert second.result.name == f"jobs/{job.pk}/danh-sach-don-vi-2026-02-05.pdf"
    stored = (media_root / second.result.name).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == second.result_sha256
    assert second.result_size == len(stored)
    assert second.page_count == 1
    assert files_under(media_root) == [f"jobs/{job.pk}/danh-sach-don-vi-2026-02-05.pdf"]


@pytest.mark.django_db
def test_run_job_moves_the_builders_finished_file_into_place(staff, media_root):
    job = JobFactory(requested_by=staff, kind="test_file", params={})

    first = run_job(job_id=job.pk, worker_pid=1)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)  # redelivered
    second = run_job(job_id=job.pk, worker_pid=2)

    assert (first.status, second.status) == (JobStatus.DONE, JobStatus.DONE)
    assert second.result.name == f"jobs/{job.pk}/in-san.pdf"
    assert (media_root / second.result.name).read_bytes() == FINISHED_FILE
    assert second.result_sha256 == first.result_sha256 == hashlib.sha256(FINISHED_FILE).hexdigest()
    assert (second.result_size, second.page_count) == (len(FINISHED_FILE), 7)
    assert files_under(media_root) == [f"jobs/{job.pk}/in-san.pdf"]


@pytest.mark.parametrize(
    "extra", [{"pdf": b"%PDF"}, {"for_personal_signature": True}, {"signature": object()}]
)
def test_built_document_with_a_finished_file_takes_no_bytes_nor_signature(extra, tmp_path):
    with pytest.raises(ValueError, match="finished file"):
        BuiltDocument(html="", filename="x.pdf", pdf_file=tmp_path / "x.pdf", **extra)


@pytest.mark.django_db
def test_run_job_redelivered_while_running_overwrites_the_same_file(staff, media_root):
    job = JobFactory(requested_by=staff)
    done = run_job(job_id=job.pk, worker_pid=1000)
    # The worker died after writing the file but before the message was acknowledged.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)

    again = run_job(job_id=job.pk, worker_pid=2000)

    assert (again.status, again.attempts, again.worker_pid) == (JobStatus.DONE, 2, 2000)
    assert again.result_sha256 == done.result_sha256
    assert files_under(media_root) == [f"jobs/{job.pk}/danh-sach-don-vi-2026-02-05.pdf"]


@pytest.mark.django_db
def test_run_job_reports_progress_in_steps(staff, monkeypatch):
    reported: list[int] = []
    real_report = services.report_progress

    def report(job_id, percent):
        reported.append(percent)
        real_report(job_id, percent)

    monkeypatch.setattr(services, "report_progress", report)
    job = JobFactory(requested_by=staff)

    run_job(job_id=job.pk, worker_pid=1)

    assert reported == [10, 30, 80]
    job.refresh_from_db()
    assert job.progress == 100


@pytest.mark.django_db
def test_run_job_after_all_attempts_marks_failed_without_running(staff, media_root):
    job = JobFactory(
        requested_by=staff, status=JobStatus.RUNNING, attempts=3, worker_pid=77, progress=30
    )

    result = run_job(job_id=job.pk, worker_pid=78)

    assert result.status == JobStatus.FAILED
    assert result.error == (
        "Đã thử tạo tài liệu 3 lần nhưng lần nào tiến trình cũng bị dừng giữa chừng. "
        "Vui lòng báo quản trị hệ thống."
    )
    assert (result.attempts, result.worker_pid, result.result.name) == (3, 77, "")
    assert result.finished_at is not None
    assert files_under(media_root) == []


@pytest.mark.django_db
def test_run_job_unknown_kind_marks_failed(staff):
    job = JobFactory(requested_by=staff, kind="khong_co")

    result = run_job(job_id=job.pk, worker_pid=1)

    assert (result.status, result.attempts) == (JobStatus.FAILED, 0)
    assert result.error == "Loại tài liệu “khong_co” không được hỗ trợ."


@pytest.mark.django_db
def test_run_job_missing_job_returns_none():
    assert run_job(job_id=987654, worker_pid=1) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("markup", "blocked_url"),
    [
        ('<img src="file:///etc/passwd">', "file:///etc/passwd"),
        ('<img src="http://127.0.0.1:6379/">', "http://127.0.0.1:6379/"),
        ('<img src="/dev/urandom">', "file:///dev/urandom"),
        ('<style>@import url("file:///etc/passwd");</style>', "file:///etc/passwd"),
        ('<img src="file:///etc/hostname">', "file:///etc/hostname"),
        ('<link rel="attachment" href="file:///etc/passwd">', "file:///etc/passwd"),
    ],
)
def test_run_job_with_forbidden_resource_fails_with_the_reason(
    staff, media_root, markup, blocked_url
):
    job = JobFactory(
        requested_by=staff,
        kind="test_html",
        params={"html": f"<html><body><p>Phường Bến Thành</p>{markup}</body></html>"},
    )

    result = run_job(job_id=job.pk, worker_pid=1)

    assert result.status == JobStatus.FAILED
    assert result.error == f"Tài liệu tham chiếu đến tài nguyên không được phép: {blocked_url}"
    assert (result.result.name, result.result_sha256, result.page_count) == ("", "", None)
    assert files_under(media_root) == []
    assert PASSWD_LEAK not in result.error


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("value", "Lỗi hệ thống khi tạo tài liệu (ValueError). Vui lòng thử lại sau."),
        (
            "timeout",
            "Tạo tài liệu vượt quá thời gian cho phép. Hãy thu hẹp phạm vi tài liệu rồi thử lại.",
        ),
    ],
)
def test_run_job_build_error_fails_with_a_vietnamese_reason(staff, error, reason):
    job = JobFactory(requested_by=staff, kind="test_raises", params={"error": error})

    result = run_job(job_id=job.pk, worker_pid=1)

    assert (result.status, result.error, result.attempts) == (JobStatus.FAILED, reason, 1)


@pytest.mark.django_db
def test_run_job_database_error_propagates_and_leaves_the_job_running(staff):
    job = JobFactory(requested_by=staff, kind="test_raises", params={"error": "database"})

    with pytest.raises(OperationalError):
        run_job(job_id=job.pk, worker_pid=1)

    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == (JobStatus.RUNNING, 1, "")


@pytest.mark.django_db
def test_render_document_task_retries_database_errors_then_fails_the_job(staff):
    job = JobFactory(requested_by=staff, kind="test_raises", params={"error": "database"})

    render_document.apply(kwargs={"job_id": job.pk})

    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 3)
    assert job.error == "Không kết nối được cơ sở dữ liệu khi tạo tài liệu. Vui lòng thử lại sau."


@pytest.mark.django_db
def test_render_document_task_runs_the_job_in_this_process(staff):
    job = JobFactory(requested_by=staff)

    render_document.apply(kwargs={"job_id": job.pk})

    job.refresh_from_db()
    assert (job.status, job.worker_pid, job.progress) == (JobStatus.DONE, os.getpid(), 100)


# Status transitions


ALL_PAIRS = [(old, new) for old in JobStatus for new in JobStatus if old != new]
ALLOWED_PAIRS = [pair for pair in ALL_PAIRS if pair[1] in JOB_WORKFLOW.targets_from(pair[0])]


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), ALLOWED_PAIRS)
def test_set_job_status_allowed_transition_is_saved(old, new):
    job = JobFactory(status=old)

    set_job_status(job, new, progress=42)

    job.refresh_from_db()
    assert (job.status, job.progress) == (new, 42)


@pytest.mark.django_db
@pytest.mark.parametrize(("old", "new"), [pair for pair in ALL_PAIRS if pair not in ALLOWED_PAIRS])
def test_set_job_status_refused_transition_changes_nothing(old, new):
    job = JobFactory(status=old)

    with pytest.raises(TransitionRefused, match=r"^Không thể chuyển từ “") as refused:
        set_job_status(job, new, progress=42)

    assert not refused.value.conflict

    job.refresh_from_db()
    assert (job.status, job.progress) == (old, 0)


@pytest.mark.django_db
def test_set_job_status_same_status_without_changes_writes_nothing(
    django_assert_num_queries,
):
    job = JobFactory(status=JobStatus.DONE)

    with django_assert_num_queries(0):
        assert set_job_status(job, JobStatus.DONE) is job


@pytest.mark.django_db
def test_set_job_status_from_a_stale_copy_is_a_conflict_and_changes_nothing():
    job = JobFactory(status=JobStatus.RUNNING)
    stale = Job.objects.get(pk=job.pk)
    set_job_status(job, JobStatus.DONE, progress=100)

    with pytest.raises(TransitionRefused, match="vừa được người khác thay đổi") as refused:
        set_job_status(stale, JobStatus.FAILED, error="x")

    assert refused.value.conflict
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.DONE, "")


# Retrying


@pytest.mark.django_db
def test_retry_job_requeues_a_failed_job_and_publishes_after_commit(
    staff, broker, django_capture_on_commit_callbacks
):
    job = JobFactory(
        requested_by=staff,
        status=JobStatus.FAILED,
        attempts=3,
        progress=30,
        error="Lỗi cũ",
        worker_pid=55,
        started_at=timezone.now(),
        finished_at=timezone.now(),
    )

    with django_capture_on_commit_callbacks(execute=True):
        retry_job(job=job, user=staff)
        assert broker == []

    job.refresh_from_db()
    assert broker == [job.pk]
    assert (job.status, job.attempts, job.progress, job.error, job.worker_pid) == (
        JobStatus.QUEUED,
        0,
        0,
        "",
        None,
    )
    assert (job.started_at, job.finished_at) == (None, None)
    assert job.published_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("status", [JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.DONE])
def test_retry_job_refuses_a_job_that_has_not_failed(
    staff, broker, django_capture_on_commit_callbacks, status
):
    job = JobFactory(requested_by=staff, status=status, attempts=1, progress=30)
    before = snapshot(job)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(JobError, match=r"^Chỉ chạy lại được tác vụ không thành công\.$"),
    ):
        retry_job(job=job, user=staff)

    job.refresh_from_db()
    assert snapshot(job) == before
    assert (callbacks, broker) == ([], [])


@pytest.mark.django_db
def test_retry_job_by_another_user_is_refused_and_changes_nothing(staff, broker):
    job = JobFactory(requested_by=staff, status=JobStatus.FAILED, attempts=3, error="Lỗi cũ")
    before = snapshot(job)

    with pytest.raises(TransitionRefused, match=r"^Bạn không có quyền thực hiện thao tác này\.$"):
        retry_job(job=job, user=UserFactory())

    job.refresh_from_db()
    assert snapshot(job) == before
    assert broker == []


# Sweeping


@pytest.fixture
def stale_jobs(settings, staff):
    settings.DOCUMENT_JOB_REQUEUE_AFTER_SECONDS = 120
    now = timezone.now()
    return {
        "never_published": JobFactory(requested_by=staff),
        "published_long_ago": JobFactory(
            requested_by=staff, published_at=now - datetime.timedelta(seconds=300)
        ),
        "published_recently": JobFactory(
            requested_by=staff, published_at=now - datetime.timedelta(seconds=30)
        ),
        "running": JobFactory(requested_by=staff, status=JobStatus.RUNNING, published_at=None),
        "failed": JobFactory(requested_by=staff, status=JobStatus.FAILED, published_at=None),
    }


@pytest.mark.django_db
def test_requeue_stale_jobs_publishes_unpublished_and_long_waiting_jobs(stale_jobs, broker):
    started = timezone.now()

    assert requeue_stale_jobs() == 2

    assert broker == [stale_jobs["never_published"].pk, stale_jobs["published_long_ago"].pk]
    for name in ("never_published", "published_long_ago"):
        stale_jobs[name].refresh_from_db()
        assert stale_jobs[name].published_at >= started
    for name in ("running", "failed"):
        stale_jobs[name].refresh_from_db()
        assert stale_jobs[name].published_at is None


@pytest.mark.django_db
def test_requeue_stale_jobs_with_broker_down_stops_at_the_first_failure(stale_jobs, broker_down):
    assert requeue_stale_jobs() == 0

    assert broker_down == [stale_jobs["never_published"].pk]
    stale_jobs["published_long_ago"].refresh_from_db()
    assert stale_jobs["published_long_ago"].published_at < timezone.now() - datetime.timedelta(
        seconds=250
    )


@pytest.mark.django_db
def test_sweep_jobs_command_prints_how_many_it_requeued(stale_jobs, broker):
    out = io.StringIO()

    call_command("sweep_jobs", stdout=out)

    assert out.getvalue() == "Đã đưa lại vào hàng đợi 2 tác vụ.\n"
    assert len(broker) == 2


@pytest.mark.django_db
def test_recover_abandoned_jobs_requeues_then_fails_jobs_without_a_live_worker(settings, staff):
    settings.CELERY_TASK_TIME_LIMIT = 300
    now = timezone.now()
    long_ago = now - datetime.timedelta(seconds=400)
    retryable = JobFactory(
        requested_by=staff,
        status=JobStatus.RUNNING,
        started_at=long_ago,
        attempts=1,
        worker_pid=4242,
        progress=30,
    )
    exhausted = JobFactory(
        requested_by=staff, status=JobStatus.RUNNING, started_at=long_ago, attempts=3
    )
    still_running = JobFactory(
        requested_by=staff,
        status=JobStatus.RUNNING,
        attempts=1,
        started_at=now - datetime.timedelta(seconds=100),
    )

    assert recover_abandoned_jobs(now=now) == 2

    retryable.refresh_from_db()
    exhausted.refresh_from_db()
    still_running.refresh_from_db()
    assert (retryable.status, retryable.progress, retryable.worker_pid) == (
        JobStatus.QUEUED,
        0,
        None,
    )
    assert retryable.published_at is None
    assert exhausted.status == JobStatus.FAILED
    assert exhausted.error.startswith("Tiến trình nền đã dừng mà không ghi được kết quả sau 3 lần")
    assert still_running.status == JobStatus.RUNNING
