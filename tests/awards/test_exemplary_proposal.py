"""A Giấy khen proposed from an exemplary story becomes a real draft nomination in the awards
workflow, linked back to the story."""

import datetime

import pytest
from django.urls import reverse

from awards.enums import NominationState, SubjectKind
from awards.errors import AwardsError
from awards.models import Nomination
from awards.nominations.services import propose_exemplary, withdraw_nomination
from config.permissions import NotPermitted
from emulation.enums import Role
from emulation.movements.enums import ExemplaryKind
from emulation.movements.services import save_exemplary
from tests.factories import EmploymentFactory, PersonFactory, UserFactory

STORY = "Anh Tám cứu hai em nhỏ đuối nước trên kênh Nhiêu Lộc."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def person(other_unit):
    person = PersonFactory(authority=other_unit.authority, full_name="Lê Văn Tám")
    EmploymentFactory(person=person, unit=other_unit)
    return person


def _exemplary(user, unit, person=None):
    return save_exemplary(
        user=user,
        unit=unit,
        kind=ExemplaryKind.PERSON if person else ExemplaryKind.COLLECTIVE,
        person=person,
        movement=None,
        title="Cứu người đuối nước",
        field="Người tốt việc tốt",
        story=STORY,
        period_start=datetime.date(2025, 6, 1),
        period_end=datetime.date(2025, 6, 30),
    )


@pytest.mark.django_db
def test_head_proposes_a_giay_khen_for_a_person(client, head, other_unit, person):
    exemplary = _exemplary(head, other_unit, person)
    client.force_login(head)
    response = client.post(reverse("awards:propose_exemplary", args=[exemplary.pk]))
    nomination = Nomination.objects.get()
    line = nomination.lines.get()
    assert response["Location"] == reverse("awards:nomination_detail", args=[nomination.pk])
    assert (nomination.state, nomination.unit, nomination.year, nomination.exemplary) == (
        NominationState.DRAFT,
        other_unit,
        2025,
        exemplary,
    )
    assert (line.award.code, line.subject_kind, line.person, line.achievement) == (
        "giay_khen",
        SubjectKind.INDIVIDUAL,
        person,
        STORY,
    )
    page = client.get(reverse("movements:exemplary_detail", args=[exemplary.pk]))
    assert list(page.context["nominations"]) == [nomination]
    assert nomination.title in page.content.decode()


@pytest.mark.django_db
def test_clerk_proposes_for_the_collective(head, other_unit):
    clerk = UserFactory(role=Role.UNIT_CLERK, unit=other_unit)
    exemplary = _exemplary(head, other_unit)
    nomination = propose_exemplary(exemplary=exemplary, user=clerk)
    line = nomination.lines.get()
    assert (line.subject_kind, line.subject_unit) == (SubjectKind.COLLECTIVE, other_unit)


@pytest.mark.django_db
def test_staff_cannot_propose(client, staff, head, other_unit, person):
    exemplary = _exemplary(head, other_unit, person)
    client.force_login(staff)
    response = client.post(reverse("awards:propose_exemplary", args=[exemplary.pk]))
    assert (response.status_code, Nomination.objects.count()) == (403, 0)


@pytest.mark.django_db
def test_another_unit_gets_404(client, head, other_unit, unit, person):
    exemplary = _exemplary(head, other_unit, person)
    client.force_login(UserFactory(role=Role.UNIT_HEAD, unit=unit))
    response = client.post(reverse("awards:propose_exemplary", args=[exemplary.pk]))
    assert (response.status_code, Nomination.objects.count()) == (404, 0)


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, head, other_unit, person):
    exemplary = _exemplary(head, other_unit, person)
    response = client.post(reverse("awards:propose_exemplary", args=[exemplary.pk]))
    assert (response["Location"].split("?")[0], Nomination.objects.count()) == (
        reverse("login"),
        0,
    )


@pytest.mark.django_db
def test_a_person_who_left_the_unit_is_refused_and_nothing_written(head, other_unit, person):
    exemplary = _exemplary(head, other_unit, person)
    person.employments.all().delete()
    with pytest.raises(AwardsError, match="Cá nhân được đề nghị phải công tác tại đơn vị đề nghị"):
        propose_exemplary(exemplary=exemplary, user=head)
    assert Nomination.objects.count() == 0


@pytest.mark.django_db
def test_story_page_offers_the_proposal_to_its_unit_only(client, head, staff, other_unit, person):
    """The proposals panel is the awards app's, shown on emulation's page through its hook."""
    exemplary = _exemplary(head, other_unit, person)
    action = f'action="{reverse("awards:propose_exemplary", args=[exemplary.pk])}"'
    client.force_login(head)
    own = client.get(reverse("movements:exemplary_detail", args=[exemplary.pk])).content.decode()
    client.force_login(staff)
    other = client.get(reverse("movements:exemplary_detail", args=[exemplary.pk])).content.decode()
    assert (action in own, "Chưa có đề nghị." in own) == (True, True)
    assert (action in other, "Đề nghị khen thưởng" in other) == (False, True)


def test_the_head_of_another_unit_is_refused_by_the_rule_and_nothing_written(
    head, other_unit, unit, person
):
    exemplary = _exemplary(head, other_unit, person)
    outsider = UserFactory(role=Role.UNIT_HEAD, unit=unit)
    with pytest.raises(NotPermitted, match="Chỉ đơn vị quản lý điển hình mới đề nghị khen thưởng"):
        propose_exemplary(exemplary=exemplary, user=outsider)
    assert Nomination.objects.count() == 0


def test_a_story_is_proposed_once_while_its_proposal_is_under_way(head, other_unit, person):
    exemplary = _exemplary(head, other_unit, person)
    first = propose_exemplary(exemplary=exemplary, user=head)

    with pytest.raises(AwardsError, match="đã có hồ sơ đề nghị khen thưởng đang xử lý"):
        propose_exemplary(exemplary=exemplary, user=head)
    assert Nomination.objects.filter(exemplary=exemplary).count() == 1

    withdraw_nomination(nomination=first, user=head)
    second = propose_exemplary(exemplary=exemplary, user=head)
    assert second.pk != first.pk
