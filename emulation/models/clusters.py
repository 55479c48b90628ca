"""Clusters and blocs (cụm, khối thi đua) of a year: their member units and who leads them
(cụm trưởng, cụm phó) between which dates. Their pledge is in `emulation.models.pledges`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from emulation.pledges.enums import ClusterKind


class Cluster(models.Model):
    """A cluster of territorial units or a bloc of offices (cụm / khối thi đua) for one year."""

    authority = models.ForeignKey(
        "emulation.Authority",
        on_delete=models.PROTECT,
        related_name="clusters",
        verbose_name=_("cơ quan"),
    )
    kind = models.CharField(_("loại"), max_length=10, choices=ClusterKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(
        _("mã"), max_length=30, help_text=_("Giữ nguyên qua các năm, ví dụ: CUM-1")
    )
    name = models.CharField(_("tên"), max_length=200)
    members = models.ManyToManyField(
        "emulation.Unit",
        through="ClusterMembership",
        related_name="clusters",
        verbose_name=_("đơn vị thành viên"),
    )

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["-year", "kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "year", "code"], name="cluster_code_unique_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cụm, khối")
    )
    unit = models.ForeignKey(
        "emulation.Unit",
        on_delete=models.PROTECT,
        related_name="cluster_memberships",
        verbose_name=_("đơn vị"),
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("đơn vị thành viên")
        verbose_name_plural = _("đơn vị thành viên")
        ordering = ["sort_order", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit"], name="cluster_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cluster} – {self.unit}"


class ClusterTerm(models.Model):
    """Who leads the cluster and between which dates: cụm trưởng (head unit) and cụm phó
    (deputy unit), elected by rotation at the year-end meeting."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="terms", verbose_name=_("cụm, khối")
    )
    head_unit = models.ForeignKey(
        "emulation.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị cụm trưởng, khối trưởng"),
    )
    deputy_unit = models.ForeignKey(
        "emulation.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("đơn vị cụm phó, khối phó"),
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    elected_at_meeting = models.CharField(
        _("bầu tại hội nghị"), max_length=200, blank=True, help_text=_("Ví dụ: Tổng kết 2025")
    )

    class Meta:
        verbose_name = _("nhiệm kỳ cụm trưởng, cụm phó")
        verbose_name_plural = _("nhiệm kỳ cụm trưởng, cụm phó")
        ordering = ["cluster", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="cluster_term_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(head_unit=models.F("deputy_unit")),
                name="cluster_term_head_is_not_deputy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster}: {self.head_unit}"
