from django import forms
from django.utils.translation import gettext_lazy as _

MIN_YEAR, MAX_YEAR = 2000, 2100


class YearEndReportForm(forms.Form):
    """The year of the report; the view checks that the authority has data for it."""

    year = forms.IntegerField(
        label=_("Năm báo cáo"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "required": _("Hãy nhập năm báo cáo."),
            "invalid": _("Năm báo cáo phải là một số, ví dụ 2025."),
            "min_value": _("Năm báo cáo phải từ %(limit_value)s trở đi."),
            "max_value": _("Năm báo cáo phải đến %(limit_value)s là cùng."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 6}),
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year not in self.years:
            raise forms.ValidationError(
                _(
                    "Năm %(year)s chưa có số liệu để báo cáo (chưa có chỉ tiêu, cụm khối thi "
                    "đua hay quyết định khen thưởng nào)."
                ),
                params={"year": year},
            )
        return year
