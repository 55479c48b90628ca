"""Kinds and roles of the emulation domain (thi đua). Values are readable and stable."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The translated label of `value`, or `value` itself when it is not one of `choices`:
    what Model.get_FOO_display() answers, without rebuilding and hashing every lazy label of
    the field on each call (a list page shows one per row, the header one per page)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class AuthorityLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố trực thuộc trung ương")
    DISTRICT = "district", _("Quận, huyện, thị xã, thành phố thuộc tỉnh")
    WARD = "ward", _("Phường")
    COMMUNE = "commune", _("Xã")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    OTHER = "other", pgettext_lazy("authority level", "Khác")


class UnitKind(models.TextChoices):
    WARD = "ward", _("Phường, xã")
    SPECIALIST_OFFICE = "specialist_office", _("Cơ quan chuyên môn")
    PARTY_MASS = "party_mass", _("Khối Đảng, Mặt trận và đoàn thể")
    SCHOOL = "school", _("Trường học")
    HEALTH = "health", _("Cơ sở y tế")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    RESIDENTIAL = "residential", _("Khu phố, tổ dân phố")
    OTHER = "other", pgettext_lazy("unit kind", "Khác")


class Role(models.TextChoices):
    AUTHORITY_STAFF = "authority_staff", _("Cán bộ thi đua")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    UNIT_CLERK = "unit_clerk", _("Cán bộ đơn vị")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng")
    CHAIRPERSON = "chairperson", _("Chủ tịch")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


# Roles whose work spans every unit of the authority; the others see their own unit only.
AUTHORITY_WIDE_ROLES = frozenset(
    {Role.AUTHORITY_STAFF, Role.COUNCIL_MEMBER, Role.CHAIRPERSON, Role.ADMINISTRATOR}
)
UNIT_ROLES = frozenset({Role.UNIT_HEAD, Role.UNIT_CLERK})


class Gender(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")


class StaffCategory(models.TextChoices):
    """Categories used by the eligibility rules and the statistical forms (TT 02/2023)."""

    OFFICIAL = "official", _("Cán bộ")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PUBLIC_EMPLOYEE = "public_employee", _("Viên chức")
    WORKER = "worker", _("Người lao động")
    PART_TIME = "part_time", _("Người hoạt động không chuyên trách")


class CalendarDayKind(models.TextChoices):
    """Exceptions to the Monday-to-Friday working week (Bộ luật Lao động 2019, Điều 112)."""

    DAY_OFF = "day_off", _("Ngày nghỉ (lễ, Tết, nghỉ bù)")
    WORKING_WEEKEND = "working_weekend", _("Ngày làm việc bù (thứ Bảy, Chủ nhật)")


class SignerCapacity(models.TextChoices):
    """In what capacity a paper of the authority is signed (thẩm quyền ký, Nghị định 30/2020):
    by the chairperson, or by a deputy on the chairperson's behalf (ký thay, "KT."). Decisions
    and the year-end report use it."""

    CHAIR = "chair", _("Chủ tịch ký")
    DEPUTY = "deputy", _("Phó Chủ tịch ký thay Chủ tịch (KT. CHỦ TỊCH)")


# The lines printed above the signer's name, in capitals, for each capacity.
SIGNER_TITLE_LINES = {
    SignerCapacity.CHAIR: (_("CHỦ TỊCH"),),
    SignerCapacity.DEPUTY: (_("KT. CHỦ TỊCH"), _("PHÓ CHỦ TỊCH")),
}
