"""Forms of the council pages. They validate input only; the services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.templatetags.vn_format import vn_full_name


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Tên phiên họp"), max_length=200)
    held_on = forms.DateField(label=_("Ngày họp"))
    members = forms.ModelMultipleChoiceField(
        label=_("Thành viên Hội đồng"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        # A member is chosen by name ("Trần Gia Thông"), not by login ("hoidong").
        self.fields["members"].label_from_instance = vn_full_name
