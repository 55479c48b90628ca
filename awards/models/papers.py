"""What decisions and submissions share: the register that numbers them (sổ đăng ký văn
bản, E-15) and the fields of a numbered, signed paper.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.enums import RegisterSeries
from emulation.models import Authority
from emulation.models.papers import NumberedPaper


class DecisionRegister(models.Model):
    """Sổ đăng ký văn bản: one per issuer, calendar year and series (decisions, submissions);
    numbers are taken at signing, in order, never reused (E-15)."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="decision_registers",
        verbose_name=_("cơ quan"),
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    series = models.CharField(
        _("loại văn bản"),
        max_length=20,
        choices=RegisterSeries.choices,
        default=RegisterSeries.DECISION,
    )
    last_number = models.PositiveIntegerField(_("số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("sổ đăng ký văn bản")
        verbose_name_plural = _("sổ đăng ký văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "series"], name="decision_register_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_series_display()} {self.year}: {self.last_number}"


class SignedPaper(NumberedPaper):
    """What a numbered paper of the authority has: subject, the number and symbol taken from
    the register at signing (E-15), the signer and the author."""

    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    title = models.CharField(_("trích yếu"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người lập"),
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.reference or self.title
