"""Large files are written by a background document job that reports progress and leaves a PDF
report; the job is safe to run twice and a file refused at run time writes nothing."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from config.workflow import TransitionRefused
from documents.enums import JobStatus
from documents.models import Job
from documents.services import run_job
from emulation.models import Actual, TargetImport
from emulation.spreadsheet_reading import ImportRejected
from emulation.targets import documents as _registers_kind  # noqa: F401
from emulation.targets import imports
from emulation.targets.enums import ImportState
from emulation.targets.services import close_period, get_period
from tests.emulation.targets.factories import TargetFactory
from tests.emulation.targets.test_imports import row, xlsx


@pytest.fixture
def targets(authority, unit):
    unit.code = "BN"
    unit.save()
    return [
        TargetFactory(authority=authority, unit=unit, code="KN", plan_value=D("200")),
        TargetFactory(authority=authority, unit=unit, code="HS", plan_value=D("98")),
    ]


@pytest.fixture
def small_sync_limit(monkeypatch):
    monkeypatch.setattr(imports, "SYNC_ROW_LIMIT", 1)


def queue(user, content):
    upload, _plan = imports.start_import(user=user, filename="lon.xlsx", content=content)
    job = imports.confirm_import(user=user, upload=upload, sha256=upload.sha256)
    return upload, job


def test_large_import_is_queued_then_written_by_the_job(
    targets, clerk, small_sync_limit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        upload, job = queue(clerk, xlsx(row(), row(code="HS", value="99,6")))
    assert isinstance(job, Job)
    assert (job.kind, job.params, job.status) == (
        "targets_import",
        {"import_id": upload.pk},
        JobStatus.QUEUED,
    )
    assert len(callbacks) == 1
    upload.refresh_from_db()
    assert (upload.state, Actual.objects.count()) == (ImportState.QUEUED, 0)

    done = run_job(job_id=job.pk, worker_pid=1)
    assert (done.status, done.progress, done.result_size > 0) == (JobStatus.DONE, 100, True)
    upload.refresh_from_db()
    assert (upload.state, upload.result, bytes(upload.content)) == (
        ImportState.COMMITTED,
        {"created": 2, "changed": 0, "unchanged": 0},
        b"",
    )
    assert dict(Actual.objects.values_list("target__code", "value")) == {
        "KN": D("202"),
        "HS": D("99.6"),
    }


def test_background_import_twice_writes_once(targets, clerk, small_sync_limit):
    upload, job = queue(clerk, xlsx(row(), row(code="HS")))
    assert imports.run_queued_import(upload_id=upload.pk, progress=lambda p: None) == {
        "created": 2,
        "changed": 0,
        "unchanged": 0,
    }
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    assert run_job(job_id=job.pk, worker_pid=1).status == JobStatus.DONE
    assert Actual.objects.count() == 2


def test_background_import_refused_at_run_time_writes_nothing(
    targets, clerk, staff, authority, small_sync_limit
):
    upload, job = queue(clerk, xlsx(row(), row(code="HS")))
    close_period(period=get_period(authority=authority, year=2023, kind="year"), user=staff)
    failed = run_job(job_id=job.pk, worker_pid=1)
    assert failed.status == JobStatus.FAILED
    assert failed.error.startswith(
        "Tệp bị từ chối, chưa ghi dòng nào: Trang “So lieu chi tieu”, dòng 2, cột “J – Thực "
        "hiện”: Kỳ báo cáo này đã khóa"
    )
    upload.refresh_from_db()
    assert upload.state == ImportState.FAILED
    assert len(upload.errors) == 2
    assert Actual.objects.count() == 0


def test_confirm_view_sends_large_file_to_job_page(client, targets, clerk, small_sync_limit):
    client.force_login(clerk)
    from django.core.files.uploadedfile import SimpleUploadedFile

    preview = client.post(
        reverse("targets:import"),
        {"file": SimpleUploadedFile("lon.xlsx", xlsx(row(), row(code="HS")))},
    )
    stored = preview.context["preview"]
    response = client.post(
        reverse("targets:import_confirm"), {"import_id": stored.pk, "sha256": stored.sha256}
    )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("documents:job_detail", args=[job.pk])
    assert TargetImport.objects.get().state == ImportState.QUEUED
    assert Actual.objects.count() == 0


def test_confirming_a_stale_copy_of_a_previewed_upload_writes_once(targets, clerk):
    upload, _plan = imports.start_import(
        user=clerk, filename="so-lieu.xlsx", content=xlsx(row(), row(code="HS"))
    )
    stale = TargetImport.objects.get(pk=upload.pk)
    imports.confirm_import(user=clerk, upload=upload, sha256=upload.sha256)

    with pytest.raises(ImportRejected) as refused:
        imports.confirm_import(user=clerk, upload=stale, sha256=stale.sha256)

    assert [str(issue) for issue in refused.value.issues] == ["Tệp này đã được ghi rồi."]
    assert TargetImport.objects.get(pk=upload.pk).state == ImportState.COMMITTED
    assert Actual.objects.count() == 2


def test_an_import_move_outside_the_table_is_refused_and_writes_nothing(targets, clerk):
    upload, _plan = imports.start_import(
        user=clerk, filename="so-lieu.xlsx", content=xlsx(row(), row(code="HS"))
    )

    with pytest.raises(
        TransitionRefused, match=r"^Không thể chuyển từ “Đã xem trước” sang “Không ghi được”\.$"
    ) as refused:
        imports.IMPORT_WORKFLOW.apply(upload, ImportState.FAILED, check=False)

    assert not refused.value.conflict
    assert TargetImport.objects.get(pk=upload.pk).state == ImportState.PREVIEWED
