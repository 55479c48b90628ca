"""Forms of the document core."""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from documents import uploads

DOCUMENT_COPY_LABEL = _("Tệp PDF văn bản đã ký số")


class SignedCopyForm(forms.Form):
    """An issued document (a decision, a report) signed outside the product with the signer's
    own token: a PDF of at most 10 MB, judged by its bytes. `label` names the document."""

    file = forms.FileField(
        help_text=_(
            "Tệp đã tải về từ hệ thống rồi ký bằng thiết bị ký số (USB token) của người ký."
        ),
        error_messages={"required": _("Hãy chọn tệp PDF đã ký số.")},
    )

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = label or DOCUMENT_COPY_LABEL

    def clean_file(self):
        try:
            return uploads.receive_pdf(
                self.cleaned_data["file"],
                max_bytes=uploads.MAX_EVIDENCE_BYTES,
                too_large=_("Tệp lớn hơn 10 MB; không phải văn bản đã ban hành."),
            )
        except uploads.UploadRefused as refused:
            raise forms.ValidationError(str(refused)) from refused

    def flash_errors(self, request) -> None:
        """Each reason the upload was refused, as a message on the page it returns to."""
        for errors in self.errors.values():
            for error in errors:
                messages.error(request, error)
