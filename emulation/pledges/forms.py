"""Forms of the pledge pages: sign, decline, comment, amend, verify."""

from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.pledges import policy


class SignForm(forms.Form):
    """Signing (ký giao ước): the hash of the PDF shown, explicit consent, password again."""

    document_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    consent_version = forms.CharField(widget=forms.HiddenInput, max_length=20)
    consent = forms.BooleanField(
        label=policy.CONSENT_TEXTS[policy.CONSENT_VERSION],
        error_messages={"required": _("Hãy đánh dấu đồng ý trước khi ký.")},
    )
    password = forms.CharField(
        label=_("Nhập lại mật khẩu để xác nhận"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        required=False,
        strip=False,
    )


class CreatePledgeForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề giao ước"), max_length=300)
    deadline = forms.DateField(label=_("Hạn ký"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Góp ý"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Mã xác thực"), max_length=20, required=False)
    file = forms.FileField(label=_("Tệp PDF"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > policy.VERIFY_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB; không phải văn bản giao ước."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("code") and not cleaned.get("file") and not self.errors:
            raise forms.ValidationError(_("Hãy nhập mã xác thực hoặc chọn tệp PDF."))
        return cleaned
