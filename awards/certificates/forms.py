"""Forms of the certificate pages. They validate input only; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.certificates.services import CORRECTABLE


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


class CorrectionForm(forms.Form):
    """The texts of a corrected certificate (đính chính) as they must read on the new paper,
    and why; pre-filled with the texts of the version in force."""

    holder = forms.CharField(
        label=_("Tên tập thể, cá nhân được khen"),
        max_length=CORRECTABLE["holder"],
        error_messages={
            "required": _("Tên tập thể, cá nhân được khen không được để trống."),
            "max_length": _("Tên dài quá %(limit_value)d ký tự."),
        },
    )
    unit = forms.CharField(
        label=_("Đơn vị, địa chỉ (dòng dưới tên)"),
        max_length=CORRECTABLE["unit"],
        required=False,
        help_text=_("Để trống nếu giấy khen không in dòng này."),
        error_messages={"max_length": _("Đơn vị dài quá %(limit_value)d ký tự.")},
    )
    achievement = forms.CharField(
        label=_("Thành tích"),
        max_length=CORRECTABLE["achievement"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Thành tích dài quá %(limit_value)d ký tự.")},
    )
    reason = forms.CharField(
        label=_("Lý do đính chính"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ví dụ: sai chính tả họ tên so với quyết định."),
        error_messages={
            "required": _("Hãy ghi lý do đính chính."),
            "max_length": _("Lý do dài quá %(limit_value)d ký tự."),
        },
    )
