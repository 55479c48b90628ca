"""Vietnamese names for the sign-in lockout tables of django-axes in the admin site.

django-axes ships no Vietnamese catalogue, so its app, tables and columns would show in English
("Access attempts", "Attempt Time") on an otherwise Vietnamese admin site. Its models are not
ours to edit: at start-up the names are set on their `_meta`, as our own models declare them,
with English in our catalogue like every other string.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

APP_NAME = _("Khóa đăng nhập")

# Vietnamese has no plural ("0 lần đăng nhập sai", not "0 các lần …"); English has, so the
# plural is the same word in its own context.
MODEL_NAMES = {
    "AccessAttempt": (_("lần đăng nhập sai"), pgettext_lazy("số nhiều", "lần đăng nhập sai")),
    "AccessFailureLog": (
        _("nhật ký đăng nhập sai"),
        pgettext_lazy("số nhiều", "nhật ký đăng nhập sai"),
    ),
    "AccessLog": (_("nhật ký truy cập"), pgettext_lazy("số nhiều", "nhật ký truy cập")),
    "AccessAttemptExpiration": (
        _("hạn khóa đăng nhập"),
        pgettext_lazy("số nhiều", "hạn khóa đăng nhập"),
    ),
}

FIELD_NAMES = {
    "user_agent": _("trình duyệt"),
    "ip_address": _("địa chỉ IP"),
    "username": _("tên đăng nhập"),
    "http_accept": _("HTTP Accept"),
    "path_info": _("đường dẫn"),
    "attempt_time": _("thời điểm"),
    "locked_out": _("bị khóa"),
    "get_data": _("dữ liệu GET"),
    "post_data": _("dữ liệu POST"),
    "failures_since_start": _("số lần sai"),
    "logout_time": _("thời điểm đăng xuất"),
    "session_hash": _("mã băm phiên (SHA-256)"),
    "access_attempt": _("lần đăng nhập sai"),
    "expires_at": _("hết hạn lúc"),
}


def name_lockout_tables() -> None:
    """Give django-axes' app, models and fields their Vietnamese names (idempotent)."""
    if not apps.is_installed("axes"):
        return
    config = apps.get_app_config("axes")
    config.verbose_name = APP_NAME
    for model in config.get_models():
        names = MODEL_NAMES.get(model.__name__)
        if names:
            model._meta.verbose_name, model._meta.verbose_name_plural = names
        for field in model._meta.get_fields():
            if field.name in FIELD_NAMES:
                field.verbose_name = FIELD_NAMES[field.name]
    # Imported here: axes' admin module registers its tables when it is imported.
    from axes.admin import IsLockedOutFilter

    IsLockedOutFilter.title = _("bị khóa")
