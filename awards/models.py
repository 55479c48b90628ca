"""The awards domain: the catalogue and its rule sets by date, the records the rules read,
nominations (hồ sơ đề nghị), the council's secret ballot, and decisions (quyết định).

Rule sets, coefficients and base salaries are stored with effective dates (DOMAIN §0): a 2024
dossier is judged by the 2024 rules, money by the base salary in force on the signing day.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.enums import (
    AwardCategory,
    AwardCode,
    BallotChoice,
    ClusterVoteState,
    DecidingLevel,
    DecisionStatus,
    DisciplineLevel,
    DutyRating,
    InitiativeLevel,
    NominationState,
    RatioRounding,
    RegisterSeries,
    SessionState,
    SubjectKind,
    SubmissionStatus,
    Verdict,
)
from emulation.models import Authority, Person, Unit, ValidityQuerySet


def _dates_ordered(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")), name=name
    )


class Award(models.Model):
    """A title (danh hiệu thi đua) or form of commendation (hình thức khen thưởng)."""

    code = models.CharField(_("mã"), max_length=30, unique=True, choices=AwardCode.choices)
    name = models.CharField(_("tên"), max_length=200)
    category = models.CharField(_("loại"), max_length=10, choices=AwardCategory.choices)
    for_individual = models.BooleanField(_("tặng cá nhân"), default=False)
    for_collective = models.BooleanField(_("tặng tập thể"), default=False)
    for_household = models.BooleanField(_("tặng hộ gia đình"), default=False)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def accepts(self, subject_kind: str) -> bool:
        return {
            SubjectKind.INDIVIDUAL: self.for_individual,
            SubjectKind.COLLECTIVE: self.for_collective,
            SubjectKind.HOUSEHOLD: self.for_household,
        }.get(subject_kind, False)

    def rule_set_on(self, day: datetime.date) -> "AwardRuleSet | None":
        return self.rule_sets.valid_on(day).order_by("-valid_from").first()


class AwardRuleSet(models.Model):
    """What an award requires and pays between two dates ([CFG] settings, DOMAIN §0).

    Administrators add a new version when a decree or the local quy chế changes; the version in
    force on 31/12 of the evaluation year judges the dossier.
    """

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="rule_sets", verbose_name=_("danh hiệu")
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    coefficient = models.DecimalField(
        _("hệ số tiền thưởng"), max_digits=6, decimal_places=2, help_text=_("Theo mức lương cơ sở")
    )
    collective_multiplier = models.DecimalField(
        _("hệ số cho tập thể"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(2),
        help_text=_("Tiền thưởng tập thể bằng bội số này của cá nhân (E-12)"),
    )
    deciding_level = models.CharField(
        _("cấp quyết định"), max_length=20, choices=DecidingLevel.choices
    )
    dossier_items = models.TextField(_("thành phần hồ sơ"), blank=True)
    min_months_worked = models.PositiveSmallIntegerField(
        _("số tháng công tác tối thiểu"), default=10
    )
    requires_initiative = models.BooleanField(_("bắt buộc có sáng kiến"), default=False)
    max_ratio = models.DecimalField(
        _("tỷ lệ tối đa so với số Lao động tiên tiến"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("0,15 = 15 %"),
    )
    max_ratio_rounding = models.CharField(
        _("làm tròn tỷ lệ tối đa"),
        max_length=10,
        choices=RatioRounding.choices,
        default=RatioRounding.FLOOR,
    )
    min_member_ratio = models.DecimalField(
        _("tỷ lệ thành viên Lao động tiên tiến tối thiểu"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
    )
    consecutive_years = models.PositiveSmallIntegerField(
        _("số năm liên tục đạt danh hiệu điều kiện"), default=0
    )
    requires_secret_ballot = models.BooleanField(_("bỏ phiếu kín"), default=True)
    vote_threshold = models.DecimalField(
        _("ngưỡng biểu quyết"), max_digits=5, decimal_places=4, default=Decimal("0.5")
    )
    threshold_of_all_members = models.BooleanField(
        _("tính trên tổng số thành viên Hội đồng"),
        default=False,
        help_text=_("Không đánh dấu: tính trên số thành viên có mặt"),
    )
    threshold_inclusive = models.BooleanField(
        _("đạt khi bằng ngưỡng"), default=False, help_text=_("≥ thay vì >")
    )
    public_notice_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc công khai"), default=5
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy định theo thời kỳ")
        verbose_name_plural = _("quy định theo thời kỳ")
        ordering = ["award", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["award", "valid_from"], name="award_rule_set_unique"),
            _dates_ordered("award_rule_set_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.award} ({self.valid_from:%d/%m/%Y})"


class BaseSalary(models.Model):
    """Mức lương cơ sở in force from a date (DOMAIN §5)."""

    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    amount = models.DecimalField(_("mức lương cơ sở"), max_digits=12, decimal_places=0)
    legal_basis = models.CharField(_("căn cứ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.amount} ({self.valid_from:%d/%m/%Y})"


class PersonYear(models.Model):
    """A person's year as the rules read it: the unit whose roll they are on, the duty rating
    (xếp loại chất lượng) and the months worked."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="award_years", verbose_name=_("cá nhân")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="award_roll", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    duty_rating = models.CharField(_("xếp loại"), max_length=20, choices=DutyRating.choices)
    months_worked = models.PositiveSmallIntegerField(_("số tháng công tác"), default=12)

    class Meta:
        verbose_name = _("kết quả năm của cá nhân")
        verbose_name_plural = _("kết quả năm của cá nhân")
        ordering = ["-year", "person"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="person_year_unique"),
            models.CheckConstraint(
                condition=Q(months_worked__lte=12), name="person_year_months_at_most_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.year}"


class UnitYear(models.Model):
    """A collective's own rating for the year (hoàn thành tốt nhiệm vụ và kế hoạch…)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="award_years", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    duty_rating = models.CharField(_("xếp loại"), max_length=20, choices=DutyRating.choices)

    class Meta:
        verbose_name = _("kết quả năm của tập thể")
        verbose_name_plural = _("kết quả năm của tập thể")
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="unit_year_unique")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"


class Discipline(models.Model):
    """A disciplinary measure (kỷ luật) with its level and date."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="disciplines", verbose_name=_("cá nhân")
    )
    level = models.CharField(_("hình thức"), max_length=20, choices=DisciplineLevel.choices)
    decided_on = models.DateField(_("ngày quyết định"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_level_display()}"


class Initiative(models.Model):
    """A recognised initiative (sáng kiến) or research work, with its scope of recognition."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("cá nhân")
    )
    title = models.CharField(_("tên sáng kiến"), max_length=300)
    level = models.CharField(_("cấp công nhận"), max_length=20, choices=InitiativeLevel.choices)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60)
    recognised_on = models.DateField(_("ngày công nhận"))

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-recognised_on"]

    def __str__(self) -> str:
        return self.title


class TitleHeld(models.Model):
    """An award a person or a unit already holds for a year (recorded from an earlier decision,
    or by signing a decision here). Revoked awards keep their row, marked revoked."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="titles_held",
        verbose_name=_("cá nhân"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="titles_held",
        verbose_name=_("tập thể"),
    )
    award = models.ForeignKey(Award, on_delete=models.PROTECT, verbose_name=_("danh hiệu"))
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    decision_reference = models.CharField(_("quyết định"), max_length=120, blank=True)
    decision_line = models.OneToOneField(
        "DecisionLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="title_held",
        verbose_name=_("dòng quyết định"),
    )
    revoked = models.BooleanField(_("đã hủy bỏ"), default=False)

    class Meta:
        verbose_name = _("danh hiệu đã đạt")
        verbose_name_plural = _("danh hiệu đã đạt")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="title_held_one_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit} – {self.award} {self.year}"


class Nomination(models.Model):
    """A unit's proposal (tờ trình đề nghị khen thưởng) for one evaluation year.

    `state` changes only through `awards.services.set_nomination_state`, which checks
    `NOMINATION_TRANSITIONS`, bumps `version` (compare-and-set) and writes the history.
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


class NominationEvent(models.Model):
    """History of a nomination: every state change, who, when and why."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="events", verbose_name=_("hồ sơ")
    )
    from_state = models.CharField(_("từ"), max_length=20, choices=NominationState.choices)
    to_state = models.CharField(_("sang"), max_length=20, choices=NominationState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    reason = models.TextField(_("lý do"), blank=True)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        ordering = ["nomination", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


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


class CouncilSession(models.Model):
    """A meeting of the Hội đồng Thi đua – Khen thưởng that votes on nominations."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="council_sessions",
        verbose_name=_("cơ quan"),
    )
    title = models.CharField(_("tên phiên họp"), max_length=200)
    held_on = models.DateField(_("ngày họp"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=SessionState.choices, default=SessionState.OPEN
    )
    quorum = models.DecimalField(
        _("tỷ lệ có mặt tối thiểu"), max_digits=5, decimal_places=4, default=Decimal("0.6667")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CouncilMembership",
        related_name="council_sessions",
        verbose_name=_("thành viên"),
    )

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class CouncilMembership(models.Model):
    session = models.ForeignKey(
        CouncilSession,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("phiên họp"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thành viên"),
    )
    present = models.BooleanField(_("có mặt"), default=True)

    class Meta:
        verbose_name = _("thành viên phiên họp")
        verbose_name_plural = _("thành viên phiên họp")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="council_membership_unique")
        ]

    def __str__(self) -> str:
        return str(self.user)


class BallotCast(models.Model):
    """That a member voted on a nomination — and nothing about how (bỏ phiếu kín).

    The choices go to `VoteTally` counters; no column here or there links a member to a choice.
    A written vote (phiếu gửi bằng văn bản) of an absent member is recorded the same way.
    """

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="ballots_cast", verbose_name=_("hồ sơ")
    )
    session = models.ForeignKey(
        CouncilSession,
        on_delete=models.CASCADE,
        related_name="ballots_cast",
        verbose_name=_("phiên họp"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thành viên"),
    )
    written = models.BooleanField(_("phiếu bằng văn bản"), default=False)

    class Meta:
        verbose_name = _("lượt bỏ phiếu")
        verbose_name_plural = _("lượt bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "member"], name="ballot_cast_once")
        ]

    def __str__(self) -> str:
        return str(self.member)


class VoteTally(models.Model):
    """Count of one choice for one nominee; incremented, never linked to a voter."""

    line = models.ForeignKey(
        NominationLine,
        on_delete=models.CASCADE,
        related_name="tallies",
        verbose_name=_("người được đề nghị"),
    )
    choice = models.CharField(_("lựa chọn"), max_length=10, choices=BallotChoice.choices)
    count = models.PositiveIntegerField(_("số phiếu"), default=0)

    class Meta:
        verbose_name = _("kết quả kiểm phiếu")
        verbose_name_plural = _("kết quả kiểm phiếu")
        constraints = [models.UniqueConstraint(fields=["line", "choice"], name="vote_tally_unique")]

    def __str__(self) -> str:
        return f"{self.choice}: {self.count}"


class ClusterVote(models.Model):
    """Bỏ phiếu kín of a cluster's year-end meeting on the units its final ranking proposes
    (DOMAIN §7.3 step 3, §7.4): one per scoring round, so one per cluster and round.

    Everything the vote depends on is frozen when it opens: the members who vote
    (`ClusterVoteMember`), the candidates and the award proposed for each
    (`ClusterVoteCandidate`), the head unit whose proposal it becomes, the deadline and the
    ballots needed to close after it (`quorum_ballots`), the ranking as its evidence
    (`ranking_text`). The proposal (a draft Nomination) is
    created only when the vote closes. `state` changes only in
    `awards.cluster_votes.close_cluster_vote` (open → closed, compare-and-set).
    """

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan")
    )
    cluster = models.ForeignKey(
        "emulation.Cluster",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cụm, khối thi đua"),
    )
    scoring_round = models.ForeignKey(
        "emulation.ScoringRound",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đợt chấm điểm"),
    )
    head_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị cụm trưởng")
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=ClusterVoteState.choices,
        default=ClusterVoteState.OPEN,
    )
    deadline = models.DateField(_("hạn bỏ phiếu"))
    ranking_text = models.TextField(_("kết quả xếp hạng khi mở bỏ phiếu"))
    quorum_ballots = models.PositiveSmallIntegerField(
        _("số phiếu tối thiểu để kết thúc khi đã qua hạn")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người mở"),
    )
    opened_at = models.DateTimeField(_("mở lúc"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("người kết thúc"),
    )
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    ballots_cast = models.PositiveSmallIntegerField(_("số phiếu đã bỏ"), null=True, blank=True)
    proposal = models.OneToOneField(
        Nomination,
        on_delete=models.PROTECT,
        related_name="cluster_vote",
        null=True,
        blank=True,
        verbose_name=_("hồ sơ đề nghị"),
    )

    class Meta:
        verbose_name = _("bỏ phiếu kín của cụm, khối")
        verbose_name_plural = _("bỏ phiếu kín của cụm, khối")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "scoring_round"], name="cluster_vote_once_per_round"
            ),
            models.CheckConstraint(
                condition=Q(state=ClusterVoteState.OPEN)
                | Q(closed_at__isnull=False, ballots_cast__isnull=False),
                name="cluster_vote_closed_has_result",
            ),
        ]

    def __str__(self) -> str:
        return str(self.cluster)


class ClusterVoteMember(models.Model):
    """A member unit's head who votes, fixed when the vote opens."""

    vote = models.ForeignKey(
        ClusterVote, on_delete=models.CASCADE, related_name="members", verbose_name=_("bỏ phiếu")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thành viên"),
    )

    class Meta:
        verbose_name = _("thành viên bỏ phiếu")
        verbose_name_plural = _("thành viên bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["vote", "user"], name="cluster_vote_member_once")
        ]

    def __str__(self) -> str:
        return str(self.user)


class ClusterVoteCandidate(models.Model):
    """A unit the final ranking proposes, with the award proposed for it, copied when the vote
    opens. `yes_votes` and `no_votes` stay empty until the vote closes."""

    vote = models.ForeignKey(
        ClusterVote, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("bỏ phiếu")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    award = models.ForeignKey(
        Award, on_delete=models.PROTECT, related_name="+", verbose_name=_("hình thức đề nghị")
    )
    rank = models.PositiveSmallIntegerField(_("xếp hạng"))
    total = models.DecimalField(_("tổng điểm"), max_digits=8, decimal_places=2)
    achievement = models.TextField(_("thành tích"))
    yes_votes = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    no_votes = models.PositiveSmallIntegerField(_("số phiếu không đồng ý"), null=True, blank=True)
    approved = models.BooleanField(_("được đề nghị"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị được đề xuất")
        verbose_name_plural = _("đơn vị được đề xuất")
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "unit"], name="cluster_vote_candidate_once")
        ]

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def subject_name(self) -> str:
        return self.unit.name


class ClusterBallot(models.Model):
    """That a member voted — and nothing about how (bỏ phiếu kín). No time, no order beyond
    the surrogate key: the choices go to `ClusterVoteTally` counters, never linked to this."""

    vote = models.ForeignKey(
        ClusterVote, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("bỏ phiếu")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("thành viên"),
    )

    class Meta:
        verbose_name = _("lượt bỏ phiếu của cụm")
        verbose_name_plural = _("lượt bỏ phiếu của cụm")
        constraints = [
            models.UniqueConstraint(fields=["vote", "member"], name="cluster_ballot_once")
        ]

    def __str__(self) -> str:
        return str(self.member)


class ClusterVoteTally(models.Model):
    """Count of one choice for one candidate; incremented, never linked to a voter, read only
    by the close."""

    candidate = models.ForeignKey(
        ClusterVoteCandidate,
        on_delete=models.CASCADE,
        related_name="tallies",
        verbose_name=_("đơn vị được đề xuất"),
    )
    choice = models.CharField(_("lựa chọn"), max_length=10, choices=BallotChoice.choices)
    count = models.PositiveIntegerField(_("số phiếu"), default=0)

    class Meta:
        verbose_name = _("kết quả kiểm phiếu của cụm")
        verbose_name_plural = _("kết quả kiểm phiếu của cụm")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "choice"], name="cluster_vote_tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.choice}: {self.count}"


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


class SignedPaper(models.Model):
    """What a numbered paper of the authority has: subject, the number and symbol taken from
    the register at signing (E-15), the signer and the author."""

    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    title = models.CharField(_("trích yếu"), max_length=300)
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

    @property
    def reference(self) -> str:
        """ "07/QĐ-UBND": zero-padded below 10 (Nghị định 30/2020); empty before signing."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.symbol}"


class Decision(SignedPaper):
    """A decision (quyết định khen thưởng). Drafted by staff, signed by the chairperson, who
    takes its number from the register; revocation keeps it and marks it revoked (E-18)."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="award_decisions",
        verbose_name=_("cơ quan"),
    )
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    base_salary = models.DecimalField(
        _("mức lương cơ sở áp dụng"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    revoked_on = models.DateField(_("ngày hủy bỏ"), null=True, blank=True)
    revocation_reason = models.TextField(_("lý do hủy bỏ"), blank=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="decision_number_unique",
            )
        ]

    @property
    def total(self) -> Decimal:
        return sum((line.amount or Decimal(0) for line in self.lines.all()), Decimal(0))


class DecisionLine(models.Model):
    """One awardee of a decision, with the money computed at signing."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="lines", verbose_name=_("quyết định")
    )
    nomination_line = models.OneToOneField(
        NominationLine,
        on_delete=models.PROTECT,
        related_name="decision_line",
        verbose_name=_("người được đề nghị"),
    )
    amount = models.DecimalField(
        _("tiền thưởng"), max_digits=14, decimal_places=0, null=True, blank=True
    )

    class Meta:
        verbose_name = _("dòng quyết định")
        verbose_name_plural = _("dòng quyết định")
        ordering = ["decision", "nomination_line__award__sort_order", "pk"]

    def __str__(self) -> str:
        return str(self.nomination_line)


class Submission(SignedPaper):
    """A submission (tờ trình đề nghị khen thưởng) to the superior body for the awards it
    decides. Prepared by staff from the council's approved nominees, signed by the chairperson,
    who takes its number from the register's submission series."""

    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="award_submissions",
        verbose_name=_("cơ quan"),
    )
    status = models.CharField(
        _("tình trạng"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )

    class Meta:
        verbose_name = _("tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("tờ trình đề nghị khen thưởng")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number_year", "number"],
                condition=Q(number__isnull=False),
                name="submission_number_unique",
            )
        ]


