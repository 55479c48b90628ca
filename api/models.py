"""Client systems of the read API (the national database, the province's LGSP, HR systems),
their tokens and the log of their calls."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from api.enums import TokenScope
from emulation.models import Authority


class ApiClient(models.Model):
    """A client system with one token, issued by an administrator (`issue_api_token`). Only
    the token's SHA-256 is kept: the token itself is printed once and never stored."""

    name = models.CharField(_("tên hệ thống"), max_length=200)
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="api_clients", verbose_name=_("cơ quan")
    )
    scope = models.CharField(_("phạm vi"), max_length=20, choices=TokenScope.choices)
    token_sha256 = models.CharField(_("SHA-256 của mã truy cập"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("cấp lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("hệ thống kết nối API")
        verbose_name_plural = _("hệ thống kết nối API")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ApiCall(models.Model):
    """One request to the API, answered or refused (no token, bad token, rate limit)."""

    client = models.ForeignKey(
        ApiClient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("hệ thống"),
    )
    method = models.CharField(_("phương thức"), max_length=10)
    path = models.CharField(_("đường dẫn"), max_length=500)
    status = models.PositiveSmallIntegerField(_("mã trạng thái"))
    duration_ms = models.PositiveIntegerField(_("thời gian xử lý (ms)"))
    address = models.CharField(_("địa chỉ máy gọi"), max_length=45, blank=True)
    at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("lượt gọi API")
        verbose_name_plural = _("lượt gọi API")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"
