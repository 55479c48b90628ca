"""Large files are written by a background document job that reports progress and leaves a PDF
report; the job is safe to run twice and a file refused at run time writes nothing."""

import datetime
import hashlib
from decimal import Decimal as D

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from config.workflow import TransitionRefused
from documents import chunks
from documents.enums import JobStatus
from documents.models import Job, JobChunk
from documents.services import request_document, run_job
from emulation.models import Actual, ActualChange, TargetImport
from emulation.spreadsheet_reading import ImportRejected
from emulation.targets import documents as _registers_kind  # noqa: F401
from emulation.targets import import_rows, imports
from emulation.targets.enums import ImportState
from emulation.targets.import_rows import check_file
from emulation.targets.services import ActualEntry, close_period, get_period, save_actuals
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


# ---- The check in chunks that any worker process claims ------------------------------------


@pytest.fixture
def chunked(monkeypatch, small_sync_limit):
    """Chunks of three rows; helpers are not published (a test plays them itself)."""
    monkeypatch.setattr(imports, "CHUNK_ROWS", 3)
    published = []
    monkeypatch.setattr(chunks, "publish_helpers", lambda job, count: published.append(count))
    return published


@pytest.fixture
def world(authority, unit, other_unit, staff):
    """Targets of two units and of the authority itself, two of them with values already."""
    unit.code = "BN"
    unit.save()
    other_unit.code = "BT"
    other_unit.save()
    kn = TargetFactory(authority=authority, unit=unit, code="KN", plan_value=D("200"))
    hs = TargetFactory(authority=authority, unit=unit, code="HS", plan_value=D("98"))
    TargetFactory(authority=authority, unit=other_unit, code="KN")
    TargetFactory(authority=authority, code="KT02", plan_value=D("15931"))
    save_actuals(
        user=staff,
        period=get_period(authority=authority, year=2023, kind="year"),
        value_kind="official",
        entries=[ActualEntry(target=kn, value=D("150")), ActualEntry(target=hs, value=D("97"))],
    )


# Eight rows, three chunks: changed, unchanged, new (text, float and integer values), blank.
ROWS = [
    row(value=202, reason="Số liệu chính thức cuối năm"),
    row(code="HS", value=97),
    row(unit="", code="KT02", value=16728),
    row(unit="BT", value=5),
    row(period="Quý I", value=97.46),
    row(code="HS", period="Quý I", value=None),
    row(code="HS", kind="Ước thực hiện", value="99,6"),
    row(unit="", code="KT02", period="Quý I", value=3),
]


def written() -> tuple[list, list]:
    """Every actual and history row, by what they say (not by id or time)."""
    actuals = Actual.objects.values_list(
        "target__unit__code",
        "target__code",
        "period__year",
        "period__kind",
        "value_kind",
        "value",
        "submitted_by_id",
    )
    changes = ActualChange.objects.values_list(
        "actual__target__unit__code",
        "actual__target__code",
        "actual__period__kind",
        "actual__value_kind",
        "old_value",
        "new_value",
        "reason",
        "source",
        "changed_by_id",
    )
    return sorted(actuals, key=repr), sorted(changes, key=repr)


class _Undo(Exception):
    pass


def written_at_once(user, content) -> tuple[dict, tuple]:
    """What the write at once (`commit_file`, no chunks) makes of `content`: its counts and
    the rows it writes, then undone."""
    try:
        with transaction.atomic():
            result = imports.commit_file(user=user, filename="lon.xlsx", content=content)
            rows = written()
            raise _Undo
    except _Undo:
        pass
    counts = {"created": result.created, "changed": result.changed, "unchanged": result.unchanged}
    return counts, rows


def refusal_at_once(user, content) -> list[str]:
    """The messages the check of the whole file gives."""
    with pytest.raises(ImportRejected) as refused:
        check_file(user=user, filename="lon.xlsx", content=content)
    return [str(issue) for issue in refused.value.issues]


def queued_unchecked(user, content) -> tuple[TargetImport, Job]:
    """A file queued as `confirm_import` queues it, which the preview did not see refused (the
    data changed between the preview and the write)."""
    upload = TargetImport.objects.create(
        authority_id=user.unit.authority_id,
        uploaded_by=user,
        filename="lon.xlsx",
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        state=ImportState.QUEUED,
        row_count=len(ROWS),
    )
    job = request_document(kind="targets_import", params={"import_id": upload.pk}, user=user)
    return upload, job


