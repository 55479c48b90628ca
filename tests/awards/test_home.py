"""The awards cards offered to the home page, by role, with their counts."""

import datetime

import pytest
from django.urls import reverse

from awards.enums import NominationState
from awards.home import award_cards
from emulation.enums import Role
from emulation.home import Scope
from tests.awards.conftest import in_state
from tests.factories import UserFactory

DAY = datetime.date(2026, 1, 20)
STATISTICS = ("Biểu mẫu thống kê", "/bao-cao/thong-ke/", None)


def cards(user) -> list[tuple]:
    scope = Scope(user=user, day=DAY)
    return [(str(card.title), card.url, card.count) for card in award_cards(scope)]


@pytest.mark.django_db
def test_unit_head_sees_nominations_and_records(nomination, other_unit):
    head = UserFactory(role=Role.UNIT_HEAD, unit=other_unit)
    assert cards(head) == [
        ("Hồ sơ đề nghị khen thưởng", reverse("awards:nomination_list"), 1),
        ("Kết quả năm của đơn vị", reverse("awards:records", args=[other_unit.pk, 2025]), None),
    ]


@pytest.mark.django_db
def test_staff_see_the_submitted_count(nomination, staff):
    in_state(nomination, NominationState.SUBMITTED)
    assert cards(staff) == [
        ("Hồ sơ chờ thẩm định", reverse("awards:review_queue"), 1),
        ("Phiên họp Hội đồng", reverse("awards:session_list"), 0),
        STATISTICS,
    ]


@pytest.mark.django_db
def test_staff_see_what_is_ready_for_the_council(nomination, staff):
    """A published nomination counts once its notice has ended by the day."""
    in_state(nomination, NominationState.PUBLIC_NOTICE, notice_until=DAY)
    assert cards(staff)[1] == ("Phiên họp Hội đồng", reverse("awards:session_list"), 1)
    in_state(nomination, NominationState.PUBLIC_NOTICE, notice_until=DAY + datetime.timedelta(1))
    assert cards(staff)[1] == ("Phiên họp Hội đồng", reverse("awards:session_list"), 0)


@pytest.mark.django_db
def test_chairperson_sees_decisions_and_ballots(chair):
    assert cards(chair) == [
        ("Quyết định chờ ký", reverse("awards:decision_list"), 0),
        ("Hồ sơ chờ bỏ phiếu", reverse("awards:ballot_list"), 0),
        STATISTICS,
    ]


@pytest.mark.django_db
def test_administrator_gets_the_statistics_card_only(unit):
    assert cards(UserFactory(role=Role.ADMINISTRATOR, unit=unit)) == [STATISTICS]
