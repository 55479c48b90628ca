"""Forms of movements, registrations and exemplary stories. They check shapes only; the
services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import ExplicitEmptyLabels
from emulation.models import Person, Unit
from emulation.models.movements import Exemplary, Movement
from emulation.movements.catalogue import registrable_titles
from emulation.movements.enums import MilestoneKind

DATE_HELP = _("Ngày/tháng/năm, ví dụ 15/01/2026")


class MovementForm(ExplicitEmptyLabels, forms.ModelForm):
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị tham gia"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Movement
        fields = [
            "kind",
            "name",
            "launched_by",
            "launch_date",
            "period_start",
            "period_end",
            "goals",
        ]
        widgets = {"goals": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        for name in ("launch_date", "period_start", "period_end"):
            self.fields[name].help_text = DATE_HELP
        if self.instance.pk:
            self.initial["units"] = list(self.instance.units.values_list("pk", flat=True))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Tên văn bản"), max_length=300)
    file = forms.FileField(
        label=_("Tệp"), help_text=_("PDF, ảnh JPG/PNG, DOCX hoặc XLSX, tối đa 10 MB")
    )


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=MilestoneKind.choices)
    due_date = forms.DateField(label=_("Ngày tổ chức"), help_text=DATE_HELP)


class MilestoneReportForm(forms.Form):
    report = forms.CharField(label=_("Báo cáo"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(label=_("Tệp báo cáo (không bắt buộc)"), required=False)


class RoundForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    deadline = forms.DateField(label=_("Hạn đăng ký"), help_text=DATE_HELP)
    requires_registration = forms.BooleanField(
        label=_("Bắt buộc đăng ký khi xét danh hiệu thi đua"), required=False
    )


class RegistrationLineForm(forms.Form):
    title_code = forms.ChoiceField(label=_("Danh hiệu đăng ký"))
    person = forms.ModelChoiceField(
        label=_("Cá nhân"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— Tập thể đơn vị —"),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_code"].choices = [(t.code, t.name) for t in registrable_titles()]
        self.fields["person"].queryset = people


class ExemplaryForm(ExplicitEmptyLabels, forms.ModelForm):
    empty_labels = {"movement": _("— Không thuộc phong trào nào —")}

    class Meta:
        model = Exemplary
        fields = [
            "kind",
            "unit",
            "person",
            "title",
            "field",
            "story",
            "period_start",
            "period_end",
            "movement",
        ]
        widgets = {"story": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, units, people, movements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = people
        self.fields["movement"].queryset = movements
        for name in ("period_start", "period_end"):
            self.fields[name].help_text = DATE_HELP

    def _post_clean(self):
        # The services check the subject and the period with their Vietnamese messages.
        pass


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Ảnh"), help_text=_("JPG, PNG hoặc WebP, tối đa 5 MB"))
    caption = forms.CharField(label=_("Chú thích"), max_length=300, required=False)
