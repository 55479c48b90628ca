"""Forms of the submission pages. They validate input only; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.forms import ReasonForm
from config import clock


class SubmissionForm(forms.Form):
    """A submission to the superior: its subject and the approved nominees it forwards."""

    year = forms.IntegerField(
        label=_("Năm thành tích"),
        min_value=2018,
        max_value=2100,
        initial=lambda: clock.today().year - 1,
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
