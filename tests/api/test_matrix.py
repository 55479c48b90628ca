"""The API's authorization matrix: every API route × every token scope (commune A's token,
commune B's, the province's tree token, no token), one test per cell
(`-k "api:decision-commune_b"`). A cell checks the status and, where the answer holds records,
whose records they are: "a", "b" (the communes), "p" (the province). The session-based matrix
(tests/authz/test_matrix.py) leaves the API's patterns to this one, as it leaves the admin.

Every route the API declares must have a row here (test_every_api_route_has_a_row)."""

import pytest
from lxml import etree

from api.national.xml_form import NAMESPACE
from tests.api.world import World
from tests.authz.test_matrix import API_PREFIX, url_patterns

PRINCIPALS = ("commune_a", "commune_b", "province_tree", "none")


def _seen_decisions(world: World, body) -> set[str]:
    items = body.get("items", [body]) if isinstance(body, dict) else body
    return {world.label_of_decision(item["id"]) for item in items}


def _exported_authority(world: World, body) -> set[str]:
    """Whose records an export holds: the authority named in the JSON or the XML document."""
    if isinstance(body, bytes):
        code = etree.fromstring(body).findtext(f"{{{NAMESPACE}}}authority/{{{NAMESPACE}}}code")
    else:
        code = body["authority"]["code"]
    return {world.label_of_code(code)}


ROUTES = {
    # name: (path from the world's records (commune A's), records seen in a 200 answer)
    "api:decisions": (
        lambda w: "/api/v1/decisions?year=2025",
        _seen_decisions,
    ),
    "api:decision": (
        lambda w: f"/api/v1/decisions/{w.records['a'].decision_id}",
        _seen_decisions,
    ),
    "api:person_awards": (
        lambda w: f"/api/v1/people/{w.records['a'].person_id}/awards",
        lambda w, body: {w.label_of_code(body["authority_code"])},
    ),
    "api:unit_awards": (
        lambda w: f"/api/v1/units/{w.records['a'].unit_id}/awards",
        lambda w, body: {w.label_of_code(body["authority_code"])},
    ),
    "api:statistics_form": (
        lambda w: f"/api/v1/statistics/0603?year=2025&authority={w.records['a'].authority_code}",
        lambda w, body: {w.label_of_code(body["authority"]["code"])},
    ),
    "api:targets": (
        lambda w: f"/api/v1/targets?year=2025&authority={w.records['a'].authority_code}",
        lambda w, body: {w.label_of_target(item["id"]) for item in body},
    ),
    "api:verify_certificate": (
        lambda w: f"/api/v1/verify/certificates/{w.records['a'].certificate_code}",
        lambda w, body: {w.label_of_decision(body["decision_id"])},
    ),
    "api:verify_decision": (
        lambda w: "/api/v1/verify/decisions?reference=01/QĐ-UBND&year=2025",
        _seen_decisions,
    ),
    "api:national_export_json": (
        lambda w: f"/api/v1/exports/2025.json?authority={w.records['a'].authority_code}",
        _exported_authority,
    ),
    "api:national_export_xml": (
        lambda w: f"/api/v1/exports/2025.xml?authority={w.records['a'].authority_code}",
        _exported_authority,
    ),
    "api:openapi-json": (lambda w: "/api/v1/openapi.json", None),
    "api:api-root": (lambda w: "/api/v1/", None),
    "api_docs": (lambda w: "/api/docs/", None),
}

A, B, P = {"a"}, {"b"}, {"p"}
LISTED_BY = {"commune_a": A, "commune_b": B, "province_tree": A | B | P}
OWNED_BY_A = {
    "commune_a": (200, A),
    "commune_b": (404, None),
    "province_tree": (200, A),
    "none": (401, None),
}
LISTS = {principal: (200, seen) for principal, seen in LISTED_BY.items()} | {"none": (401, None)}
PUBLIC = dict.fromkeys(PRINCIPALS, (200, None))
EXPECTED = {
    "api:decisions": LISTS,
    "api:decision": OWNED_BY_A,
    "api:person_awards": OWNED_BY_A,
    "api:unit_awards": OWNED_BY_A,
    "api:statistics_form": OWNED_BY_A,
    "api:targets": OWNED_BY_A,
    "api:verify_certificate": OWNED_BY_A,
    "api:verify_decision": LISTS,
    "api:national_export_json": OWNED_BY_A,
    "api:national_export_xml": OWNED_BY_A,
    "api:openapi-json": PUBLIC,
    "api:api-root": dict.fromkeys(PRINCIPALS, (404, None)),
    "api_docs": PUBLIC,
}
CELLS = [(route, principal) for route in EXPECTED for principal in PRINCIPALS]


def test_every_api_route_has_a_row():
    """The URL patterns under /api/ (ninja names one per operation, its schema and its root)
    are exactly the matrix's rows."""
    names = {name for name, route in url_patterns() if route.startswith(API_PREFIX)}
    assert names == set(ROUTES) == set(EXPECTED)


@pytest.mark.parametrize(("route", "principal"), CELLS, ids=[f"{r}-{p}" for r, p in CELLS])
def test_cell(call, world, route, principal):
    path, seen_in = ROUTES[route]
    expected_status, expected_seen = EXPECTED[route][principal]
    response = call(path(world), principal)
    assert response.status_code == expected_status, response.content[:300]
    if expected_seen is not None:
        xml = response["Content-Type"].startswith("application/xml")
        body = response.content if xml else response.json()
        assert seen_in(world, body) == expected_seen
