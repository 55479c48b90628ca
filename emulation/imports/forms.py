from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp dữ liệu (.xlsx hoặc .csv)"),
        help_text=_("Dùng tệp mẫu tải từ trang này: giữ nguyên dòng tiêu đề và các cột."),
    )
