"""The demo sits above the domain: it imports emulation, awards and documents, and nothing under
those apps, the read API or config/ imports the demo."""

import ast
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

BELOW_THE_DEMO = ("config", "documents", "emulation", "awards", "api")
# Their names are kept: the Makefile, README, benchmarks and tests call them.
DEMO_COMMANDS = (
    "build_demo_fixture",
    "build_movement_demo_fixture",
    "build_pledge_demo_fixture",
    "build_scoring_demo_fixture",
    "seed_awards",
    "seed_demo",
    "seed_targets",
    "serve_demo",
)


def demo_imports(path: Path) -> list[str]:
    """`line: statement` for each import of `demo` or `demo.…` in the module at `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name == "demo" or name.startswith("demo.") for name in names):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_module_of_the_domain_or_config_imports_the_demo():
    base = Path(settings.BASE_DIR)
    offenders = {
        str(path.relative_to(base)): lines
        for package in BELOW_THE_DEMO
        for path in sorted((base / package).rglob("*.py"))
        if (lines := demo_imports(path))
    }
    assert offenders == {}


def test_the_domain_packages_keep_no_demo_module():
    base = Path(settings.BASE_DIR)
    modules = [
        path.relative_to(base)
        for package in BELOW_THE_DEMO
        for path in sorted((base / package).rglob("*.py"))
    ]
    left = [
        str(path)
        for path in modules
        if path.stem in {"demo", "seeding"} or "demo" in path.parent.parts
    ]
    assert left == []


def test_the_demo_commands_are_the_demo_apps():
    commands = get_commands()
    assert {name: commands[name] for name in DEMO_COMMANDS} == dict.fromkeys(DEMO_COMMANDS, "demo")


def test_the_check_sees_an_import_of_the_demo(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import demo.fixtures\nfrom demo import writers\nfrom .demo import x\nimport demography\n",
        encoding="utf-8",
    )
    assert demo_imports(module) == [
        "1: import demo.fixtures",
        "2: from demo import writers",
    ]
