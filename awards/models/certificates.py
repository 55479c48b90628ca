"""Certificates (giấy khen): the printing template of an authority, the issued certificates
and the slices of a printing job.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models.decisions import DecisionLine
from emulation.models import Authority


class CertificateTemplate(models.Model):
    """How an authority prints certificates onto pre-printed blanks (phôi): the offsets that
    move every variable field so that it lands on the blank's lines (DOMAIN §10.2)."""

    authority = models.OneToOneField(
        Authority,
        on_delete=models.CASCADE,
        related_name="certificate_template",
        verbose_name=_("cơ quan"),
    )
    offset_x_mm = models.DecimalField(
        _("lệch ngang (mm)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal(0),
        help_text=_("Số dương dịch sang phải, số âm dịch sang trái."),
    )
    offset_y_mm = models.DecimalField(
        _("lệch dọc (mm)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal(0),
        help_text=_("Số dương dịch lên trên, số âm dịch xuống dưới."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu in giấy khen")
        verbose_name_plural = _("mẫu in giấy khen")

    def __str__(self) -> str:
        return f"{self.authority}: {self.offset_x_mm}/{self.offset_y_mm} mm"


class Certificate(models.Model):
    """The certificate issued for one line of a signed decision: its public code (printed
    with a QR code), its gold-book number and the SHA-256 of the issued PDF/A file.

    An issued file never changes: printing again reuses it. A correction (đính chính) issues
    a new version of the line's certificate with its own code and file, the same gold-book
    number, the texts staff corrected and `replaces` pointing at the version it supersedes,
    whose public page then names the new one. `printed` keeps the variable texts as drawn on
    the issued file (holder, unit, achievement): a correction is compared with them, and a
    correction's own are drawn as given. Whether a certificate is valid is never stored: it
    follows the decision (revoked with it) and whether a newer version replaced it."""

    decision_line = models.ForeignKey(
        DecisionLine,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("dòng quyết định"),
    )
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan")
    )
    code = models.CharField(_("mã xác thực"), max_length=12, unique=True)
    gold_book_number = models.PositiveIntegerField(_("số sổ vàng"))
    version = models.PositiveSmallIntegerField(_("lần cấp"), default=1)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("thay thế giấy khen"),
    )
    printed = models.JSONField(_("nội dung in"), default=dict, blank=True)
    correction_reason = models.TextField(_("lý do đính chính"), blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người đính chính"),
    )
    file = models.FileField(_("tệp giấy khen"), upload_to="certificates/", blank=True)
    sha256 = models.CharField(_("SHA-256 của tệp"), max_length=64, blank=True)
    issued_at = models.DateTimeField(_("in lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("giấy khen")
        verbose_name_plural = _("giấy khen")
        ordering = ["gold_book_number", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "gold_book_number", "version"],
                name="certificate_gold_book_unique",
            ),
            models.UniqueConstraint(
                fields=["decision_line", "version"], name="certificate_line_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def holder(self) -> str:
        """The holder's name as printed (a correction may differ from the decision's line)."""
        return self.printed.get("holder") or self.decision_line.nomination_line.subject_name

    @property
    def is_issued(self) -> bool:
        """Its file has been handed out: it is never drawn again."""
        return bool(self.sha256)
