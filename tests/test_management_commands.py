"""Every management command of the project's apps answers `--help` (issue 12 §8: a lazy help
text made `sweep_jobs --help` crash with a TypeError)."""

import textwrap

import pytest
from django.core.management import ManagementUtility, get_commands, load_command_class

PROJECT_APPS = ("config", "documents", "emulation", "awards", "api", "demo")


def project_commands() -> list[tuple[str, str]]:
    return sorted((name, app) for name, app in get_commands().items() if app in PROJECT_APPS)


def test_the_project_has_its_commands():
    names = [name for name, _app in project_commands()]
    assert {"sweep_jobs", "seed_demo", "serve_demo", "seed_awards"} <= set(names)


@pytest.mark.parametrize(("name", "app"), project_commands())
def test_help_of_every_command_prints_usage_and_its_description(name, app, capsys):
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", name, "--help"]).execute()
    out, err = capsys.readouterr()
    assert exited.value.code == 0, err
    assert out.startswith(f"usage: manage.py {name} ")
    description = str(load_command_class(app, name).help)
    assert description, f"{name} has no help text"
    # argparse rewraps the description; its first words come through unchanged.
    first_words = " ".join(textwrap.shorten(description, 40, placeholder="").split()[:4])
    assert first_words in " ".join(out.split())
    assert err == ""
