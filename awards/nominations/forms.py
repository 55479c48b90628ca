"""Forms of the nomination pages. They validate input only; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.enums import SubjectKind, Verdict
from awards.forms import ReasonForm
from awards.models import Award, NominationLine
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


class AttachmentForm(forms.Form):
    title = forms.CharField(
        label=_("Tên tài liệu"),
        max_length=200,
        help_text=_("Ví dụ: Quyết định công nhận sáng kiến, Báo cáo thành tích có xác nhận"),
    )
    line = forms.ModelChoiceField(
        label=_("Minh chứng của"),
        queryset=NominationLine.objects.none(),
        required=False,
        empty_label=_("Cả hồ sơ"),
    )
    file = forms.FileField(
        label=_("Tệp"),
        help_text=_("PDF, ảnh JPG/PNG, DOCX hoặc XLSX, tối đa 10 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx"}),
    )

    def __init__(self, *args, nomination, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = nomination.lines.select_related("person", "subject_unit")
        self.fields["line"].label_from_instance = lambda line: line.subject_name
