"""Nominations (hồ sơ đề nghị khen thưởng): the dossier, its nominees, its evidence files
(minh chứng), its history and the objections received during its public notice (ý kiến phản ánh).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import NominationState, SubjectKind, Verdict
from awards.models.catalogue import Award
from documents.uploads import storage_name, stored_kind
from emulation.enums import choice_label
from emulation.models import Authority, Person, Unit
from emulation.models.history import StateEvent


class Nomination(models.Model):
    """A unit's proposal (tờ trình đề nghị khen thưởng) for one evaluation year.

    `state` changes only through `awards.nominations.services.set_nomination_state`, which
    applies `NOMINATION_WORKFLOW` (the table of moves, a compare-and-set on state and `version`,
    the history).
    """

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("cơ quan")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("đơn vị đề nghị")
    )
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    title = models.CharField(_("trích yếu"), max_length=300)
    summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    state = models.CharField(
        _("trạng thái"),
        max_length=20,
        choices=NominationState.choices,
        default=NominationState.DRAFT,
    )
    version = models.PositiveIntegerField(_("phiên bản"), default=0)
    verdict = models.CharField(
        _("kết quả thẩm định"), max_length=20, choices=Verdict.choices, blank=True
    )
    verdict_overridden = models.BooleanField(_("thẩm định điều chỉnh"), default=False)
    override_reason = models.TextField(_("lý do điều chỉnh"), blank=True)
    notice_until = models.DateField(_("công khai đến ngày"), null=True, blank=True)
    superior_decision_number = models.CharField(
        _("số quyết định của cấp trên"), max_length=60, blank=True
    )
    superior_decision_date = models.DateField(
        _("ngày quyết định của cấp trên"), null=True, blank=True
    )
    council_session = models.ForeignKey(
        "CouncilSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("phiên họp Hội đồng"),
    )
    # The exemplary story (điển hình tiên tiến) the proposal was made from, if any.
    exemplary = models.ForeignKey(
        "emulation.Exemplary",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("từ điển hình"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người lập"),
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-year", "-created_at"]
        indexes = [models.Index(fields=["authority", "state"], name="nomination_authority_state")]

    def __str__(self) -> str:
        return self.title

    def get_state_display(self) -> str:
        # Django's own translates every state's label on each call; a list shows one per row.
        return choice_label(NominationState, self.state)


class NominationLine(models.Model):
    """One nominee of a nomination: an individual, a collective or a household for one award,
    with the eligibility result computed at appraisal and the council's tally."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="lines", verbose_name=_("hồ sơ")
    )
    award = models.ForeignKey(Award, on_delete=models.PROTECT, verbose_name=_("danh hiệu"))
    subject_kind = models.CharField(_("đối tượng"), max_length=20, choices=SubjectKind.choices)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("cá nhân")
    )
    subject_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tập thể"),
    )
    household_name = models.CharField(_("hộ gia đình"), max_length=200, blank=True)
    achievement = models.TextField(_("thành tích"), blank=True)
    eligible = models.BooleanField(_("đủ điều kiện"), null=True)
    failures = models.JSONField(_("điều kiện không đạt"), default=list, blank=True)
    yes_votes = models.PositiveIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    members_total = models.PositiveIntegerField(_("tổng số thành viên"), null=True, blank=True)
    members_present = models.PositiveIntegerField(_("số thành viên có mặt"), null=True, blank=True)
    yes_of_total = models.DecimalField(
        _("tỷ lệ đồng ý / tổng số"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    yes_of_present = models.DecimalField(
        _("tỷ lệ đồng ý / có mặt"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    approved = models.BooleanField(_("được thông qua"), null=True)
    # A line received from a subordinate authority's signed submission (tờ trình): the
    # superior's own nomination of that nominee, whose outcome flows back to it.
    forwarded_from = models.OneToOneField(
        "awards.SubmissionLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_as",
        verbose_name=_("dòng tờ trình của cấp dưới"),
    )

    class Meta:
        verbose_name = _("người, tập thể được đề nghị")
        verbose_name_plural = _("người, tập thể được đề nghị")
        ordering = ["nomination", "award__sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_kind=SubjectKind.INDIVIDUAL, person__isnull=False)
                | Q(subject_kind=SubjectKind.COLLECTIVE, subject_unit__isnull=False)
                | (Q(subject_kind=SubjectKind.HOUSEHOLD) & ~Q(household_name="")),
                name="nomination_line_subject_given",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.award}"

    @property
    def subject_name(self) -> str:
        if self.subject_kind == SubjectKind.INDIVIDUAL:
            return self.person.full_name
        if self.subject_kind == SubjectKind.COLLECTIVE:
            return self.subject_unit.name
        return self.household_name


def attachment_path(attachment: "NominationAttachment", filename: str) -> str:
    today = datetime.date.today()
    return storage_name(f"nominations/{today:%Y/%m}/{attachment.nomination_id}", filename)


class NominationAttachment(models.Model):
    """An evidence file of a nomination (tệp minh chứng): for the whole dossier, or for one
    nominee when `line` is set. Received through `documents.uploads.receive_evidence` (the
    kind decided from the bytes, images re-encoded) and kept with its SHA-256, so what the
    council opens is what the unit sent. Added and removed only while the unit may edit the
    nomination (`awards.nominations.attachments`)."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("hồ sơ")
    )
    line = models.ForeignKey(
        NominationLine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("minh chứng của"),
    )
    title = models.CharField(_("tên tài liệu"), max_length=200)
    file = models.FileField(_("tệp"), upload_to=attachment_path)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp minh chứng của hồ sơ")
        verbose_name_plural = _("tệp minh chứng của hồ sơ")
        ordering = ["nomination", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        """ "PDF", "DOCX"… as decided from the bytes when the file was received."""
        kind = stored_kind(self.file)
        return kind.label if kind else ""


class NominationEvent(StateEvent):
    """History of a nomination: every state change, who, when and why."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="events", verbose_name=_("hồ sơ")
    )
    from_state = models.CharField(_("từ"), max_length=20, choices=NominationState.choices)
    to_state = models.CharField(_("sang"), max_length=20, choices=NominationState.choices)

    class Meta:
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        ordering = ["nomination", "at", "pk"]

    # One label translated, not every state's: the history lists one event per row.
    def get_from_state_display(self) -> str:
        return choice_label(NominationState, self.from_state)

    def get_to_state_display(self) -> str:
        return choice_label(NominationState, self.to_state)


class Objection(models.Model):
    """An objection received during the public notice (ý kiến phản ánh) and its answer."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="objections", verbose_name=_("hồ sơ")
    )
    text = models.TextField(_("nội dung"))
    answer = models.TextField(_("trả lời"), blank=True)
    received_on = models.DateField(_("ngày nhận"))

    class Meta:
        verbose_name = _("ý kiến phản ánh")
        verbose_name_plural = _("ý kiến phản ánh")

    def __str__(self) -> str:
        return self.text[:60]
