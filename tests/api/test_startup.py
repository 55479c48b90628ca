"""django-ninja and pydantic are loaded with the API's URLs, not at start-up: a process that
never loads the URLs (the Celery worker's parent, a management command) does not carry them."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PROBE = (
    "import sys, django; django.setup(); "
    "print(sorted(m for m in ('ninja', 'pydantic') if m in sys.modules))"
)


@pytest.mark.process
def test_django_setup_imports_neither_ninja_nor_pydantic():
    finished = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert finished.stdout.strip() == "[]"


URLCONF_PROBE = (
    "import sys, django; django.setup(); "
    "from django.urls import get_resolver; get_resolver().url_patterns; "
    "print(sorted(m for m in ('lxml',) if m in sys.modules))"
)


@pytest.mark.process
def test_urlconf_loads_without_lxml():
    """Every web process loads the URLconf; only the national export's XML answer uses lxml."""
    finished = subprocess.run(
        [sys.executable, "-c", URLCONF_PROBE],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert finished.stdout.strip() == "[]"
