"""A unit's head or clerk takes a nominee off a draft or returned nomination; nobody else, and
not once the nomination has been sent. The clerk, who may not submit, is told who does."""

import pytest
from django.urls import reverse

from awards.enums import NominationState
from awards.errors import AwardsError
from awards.models import NominationLine
from awards.nominations.services import add_nominee, remove_nominee
from config.permissions import NotPermitted
from emulation.enums import Role
from tests.awards.conftest import in_state
from tests.awards.factories import NominationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _remove_url(nomination):
    return reverse("awards:nominee_remove", args=[nomination.pk, nomination.lines.get().pk])


@pytest.mark.parametrize("role", [Role.UNIT_HEAD, Role.UNIT_CLERK])
def test_the_units_head_or_clerk_removes_a_line_from_the_page(client, nomination, other_unit, role):
    client.force_login(UserFactory(role=role, unit=other_unit))
    page = client.get(reverse("awards:nomination_detail", args=[nomination.pk])).content.decode()
    assert f'action="{_remove_url(nomination)}"' in page

    response = client.post(_remove_url(nomination), follow=True)

    assert NominationLine.objects.filter(nomination=nomination).count() == 0
    assert "khỏi danh sách đề nghị" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "same_unit"),
    [
        (Role.UNIT_HEAD, False),
        (Role.UNIT_CLERK, False),
        (Role.AUTHORITY_STAFF, True),
        (Role.COUNCIL_MEMBER, True),
        (Role.CHAIRPERSON, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_anyone_else_is_refused_and_the_line_stays(
    client, nomination, other_unit, unit, role, same_unit
):
    client.force_login(UserFactory(role=role, unit=unit))
    url = _remove_url(nomination)
    response = client.post(url)
    assert response.status_code in (403, 404)
    assert NominationLine.objects.filter(nomination=nomination).count() == 1


def test_a_sent_nomination_keeps_its_lines(nomination, head):
    line = nomination.lines.get()
    in_state(nomination, NominationState.SUBMITTED)
    with pytest.raises(NotPermitted):
        remove_nominee(line=line, user=head)
    assert NominationLine.objects.filter(pk=line.pk).exists()


def test_a_line_of_another_nomination_answers_404(client, nomination, head, other_unit):
    other = NominationFactory(unit=other_unit, created_by=head)
    client.force_login(head)
    url = reverse("awards:nominee_remove", args=[other.pk, nomination.lines.get().pk])
    assert client.post(url).status_code == 404
    assert NominationLine.objects.filter(nomination=nomination).count() == 1


def test_an_individual_line_without_a_person_says_to_choose_one(nomination, head, award):
    with pytest.raises(AwardsError, match="Hãy chọn cá nhân được đề nghị"):
        add_nominee(
            nomination=nomination, user=head, award=award("ldtt"), subject_kind="individual"
        )
    assert nomination.lines.count() == 1


def test_the_clerk_is_told_that_the_head_submits(client, nomination, other_unit, head):
    clerk = UserFactory(role=Role.UNIT_CLERK, unit=other_unit)
    hint = "thủ trưởng đơn vị xem lại và gửi hồ sơ"
    client.force_login(clerk)
    clerk_page = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))
    client.force_login(head)
    head_page = client.get(reverse("awards:nomination_detail", args=[nomination.pk]))
    assert hint in clerk_page.content.decode()
    assert hint not in head_page.content.decode()
