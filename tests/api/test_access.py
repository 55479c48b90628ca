"""Tokens, scope, read-only methods, the rate limit and the log of calls."""

import hashlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from api.enums import TokenScope
from api.models import ApiCall, ApiClient
from tests.conftest import RATE_WINDOW_START

UNAUTHORIZED = {"detail": "Thiếu mã truy cập, mã không đúng hoặc đã bị thu hồi."}
NOT_FOUND = {"detail": "Không tìm thấy trong phạm vi của mã truy cập."}


@pytest.mark.parametrize("principal", ["none", "not-a-token", "revoked"])
def test_call_without_a_valid_token_is_unauthorized(call, world, principal):
    response = call("/api/v1/decisions", principal)
    assert (response.status_code, response.json()) == (401, UNAUTHORIZED)


def test_commune_token_cannot_read_another_commune(call, world):
    b = world.records["b"]
    assert call(f"/api/v1/decisions/{b.decision_id}", "commune_a").status_code == 404
    assert call(f"/api/v1/people/{b.person_id}/awards", "commune_a").status_code == 404
    assert (
        call("/api/v1/targets", "commune_a", year=2025, authority=b.authority_code).json()
        == NOT_FOUND
    )
    listed = call("/api/v1/decisions", "commune_a").json()["items"]
    assert [d["id"] for d in listed] == [world.records["a"].decision_id]


def test_province_tree_token_reads_its_communes_but_not_an_outsider(call, world):
    a = world.records["a"]
    response = call(f"/api/v1/decisions/{a.decision_id}", "province_tree")
    assert (response.status_code, response.json()["authority"]["code"]) == (200, a.authority_code)
    outsider = call("/api/v1/targets", "province_tree", year=2025, authority=world.outsider_code)
    assert outsider.status_code == 404
    listed = call("/api/v1/decisions", "province_tree", year=2025).json()["items"]
    assert sorted(world.label_of_decision(d["id"]) for d in listed) == ["a", "b", "p"]


def test_commune_token_cannot_read_its_province(call, world):
    p = world.records["p"]
    assert call(f"/api/v1/units/{p.unit_id}/awards", "commune_a").status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_methods_are_not_allowed(call, world, method):
    response = call(f"/api/v1/decisions/{world.records['a'].decision_id}", "commune_a", method)
    assert response.status_code == 405
    assert response["Allow"] == "GET"


def test_rate_limit_answers_429_in_vietnamese(call, world, settings, rate_clock):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    statuses = [call("/api/v1/decisions", "commune_a").status_code for _ in range(3)]
    refused = call("/api/v1/decisions", "commune_a")
    assert statuses == [200, 200, 429]
    assert refused.json() == {
        "detail": "Quá nhiều yêu cầu trong một phút. Hãy thử lại sau ít phút."
    }
    # Counted per token: another client still reads.
    assert call("/api/v1/decisions", "commune_b").status_code == 200


def test_rate_limit_counts_a_burst_across_the_edge_of_a_minute(call, world, settings, rate_clock):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    rate_clock.now = RATE_WINDOW_START + 59.5
    assert [call("/api/v1/decisions", "commune_a").status_code for _ in range(2)] == [200, 200]
    rate_clock.now = RATE_WINDOW_START + 60.5
    assert call("/api/v1/decisions", "commune_a").status_code == 429
    rate_clock.now = RATE_WINDOW_START + 120  # of the last minute, only the refused call is left
    assert call("/api/v1/decisions", "commune_a").status_code == 200


def test_every_call_is_logged(call, world):
    decision_id = world.records["a"].decision_id
    call(f"/api/v1/decisions/{decision_id}", "commune_a")
    call("/api/v1/decisions", "none")
    call(f"/api/v1/decisions/{decision_id}", "commune_a", "post")
    call(f"/api/v1/decisions/{world.records['b'].decision_id}", "commune_a")
    logged = list(
        ApiCall.objects.order_by("pk").values_list("client__name", "method", "path", "status")
    )
    assert logged == [
        ("Hệ thống commune_a", "GET", f"/api/v1/decisions/{decision_id}", 200),
        (None, "GET", "/api/v1/decisions", 401),
        (None, "POST", f"/api/v1/decisions/{decision_id}", 405),
        ("Hệ thống commune_a", "GET", f"/api/v1/decisions/{world.records['b'].decision_id}", 404),
    ]
    first = ApiCall.objects.order_by("pk").first()
    assert first.address == "127.0.0.1"
    assert 0 <= first.duration_ms < 10_000
    assert first.at is not None


def test_pages_outside_the_api_are_not_logged(client, world):
    client.get("/suc-khoe/")
    assert ApiCall.objects.count() == 0


def test_issue_api_token_prints_the_token_once_and_stores_its_hash(world, capsys, call):
    call_command(
        "issue_api_token",
        authority=world.records["a"].authority_code,
        scope="tree",
        name="Cơ sở dữ liệu quốc gia",
    )
    token = capsys.readouterr().out.strip()
    client = ApiClient.objects.get(name="Cơ sở dữ liệu quốc gia")
    assert (client.scope, client.authority.code) == (
        TokenScope.TREE,
        world.records["a"].authority_code,
    )
    assert client.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(ApiClient.objects.values()))
    assert call("/api/v1/decisions", token).status_code == 200


def test_issue_api_token_refuses_an_unknown_authority(world):
    with pytest.raises(CommandError, match="Không có cơ quan mã 'khong-co'"):
        call_command("issue_api_token", authority="khong-co", scope="authority", name="X")


def test_admin_lists_and_revokes_clients(admin_client, world, call):
    listing = admin_client.get("/quan-tri/api/apiclient/")
    assert listing.status_code == 200
    assert "Hệ thống commune_b" in listing.content.decode()
    client = ApiClient.objects.get(name="Hệ thống commune_b")
    response = admin_client.post(
        "/quan-tri/api/apiclient/",
        {"action": "revoke", "_selected_action": [client.pk]},
        follow=True,
    )
    assert "Đã thu hồi mã truy cập của 1 hệ thống." in response.content.decode()
    client.refresh_from_db()
    assert client.revoked_at is not None
    assert call("/api/v1/decisions", "commune_b").status_code == 401
    calls = admin_client.get("/quan-tri/api/apicall/").content.decode()
    assert "/api/v1/decisions" in calls
    assert "Hệ thống commune_b" in calls
    assert admin_client.get(f"/quan-tri/api/apiclient/{client.pk}/delete/").status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/decisions?year=99999999999",
        "/api/v1/decisions?offset=99999999999999999999",
        "/api/v1/decisions?limit=0",
        "/api/v1/targets?year=1999",
        "/api/v1/statistics/0603?year=99999",
        "/api/v1/statistics/0603?day=31-12-2025",
        "/api/v1/verify/decisions?reference=01/QĐ-UBND&year=99999999999",
    ],
)
def test_out_of_range_parameters_are_refused_before_any_query(call, world, path):
    response = call(path, "province_tree")
    assert response.status_code == 422
    assert [error["loc"][0] for error in response.json()["detail"]] == ["query"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/decisions/99999999999999999999",
        "/api/v1/people/9223372036854775808/awards",
        "/api/v1/units/-1/awards",
    ],
)
def test_out_of_range_identifiers_are_not_found(call, world, path):
    assert call(path, "province_tree").json() == NOT_FOUND
