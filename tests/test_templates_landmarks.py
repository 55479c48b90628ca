"""A heading names one landmark: a section and the scrolling table region inside it are never
both labelled by the same heading (two regions of one name, axe's `landmark-unique`). The
region, which the keyboard reaches, keeps the name; the section stays a plain section."""

import re

import pytest

from tests.test_templates_have_no_state_literals import template_roots

SECTION_LABEL = re.compile(r'<section\b[^>]*\baria-labelledby="([^"]+)"')
REGION_LABEL = re.compile(r'role="region"[^>]*\baria-labelledby="([^"]+)"')


def twice_named(text: str) -> set[str]:
    """The heading ids that label both a section and a region of `text`."""
    return set(SECTION_LABEL.findall(text)) & set(REGION_LABEL.findall(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<section aria-labelledby="t"><div role="region" aria-labelledby="t">', {"t"}),
        ('<section class="panel"><div role="region" aria-labelledby="t">', set()),
        ('<section aria-labelledby="a"><div role="region" aria-labelledby="b">', set()),
    ],
)
def test_twice_named_finds_a_heading_that_labels_a_section_and_its_region(text, expected):
    assert twice_named(text) == expected


def test_no_template_names_a_section_and_its_region_by_one_heading():
    found = {
        str(path): sorted(twice_named(path.read_text(encoding="utf-8")))
        for root in template_roots()
        for path in sorted(root.rglob("*.html"))
        if twice_named(path.read_text(encoding="utf-8"))
    }
    assert found == {}