def test_chunks_checked_by_a_helper_write_what_the_write_at_once_writes(world, staff, chunked):
    content = xlsx(*ROWS)
    counts, rows = written_at_once(staff, content)
    assert counts == {"created": 5, "changed": 1, "unchanged": 1}  # and one blank
    before = written()
    upload, job = queue(staff, content)
    assert imports.plan_chunks(job=job, upload=upload) == 3
    # The job's process checks the first chunk, a helper (another process) the two others.
    chunks.do(job, imports.chunk_context(job), chunks.claim(job.pk))
    assert chunks.help_with_job(job.pk) == 2
    assert list(JobChunk.objects.filter(job=job).values_list("state", flat=True)) == ["done"] * 3
    assert written() == before  # chunks only check

    done = run_job(job_id=job.pk, worker_pid=1)

    assert (done.status, chunked) == (JobStatus.DONE, [2])
    upload.refresh_from_db()
    assert (upload.state, upload.result) == (ImportState.COMMITTED, counts)
    assert written() == rows
    assert not JobChunk.objects.filter(job=job).exists()  # the file's rows go with the file


def test_a_chunk_left_by_a_dead_process_is_taken_over(world, staff, chunked, monkeypatch):
    content = xlsx(*ROWS)
    counts, rows = written_at_once(staff, content)
    upload, job = queue(staff, content)
    assert imports.plan_chunks(job=job, upload=upload) == 3
    chunks.do(job, imports.chunk_context(job), chunks.claim(job.pk))
    long_ago = timezone.now() - datetime.timedelta(seconds=chunks.STALE_SECONDS + 1)
    JobChunk.objects.filter(job=job, index=1).update(state="running", claimed_at=long_ago)
    checked = []
    check_chunk = imports.check_chunk

    def recorded(context, chunk):
        checked.append(chunk.index)
        return check_chunk(context, chunk)

    monkeypatch.setattr(imports, "check_chunk", recorded)

    # A rerun of the job: every chunk is checked again, the one checked before the death too
    # (the data may have changed since), and the dead process's chunk is not left waiting.
    done = run_job(job_id=job.pk, worker_pid=2)

    assert (done.status, sorted(checked)) == (JobStatus.DONE, [0, 1, 2])
    upload.refresh_from_db()
    assert (upload.state, upload.result) == (ImportState.COMMITTED, counts)
    assert written() == rows


def test_a_bad_row_in_the_last_chunk_writes_nothing_from_any_chunk(world, staff, chunked):
    content = xlsx(*ROWS[:-1], row(code="XX", value=1))
    before = written()
    upload, job = queued_unchecked(staff, content)

    failed = run_job(job_id=job.pk, worker_pid=1)

    message = (
        "Trang “So lieu chi tieu”, dòng 9, cột “F – Mã chỉ tiêu”: Không có chỉ tiêu mã “XX” "
        "năm 2023 của đơn vị này."
    )
    assert refusal_at_once(staff, content) == [message]
    assert (failed.status, failed.error) == (
        JobStatus.FAILED,
        f"Tệp bị từ chối, chưa ghi dòng nào: {message}",
    )
    upload.refresh_from_db()
    assert (upload.state, upload.errors) == (ImportState.FAILED, [message])
    assert written() == before
    assert not JobChunk.objects.filter(job=job).exists()


def test_a_duplicate_of_a_row_of_another_chunk_is_refused_as_the_check_at_once_does(
    world, staff, chunked
):
    # Rows 5 and 7 repeat row 2, in the next chunk; row 5's value is bad as well.
    content = xlsx(*ROWS[:3], row(value="abc"), row(period="Quý I", value=1), row(value=300))
    upload, job = queued_unchecked(staff, content)

    failed = run_job(job_id=job.pk, worker_pid=1)

    messages = [
        f"Trang “So lieu chi tieu”, dòng {n}, cột “F – Mã chỉ tiêu”: Trùng với dòng 2 (cùng "
        "đơn vị, chỉ tiêu, kỳ, loại số liệu)."
        for n in (5, 7)
    ]
    assert refusal_at_once(staff, content) == messages
    assert failed.status == JobStatus.FAILED
    assert failed.error == f"Tệp bị từ chối, chưa ghi dòng nào: {'; '.join(messages)}"
    upload.refresh_from_db()
    assert (upload.state, upload.errors) == (ImportState.FAILED, messages)
    assert Actual.objects.count() == 2


