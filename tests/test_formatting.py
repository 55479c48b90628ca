"""Numbers and dates as the active language writes them (vi: 16.728,5 · 10,17 % · 05/02/2026)."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from emulation.models import User
from emulation.templatetags.vn_format import (
    nfc,
    vn_full_name,
    vn_number,
    vn_percent,
    whole_minutes,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (16728.5, "16.728,5"),
        (1234, "1.234"),
        (0, "0"),
        (-1234567.25, "-1.234.567,25"),
        (Decimal("16728.50"), "16.728,5"),
        (Decimal("105.00"), "105"),
        (Decimal("97.46"), "97,46"),
        (Decimal("1E+3"), "1.000"),
        (0.1 + 0.2, "0,3"),
        ("16728.5", "16.728,5"),
        (None, "—"),
        ("", "—"),
        ("mười", "—"),
        (True, "—"),
        (float("nan"), "—"),
    ],
)
def test_vn_number_in_vietnamese(value, expected):
    with translation.override("vi"):
        assert vn_number(value) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (16728.5, 2, "16.728,50"),
        (2.345, 2, "2,35"),
        (Decimal("97.455"), 1, "97,5"),
        (1234.4, 0, "1.234"),
        (-0.04, 1, "0,0"),
        (None, 2, "—"),
    ],
)
def test_vn_number_rounds_half_up_to_the_places_asked(value, places, expected):
    with translation.override("vi"):
        assert vn_number(value, places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(16728.5, "16,728.5"), (1234, "1,234"), (Decimal("97.46"), "97.46"), (None, "—")],
)
def test_vn_number_in_english(value, expected):
    with translation.override("en"):
        assert vn_number(value) == expected


def test_vn_percent_uses_a_non_breaking_space_in_both_languages():
    with translation.override("vi"):
        assert vn_percent(10.17) == f"10,17{NBSP}%"
        assert vn_percent(Decimal("105.00")) == f"105{NBSP}%"
        assert vn_percent(97.456, 2) == f"97,46{NBSP}%"
        assert vn_percent(None) == "—"
    with translation.override("en"):
        assert vn_percent(10.17) == f"10.17{NBSP}%"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", f"16.728,5 | 10,17{NBSP}% | 16.728,50"),
        ("en", f"16,728.5 | 10.17{NBSP}% | 16,728.50"),
    ],
)
def test_filters_in_a_template(language, expected):
    template = Template(
        "{% load vn_format %}{{ a|vn_number }} | {{ b|vn_percent }} | {{ a|vn_number:2 }}"
    )
    with translation.override(language):
        assert template.render(Context({"a": 16728.5, "b": 10.17})) == expected


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_day_first_in_both_languages(language):
    template = Template(
        '{{ day }} | {{ day|date:"SHORT_DATE_FORMAT" }} | {{ moment|date:"SHORT_DATETIME_FORMAT" }}'
    )
    context = Context(
        {"day": datetime.date(2026, 2, 5), "moment": datetime.datetime(2026, 2, 5, 14, 30)}
    )
    with translation.override(language):
        assert template.render(context) == "05/02/2026 | 05/02/2026 | 05/02/2026 14:30"


def test_whole_minutes_of_the_axes_cool_off():
    assert whole_minutes(datetime.timedelta(hours=0.25)) == 15
    assert whole_minutes(datetime.timedelta(seconds=59)) == 0
    assert whole_minutes(None) is None


def test_vn_full_name_puts_the_family_name_first():
    assert vn_full_name(User(username="lan", first_name="Lan", last_name="Trần Thị")) == (
        "Trần Thị Lan"
    )
    assert vn_full_name(User(username="lan")) == "lan"


def test_nfc_composes_combining_marks():
    decomposed = "Tie\u0302\u0301ng Vie\u0302\u0323t"
    assert nfc(decomposed) == "Tiếng Việt"
    assert len(nfc(decomposed)) == 10
