"""Loading the committed demo: fixtures/demo.json, then the parts a test needs; and the
README's table of demo accounts."""

import re

from django.conf import settings
from django.core.management import call_command

from demo.fixtures import fixture_path
from tests.conftest import fixture_rows_for_the_module


def load_demo(*parts: str) -> None:
    """loaddata of fixtures/demo.json, then of each part (`"demo_awards"`…) in the order given:
    each after the fixtures it refers to, as `make demo` loads them."""
    for name in ("demo", *parts):
        call_command("loaddata", str(fixture_path(name)), verbosity=0)


def demo_for_the_module(*parts: str):
    """A module-scoped fixture: what `load_demo(*parts)` loads, loaded once per module (and
    xdist worker) for tests that read it; each test runs in a savepoint of its own. A test
    asks for it with `db`: `def demo(db, demo_rows): ...`."""
    return fixture_rows_for_the_module(*(str(fixture_path(name)) for name in ("demo", *parts)))


README_ACCOUNT_ROW = re.compile(r"^\| `([a-z0-9.-]+)` \| ([^|]+?) \| ([^|]+?) \|", re.MULTILINE)


def readme_accounts(heading: str = "## Tài khoản demo") -> dict[str, tuple[str, str]]:
    """The README's table of demo accounts under `heading`: username → (role, unit), as
    written."""
    text = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return {name: (role, unit) for name, role, unit in README_ACCOUNT_ROW.findall(section)}
