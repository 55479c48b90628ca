"""Forms of the pledge pages: sign, decline, comment, amend, verify, and the draft editor."""

from django import forms
from django.utils.translation import gettext_lazy as _

from documents import uploads
from emulation.numbers import format_number
from emulation.pledges import policy
from emulation.pledges.enums import ActivityKind


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
    file = forms.FileField(label=_("Tệp PDF"), required=False)
    code = forms.CharField(label=_("Mã xác thực"), max_length=20, required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        try:
            return uploads.receive_pdf(
                upload,
                max_bytes=policy.VERIFY_UPLOAD_MAX_BYTES,
                too_large=_("Tệp lớn hơn 10 MB; không phải văn bản giao ước."),
            )
        except uploads.UploadRefused as refused:
            raise forms.ValidationError(str(refused)) from refused

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("code") and not cleaned.get("file") and not self.errors:
            raise forms.ValidationError(_("Hãy nhập mã xác thực hoặc chọn tệp PDF."))
        return cleaned


# The draft editor ----------------------------------------------------------------------------

DATE_INPUT = ["%d/%m/%Y"]


class DraftHeaderForm(forms.Form):
    title = forms.CharField(
        label=_("Tiêu đề giao ước"),
        max_length=300,
        error_messages={"required": _("Hãy nhập tiêu đề giao ước.")},
    )
    slogan = forms.CharField(label=_("Chủ đề, khẩu hiệu"), max_length=300, required=False)


class TargetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, target) -> str:
        return _("%(code)s — %(name)s (kế hoạch: %(plan)s %(measure)s)") % {
            "code": target.code,
            "name": target.name,
            "plan": format_number(target.plan_value, empty="—", localized=True),
            "measure": target.unit_of_measure,
        }


class PledgeItemForm(forms.Form):
    """A commitment: free text, or a target of the pledge's year (its text defaults to the
    target's name)."""

    section = forms.CharField(label=_("Nhóm"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Nội dung cam kết"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    target = TargetChoiceField(
        label=_("Chỉ tiêu"),
        queryset=None,
        required=False,
        empty_label=_("— Cam kết tự do, không gắn chỉ tiêu —"),
        error_messages={
            "invalid_choice": _(
                "Chỉ tiêu không thuộc năm của giao ước hoặc không giao cho các đơn vị trong cụm."
            )
        },
    )
    sort_order = forms.IntegerField(label=_("Thứ tự"), min_value=0, required=False)

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("text") and not cleaned.get("target"):
            raise forms.ValidationError(_("Hãy nhập nội dung cam kết hoặc chọn một chỉ tiêu."))
        return cleaned


class PledgeActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hoạt động"), choices=ActivityKind.choices)
    title = forms.CharField(
        label=_("Nội dung"),
        max_length=300,
        error_messages={"required": _("Hãy nhập nội dung hoạt động.")},
    )
    date = forms.DateField(
        label=_("Ngày (dd/mm/yyyy)"),
        input_formats=DATE_INPUT,
        widget=forms.DateInput(format="%d/%m/%Y"),
        error_messages={
            "required": _("Hãy nhập ngày của hoạt động."),
            "invalid": _("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy, ví dụ 15/07/2026."),
        },
    )
    place = forms.CharField(label=_("Địa điểm, đơn vị tổ chức"), max_length=200, required=False)
