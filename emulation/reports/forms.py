from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.enums import SignerCapacity
from emulation.numbers import format_number
from emulation.pledges.forms import SignForm
from emulation.reports import policy
from emulation.reports.narrative import FIELDS, RECIPIENTS, SECTIONS

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


MAX_SECTION_LENGTH = 20_000


class ReportTextsForm(forms.Form):
    """The sections staff write (one textarea each, the product's draft as the starting
    text), the "Nơi nhận" lines, and the version the editor started from."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={
            "required": _("Trang đã cũ. Hãy tải lại trang rồi sửa tiếp."),
            "invalid": _("Trang đã cũ. Hãy tải lại trang rồi sửa tiếp."),
            "min_value": _("Trang đã cũ. Hãy tải lại trang rồi sửa tiếp."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            self.fields[section.field] = self._text_field(section.label, section.hint, rows=6)
        self.fields[RECIPIENTS] = self._text_field(
            _("Nơi nhận"), _("Mỗi nơi nhận một dòng; dòng cuối “- Lưu: VT.”."), rows=5
        )

    @staticmethod
    def _text_field(label, hint, *, rows: int) -> forms.CharField:
        return forms.CharField(
            label=label,
            help_text=hint,
            max_length=MAX_SECTION_LENGTH,
            widget=forms.Textarea(attrs={"rows": rows}),
            error_messages={
                "required": _("Hãy viết phần “%(label)s”.") % {"label": label},
                "max_length": _(
                    "Phần “%(label)s” dài quá %(limit)s ký tự (hiện có %%(show_value)s ký tự)."
                )
                % {"label": label, "limit": format_number(MAX_SECTION_LENGTH)},
            },
        )

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in (*FIELDS, RECIPIENTS)}


class ReportSignForm(SignForm):
    """Signing the report (ký ban hành): in whose name, then the signing form every signature
    shares (hash of what was shown, explicit consent, the password again)."""

    capacity = forms.ChoiceField(
        label=_("Ký với tư cách"),
        choices=SignerCapacity.choices,
        initial=SignerCapacity.CHAIR,
        error_messages={
            "required": _("Hãy chọn ký với tư cách Chủ tịch hay Phó Chủ tịch."),
            "invalid_choice": _("Hãy chọn ký với tư cách Chủ tịch hay Phó Chủ tịch."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = policy.CONSENT_TEXTS[policy.CONSENT_VERSION]

    def extra_fields(self) -> list:
        """The visible fields the shared signing panel shows before the consent."""
        return [self["capacity"]]
