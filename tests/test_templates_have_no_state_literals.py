"""Templates ask the model (`decision.is_revoked`, `available_actions`), never compare a state or
status with a string literal: the names of states live in the enums only."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

# A state or status compared with a quoted literal, either way round, inside a template tag.
STATE_LITERAL = re.compile(
    r"""(?:state|status)\s*(?:==|!=)\s*["']"""
    r"""|["'][^"'{}%]*["']\s*(?:==|!=)\s*[\w.]*(?:state|status)\b"""
)
TAG = re.compile(r"{%.*?%}", re.S)


def template_roots() -> list[Path]:
    """The project-wide template folder and each project app's own."""
    base = Path(settings.BASE_DIR).resolve()
    roots = [Path(folder).resolve() for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    for config in apps.get_app_configs():
        folder = Path(config.path).resolve() / "templates"
        if folder.is_relative_to(base) and not folder.is_relative_to(base / ".venv"):
            roots.append(folder)
    return [root for root in roots if root.is_dir()]


def state_literals(text: str) -> list[str]:
    """`line: tag` for each template tag of `text` that compares a state with a literal."""
    return [
        f"{text.count(chr(10), 0, tag.start()) + 1}: {tag.group()}"
        for tag in TAG.finditer(text)
        if STATE_LITERAL.search(tag.group())
    ]


@pytest.mark.parametrize(
    "tag",
    [
        '{% if decision.status == "revoked" %}',
        "{% elif nomination.state != 'draft' %}",
        '{% if "open" == version.status %}',
        '{% if job_status == "done" %}',
        '{% if state == "submitted" and user %}',
    ],
)
def test_state_literals_found_in_a_comparison(tag):
    assert state_literals(f"<p>\n{tag}x{{% endif %}}</p>") == [f"2: {tag}"]


@pytest.mark.parametrize(
    "text",
    [
        "{% if decision.is_revoked %}x{% endif %}",
        "{% if nomination.state in open_states %}x{% endif %}",
        '<p class="status">{{ job.get_status_display }}</p>',
        '{% translate "Trạng thái" %} state == "draft" outside a tag',
    ],
)
def test_state_literals_none_without_a_comparison(text):
    assert state_literals(text) == []


def test_template_roots_cover_the_project_and_every_app():
    base = Path(settings.BASE_DIR).resolve()
    assert {str(root.relative_to(base)) for root in template_roots()} >= {
        "templates",
        "awards/templates",
        "emulation/templates",
        "documents/templates",
    }


def test_templates_compare_no_state_with_a_literal():
    base = Path(settings.BASE_DIR).resolve()
    templates = sorted(path for root in template_roots() for path in root.rglob("*.html"))
    assert len(templates) > 50
    offenders = {
        str(path.relative_to(base)): found
        for path in templates
        if (found := state_literals(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}
