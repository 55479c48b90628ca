"""The emulation pledge (giao ước thi đua) of a cluster or bloc, and who may sign it.

A pledge has versions. A version is drafted, then opened for signature: its content is frozen
into `content` and rendered once into the PDF every member unit's head signs. When every slot
is signed the version is complete and its final PDF (with the signature page) is made; an
amendment is a new version, and older versions keep their signatures.

`PledgeEvent` is the append-only history: rows are chained by SHA-256 and, on PostgreSQL, a
trigger refuses UPDATE and DELETE on the table.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from config.reauth import SignatureEvidence
from emulation.models.clusters import Cluster
from emulation.pledges.enums import (
    ActivityKind,
    EventKind,
    ItemKind,
    SlotStatus,
    VersionStatus,
)


class Delegation(models.Model):
    """A unit head's recorded, dated authorisation for another user of the unit (a deputy) to
    sign pledges in the unit's name (ủy quyền ký)."""

    unit = models.ForeignKey(
        "emulation.Unit",
        on_delete=models.PROTECT,
        related_name="signing_delegations",
        verbose_name=_("đơn vị"),
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="signing_delegations",
        verbose_name=_("người được ủy quyền"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ủy quyền"),
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"))
    reference = models.CharField(_("văn bản ủy quyền"), max_length=200)
    created_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ủy quyền ký")
        verbose_name_plural = _("ủy quyền ký")
        ordering = ["unit", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")),
                name="delegation_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegate} – {self.unit}"

    def covers(self, day: datetime.date) -> bool:
        return self.valid_from <= day <= self.valid_to


class Pledge(models.Model):
    """The emulation pledge (giao ước thi đua) of one cluster or bloc for its year."""

    cluster = models.OneToOneField(
        Cluster, on_delete=models.PROTECT, related_name="pledge", verbose_name=_("cụm, khối")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người lập"),
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["-cluster__year", "cluster__kind", "cluster__code"]

    def __str__(self) -> str:
        return str(_("Giao ước thi đua %(cluster)s") % {"cluster": self.cluster})


class PledgeVersion(models.Model):
    """One text of the pledge. Editable while a draft; frozen into `content` when opened."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, related_name="versions", verbose_name=_("giao ước")
    )
    number = models.PositiveSmallIntegerField(_("lần"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    slogan = models.CharField(_("chủ đề, khẩu hiệu"), max_length=300, blank=True)
    score_table_reference = models.CharField(
        _("bảng chấm điểm áp dụng"), max_length=300, blank=True
    )
    deadline = models.DateField(_("hạn ký"), null=True, blank=True)
    head_signs_last = models.BooleanField(_("đơn vị cụm trưởng ký sau cùng"), default=False)
    amendment_reason = models.TextField(_("lý do sửa đổi"), blank=True)
    content = models.JSONField(_("nội dung đã chốt"), default=dict, blank=True, editable=False)
    verification_code = models.CharField(
        _("mã xác thực"), max_length=20, blank=True, editable=False
    )
    document_job = models.ForeignKey(
        "documents.Job",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("tệp văn bản ký"),
    )
    final_job = models.ForeignKey(
        "documents.Job",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        verbose_name=_("tệp văn bản đã ký đủ"),
    )
    opened_at = models.DateTimeField(_("mở ký lúc"), null=True, blank=True, editable=False)
    completed_at = models.DateTimeField(_("ký đủ lúc"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bản giao ước")
        verbose_name_plural = _("bản giao ước")
        ordering = ["pledge", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "number"], name="pledge_version_unique"),
            models.UniqueConstraint(
                fields=["verification_code"],
                condition=~Q(verification_code=""),
                name="pledge_verification_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pledge} – {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == VersionStatus.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == VersionStatus.OPEN

    @property
    def document_sha256(self) -> str:
        job = self.document_job
        return job.result_sha256 if job is not None and job.result_sha256 else ""

    @property
    def final_sha256(self) -> str:
        job = self.final_job
        return job.result_sha256 if job is not None and job.result_sha256 else ""


class PledgeItem(models.Model):
    """A commitment of the pledge: free text, or a target with its plan value."""

    version = models.ForeignKey(
        PledgeVersion, on_delete=models.CASCADE, related_name="items", verbose_name=_("bản")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=ItemKind.choices)
    section = models.CharField(_("nhóm"), max_length=200, blank=True)
    text = models.TextField(_("nội dung"))
    target = models.ForeignKey(
        "emulation.Target",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("chỉ tiêu"),
    )
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nội dung cam kết")
        verbose_name_plural = _("nội dung cam kết")
        ordering = ["version", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ItemKind.FREE) | Q(target__isnull=False),
                name="pledge_target_item_has_target",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class PledgeActivity(models.Model):
    """A dated activity of the cluster (sơ kết, tổng kết, giao lưu, hạn báo cáo)."""

    version = models.ForeignKey(
        PledgeVersion, on_delete=models.CASCADE, related_name="activities", verbose_name=_("bản")
    )
    kind = models.CharField(_("loại"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("nội dung"), max_length=300)
    date = models.DateField(_("ngày"))
    place = models.CharField(_("địa điểm, đơn vị tổ chức"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hoạt động của cụm")
        verbose_name_plural = _("hoạt động của cụm")
        ordering = ["version", "date", "pk"]

    def __str__(self) -> str:
        return self.title


class PledgeComment(models.Model):
    """A member's comment on a draft (góp ý dự thảo)."""

    version = models.ForeignKey(
        PledgeVersion, on_delete=models.CASCADE, related_name="comments", verbose_name=_("bản")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người góp ý"),
    )
    unit = models.ForeignKey(
        "emulation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    text = models.TextField(_("góp ý"))
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("góp ý dự thảo")
        verbose_name_plural = _("góp ý dự thảo")
        ordering = ["version", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class SignatureSlot(models.Model):
    """The place of one member unit on a version opened for signature."""

    version = models.ForeignKey(
        PledgeVersion, on_delete=models.PROTECT, related_name="slots", verbose_name=_("bản")
    )
    unit = models.ForeignKey(
        "emulation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SlotStatus.choices, default=SlotStatus.PENDING
    )
    is_head_unit = models.BooleanField(_("đơn vị cụm trưởng"), default=False)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)
    decline_reason = models.TextField(_("lý do từ chối"), blank=True)
    declined_at = models.DateTimeField(_("từ chối lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("vị trí ký")
        verbose_name_plural = _("vị trí ký")
        ordering = ["version", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "unit"], name="signature_slot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.version} – {self.unit}"

    @property
    def is_signed(self) -> bool:
        return self.status == SlotStatus.SIGNED


class Signature(SignatureEvidence):
    """The evidence of one unit's signature of a pledge version (RELIABILITY.md §1.3 #4)."""

    slot = models.OneToOneField(
        SignatureSlot, on_delete=models.PROTECT, related_name="signature", verbose_name=_("vị trí")
    )
    version = models.ForeignKey(
        PledgeVersion, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("bản")
    )
    unit = models.ForeignKey(
        "emulation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="pledge_signatures",
        verbose_name=_("người ký"),
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("theo ủy quyền"),
    )

    class Meta:
        verbose_name = _("chữ ký")
        verbose_name_plural = _("chữ ký")
        ordering = ["version", "signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "unit"], name="signature_unique_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.signer_name} – {self.unit}"


class PledgeEvent(models.Model):
    """One entry of a pledge's append-only history. `row_hash` = SHA-256(previous row_hash ||
    canonical JSON of this row); `sequence` counts from 1 within the pledge."""

    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, related_name="events", verbose_name=_("giao ước")
    )
    sequence = models.PositiveIntegerField(_("số thứ tự"))
    version = models.ForeignKey(
        PledgeVersion,
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
        verbose_name=_("bản"),
    )
    kind = models.CharField(_("sự kiện"), max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("người thực hiện"),
    )
    unit = models.ForeignKey(
        "emulation.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("đơn vị"),
    )
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)
    created_at = models.DateTimeField(_("lúc (UTC)"))
    previous_hash = models.CharField(_("mã băm trước"), max_length=64)
    row_hash = models.CharField(_("mã băm"), max_length=64)

    class Meta:
        verbose_name = _("lịch sử giao ước")
        verbose_name_plural = _("lịch sử giao ước")
        ordering = ["pledge", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["pledge", "sequence"], name="pledge_event_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.pledge_id}#{self.sequence} {self.kind}"

    @property
    def edit_summary(self) -> str:
        """What a draft edit changed, in words, from the event's data."""
        if self.kind != EventKind.EDITED:
            return ""
        data = self.data or {}
        templates = {
            "title": _("tiêu đề “%(title)s”"),
            "item": _("cam kết “%(text)s”"),
            "item_removed": _("xóa cam kết “%(text)s”"),
            "activity": _("hoạt động “%(title)s”"),
            "activity_removed": _("xóa hoạt động “%(title)s”"),
        }
        template = templates.get(data.get("change"))
        if template is None:
            return ""
        return template % {"title": data.get("title", ""), "text": data.get("text", "")}
