from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")


UNFINISHED_STATUSES = frozenset({JobStatus.QUEUED, JobStatus.RUNNING})
FINISHED_STATUSES = frozenset({JobStatus.DONE, JobStatus.FAILED})


class SignedFileOrigin(models.TextChoices):
    """How a signed original came to be: signed by the product with the authority's
    certificate in the worker; signed outside (the chairperson's own token) and uploaded; or that
    uploaded copy with the body's signature (the seal) added after it, the signed original."""

    SERVER = "server", _("Ký bằng chứng thư số của cơ quan khi phát hành")
    UPLOADED = "uploaded", _("Ký số ngoài hệ thống, tải lên")
    SEALED = "sealed", _("Chữ ký số của cơ quan thêm sau chữ ký của người có thẩm quyền")
