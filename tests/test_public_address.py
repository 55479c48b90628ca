"""The one public address (PUBLIC_BASE_URL): required when DEBUG is off, a full http(s)
address with no path, set by `make run` to its own address and by docker compose from .env."""

import os
import subprocess
import sys

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, reverse

from config import printed_urls
from config.public_address import check_public_base_url, printed_url, public_url
from tests.test_config import PRODUCTION_ENV, ROOT, run_manage


@pytest.mark.parametrize(
    ("debug", "value", "errors"),
    [
        (False, "", 1),
        (False, "   ", 1),
        (False, "thidua.example.gov.vn", 1),
        (False, "ftp://thidua.example.gov.vn", 1),
        (False, "https://thidua.example.gov.vn/khen-thuong", 1),
        (False, "https://thidua.example.gov.vn/?a=1", 1),
        (False, "https://thidua.example.gov.vn", 0),
        (False, "https://thidua.example.gov.vn/", 0),
        (False, "http://192.168.1.5:8000", 0),
        (True, "", 0),
        (True, "thidua.example.gov.vn", 1),
    ],
)
def test_check_requires_a_full_address_when_debug_is_off(settings, debug, value, errors):
    settings.DEBUG = debug
    settings.PUBLIC_BASE_URL = value
    found = check_public_base_url()
    assert [error.id for error in found] == ["config.E001"] * errors
    if errors:
        assert "PUBLIC_BASE_URL" in found[0].msg and "PUBLIC_BASE_URL" in found[0].hint


def test_public_url_is_the_address_then_the_path(settings):
    settings.PUBLIC_BASE_URL = "https://thidua.example.gov.vn/"
    assert (
        public_url("/khen-thuong/xac-thuc/ABCD2345/")
        == "https://thidua.example.gov.vn/khen-thuong/xac-thuc/ABCD2345/"
    )


@pytest.mark.parametrize("value", ["", "/relative", "thidua.example.gov.vn"])
def test_public_url_refuses_to_print_a_link_nobody_can_open(settings, value):
    settings.PUBLIC_BASE_URL = value
    with pytest.raises(ImproperlyConfigured, match="PUBLIC_BASE_URL"):
        public_url("/giao-uoc/xac-thuc/")


def _printed_names() -> list[tuple[str, tuple]]:
    names = []
    for included in printed_urls.urlpatterns:
        for pattern in included.url_patterns:
            assert isinstance(pattern, URLPattern)
            args = ("ABCD2345",) if pattern.pattern.converters else ()
            names.append((f"{included.namespace}:{pattern.name}", args))
    return names


@pytest.mark.parametrize(("name", "args"), _printed_names())
def test_printed_url_is_the_served_page_address(settings, name, args):
    settings.PUBLIC_BASE_URL = "https://thidua.example.gov.vn"
    served = reverse(name, args=args)
    assert printed_url(name, args=args, query="?ma=X") == (
        f"https://thidua.example.gov.vn{served}?ma=X"
    )


def test_printed_urls_name_every_printed_page():
    assert sorted(name for name, _args in _printed_names()) == [
        "awards:certificate_verify",
        "awards:decision_verify",
        "pledges:verify",
    ]


@pytest.mark.process
def test_printing_addresses_loads_no_view():
    """A worker process builds the printed addresses without importing the project's
    URLconf, its views or the read API (about 15 MB in every pool process)."""
    code = (
        "import sys, django; django.setup()\n"
        "from awards.certificates.texts import verification_url\n"
        "from emulation.pledges.documents import verification_url as pledge_url\n"
        "print(verification_url('ABCD2345'), pledge_url('X'))\n"
        "print(sorted(m for m in ('config.urls', 'ninja', 'api.urls', 'awards.urls')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))},
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "PUBLIC_BASE_URL": "https://thidua.example.gov.vn",
        },
        timeout=120,
    )
    assert result.stdout.splitlines() == [
        "https://thidua.example.gov.vn/khen-thuong/xac-thuc/ABCD2345/ "
        "https://thidua.example.gov.vn/giao-uoc/xac-thuc/?ma=X",
        "[]",
    ]


@pytest.mark.process
def test_production_check_without_the_address_fails_naming_it():
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "PUBLIC_BASE_URL": None})
    assert result.returncode != 0
    assert "config.E001" in result.stderr
    assert "Chưa đặt PUBLIC_BASE_URL" in result.stderr


@pytest.mark.process
def test_production_check_reads_the_former_pledge_setting_as_a_fallback():
    result = run_manage(
        "check",
        env_overrides={
            **PRODUCTION_ENV,
            "PUBLIC_BASE_URL": None,
            "PLEDGE_PUBLIC_BASE_URL": "https://thidua.example.gov.vn",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.process
def test_make_run_gives_the_server_its_own_address():
    def dry_run(*args: str) -> str:
        result = subprocess.run(
            ["make", "-n", "run", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        return result.stdout

    assert "PUBLIC_BASE_URL=http://127.0.0.1:8000 exec" in dry_run()
    assert "PUBLIC_BASE_URL=http://127.0.0.1:8123 exec" in dry_run("PORT=8123")
    assert "PUBLIC_BASE_URL=http://10.0.0.9:80 exec" in dry_run(
        "HOST=0.0.0.0", "PUBLIC_BASE_URL=http://10.0.0.9:80"
    )


def test_compose_requires_the_address():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    for name in ("web", "worker", "worker-mail", "worker-imports", "scheduler", "reminders"):
        value = compose["services"][name]["environment"]["PUBLIC_BASE_URL"]
        assert value.startswith("${PUBLIC_BASE_URL:?")
