"""The product's one public address (PUBLIC_BASE_URL): the scheme, host and port that people
reach it at, put before every path printed in a document or held by its QR code (certificates,
pledges, decisions). A phone scanning a printed paper, or a person typing its link, must land
on the product, so the printed link is always a full address.

Production must name it: the system check below refuses to start a server whose DEBUG is False
without it, and `public_url` refuses to print a relative link when the check was skipped (a
worker process runs no checks). `make run` sets it to its own address.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

SETTING = "PUBLIC_BASE_URL"
# The printed pages' addresses, reversed without loading every view (config/printed_urls.py).
PRINTED_URLCONF = "config.printed_urls"


def base_url_problem(value: str) -> str:
    """Why `value` cannot be the public address, in English and Vietnamese ("" when it can)."""
    if not value:
        return (
            f"Chưa đặt {SETTING}: địa chỉ công khai in trong mã QR và đường dẫn xác thực. "
            f"{SETTING} is not set: the public address printed in QR codes and links."
        )
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (
            f"{SETTING} phải là địa chỉ đầy đủ, ví dụ https://thidua.example.gov.vn "
            f"(đang là “{value}”). {SETTING} must be a full http(s) address."
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        return (
            f"{SETTING} chỉ gồm giao thức, tên máy và cổng, không có đường dẫn "
            f"(đang là “{value}”). {SETTING} holds scheme, host and port only, no path."
        )
    return ""


def public_base_url() -> str:
    """The configured address without its trailing slash, e.g. "https://thidua.example.gov.vn".

    Raises ImproperlyConfigured when it is missing or not a full address: a document must
    not be printed with a link nobody can open."""
    value = str(getattr(settings, SETTING, "") or "").strip().rstrip("/")
    problem = base_url_problem(value)
    if problem:
        raise ImproperlyConfigured(problem)
    return value


def public_url(path: str) -> str:
    """The full address of `path` (as `reverse()` gives it, starting with "/")."""
    return public_base_url() + path


def printed_url(viewname: str, *, args: tuple = (), query: str = "") -> str:
    """The full address printed in a document for the public page `viewname` (one of
    config/printed_urls.py), with `args` in its path and `query` ("?…") after it."""
    return public_url(reverse(viewname, urlconf=PRINTED_URLCONF, args=args) + query)


@checks.register(checks.Tags.compatibility, deploy=False)
def check_public_base_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Error when the address is malformed, or missing while DEBUG is False."""
    value = str(getattr(settings, SETTING, "") or "").strip().rstrip("/")
    if not value and settings.DEBUG:
        return []
    problem = base_url_problem(value)
    if not problem:
        return []
    return [
        checks.Error(
            problem,
            hint=(
                f"Đặt biến môi trường {SETTING}, ví dụ {SETTING}=https://thidua.example.gov.vn. "
                f"Set the environment variable {SETTING}."
            ),
            id="config.E001",
        )
    ]
