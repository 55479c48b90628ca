"""Heavy libraries load where they are used, not at start-up: django-ninja and pydantic with
the API's URLs (a process that never loads the URLs, such as the Celery worker's parent or a
management command, does not carry them), and lxml only with the national export's XML answer
(every web process loads the URLconf)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
LOAD_URLS = "from django.urls import get_resolver; get_resolver().url_patterns; "


@pytest.mark.process
@pytest.mark.parametrize(
    ("loads", "absent"),
    [("", ("ninja", "pydantic")), (LOAD_URLS, ("lxml",))],
    ids=["setup-without-ninja-or-pydantic", "urlconf-without-lxml"],
)
def test_start_up_leaves_out_what_it_does_not_use(loads, absent):
    probe = (
        f"import sys, django; django.setup(); {loads}"
        f"print(sorted(m for m in {absent!r} if m in sys.modules))"
    )
    finished = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert finished.stdout.strip() == "[]"
