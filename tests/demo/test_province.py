"""The demo's province (fixtures/demo_province.json): the city above the demo ward and two
more wards, its cluster of wards, and the submission that went up and came back decided; the
README's table of its accounts; each account signs in and sees its own authority."""

import pytest
from django.urls import reverse

from awards.enums import DecisionStatus, NominationState
from awards.models import Decision, Nomination, TitleHeld
from demo.province import PROVINCE_CODE, RETURN_REASON, WARD_CODE
from emulation.models import Authority, User
from emulation.models.clusters import Cluster
from tests.demo.conftest import demo_for_the_module, readme_accounts

PARTS = (
    "demo_targets",
    "demo_awards",
    "demo_pledges",
    "demo_scoring",
    "demo_movements",
    "demo_province",
)
PROVINCE_HEADING = "## Thành phố trên cùng hệ thống"
demo_rows = demo_for_the_module(*PARTS)


@pytest.fixture
def demo(db, demo_rows):
    """The whole demo, loaded once for the module."""


def test_the_city_stands_above_three_wards_grouped_in_one_cluster(demo):
    city = Authority.objects.get(code=PROVINCE_CODE)
    wards = Authority.objects.filter(representing_units__authority=city).order_by("pk")
    assert [ward.code for ward in wards] == [WARD_CODE, "phuong-ben-thanh", "phuong-tan-dinh"]
    day = Decision.objects.get(authority=city).signed_on
    assert all(ward.superior_on(day) == city for ward in wards)
    assert city.superior_on(day) is None
    [cluster] = Cluster.objects.filter(authority=city, year=2026)
    assert set(cluster.members.values_list("represents__code", flat=True)) == {
        ward.code for ward in wards
    }


def test_one_submission_went_up_and_came_back_decided(demo):
    city = Authority.objects.get(code=PROVINCE_CODE)
    returned, decided = (
        Nomination.objects.filter(authority=city).order_by("-state").select_related("unit")
    )
    assert (returned.state, decided.state) == (NominationState.RETURNED, NominationState.DECIDED)
    assert returned.events.latest("at").reason == RETURN_REASON
    decision = Decision.objects.get(authority=city)
    assert decision.status == DecisionStatus.SIGNED and decision.reference == "01/QĐ-UBND"
    [line] = decision.lines.all()
    assert line.amount == 3_800_000
    ward_nomination = line.nomination_line.forwarded_from.nomination_line.nomination
    assert ward_nomination.authority.code == WARD_CODE
    assert ward_nomination.state == NominationState.DECIDED
    assert ward_nomination.superior_decision_number == decision.reference
    held = TitleHeld.objects.get(decision_line=line)
    assert held.person.authority.code == WARD_CODE and held.award.code == "bang_khen_tinh"


def test_readme_lists_every_province_account(demo):
    tree = Authority.objects.filter(code__in=(PROVINCE_CODE, "phuong-ben-thanh", "phuong-tan-dinh"))
    accounts = {
        user.username: (user.get_role_display(), user.unit.name)
        for user in User.objects.filter(unit__authority__in=tree).select_related("unit")
    }
    assert readme_accounts(PROVINCE_HEADING) == accounts


@pytest.mark.parametrize(
    ("username", "authority"),
    [
        ("sonoivu", "Thành phố Hồ Chí Minh"),
        ("chutich.tp", "Thành phố Hồ Chí Minh"),
        ("hoidong.tp", "Thành phố Hồ Chí Minh"),
        ("chutich.benthanh", "Phường Bến Thành"),
        ("canbo.tandinh", "Phường Tân Định"),
    ],
)
def test_province_accounts_sign_in_to_their_own_authority(client, demo, username, authority):
    response = client.post(
        reverse("login"), {"username": username, "password": "ThiDua@2026"}, follow=True
    )
    assert response.redirect_chain == [(reverse("emulation:home"), 302)]
    assert f"<dd>{authority}</dd>" in response.content.decode()


def test_the_city_reads_the_received_nominations_and_the_ward_sees_their_state(client, demo):
    city = Authority.objects.get(code=PROVINCE_CODE)
    decided = Nomination.objects.get(authority=city, state=NominationState.DECIDED)
    client.force_login(User.objects.get(username="sonoivu"))
    body = client.get(f"/khen-thuong/ho-so/{decided.pk}/").content.decode()
    assert "Hồ sơ ở cấp dưới: Phường Sài Gòn, tờ trình số 01/TTr-UBND" in body
    submission = decided.lines.get().forwarded_from.submission
    assert client.get(f"/khen-thuong/trinh-cap-tren/{submission.pk}/").status_code == 404
    client.force_login(User.objects.get(username="canbo.thidua"))
    body = client.get(f"/khen-thuong/trinh-cap-tren/{submission.pk}/").content.decode()
    assert f"Bị trả lại: {RETURN_REASON}" in body
    assert (
        "Quyết định số 01/QĐ-UBND ngày 26/11/2026 của Thành phố Hồ Chí Minh, "
        "tiền thưởng 3.800.000 đồng" in body
    )
    assert client.get(f"/khen-thuong/ho-so/{decided.pk}/").status_code == 404


def test_the_wards_chairpersons_sign_the_clusters_pledge(client, demo):
    """Bến Thành's and Tân Định's chairpersons have signed for their wards; the demo ward's
    chairperson (`chutich`), whose ward leads the cluster, finds it awaiting them."""
    from emulation.models.pledges import PledgeVersion

    city = Authority.objects.get(code=PROVINCE_CODE)
    version = PledgeVersion.objects.get(pledge__cluster__authority=city)
    signed = version.signatures.select_related("user").order_by("pk")
    assert [signature.user.username for signature in signed] == [
        "chutich.benthanh",
        "chutich.tandinh",
    ]
    client.force_login(User.objects.get(username="chutich"))
    body = client.get("/giao-uoc/").content.decode()
    assert "Giao ước chờ bạn ký" in body
    assert version.title in body
