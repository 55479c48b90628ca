"""config/forms.py: the explicit empty choice of every select."""

from django.utils import translation

from config.forms import empty_choice_label


def test_empty_choice_label_lowers_the_first_letter_of_the_field_label():
    assert empty_choice_label("Danh hiệu, hình thức") == "— Chọn danh hiệu, hình thức —"


def test_empty_choice_label_keeps_an_abbreviation_and_a_missing_label():
    assert (empty_choice_label("UBND phường"), empty_choice_label("")) == (
        "— Chọn UBND phường —",
        "— Chọn —",
    )


def test_empty_choice_label_in_english():
    with translation.override("en"):
        assert empty_choice_label("Award") == "— Choose award —"
