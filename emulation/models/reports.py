"""The year-end report of an authority (báo cáo tổng kết công tác thi đua, khen thưởng, DOMAIN
§10.3) as staff write it: the narrative sections, saved with their history (who, when, what),
and the chairperson's signature that numbers and issues it.

The figures (targets, clusters, awards) are never stored here: the document reads them from
the features when it is rendered, so the report always shows the data of the year.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.reauth import SignatureEvidence
from emulation.enums import SignerCapacity
from emulation.models.history import StateEvent
from emulation.models.organisation import Authority
from emulation.models.papers import NumberedPaper
from emulation.reports.enums import ReportStatus


class AnnualReport(NumberedPaper):
    """One authority's report of one year. Its narrative fields are the sections staff write
    (`emulation.reports.narrative.SECTIONS` names them); `version` grows at every save, so a
    save made on a stale copy is refused instead of overwriting another person's text."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("cơ quan"),
    )
    year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("lần lưu"), default=0)
    situation = models.TextField(_("đặc điểm tình hình"), blank=True)
    leadership = models.TextField(_("công tác lãnh đạo, chỉ đạo, tuyên truyền"), blank=True)
    organisation = models.TextField(_("tổ chức bộ máy, Hội đồng, quỹ thi đua"), blank=True)
    strengths = models.TextField(_("ưu điểm"), blank=True)
    weaknesses = models.TextField(_("hạn chế, nguyên nhân"), blank=True)
    lessons = models.TextField(_("bài học kinh nghiệm"), blank=True)
    direction = models.TextField(_("phương hướng, nhiệm vụ năm tới"), blank=True)
    proposals = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True)
    updated_at = models.DateTimeField(_("lưu lúc"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lưu"),
    )
    signer_capacity = models.CharField(
        _("ký với tư cách"), max_length=20, choices=SignerCapacity.choices, blank=True
    )
    issued_job = models.ForeignKey(
        "documents.Job",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tệp ban hành"),
    )

    class Meta:
        verbose_name = _("báo cáo tổng kết")
        verbose_name_plural = _("báo cáo tổng kết")
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"], name="annual_report_unique")
        ]

    def __str__(self) -> str:
        return self.reference or f"{self.authority} {self.year}"

    @property
    def is_issued(self) -> bool:
        return self.status == ReportStatus.ISSUED


class AnnualReportRevision(models.Model):
    """Every save of the narrative: the sections as saved, who saved them and when."""

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.PROTECT,
        related_name="revisions",
        verbose_name=_("báo cáo"),
    )
    version = models.PositiveIntegerField(_("lần lưu"))
    texts = models.JSONField(_("nội dung"))
    changed = models.JSONField(_("phần đã sửa"), default=list)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người lưu"),
    )
    saved_at = models.DateTimeField(_("lưu lúc"))

    class Meta:
        verbose_name = _("lần lưu báo cáo tổng kết")
        verbose_name_plural = _("lịch sử báo cáo tổng kết")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "version"], name="annual_report_revision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} #{self.version}"


class AnnualReportEvent(StateEvent):
    """A move of the report's state (draft → issued), written by `config.workflow`."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.PROTECT, related_name="events", verbose_name=_("báo cáo")
    )

    class Meta:
        verbose_name = _("lịch sử trạng thái báo cáo tổng kết")
        verbose_name_plural = _("lịch sử trạng thái báo cáo tổng kết")
        ordering = ["at", "pk"]


class AnnualReportSignature(SignatureEvidence):
    """The evidence of the chairperson's signature of the report (RELIABILITY §1.3 #4)."""

    report = models.OneToOneField(
        AnnualReport,
        on_delete=models.PROTECT,
        related_name="signature",
        verbose_name=_("báo cáo"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ký"),
    )

    class Meta:
        verbose_name = _("chữ ký báo cáo tổng kết")
        verbose_name_plural = _("chữ ký báo cáo tổng kết")
