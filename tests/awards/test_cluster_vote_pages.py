# ruff: noqa: F811
"""The cluster's secret vote through its pages: open from the round page, each member votes,
close into a draft nomination with the ranking evidence; permissions, bad input, secrecy."""

import pytest
from django.urls import reverse

from awards.enums import BallotChoice, NominationState
from awards.models import BallotCast, Nomination
from emulation.enums import Role
from tests.emulation.scoring.conftest import (  # noqa: F401
    clerks,
    cluster,
    heads,
    staff,
    table,
    targets,
    wards,
    year_end,
)
from tests.emulation.scoring.test_proposals import final_round  # noqa: F401
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def _open(client, user, scoring_round):
    client.force_login(user)
    return client.post(reverse("awards:cluster_vote_open", args=[scoring_round.pk]))


def _ballot(heads):
    return Nomination.objects.get(council_session__isnull=False, unit=heads[0].unit)


def _choices(ballot, yes):
    return {
        f"line_{line.pk}": BallotChoice.YES if yes else BallotChoice.NO
        for line in ballot.lines.all()
    }


def test_whole_flow_open_vote_close(client, final_round, heads):
    client.force_login(heads[0])
    page = client.get(reverse("scoring:round", args=[final_round.pk]))
    assert "Mở bỏ phiếu đề nghị đơn vị dẫn đầu" in page.content.decode()
    response = _open(client, heads[0], final_round)
    ballot = _ballot(heads)
    assert response.url == reverse("awards:cluster_vote", args=[ballot.pk])
    page = client.get(reverse("scoring:round", args=[final_round.pk])).content.decode()
    assert "đã bỏ phiếu: 0/3" in page
    for head in heads:
        client.force_login(head)
        response = client.post(
            reverse("awards:cluster_vote", args=[ballot.pk]), _choices(ballot, True)
        )
        assert response.status_code == 302
    assert BallotCast.objects.filter(nomination=ballot).count() == 3
    client.force_login(heads[0])
    response = client.post(reverse("awards:cluster_vote_close", args=[ballot.pk]), follow=True)
    proposal = Nomination.objects.exclude(pk=ballot.pk).get(unit=heads[0].unit)
    assert proposal.state == NominationState.DRAFT
    assert "Kết quả chấm điểm" in proposal.summary
    assert proposal.lines.count() == 3
    body = response.content.decode()
    assert reverse("awards:nomination_detail", args=[proposal.pk]) in body
    assert f"hồ sơ số {proposal.pk}" in body


def test_permissions(client, final_round, heads, clerks, authority, other_authority):
    assert (
        client.post(reverse("awards:cluster_vote_open", args=[final_round.pk])).status_code == 302
    )
    assert _open(client, clerks[0], final_round).status_code == 403
    assert _open(client, heads[1], final_round).status_code == 403
    stranger = UserFactory(role=Role.UNIT_HEAD, unit=UnitFactory(authority=other_authority))
    assert _open(client, stranger, final_round).status_code == 404
    _open(client, heads[0], final_round)
    ballot = _ballot(heads)
    url = reverse("awards:cluster_vote", args=[ballot.pk])
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(clerks[1])
    assert client.get(url).status_code == 403
    assert client.post(url, _choices(ballot, True)).status_code == 403
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(heads[1])
    assert client.post(reverse("awards:cluster_vote_close", args=[ballot.pk])).status_code == 403
    assert not BallotCast.objects.exists()


def test_bad_input_and_double_vote(client, final_round, heads):
    _open(client, heads[0], final_round)
    ballot = _ballot(heads)
    url = reverse("awards:cluster_vote", args=[ballot.pk])
    client.force_login(heads[1])
    response = client.post(url, {})
    assert "Chọn Đồng ý hoặc Không đồng ý cho từng đơn vị." in response.content.decode()
    assert not BallotCast.objects.exists()
    client.post(url, _choices(ballot, False))
    response = client.post(url, _choices(ballot, True), follow=True)
    assert "Bạn đã bỏ phiếu cho hồ sơ này" in response.content.decode()
    assert BallotCast.objects.count() == 1


def test_page_keeps_the_ballot_secret(client, final_round, heads):
    _open(client, heads[0], final_round)
    ballot = _ballot(heads)
    url = reverse("awards:cluster_vote", args=[ballot.pk])
    client.force_login(heads[1])
    client.post(url, _choices(ballot, False))
    client.force_login(heads[0])
    body = client.get(url).content.decode()
    assert "Đã bỏ phiếu: 1/3" in body
    assert "checked" not in body
