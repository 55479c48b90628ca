"""Forms of the nomination pages. They validate input only; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.enums import SubjectKind, Verdict
from awards.forms import ReasonForm
from awards.models import Award
from config import clock
from config.forms import ExplicitEmptyLabels
from emulation.models import Person, Unit


class NominationForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm thành tích"),
        min_value=2018,
        max_value=2100,
        initial=lambda: clock.today().year - 1,
    )
    title = forms.CharField(label=_("Trích yếu tờ trình"), max_length=300)
    summary = forms.CharField(label=_("Tóm tắt thành tích"), widget=forms.Textarea, required=False)


class NomineeForm(ExplicitEmptyLabels, forms.Form):
    award = forms.ModelChoiceField(label=_("Danh hiệu, hình thức"), queryset=Award.objects.all())
    subject_kind = forms.ChoiceField(label=_("Đối tượng"), choices=SubjectKind.choices)
    person = forms.ModelChoiceField(
        label=_("Cá nhân"), queryset=Person.objects.none(), required=False
    )
    subject_unit = forms.ModelChoiceField(
        label=_("Tập thể"), queryset=Unit.objects.none(), required=False
    )
    household_name = forms.CharField(label=_("Hộ gia đình"), max_length=200, required=False)
    achievement = forms.CharField(label=_("Thành tích"), widget=forms.Textarea, required=False)

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(employments__unit=unit).distinct()
        self.fields["subject_unit"].queryset = Unit.objects.filter(
            pk=unit.pk
        ) | Unit.objects.filter(parent=unit)


class OverrideForm(ReasonForm):
    verdict = forms.ChoiceField(label=_("Kết quả thẩm định"), choices=Verdict.choices)


class ObjectionForm(forms.Form):
    text = forms.CharField(label=_("Ý kiến phản ánh"), widget=forms.Textarea)


class AnswerForm(forms.Form):
    objection = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea)
