"""Kinds and states of the awards domain (khen thưởng). Values are readable and stable."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


class AwardCategory(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class AwardCode(models.TextChoices):
    """The catalogue's stable codes (DOMAIN §3–§4); the eligibility rules key on them."""

    LDTT = "ldtt", _("Lao động tiên tiến")
    CSTDCS = "cstdcs", _("Chiến sĩ thi đua cơ sở")
    CSTD_TINH = "cstd_tinh", _("Chiến sĩ thi đua cấp tỉnh")
    TTLDTT = "ttldtt", _("Tập thể lao động tiên tiến")
    TTLDXS = "ttldxs", _("Tập thể lao động xuất sắc")
    GIAY_KHEN = "giay_khen", _("Giấy khen")
    BANG_KHEN_TINH = "bang_khen_tinh", _("Bằng khen của Chủ tịch UBND tỉnh, thành phố")
    CO_TINH = "co_tinh", _("Cờ thi đua của tỉnh, thành phố")


class DecidingLevel(models.TextChoices):
    """Who decides (DOMAIN §4.1): the authority's chairperson, or the superior body to which
    the authority forwards the proposal."""

    AUTHORITY = "authority", _("Chủ tịch UBND cấp mình quyết định")
    SUPERIOR = "superior", _("Đề nghị cấp trên quyết định")


class RatioRounding(models.TextChoices):
    FLOOR = "floor", _("Làm tròn xuống")
    CEIL = "ceil", _("Làm tròn lên")


class DutyRating(models.TextChoices):
    """Xếp loại chất lượng hằng năm, best first; `rank` orders them."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


DUTY_RANK = {
    DutyRating.NOT_COMPLETED: 0,
    DutyRating.COMPLETED: 1,
    DutyRating.GOOD: 2,
    DutyRating.EXCELLENT: 3,
}


class DisciplineLevel(models.TextChoices):
    """Hình thức kỷ luật, lightest first (DOMAIN §3.2)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DEMOTION = "demotion", _("Hạ bậc lương, giáng chức")
    REMOVAL = "removal", _("Cách chức")
    DISMISSAL = "dismissal", _("Buộc thôi việc")


DISCIPLINE_RANK = {level: rank for rank, level in enumerate(DisciplineLevel, start=1)}


class InitiativeLevel(models.TextChoices):
    """Phạm vi công nhận sáng kiến, đề tài."""

    BASE = "base", _("Cấp cơ sở")
    PROVINCE = "province", _("Cấp tỉnh, thành phố")
    NATIONAL = "national", _("Toàn quốc")


INITIATIVE_RANK = {
    InitiativeLevel.BASE: 1,
    InitiativeLevel.PROVINCE: 2,
    InitiativeLevel.NATIONAL: 3,
}


class NominationState(models.TextChoices):
    """Trạng thái hồ sơ đề nghị khen thưởng (DOMAIN §6.2)."""

    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Chờ thẩm định")
    RETURNED = "returned", _("Bị trả lại")
    APPRAISED = "appraised", _("Đã thẩm định")
    PUBLIC_NOTICE = "public_notice", _("Đang công khai")
    IN_COUNCIL = "in_council", _("Hội đồng đang xét")
    APPROVED = "approved", _("Hội đồng thông qua")
    REJECTED = "rejected", _("Hội đồng không thông qua")
    FORWARDED = "forwarded", _("Đã trình cấp trên")
    DECIDED = "decided", _("Đã có quyết định")
    WITHDRAWN = "withdrawn", _("Đã rút")


S = NominationState
# The table of allowed moves is the nomination workflow (awards/nominations/workflow.py).
# States in which the proposing unit may still edit its dossier.
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
# States still heading to a decision: a nominee in one of them blocks a second nomination for
# the same award and year (E-10).
ACTIVE_STATES = frozenset(
    {S.SUBMITTED, S.APPRAISED, S.PUBLIC_NOTICE, S.IN_COUNCIL, S.APPROVED, S.FORWARDED, S.DECIDED}
)
# What the nominating unit sees of the council's work: one step, never the deliberation.
TIMELINE_STATES = (S.DRAFT, S.SUBMITTED, S.APPRAISED, S.PUBLIC_NOTICE, S.IN_COUNCIL, S.DECIDED)
del S


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    NOT_ELIGIBLE = "not_eligible", _("Không đủ điều kiện")


class BallotChoice(models.TextChoices):
    YES = "yes", _("Đồng ý")
    NO = "no", _("Không đồng ý")


class SessionState(models.TextChoices):
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc")


class ClusterVoteState(models.TextChoices):
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SIGNED = "signed", _("Đã ký")
    REVOKED = "revoked", _("Đã hủy bỏ")


class SubmissionStatus(models.TextChoices):
    """Tờ trình đề nghị cấp trên khen thưởng."""

    DRAFT = "draft", _("Dự thảo")
    SIGNED = "signed", _("Đã ký, đã trình")


class RegisterSeries(models.TextChoices):
    """The numbering series of an issuer's yearly register (E-15): each counts on its own."""

    DECISION = "decision", _("Quyết định")
    SUBMISSION = "submission", _("Tờ trình")


class SignerCapacity(models.TextChoices):
    """In what capacity the decision is signed (thẩm quyền ký, Nghị định 30/2020): by the
    chairperson, or by a deputy on the chairperson's behalf (ký thay, "KT.")."""

    CHAIR = "chair", _("Chủ tịch ký")
    DEPUTY = "deputy", _("Phó Chủ tịch ký thay Chủ tịch (KT. CHỦ TỊCH)")


# The lines printed above the signer's name, in capitals, for each capacity.
SIGNER_TITLE_LINES = {
    SignerCapacity.CHAIR: (_("CHỦ TỊCH"),),
    SignerCapacity.DEPUTY: (_("KT. CHỦ TỊCH"), _("PHÓ CHỦ TỊCH")),
}

# What a certificate calls itself, printed large under "TẶNG" (DOMAIN §10.2): the short
# printed form, never the award's whole name ("Giấy khen của Chủ tịch Ủy ban nhân dân").
# Titles are certified by a "Giấy chứng nhận" that names the title below.
PRINTED_FORM_NAMES = {
    AwardCode.GIAY_KHEN: _("Giấy khen"),
    AwardCode.BANG_KHEN_TINH: _("Bằng khen"),
    AwardCode.CO_TINH: _("Cờ thi đua"),
}
TITLE_CERTIFICATE_NAME = _("Giấy chứng nhận")
