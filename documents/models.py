"""Document jobs: one row per requested document, created with the request, run by a worker."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.enums import UNFINISHED_STATUSES, JobStatus, SignedFileOrigin
from documents.registry import label_for


def job_result_path(job: "Job", filename: str) -> str:
    return f"jobs/{job.pk}/{filename}"


class Job(models.Model):
    """A background document job (tác vụ tạo tài liệu).

    State moves queued → running → done | failed, only through `documents.services`. The task
    receives the id alone; running it twice gives one result (the file is overwritten in place).
    """

    kind = models.CharField(_("loại tài liệu"), max_length=60)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="document_jobs",
        verbose_name=_("người yêu cầu"),
    )
    # The requester's authority when the job was asked for (documents.authority): a plain id,
    # so that the core reads no app's models to keep one authority's jobs from another's.
    authority_id = models.BigIntegerField(_("mã cơ quan"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    result = models.FileField(_("tệp kết quả"), upload_to=job_result_path, blank=True)
    result_sha256 = models.CharField(_("SHA-256 của tệp"), max_length=64, blank=True)
    result_size = models.PositiveIntegerField(_("dung lượng (byte)"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("số trang"), null=True, blank=True)
    error = models.TextField(_("lý do lỗi"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    worker_pid = models.PositiveIntegerField(_("PID tiến trình"), null=True, blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    published_at = models.DateTimeField(_("đưa vào hàng đợi lúc"), null=True, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tác vụ tạo tài liệu")
        verbose_name_plural = _("tác vụ tạo tài liệu")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"], name="job_status_published")]
        permissions = [("view_any_job", _("Xem tác vụ của mọi người"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status not in UNFINISHED_STATUSES

    @property
    def is_queued(self) -> bool:
        return self.status == JobStatus.QUEUED

    @property
    def is_done(self) -> bool:
        return self.status == JobStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == JobStatus.FAILED

    def get_kind_display(self) -> str:
        return str(label_for(self.kind))


class JobChunk(models.Model):
    """A slice of a large job (certificates to draw, rows of a file to check), done by whichever
    worker process claims it first (documents.chunks); the job's own process puts the slices
    together when all are done. `payload` is what the slice covers and `output` what it found,
    in the kind's own terms."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ")
        RUNNING = "running", _("Đang làm")
        DONE = "done", _("Xong")

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="chunks", verbose_name=_("tác vụ")
    )
    index = models.PositiveIntegerField(_("thứ tự"))
    payload = models.JSONField(_("phần việc"), default=dict)
    output = models.JSONField(_("kết quả phần việc"), null=True, blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices)
    claimed_at = models.DateTimeField(_("nhận lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phần của tác vụ")
        verbose_name_plural = _("phần của tác vụ")
        ordering = ["job", "index"]
        constraints = [models.UniqueConstraint(fields=["job", "index"], name="job_chunk_unique")]

    def __str__(self) -> str:
        return f"{self.job_id}/{self.index}"


def signed_file_path(signed: "SignedFile", filename: str) -> str:
    # Named by the content's SHA-256: a signed original is written once and never replaced.
    return f"signed/{signed.sha256}.pdf"


class SignedFile(models.Model):
    """A digitally signed PDF kept as issued (bản gốc điện tử đã ký số), DOMAIN §10.4.

    Written once by `documents.signed_files`, never changed. `source_sha256` is the SHA-256 of
    the issued bytes the signature covers: the product signs a given issued file only once
    (one SERVER row per source), so signing it again returns the same signed file. An uploaded
    original points at the issued `job` whose file it was checked to contain; its sealed
    original (one per uploaded copy: `source_sha256` is the copy's) points at the same job.
    """

    origin = models.CharField(_("nguồn"), max_length=20, choices=SignedFileOrigin.choices)
    job = models.ForeignKey(
        Job,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_files",
        verbose_name=_("tệp phát hành được ký"),
    )
    source_sha256 = models.CharField(_("SHA-256 của tệp được ký"), max_length=64)
    file = models.FileField(_("tệp đã ký"), upload_to=signed_file_path)
    sha256 = models.CharField(_("SHA-256 của tệp đã ký"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    signer = models.CharField(_("người ký"), max_length=255)
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    created_at = models.DateTimeField(_("lưu lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản gốc đã ký số")
        verbose_name_plural = _("bản gốc đã ký số")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_sha256"],
                condition=models.Q(origin=SignedFileOrigin.SERVER),
                name="signed_file_one_server_signature",
            ),
            models.UniqueConstraint(fields=["job", "sha256"], name="signed_file_one_copy_per_job"),
            models.UniqueConstraint(
                fields=["source_sha256"],
                condition=models.Q(origin=SignedFileOrigin.SEALED),
                name="signed_file_one_seal_per_copy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_origin_display()} {self.sha256[:12]}"
