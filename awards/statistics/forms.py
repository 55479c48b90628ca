"""The period of a statistical form: the report year and the day its figures are taken on."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.statistics.figures import Period
from config import clock

MIN_YEAR = 2000
DAY_FORMAT = "%d/%m/%Y"


class PeriodForm(forms.Form):
    """Year between 2000 and this year; the day within that year and not after today (empty:
    today, or 31/12 of a past year)."""

    year = forms.IntegerField(
        label=_("Năm báo cáo"),
        error_messages={
            "required": _("Hãy nhập năm báo cáo."),
            "invalid": _("Năm báo cáo phải là một số, ví dụ 2025."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 6}),
    )
    day = forms.DateField(
        label=_("Số liệu tính đến ngày (dd/mm/yyyy)"),
        required=False,
        input_formats=[DAY_FORMAT],
        widget=forms.DateInput(format=DAY_FORMAT, attrs={"size": 10}),
        error_messages={
            "invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy, ví dụ 15/12/2025."),
        },
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        this_year = clock.today().year
        if not MIN_YEAR <= year <= this_year:
            raise forms.ValidationError(
                _("Năm báo cáo phải từ %(first)s đến %(last)s."),
                params={"first": MIN_YEAR, "last": this_year},
            )
        return year

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if year is None or self.has_error("day"):
            return cleaned
        today = clock.today()
        day = cleaned.get("day") or min(today, datetime.date(year, 12, 31))
        if day.year != year:
            self.add_error(
                "day",
                _("Ngày lấy số liệu phải thuộc năm báo cáo %(year)s (01/01 đến 31/12).")
                % {"year": year},
            )
        elif day > today:
            self.add_error(
                "day",
                _("Ngày lấy số liệu không được sau hôm nay (%(today)s).")
                % {"today": today.strftime(DAY_FORMAT)},
            )
        else:
            cleaned["day"] = day
        return cleaned

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["year"], self.cleaned_data["day"])


def period_form(data) -> PeriodForm:
    """The form bound to the query string; with no year given, this year up to today."""
    if not data.get("year"):
        today = clock.today()
        data = {"year": str(today.year), "day": today.strftime(DAY_FORMAT)}
    return PeriodForm(data)
