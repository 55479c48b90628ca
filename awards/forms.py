"""Forms shared by several awards features: a written reason, and the secret ballot of the
council and of the cluster's vote. They validate input only; the services write.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.decisions import policy
from awards.enums import BallotChoice, SignerCapacity
from emulation.pledges.forms import SignForm


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea)


class DecisionSignForm(SignForm):
    """Signing a decision (ký quyết định): the pledge's signing form (hash of what was shown,
    explicit consent, the password again) with the decision's consent statement and the
    capacity in which it is signed (printed above the signer's name)."""

    # Not sent (an older copy of the page): the chairperson signs.
    signer_capacity = forms.TypedChoiceField(
        label=_("Ký với thẩm quyền"),
        choices=SignerCapacity.choices,
        initial=SignerCapacity.CHAIR,
        required=False,
        empty_value=SignerCapacity.CHAIR,
        help_text=_("Phó Chủ tịch ký thay Chủ tịch thì chọn “KT. CHỦ TỊCH”."),
        error_messages={"invalid_choice": _("Thẩm quyền ký không hợp lệ.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = policy.CONSENT_TEXTS[policy.CONSENT_VERSION]

    def extra_fields(self):
        """The visible fields the shared signing panel shows before the consent."""
        return [self["signer_capacity"]]


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
