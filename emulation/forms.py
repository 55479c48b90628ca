"""Forms of the emulation pages: sign-in, the unit directory's filter and its print request."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from emulation.enums import UnitKind

# One message whatever went wrong, so that the form never tells whether a user name exists.
INVALID_LOGIN = _("Tên đăng nhập hoặc mật khẩu không đúng.")
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class SignInForm(AuthenticationForm):
    error_messages = {"invalid_login": INVALID_LOGIN, "inactive": INVALID_LOGIN}

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.label = _("Tên đăng nhập")
        username.widget.attrs.update(
            {
                "autocomplete": "username",
                "autocapitalize": "none",
                "autocorrect": "off",
                "spellcheck": "false",
            }
        )
        password = self.fields["password"]
        password.label = _("Mật khẩu")
        password.widget.attrs.update({"autocomplete": "current-password"})
        if self.is_bound and self.non_field_errors():
            # A wrong username or password is one form-wide error: tie both inputs to it for
            # screen readers. An empty input has an error of its own, which Django ties to it
            # ({auto_id}_error, templates/partials/field.html).
            for field in (username, password):
                field.widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": "sign-in-error"}
                )


class UnitDirectoryFilterForm(forms.Form):
    """The GET form above the unit directory. An unknown kind is ignored, not an error page."""

    q = forms.CharField(
        label=_("Tìm theo tên hoặc mã"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Loại đơn vị"),
        required=False,
        choices=[("", _("Tất cả các loại")), *UnitKind.choices],
    )

    def filters(self) -> dict[str, str]:
        """Keyword arguments for `unit_directory`: the valid filters, blank when invalid."""
        if not self.is_valid():
            return {"search": "", "kind": ""}
        return {"search": self.cleaned_data["q"].strip(), "kind": self.cleaned_data["kind"]}


class DirectoryPrintForm(forms.Form):
    day = forms.DateField(
        label=_("Danh sách tại ngày"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_("Ngày/tháng/năm, ví dụ 05/02/2026. Để trống: hôm nay."),
        error_messages={
            "invalid": _("Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 05/02/2026.")
        },
        widget=forms.DateInput(
            format="%d/%m/%Y",
            attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10},
        ),
    )
