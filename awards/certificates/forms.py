"""Forms of the certificate pages. They validate input only; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CalibrationForm(forms.Form):
    """Offsets of the pre-printed blanks, in millimetres, one decimal (e.g. "-2,5")."""

    offset_x_mm = forms.DecimalField(
        label=_("Lệch ngang (mm)"),
        help_text=_("Số dương dịch chữ sang phải, số âm sang trái; từ −30 đến 30."),
        min_value=-30,
        max_value=30,
        max_digits=4,
        decimal_places=1,
        localize=True,
        error_messages={"invalid": _("Nhập một số milimét, ví dụ 2,5 hoặc -1.")},
    )
    offset_y_mm = forms.DecimalField(
        label=_("Lệch dọc (mm)"),
        help_text=_("Số dương dịch chữ lên trên, số âm xuống dưới; từ −30 đến 30."),
        min_value=-30,
        max_value=30,
        max_digits=4,
        decimal_places=1,
        localize=True,
        error_messages={"invalid": _("Nhập một số milimét, ví dụ 2,5 hoặc -1.")},
    )
