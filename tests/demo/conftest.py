"""Loading the committed demo: fixtures/demo.json, then the parts a test needs."""

from django.core.management import call_command

from demo.fixtures import fixture_path


def load_demo(*parts: str) -> None:
    """loaddata of fixtures/demo.json, then of each part (`"demo_awards"`…) in the order given:
    each after the fixtures it refers to, as `make demo` loads them."""
    for name in ("demo", *parts):
        call_command("loaddata", str(fixture_path(name)), verbosity=0)
