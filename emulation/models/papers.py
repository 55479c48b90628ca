"""What every numbered paper the authority signs shares (a decision, a submission, the
year-end report): the number and symbol the register gives at signing (sổ đăng ký văn bản,
E-15), the day and the signer. The register itself belongs to the awards app, which numbers
the report through `emulation.reports.hooks`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberedPaper(models.Model):
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    number_year = models.PositiveSmallIntegerField(_("năm đăng ký số"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ký"),
    )

    class Meta:
        abstract = True

    @property
    def reference(self) -> str:
        """ "07/QĐ-UBND": zero-padded below 10 (Nghị định 30/2020); empty before signing."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.symbol}"