class SubmissionLine(models.Model):
    """One nominee forwarded by a submission, with the council's result as voted."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="lines", verbose_name=_("tờ trình")
    )
    nomination_line = models.OneToOneField(
        NominationLine,
        on_delete=models.PROTECT,
        related_name="submission_line",
        verbose_name=_("người được đề nghị"),
    )

    class Meta:
        verbose_name = _("dòng tờ trình")
        verbose_name_plural = _("dòng tờ trình")
        ordering = ["submission", "nomination_line__award__sort_order", "pk"]

    def __str__(self) -> str:
        return str(self.nomination_line)


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

    Whether it is valid is never stored: it follows the decision (revoked with it)."""

    decision_line = models.OneToOneField(
        DecisionLine,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("dòng quyết định"),
    )
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan")
    )
    code = models.CharField(_("mã xác thực"), max_length=12, unique=True)
    gold_book_number = models.PositiveIntegerField(_("số sổ vàng"))
    file = models.FileField(_("tệp giấy khen"), upload_to="certificates/", blank=True)
    sha256 = models.CharField(_("SHA-256 của tệp"), max_length=64, blank=True)
    issued_at = models.DateTimeField(_("in lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("giấy khen")
        verbose_name_plural = _("giấy khen")
        ordering = ["gold_book_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "gold_book_number"], name="certificate_gold_book_unique"
            )
        ]

    def __str__(self) -> str:
        return self.code


class CertificateChunk(models.Model):
    """A slice of a certificate job's lines, rendered by whichever worker process claims it
    first; the job's own process merges the slices when all are done."""

    class State(models.TextChoices):
        PENDING = "pending", _("Chờ")
        RUNNING = "running", _("Đang in")
        DONE = "done", _("Xong")

    job = models.ForeignKey(
        "documents.Job", on_delete=models.CASCADE, related_name="+", verbose_name=_("tác vụ")
    )
    index = models.PositiveIntegerField(_("thứ tự"))
    certificate_ids = models.JSONField(_("giấy khen"), default=list)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices)
    claimed_at = models.DateTimeField(_("nhận lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phần tác vụ in giấy khen")
        verbose_name_plural = _("phần tác vụ in giấy khen")
        ordering = ["job", "index"]
        constraints = [
            models.UniqueConstraint(fields=["job", "index"], name="certificate_chunk_unique")
        ]

    def __str__(self) -> str:
        return f"{self.job_id}/{self.index}"
