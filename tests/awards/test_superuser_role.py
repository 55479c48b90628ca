"""Issue 12 §3: the administrator is a role, not a bypass. The demo's `quantri` is a Django
superuser; the five actions the outside test carried out with it are refused, in the pages and in
the services, exactly as for an administrator who is not a superuser."""

import pytest
from django.urls import reverse

from awards.certificates.services import request_certificates
from awards.enums import NominationState
from awards.models import Award, Certificate, Nomination, NominationLine
from awards.nominations.services import (
    add_nominee,
    return_nomination,
    submit_nomination,
    withdraw_nomination,
)
from config.permissions import NotPermitted, authorize
from documents.models import Job
from emulation.enums import Role
from emulation.models import Person, User
from tests.conftest import fixture_rows_for_the_module
from tests.factories import UserFactory

DEMO = ("fixtures/demo.json", "fixtures/demo_awards.json")
SUBMITTED_PK, DRAFT_PK = 1, 2  # the demo's nominations: unit 17 submitted, unit 18 draft
REFUSAL = "Bạn không có quyền thực hiện thao tác này."


demo_rows = fixture_rows_for_the_module(*DEMO)


@pytest.fixture
def demo(db, demo_rows):
    """The demo authority and its awards, loaded once for the module."""


@pytest.fixture(params=["quantri", "administrator"])
def admin(request, demo):
    """The demo's superuser `quantri`, and an administrator of the same unit who is not one."""
    quantri = User.objects.get(username="quantri")
    assert (quantri.is_superuser, quantri.is_staff, quantri.role) == (
        True,
        True,
        Role.ADMINISTRATOR,
    )
    if request.param == "quantri":
        return quantri
    return UserFactory(role=Role.ADMINISTRATOR, unit=quantri.unit, username="quantri_thuong")


def _states() -> dict:
    return dict(Nomination.objects.values_list("pk", "state"))


def test_the_superuser_holds_every_django_permission_but_no_rule(admin):
    """Why the pages used to let it through: `has_perm` says yes to a superuser."""
    draft = Nomination.objects.get(pk=DRAFT_PK)
    assert admin.has_perm("awards.edit_nomination", draft) is admin.is_superuser
    assert authorize(admin, "awards.edit_nomination", draft) is False
    assert authorize(admin, "awards.view_nomination", draft) is True


def test_admin_cannot_add_a_line_to_another_units_draft(client, admin):
    draft = Nomination.objects.get(pk=DRAFT_PK)
    person = Person.objects.filter(employments__unit=draft.unit).first()
    lines = NominationLine.objects.count()
    client.force_login(admin)
    response = client.post(
        reverse("awards:nominee_add", args=[DRAFT_PK]),
        {
            "award": Award.objects.get(code="ldtt").pk,
            "subject_kind": "individual",
            "person": person.pk,
            "achievement": "Thêm bởi quản trị",
        },
    )
    assert response.status_code == 403
    with pytest.raises(NotPermitted, match=REFUSAL):
        add_nominee(
            nomination=draft,
            user=admin,
            award=Award.objects.get(code="ldtt"),
            subject_kind="individual",
            person=person,
        )
    assert NominationLine.objects.count() == lines


@pytest.mark.parametrize(
    ("url_name", "pk", "service"),
    [
        ("awards:nomination_submit", DRAFT_PK, submit_nomination),
        ("awards:nomination_withdraw", SUBMITTED_PK, withdraw_nomination),
    ],
    ids=["submit", "withdraw"],
)
def test_admin_cannot_submit_or_withdraw_another_units_nomination(
    client, admin, url_name, pk, service
):
    before = _states()
    assert (before[DRAFT_PK], before[SUBMITTED_PK]) == (
        NominationState.DRAFT,
        NominationState.SUBMITTED,
    )
    client.force_login(admin)
    assert client.post(reverse(url_name, args=[pk]), {"reason": "rút"}).status_code == 403
    with pytest.raises(NotPermitted, match=REFUSAL):
        service(nomination=Nomination.objects.get(pk=pk), user=admin)
    assert _states() == before


def test_admin_cannot_return_a_nomination(client, admin):
    before = _states()
    client.force_login(admin)
    response = client.post(
        reverse("awards:nomination_review", args=[SUBMITTED_PK, "return"]),
        {"reason": "Thiếu hồ sơ"},
    )
    assert response.status_code == 403
    with pytest.raises(NotPermitted, match=REFUSAL):
        return_nomination(
            nomination=Nomination.objects.get(pk=SUBMITTED_PK), user=admin, reason="Thiếu hồ sơ"
        )
    assert _states() == before


@pytest.mark.parametrize("superuser", [True, False], ids=["superuser", "administrator"])
def test_admin_cannot_print_certificates(client, signed_decision, staff, superuser):
    """Built as `seed_demo` builds its administrator (is_staff and is_superuser)."""
    admin = UserFactory(
        role=Role.ADMINISTRATOR, unit=staff.unit, is_staff=superuser, is_superuser=superuser
    )
    client.force_login(admin)
    # The demo's own signed decision has its certificates and their job already.
    before = (Job.objects.count(), Certificate.objects.count())
    response = client.post(
        reverse("awards:decision_certificates", args=[signed_decision.pk]), {"mode": "full"}
    )
    assert response.status_code == 403
    with pytest.raises(NotPermitted, match=REFUSAL):
        request_certificates(decision=signed_decision, user=admin)
    assert (Job.objects.count(), Certificate.objects.count()) == before
    # Staff still print them: the refusal is the role's, not the page's.
    client.force_login(staff)
    response = client.post(
        reverse("awards:decision_certificates", args=[signed_decision.pk]), {"mode": "full"}
    )
    assert response.status_code == 302
    assert (Job.objects.count(), Certificate.objects.count()) == (before[0] + 1, before[1] + 1)


def test_superuser_still_uses_the_admin_site(client, demo):
    client.force_login(User.objects.get(username="quantri"))
    response = client.get("/quan-tri/awards/nomination/")
    assert response.status_code == 200
    assert "Tờ trình" in response.content.decode()
