"""One formatter writes every number: pages (localized, "—" for nothing), inputs and stored
texts (Vietnamese, "" for nothing), and the scoring messages. The same value gives the same
text whichever caller asks."""

from decimal import Decimal

import pytest
from django.utils import translation

from emulation.numbers import format_number
from emulation.scoring.computation import ScoreInputError, points_for
from emulation.scoring.enums import ItemKind, Method
from emulation.templatetags.vn_format import vn_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (16728, "16.728"),
        (-1234567, "-1.234.567"),
        (0, "0"),
        (Decimal("16728.5"), "16.728,5"),
        (Decimal("16728.50"), "16.728,5"),
        (Decimal("-1234.25"), "-1.234,25"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("-0.0"), "0"),
        (16728.5, "16.728,5"),
        (0.1 + 0.2, "0,3"),
        (-0.5, "-0,5"),
        ("16728.5", "16.728,5"),
        (None, ""),
        ("", ""),
        ("mười", ""),
        (True, ""),
        (float("inf"), ""),
    ],
)
def test_format_number_writes_vietnamese_whatever_the_language(value, expected):
    with translation.override("en"):
        assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (16728.5, 2, "16.728,50"),
        (Decimal("2.345"), 2, "2,35"),
        (1234.4, 0, "1.234"),
        (-1234.56, 1, "-1.234,6"),
        (-0.04, 1, "0,0"),
        (7, 2, "7,00"),
        (None, 2, ""),
    ],
)
def test_format_number_rounds_half_up_and_keeps_the_places_asked(value, places, expected):
    assert format_number(value, places) == expected


def test_format_number_says_what_nothing_is_and_follows_the_page_when_asked():
    assert format_number(None, empty="—") == "—"
    with translation.override("en"):
        assert format_number(Decimal("16728.5"), localized=True) == "16,728.5"
        assert format_number(-1234.5, 2, localized=True) == "-1,234.50"
    with translation.override("vi"):
        assert format_number(Decimal("16728.5"), localized=True) == "16.728,5"


@pytest.mark.parametrize("value", [Decimal("16728.5"), 16728.5, -1234, Decimal("0.25"), None])
def test_page_filter_and_input_write_the_same_vietnamese_number(value):
    with translation.override("vi"):
        page = vn_number(value)
    assert page == (format_number(value) or "—")


def test_score_message_groups_the_thousands_of_its_maximum():
    class Item:
        method = Method.MANUAL
        kind = ItemKind.CRITERION
        max_points = Decimal("1500.50")
        points_per_item = None

    with pytest.raises(ScoreInputError, match=r"^Điểm phải từ 0 đến 1\.500,5\.$"):
        points_for(Item(), Decimal("2000"))
