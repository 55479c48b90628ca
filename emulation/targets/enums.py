"""Kinds of the targets feature (chỉ tiêu). Values are readable and stable: they are stored and
they appear in the Excel template."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TargetGroup(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế")
    URBAN = "urban", _("Đô thị, tài nguyên, môi trường")
    CULTURE_SOCIETY = "culture_society", _("Văn hóa – xã hội")
    PARTY = "party", _("Xây dựng Đảng và hệ thống chính trị")
    DEFENCE_SECURITY = "defence_security", _("Quốc phòng – an ninh")
    ADMIN_REFORM = "admin_reform", _("Cải cách hành chính")
    OTHER = "other", pgettext_lazy("target group", "Khác")


class Direction(models.TextChoices):
    """How an actual value is judged against the plan (DOMAIN §8)."""

    HIGHER_BETTER = "higher_better", _("Càng cao càng tốt")
    LOWER_BETTER = "lower_better", _("Càng thấp càng tốt")
    REDUCE_BY_PCT = "reduce_by_pct", _("Giảm X % so với mức gốc")
    BOOLEAN = "boolean", _("Hoàn thành / không hoàn thành")
    RANGE = "range", _("Giữ trong khoảng")


class Status(models.TextChoices):
    EXCEEDED = "exceeded", _("Vượt")
    MET = "met", _("Đạt")
    NOT_MET = "not_met", _("Không đạt")
    NO_DATA = "no_data", _("Chưa có số liệu")


class PeriodKind(models.TextChoices):
    """Reporting periods of a year. The order of the members is the order of the year."""

    Q1 = "q1", _("Quý I")
    Q2 = "q2", _("Quý II")
    H1 = "h1", _("6 tháng")
    Q3 = "q3", _("Quý III")
    M9 = "m9", _("9 tháng")
    Q4 = "q4", _("Quý IV")
    YEAR = "year", _("Cả năm")


PERIOD_ORDER = {kind.value: index for index, kind in enumerate(PeriodKind)}


class ValueKind(models.TextChoices):
    """An estimate (ước thực hiện) is given at the year-end review; the official figure later."""

    ESTIMATE = "estimate", _("Ước thực hiện")
    OFFICIAL = "official", _("Chính thức")


class PeriodState(models.TextChoices):
    OPEN = "open", _("Đang mở")
    CLOSED = "closed", _("Đã khóa")


class PeriodAction(models.TextChoices):
    CLOSED = "closed", _("Khóa kỳ")
    REOPENED = "reopened", _("Mở lại kỳ")


class ChangeSource(models.TextChoices):
    GRID = "grid", _("Nhập trên lưới")
    IMPORT = "import", _("Nhập từ Excel")


class ImportState(models.TextChoices):
    PREVIEWED = "previewed", _("Đã xem trước")
    QUEUED = "queued", _("Đang ghi trong nền")
    COMMITTED = "committed", _("Đã ghi")
    FAILED = "failed", _("Không ghi được")


# The background document that writes a large imported file (emulation/targets/documents.py).
IMPORT_DOCUMENT_KIND = "targets_import"
