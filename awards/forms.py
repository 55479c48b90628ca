"""Forms of the awards pages. They validate input only; the services write."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.enums import BallotChoice, SubjectKind, Verdict
from awards.models import Award
from emulation.models import Person, Unit


class NominationForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm thành tích"),
        min_value=2018,
        max_value=2100,
        initial=lambda: datetime.date.today().year - 1,
    )
    title = forms.CharField(label=_("Trích yếu tờ trình"), max_length=300)
    summary = forms.CharField(label=_("Tóm tắt thành tích"), widget=forms.Textarea, required=False)


class NomineeForm(forms.Form):
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


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea)


class OverrideForm(ReasonForm):
    verdict = forms.ChoiceField(label=_("Kết quả thẩm định"), choices=Verdict.choices)


class BallotForm(forms.Form):
    """One yes/no per nominee; field names are `line_<id>`."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        for line in lines:
            self.fields[f"line_{line.pk}"] = forms.ChoiceField(
                label=f"{line.subject_name} – {line.award.name}",
                choices=BallotChoice.choices,
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict[int, str]:
        return {int(name.removeprefix("line_")): value for name, value in self.cleaned_data.items()}


class ClusterVoteOpenForm(forms.Form):
    """The deadline of a cluster vote; empty: settings.CLUSTER_VOTE_DAYS from today."""

    deadline = forms.DateField(
        label=_("Hạn bỏ phiếu"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Tên phiên họp"), max_length=200)
    held_on = forms.DateField(label=_("Ngày họp"))
    members = forms.ModelMultipleChoiceField(
        label=_("Thành viên Hội đồng"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members


class ObjectionForm(forms.Form):
    text = forms.CharField(label=_("Ý kiến phản ánh"), widget=forms.Textarea)


class AnswerForm(forms.Form):
    objection = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Trả lời"), widget=forms.Textarea)


class SubmissionForm(forms.Form):
    """A submission to the superior: its subject and the approved nominees it forwards."""

    year = forms.IntegerField(
        label=_("Năm thành tích"),
        min_value=2018,
        max_value=2100,
        initial=lambda: datetime.date.today().year - 1,
    )
    title = forms.CharField(
        label=_("Trích yếu tờ trình"),
        max_length=300,
        initial=_("Tờ trình đề nghị khen thưởng"),
    )
    lines = forms.TypedMultipleChoiceField(
        label=_("Người, tập thể đề nghị cấp trên khen thưởng"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Cần chọn ít nhất một người, tập thể.")},
    )

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [
            (line.pk, f"{line.subject_name} – {line.award.name} ({line.nomination.unit.name})")
            for line in lines
        ]


class SuperiorDecisionForm(forms.Form):
    nomination = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label=_("Số quyết định của cấp trên"), max_length=60)
    day = forms.DateField(
        label=_("Ngày quyết định"),
        help_text=_("Dạng dd/mm/yyyy"),
        error_messages={"invalid": _("Ngày quyết định phải có dạng dd/mm/yyyy.")},
    )


class SuperiorRefusalForm(ReasonForm):
    nomination = forms.IntegerField(widget=forms.HiddenInput)


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
