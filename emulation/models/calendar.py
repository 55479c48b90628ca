"""The working calendar: public holidays and swapped days that change the Monday-to-Friday week.

Deadlines counted in working days (the public notice of a nomination list, for one) read it. The
solar-calendar holidays of Bộ luật Lao động 2019, Điều 112 (1/1, 30/4, 1/5, 2/9) are filled in by
a data migration; the lunar ones (Tết, Giỗ Tổ Hùng Vương), the day next to 2/9 and the swaps the
Prime Minister announces each year are entered by staff in the admin.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from emulation.enums import CalendarDayKind


class CalendarDay(models.Model):
    day = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(
        _("loại ngày"),
        max_length=20,
        choices=CalendarDayKind.choices,
        default=CalendarDayKind.DAY_OFF,
    )
    name = models.CharField(_("tên ngày"), max_length=200)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ, ngày làm bù")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.name}"
