"""Outgoing e-mail: one row per message, written in the transaction of the change it tells."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from outbox.enums import MailStatus


class OutgoingMail(models.Model):
    """An e-mail to send (thư đi).

    Status moves queued → sent | failed, only through `outbox.services`. The mail task receives
    the id alone; a message already sent is not sent again when the task is delivered twice.
    """

    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    from_email = models.CharField(_("người gửi"), max_length=254, blank=True)
    recipients = models.JSONField(_("người nhận"), default=list)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    published_at = models.DateTimeField(_("đưa vào hàng đợi lúc"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư đi")
        verbose_name_plural = _("thư đi")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"], name="mail_status_published")]

    def __str__(self) -> str:
        return self.subject
