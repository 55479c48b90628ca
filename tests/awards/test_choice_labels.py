"""The labels a dossier, the nomination lists and the history print for a rating, an issuing
level and a state: the language's label of the value, the value itself when it is no choice,
and nothing when it is blank; one label translated per call, not every choice's."""

from unittest import mock

import pytest
from django.utils import translation

from awards.enums import NominationState
from awards.models import Nomination, NominationEvent, PersonYear, TitleHeld


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", ["Hoàn thành tốt nhiệm vụ", "Phường", "Bị trả lại", "Đã thẩm định", "Bị trả lại"]),
     ("en", ["Duties completed well", "Ward", "Returned", "Reviewed", "Returned"])],
)  # fmt: skip
def test_choice_labels_follow_the_language(language, expected):
    event = NominationEvent(from_state="appraised", to_state="returned")

    with translation.override(language):
        labels = [
            PersonYear(duty_rating="good").get_duty_rating_display(),
            TitleHeld(issuer_level="ward").get_issuer_level_display(),
            Nomination(state="returned").get_state_display(),
            event.get_from_state_display(),
            event.get_to_state_display(),
        ]

    assert labels == expected


def test_choice_labels_of_a_value_outside_the_choices_are_the_value():
    assert TitleHeld(issuer_level="").get_issuer_level_display() == ""
    assert TitleHeld(issuer_level="huyen").get_issuer_level_display() == "huyen"
    assert PersonYear(duty_rating="xuat_sac").get_duty_rating_display() == "xuat_sac"
    assert Nomination(state="lost").get_state_display() == "lost"


def test_choice_label_translates_one_label_per_call():
    with (
        translation.override("en"),
        mock.patch("django.utils.translation._trans.gettext", side_effect=str) as gettext,
    ):
        assert Nomination(state=NominationState.RETURNED).get_state_display() == "Bị trả lại"

    assert gettext.call_count == 1
