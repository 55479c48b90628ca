"""The cluster's secret vote through its pages: open from the round page, each member votes,
close into a draft nomination with the ranking evidence; the issue 12 attack replayed through
the exact URLs; who may open, vote, close and see the results; bad input; secrecy."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.enums import AwardCode, BallotChoice, ClusterVoteState, NominationState
from awards.models import Award, ClusterBallot, ClusterVote, Nomination
from emulation.enums import Role
from emulation.models import Authority, Unit, User
from emulation.models.scoring import ScoringRound
from tests.awards.factories import NominationFactory
from tests.conftest import rows_again, rows_for_the_module
from tests.emulation.scoring.conftest import (
    YEAR,
    make_clerks,
    make_cluster,
    make_heads,
    make_staff,
    make_table,
    make_targets,
    make_wards,
    make_year_end,
)
from tests.emulation.scoring.test_proposals import finalise_year_end
from tests.factories import AuthorityFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def scored_cluster(django_db_setup, django_db_blocker):
    """The scoring tests' cluster of three wards (tests/emulation/scoring/conftest.py), its
    year-end round scored and final, built once per module (and xdist worker): each test opens,
    votes and closes in a savepoint of its own, rolled back after it."""
    with rows_for_the_module(django_db_blocker):
        authority = AuthorityFactory()
        wards = make_wards(authority)
        heads = make_heads(wards)
        clerks = make_clerks(wards)
        staff = make_staff(authority)
        table = make_table(make_cluster(authority, wards), staff)
        make_targets(authority, wards, staff)
        final = finalise_year_end(
            table, make_year_end(table, staff), wards, heads, staff, second_manual="8"
        )
        yield {
            "authority": authority.pk,
            "wards": [ward.pk for ward in wards],
            "heads": [head.pk for head in heads],
            "clerks": [clerk.pk for clerk in clerks],
            "staff": staff.pk,
            "final_round": final.pk,
        }


# The module's rows, read afresh for each test.
@pytest.fixture
def authority(db, scored_cluster):
    return Authority.objects.get(pk=scored_cluster["authority"])


@pytest.fixture
def wards(db, scored_cluster):
    return rows_again(Unit, scored_cluster["wards"])


@pytest.fixture
def heads(db, scored_cluster):
    return rows_again(User, scored_cluster["heads"])


@pytest.fixture
def clerks(db, scored_cluster):
    return rows_again(User, scored_cluster["clerks"])


@pytest.fixture
def staff(db, scored_cluster):
    return User.objects.get(pk=scored_cluster["staff"])


@pytest.fixture
def final_round(db, scored_cluster):
    """Ward 1: 100 (leader), ward 2: 98, ward 3: 90 — all excellent, all final."""
    return ScoringRound.objects.get(pk=scored_cluster["final_round"])


RESULTS_HEADING = 'id="results-title"'
WITHHELD = "Kết quả chỉ được công bố khi kết thúc bỏ phiếu."


def _open(client, user, scoring_round, **data):
    client.force_login(user)
    return client.post(reverse("awards:cluster_vote_open", args=[scoring_round.pk]), data)


def _choices(vote, yes):
    return {
        f"line_{candidate.pk}": BallotChoice.YES if yes else BallotChoice.NO
        for candidate in vote.candidates.all()
    }


def _ballot(client, user, vote, yes=True):
    client.force_login(user)
    return client.post(reverse("awards:cluster_vote", args=[vote.pk]), _choices(vote, yes))


def test_whole_flow_open_vote_close(client, final_round, heads):
    client.force_login(heads[0])
    page = client.get(reverse("scoring:round", args=[final_round.pk]))
    assert "Mở bỏ phiếu đề nghị đơn vị dẫn đầu" in page.content.decode()
    response = _open(client, heads[0], final_round)
    vote = ClusterVote.objects.get()
    assert response.url == reverse("awards:cluster_vote", args=[vote.pk])
    assert vote.deadline == timezone.localdate() + datetime.timedelta(days=7)
    page = client.get(reverse("scoring:round", args=[final_round.pk])).content.decode()
    assert "đã bỏ phiếu: 0/3" in page
    for head in heads:
        assert _ballot(client, head, vote).status_code == 302
    assert ClusterBallot.objects.filter(vote=vote).count() == 3
    client.force_login(heads[0])
    response = client.post(reverse("awards:cluster_vote_close", args=[vote.pk]), follow=True)
    proposal = Nomination.objects.get(unit=heads[0].unit)
    assert proposal.state == NominationState.DRAFT
    assert "Kết quả chấm điểm" in proposal.summary
    assert proposal.lines.count() == 3
    body = response.content.decode()
    assert reverse("awards:nomination_detail", args=[proposal.pk]) in body
    assert f"hồ sơ số {proposal.pk}" in body


def test_open_takes_the_deadline_and_refuses_a_bad_one(client, final_round, heads):
    day = timezone.localdate() + datetime.timedelta(days=3)
    _open(client, heads[0], final_round, deadline=day.isoformat())
    assert ClusterVote.objects.get().deadline == day
    ClusterVote.objects.all().delete()
    for bad in ("31/02/2026", "ngày mai"):
        response = _open(client, heads[0], final_round, deadline=bad)
        page = client.get(response.url).content.decode()
        assert "Nhập hạn bỏ phiếu là một ngày (ngày/tháng/năm)." in page
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = _open(client, heads[0], final_round, deadline=yesterday.isoformat())
    assert "Hạn bỏ phiếu phải từ hôm nay trở đi." in client.get(response.url).content.decode()
    assert ClusterVote.objects.count() == 0


def test_second_open_of_the_round_is_refused_with_a_message(client, final_round, heads, staff):
    _open(client, heads[0], final_round)
    response = _open(client, staff, final_round)
    assert response.url == reverse("scoring:round", args=[final_round.pk])
    body = client.get(response.url).content.decode()
    assert "Đợt chấm điểm này đã có cuộc bỏ phiếu kín của cụm" in body
    assert "mỗi đợt chỉ bỏ phiếu một lần." in body
    assert ClusterVote.objects.count() == 1


def test_the_attack_of_issue_12_changes_nothing_while_the_vote_is_open(
    client, final_round, heads, clerks, wards
):
    """The head unit's clerk adds a line (POST /khen-thuong/ho-so/<id>/them/) and its head
    submits (POST /khen-thuong/ho-so/<id>/gui/) to every draft of the head unit while the vote
    is open: the vote's candidates and ballot stay, its members still vote, and no nomination
    of the vote exists before it closes."""
    regular = NominationFactory(unit=wards[0], created_by=heads[0], year=YEAR)
    _open(client, heads[0], final_round)
    vote = ClusterVote.objects.get()
    frozen = list(vote.candidates.values_list("unit__code", "award__code"))
    drafts = list(Nomination.objects.filter(unit=wards[0], state=NominationState.DRAFT))
    assert drafts == [regular]
    merit = Award.objects.get(code=AwardCode.BANG_KHEN_TINH)
    for draft in drafts:
        client.force_login(clerks[0])
        add = client.post(
            f"/khen-thuong/ho-so/{draft.pk}/them/",
            {"award": merit.pk, "subject_kind": "collective", "subject_unit": wards[0].pk},
        )
        assert add.status_code == 302
        client.force_login(heads[0])
        assert client.post(f"/khen-thuong/ho-so/{draft.pk}/gui/").status_code == 302
    regular.refresh_from_db()
    assert (regular.state, regular.lines.count()) == (NominationState.SUBMITTED, 1)
    assert list(vote.candidates.values_list("unit__code", "award__code")) == frozen
    client.force_login(heads[1])
    page = client.get(reverse("awards:cluster_vote", args=[vote.pk]))
    assert page.status_code == 200
    assert page.content.decode().count('type="radio"') == 6  # 3 candidates × yes/no
    assert _ballot(client, heads[1], vote).status_code == 302
    assert _ballot(client, heads[2], vote).status_code == 302
    vote.refresh_from_db()
    assert (vote.state, vote.ballots.count()) == (ClusterVoteState.OPEN, 2)
    assert list(Nomination.objects.values_list("pk", flat=True)) == [regular.pk]


def test_close_refused_before_quorum_and_deadline_says_what_is_missing(
    client, final_round, heads, staff
):
    _open(client, heads[0], final_round)
    vote = ClusterVote.objects.get()
    _ballot(client, heads[1], vote, yes=True)
    deadline = vote.deadline.strftime("%d/%m/%Y")
    message = (
        f"Chưa thể kết thúc bỏ phiếu: còn thiếu 2/3 phiếu, hạn bỏ phiếu {deadline}. Bỏ phiếu "
        "kết thúc khi mọi thành viên đã bỏ phiếu, hoặc sau hạn khi có ít nhất 2/3 phiếu."
    )
    for organiser in (heads[0], staff):
        client.force_login(organiser)
        response = client.post(reverse("awards:cluster_vote_close", args=[vote.pk]), follow=True)
        assert message in response.content.decode()
    # The deadline passes with one ballot of three: still refused, its totals would be it.
    ClusterVote.objects.filter(pk=vote.pk).update(
        deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client.post(reverse("awards:cluster_vote_close", args=[vote.pk]), follow=True)
    assert "còn thiếu 2/3 phiếu" in response.content.decode()
    vote.refresh_from_db()
    assert (vote.state, vote.ballots_cast, Nomination.objects.count()) == ("open", None, 0)
    _ballot(client, heads[2], vote, yes=False)
    client.force_login(staff)
    response = client.post(reverse("awards:cluster_vote_close", args=[vote.pk]), follow=True)
    vote.refresh_from_db()
    assert (vote.state, vote.ballots_cast) == (ClusterVoteState.CLOSED, 2)
    assert "Đã kết thúc bỏ phiếu: không đơn vị nào đủ số phiếu." in response.content.decode()


def _viewers(heads, staff, authority):
    council = UserFactory(role=Role.COUNCIL_MEMBER, unit=staff.unit)
    chair = UserFactory(role=Role.CHAIRPERSON, unit=staff.unit)
    return [heads[0], heads[1], staff, council, chair]


def test_no_partial_tally_on_any_page_while_open(client, final_round, heads, staff, authority):
    _open(client, heads[0], final_round)
    vote = ClusterVote.objects.get()
    _ballot(client, heads[1], vote, yes=True)
    # The organiser tries to close on that one ballot: refused, nothing to read.
    client.force_login(heads[0])
    client.post(reverse("awards:cluster_vote_close", args=[vote.pk]))
    pages = [
        reverse("awards:cluster_vote", args=[vote.pk]),
        reverse("scoring:round", args=[final_round.pk]),
        reverse("awards:nomination_list"),
        reverse("awards:session_list"),
    ]
    for viewer in _viewers(heads, staff, authority):
        client.force_login(viewer)
        for url in pages:
            response = client.get(url)
            body = response.content.decode()
            # The council's sessions are thi đua staff's page.
            expected = 200 if url != pages[3] or viewer == staff else 403
            assert response.status_code == expected, (viewer.role, url)
            assert RESULTS_HEADING not in body, (viewer.role, url)
            assert "phiếu đồng ý" not in body, (viewer.role, url)
        vote_page = client.get(pages[0]).content.decode()
        assert WITHHELD in vote_page
        assert "Đã bỏ phiếu: 1/3" in vote_page
    assert Nomination.objects.count() == 0
    assert list(vote.candidates.values_list("yes_votes", flat=True)) == [None, None, None]


def test_totals_only_after_close(client, final_round, heads, staff, authority):
    _open(client, heads[0], final_round)
    vote = ClusterVote.objects.get()
    _ballot(client, heads[0], vote, yes=True)
    _ballot(client, heads[1], vote, yes=True)
    _ballot(client, heads[2], vote, yes=False)
    client.force_login(heads[0])
    client.post(reverse("awards:cluster_vote_close", args=[vote.pk]))
    for viewer in _viewers(heads, staff, authority):
        client.force_login(viewer)
        body = client.get(reverse("awards:cluster_vote", args=[vote.pk])).content.decode()
        assert RESULTS_HEADING in body
        assert WITHHELD not in body
        assert "Số phiếu: 3/3 thành viên." in body
        assert body.count("<td>2</td><td>1</td>") == 3
        assert body.count("Được đề nghị") == 3
        assert "Bỏ phiếu đã kết thúc." in body
        assert 'type="radio"' not in body


def test_page_keeps_the_ballot_secret(client, final_round, heads):
    _open(client, heads[0], final_round)
    vote = ClusterVote.objects.get()
    _ballot(client, heads[1], vote, yes=False)
    client.force_login(heads[1])
    body = client.get(reverse("awards:cluster_vote", args=[vote.pk])).content.decode()
    assert "Bạn đã bỏ phiếu. Phiếu được giữ bí mật" in body
    assert "checked" not in body
    client.force_login(heads[0])
    body = client.get(reverse("awards:cluster_vote", args=[vote.pk])).content.decode()
    assert "Đã bỏ phiếu: 1/3" in body
    assert "checked" not in body


def test_bad_input_and_double_vote(client, final_round, heads):
    _open(client, heads[0], final_round)
    vote = ClusterVote.objects.get()
    url = reverse("awards:cluster_vote", args=[vote.pk])
    client.force_login(heads[1])
    response = client.post(url, {})
    assert "Chọn Đồng ý hoặc Không đồng ý cho từng đơn vị." in response.content.decode()
    response = client.post(url, dict.fromkeys(_choices(vote, True), "maybe"))
    assert "Chọn Đồng ý hoặc Không đồng ý cho từng đơn vị." in response.content.decode()
    assert not ClusterBallot.objects.exists()
    client.post(url, _choices(vote, False))
    response = client.post(url, _choices(vote, True), follow=True)
    assert "Bạn đã bỏ phiếu; mỗi thành viên chỉ bỏ một phiếu." in response.content.decode()
    assert ClusterBallot.objects.count() == 1
    assert client.get(reverse("awards:cluster_vote", args=[vote.pk + 1])).status_code == 404


# Who may open, vote, close and view: each role, of the cluster (own) or not (other).

OPEN, VIEW, VOTE, CLOSE, RESULTS = "open", "view", "vote", "close", "results"


@pytest.fixture
def principals(wards, heads, clerks, staff, authority, other_authority):
    outsider_unit = UnitFactory(authority=authority, code="P9", name="Phường 9")
    other_unit = UnitFactory(authority=other_authority)
    return {
        "organiser head (own)": heads[0],
        "member head (own)": heads[1],
        "head (other cluster)": UserFactory(role=Role.UNIT_HEAD, unit=outsider_unit),
        "head (other authority)": UserFactory(role=Role.UNIT_HEAD, unit=other_unit),
        "clerk (own)": clerks[1],
        "clerk (other cluster)": UserFactory(role=Role.UNIT_CLERK, unit=outsider_unit),
        "staff (own)": staff,
        "staff (other authority)": UserFactory(role=Role.AUTHORITY_STAFF, unit=other_unit),
        "council (own)": UserFactory(role=Role.COUNCIL_MEMBER, unit=staff.unit),
        "council (other authority)": UserFactory(role=Role.COUNCIL_MEMBER, unit=other_unit),
        "chairperson (own)": UserFactory(role=Role.CHAIRPERSON, unit=staff.unit),
        "chairperson (other authority)": UserFactory(role=Role.CHAIRPERSON, unit=other_unit),
    }


# Status per action: 302 = done (or a form answer), 403 = refused, 404 = not found.
EXPECTED = {
    "organiser head (own)": {OPEN: 302, VIEW: 200, VOTE: 302, CLOSE: 302, RESULTS: 200},
    "member head (own)": {OPEN: 403, VIEW: 200, VOTE: 302, CLOSE: 403, RESULTS: 200},
    "head (other cluster)": {OPEN: 404, VIEW: 404, VOTE: 404, CLOSE: 404, RESULTS: 404},
    "head (other authority)": {OPEN: 404, VIEW: 404, VOTE: 404, CLOSE: 404, RESULTS: 404},
    "clerk (own)": {OPEN: 403, VIEW: 403, VOTE: 403, CLOSE: 403, RESULTS: 403},
    "clerk (other cluster)": {OPEN: 404, VIEW: 404, VOTE: 404, CLOSE: 404, RESULTS: 404},
    "staff (own)": {OPEN: 302, VIEW: 200, VOTE: 403, CLOSE: 302, RESULTS: 200},
    "staff (other authority)": {OPEN: 404, VIEW: 404, VOTE: 404, CLOSE: 404, RESULTS: 404},
    "council (own)": {OPEN: 403, VIEW: 200, VOTE: 403, CLOSE: 403, RESULTS: 200},
    "council (other authority)": {OPEN: 404, VIEW: 404, VOTE: 404, CLOSE: 404, RESULTS: 404},
    "chairperson (own)": {OPEN: 403, VIEW: 200, VOTE: 403, CLOSE: 403, RESULTS: 200},
    "chairperson (other authority)": {OPEN: 404, VIEW: 404, VOTE: 404, CLOSE: 404, RESULTS: 404},
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_permissions(client, final_round, heads, principals, who):
    user = principals[who]
    expected = EXPECTED[who]
    opened = _open(client, user, final_round)
    assert opened.status_code == expected[OPEN]
    assert ClusterVote.objects.count() == (1 if expected[OPEN] == 302 else 0)
    if not ClusterVote.objects.exists():
        _open(client, heads[0], final_round)
    vote = ClusterVote.objects.get()
    url = reverse("awards:cluster_vote", args=[vote.pk])
    close = reverse("awards:cluster_vote_close", args=[vote.pk])
    client.force_login(user)
    assert client.get(url).status_code == expected[VIEW]
    assert client.post(url, _choices(vote, True)).status_code == expected[VOTE]
    assert vote.ballots.count() == (1 if expected[VOTE] == 302 else 0)
    for head in heads:
        if not vote.ballots.filter(member=head).exists():
            _ballot(client, head, vote, yes=True)
    client.force_login(user)
    assert client.post(close).status_code == expected[CLOSE]
    vote.refresh_from_db()
    assert vote.state == (ClusterVoteState.CLOSED if expected[CLOSE] == 302 else "open")
    if vote.state == ClusterVoteState.OPEN:
        client.force_login(heads[0])
        client.post(close)
    client.force_login(user)
    results = client.get(url)
    assert results.status_code == expected[RESULTS]
    if expected[RESULTS] == 200:
        assert "Số phiếu: 3/3 thành viên." in results.content.decode()


def test_anonymous_is_sent_to_sign_in(client, final_round, heads):
    _open(client, heads[0], final_round)
    vote = ClusterVote.objects.get()
    client.logout()
    for url in (
        reverse("awards:cluster_vote", args=[vote.pk]),
        reverse("awards:cluster_vote_close", args=[vote.pk]),
        reverse("awards:cluster_vote_open", args=[final_round.pk]),
    ):
        response = client.post(url)
        assert (response.status_code, response.url.split("?")[0]) == (302, "/dang-nhap/")
    assert ClusterBallot.objects.count() == 0


def test_round_page_shows_the_vote_box_as_a_panel_of_its_own(client, final_round, heads):
    client.force_login(heads[0])

    page = client.get(reverse("scoring:round", args=[final_round.pk])).content.decode()

    assert '<section class="panel" aria-labelledby="vote-title">' in page