def test_the_refused_rows_of_every_chunk_are_listed_as_the_check_at_once_lists_them(
    world, staff, chunked, monkeypatch
):
    content = xlsx(
        row(unit="ZZ"),
        *ROWS[1:4],
        row(period="Quý V"),
        *ROWS[5:7],
        [*row()[:2], "năm nay", *row()[3:]],
        [*row()[:2], datetime.date(2023, 1, 1), *row()[3:]],  # a date: no JSON type
    )
    upload, job = queued_unchecked(staff, content)

    failed = run_job(job_id=job.pk, worker_pid=1)

    sheet = "Trang “So lieu chi tieu”"
    messages = [
        *(
            f"{sheet}, dòng {n}, cột “C – Năm”: Năm phải là số có bốn chữ số, ví dụ 2023."
            for n in (9, 10)
        ),
        f"{sheet}, dòng 2, cột “A – Mã đơn vị”: Không có đơn vị mã “ZZ” trong phạm vi của bạn.",
        f"{sheet}, dòng 6, cột “D – Kỳ”: Kỳ phải là một trong: Quý I, Quý II, 6 tháng, Quý III, "
        "9 tháng, Quý IV, Cả năm.",
    ]
    assert refusal_at_once(staff, content) == messages
    assert failed.error == f"Tệp bị từ chối, chưa ghi dòng nào: {'; '.join(messages)}"
    upload.refresh_from_db()
    assert (upload.state, upload.errors) == (ImportState.FAILED, messages)
    assert Actual.objects.count() == 2


def test_issues_past_the_cap_are_cut_where_the_check_at_once_cuts_them(
    world, staff, chunked, monkeypatch
):
    monkeypatch.setattr(import_rows, "MAX_ISSUES_SHOWN", 1)
    content = xlsx(*(row(unit=f"Z{n}") for n in range(6)))
    upload, job = queued_unchecked(staff, content)

    run_job(job_id=job.pk, worker_pid=1)

    upload.refresh_from_db()
    assert upload.errors == refusal_at_once(staff, content)
    assert [error.split(",")[1] for error in upload.errors] == [" dòng 2", " dòng 3"]


def test_a_second_run_whose_chunks_another_run_wrote_and_deleted_keeps_what_it_wrote(
    world, staff, chunked, monkeypatch
):
    """A duplicate delivery of the job: while this run waits on the chunks, the other run
    writes the file and deletes them. This run stops waiting, writes nothing more and returns
    the counts the other run stored."""
    content = xlsx(*ROWS)
    counts, rows = written_at_once(staff, content)
    upload, job = queue(staff, content)

    def the_other_run_writes_meanwhile(*, job, upload, progress):
        imports.run_queued_import(upload_id=upload.pk, progress=progress)
        raise chunks.ChunksGone(job.pk)

    monkeypatch.setattr(imports, "check_in_chunks", the_other_run_writes_meanwhile)

    assert imports.run_queued_import(upload_id=upload.pk, progress=lambda p: None, job=job) == (
        counts
    )
    assert written() == rows
    upload.refresh_from_db()
    assert upload.state == ImportState.COMMITTED


def test_a_second_run_whose_chunks_another_run_refused_writes_nothing(
    world, staff, chunked, monkeypatch
):
    content = xlsx(*ROWS[:-1], row(code="XX", value=1))
    before = written()
    upload, job = queued_unchecked(staff, content)

    def the_other_run_refuses_meanwhile(*, job, upload, progress):
        with pytest.raises(ImportRejected):
            imports.run_queued_import(upload_id=upload.pk, progress=progress)
        raise chunks.ChunksGone(job.pk)

    monkeypatch.setattr(imports, "check_in_chunks", the_other_run_refuses_meanwhile)

    with pytest.raises(ImportRejected, match="không ở trạng thái chờ ghi"):
        imports.run_queued_import(upload_id=upload.pk, progress=lambda p: None, job=job)
    assert written() == before
    upload.refresh_from_db()
    assert upload.state == ImportState.FAILED and "XX" in " ".join(upload.errors)
