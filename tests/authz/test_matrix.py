"""S4, S5, S10 of RELIABILITY.md: the authorization matrix.

Every URL pattern of the project (walked from the resolver; the admin's and the read API's
aside: the API authenticates client systems by token, not people by session, and
tests/api/test_matrix.py crosses each of its routes with each token scope) × every principal of
tests/authz/world.py (anonymous and the six roles × own scope / another authority / (unit roles)
another unit of the same authority), against the policy table in tests/authz/policy.py. Each
cell is a test of its own, named "<url name>-<principal>", so one cell runs alone
(`pytest tests/authz/test_matrix.py -k "awards:nomination_detail-unit_head-sibling"`) and
pytest-xdist spreads the cells over its workers. GET cells check the status and that no body
seen from outside the owning unit carries its canary text, and the security headers of every
HTML page; POST cells (valid CSRF token) check that no refused request changed any row; CSRF
cells check that an allowed user posting without a token is refused and changes nothing.

The cells are marked `matrix`: `make test` runs them, `make test-quick` leaves them (about
5,600 requests, a quarter of its time) to `make test-authz`, with the walk of tests/authz.

The world is built once per module and xdist worker, inside a transaction that is rolled back
at the end; every cell runs in a savepoint of its own, so what a cell writes never reaches the
next. The figures (cells, failures, canary leaks…) are added up over all workers and printed
at the end of the run ("figures" section, tests/conftest.py).
"""

import re
import secrets
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, reverse

from tests.authz.policy import CROSS_ROWS, NONE, ROWS
from tests.authz.snapshot import SKIPPED, snapshot
from tests.authz.world import CANARY, OWN_SCOPES, PRINCIPALS, build_world, principal_id
from tests.conftest import rows_for_the_module

ADMIN_PREFIX = "quan-tri/"
# The read API answers tokens, not sessions: its routes × token scopes are tests/api/test_matrix.py.
API_PREFIX = "api/"
SIGN_IN = "/dang-nhap/"


def url_patterns(resolver=None, prefix="", namespace=None):
    """(name, route) of every URL pattern, namespaces joined with ':'."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or None
            joined = ":".join(n for n in (namespace, inner) if n) or None
            yield from url_patterns(pattern, route, joined)
        else:
            name = pattern.name or route
            yield (f"{namespace}:{name}" if namespace else name), route


def app_patterns():
    return [(n, r) for n, r in url_patterns() if not r.startswith((ADMIN_PREFIX, API_PREFIX))]


def test_every_url_pattern_has_a_policy_row():
    names = {name for name, _route in app_patterns()}
    missing = sorted(names - set(ROWS))
    stale = sorted(set(ROWS) - names)
    print(f"\nauthz_url_patterns: {len(names)} (policy rows {len(ROWS)})")
    assert not missing, f"URL patterns without a row in tests/authz/policy.py: {missing}"
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(SIGN_IN)


def _expected_ok(row, role, scope, allowed, owners=OWN_SCOPES) -> bool:
    if role is None:
        return row.public
    if scope == "superior" and "superior" not in owners and role in row.superior:
        return True
    if role not in allowed:
        return False
    return scope in owners or not row.scoped


def _check(row, role, scope, response, allowed, method, owners=OWN_SCOPES) -> str | None:
    """What is wrong with `response`, or None. `owners` are the scopes that own the object:
    A's own users for ROWS, P's ("superior") for CROSS_ROWS."""
    status = response.status_code
    if role is None and not row.public:
        if _is_sign_in_redirect(response) or status == 405:
            return None
        return f"anonymous got {status}, expected the sign-in redirect"
    if status >= 500:
        return f"server error {status}"
    if _expected_ok(row, role, scope, allowed, owners):
        if method == "GET" and status in (403, 404):
            return f"allowed but got {status}"
        return None
    if method == "GET" and allowed is NONE and status in (403, 404, 405):
        return None
    if method == "POST" and status == 405:
        return None  # the view does not take POST at all
    if scope not in owners and row.scoped and role in allowed and status != 404:
        return f"another unit's object answered {status}, expected 404"
    if status not in (403, 404, 405):
        return f"refused cell answered {status}, expected 403/404"
    return None


SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
)


def _header_problems(response) -> list[str]:
    if not response.get("Content-Type", "").startswith("text/html") or response.status_code != 200:
        return []
    problems = [h for h in HEADERS if not response.has_header(h)]
    csp = response.get("Content-Security-Policy", "")
    script_src = next((p for p in csp.split(";") if p.strip().startswith("script-src")), "")
    if "unsafe-inline" in script_src or not script_src:
        problems.append("script-src allows inline script or is missing")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("nosniff")
    if response.get("X-Frame-Options") not in ("DENY", "SAMEORIGIN"):
        problems.append("X-Frame-Options")
    body = _body(response).decode(errors="replace")
    if any("src=" not in attrs for attrs in SCRIPT_TAG.findall(body)):
        problems.append("inline <script> element")
    return problems


@dataclass
class Matrix:
    """The world, one signed-in session per principal, and the rows as they stood."""

    world: object
    sessions: dict  # (role, scope) -> session key
    baseline: dict  # snapshot() after the world was built and everyone signed in


def _sign_in(user) -> str:
    """The session key of a client signed in as `user` (force_login also writes last_login:
    done before the baseline snapshot, as the world's own rows)."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per module (and xdist worker); rolled back when the module is done."""
    media = tmp_path_factory.mktemp("authz-media")  # the world's document, photo, certificate
    with (
        override_settings(MEDIA_ROOT=str(media), AXES_ENABLED=False),
        rows_for_the_module(django_db_blocker),
    ):
        world = build_world()
        sessions = {key: _sign_in(user) for key, user in world.users.items()}
        yield Matrix(world, sessions, snapshot())


def _client(matrix, role, scope, *, enforce_csrf=False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf)
    if role is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = matrix.sessions[(role, scope)]
    return client


WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def _post(client, url, data) -> tuple[object, list[str]]:
    """The response and the tables whose rows differ from the baseline afterwards. The full
    snapshot (every row of every table) is compared only when the request sent a write
    statement outside the tables snapshot() skips: without one no row can have changed."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    writes = [q["sql"] for q in queries if WRITE.match(q["sql"])]
    return response, [sql for sql in writes if not any(t in sql for t in SKIPPED)]


def _changed_tables(matrix, writes) -> list[str]:
    if not writes:
        return []
    after = snapshot()
    return sorted(table for table in matrix.baseline if matrix.baseline[table] != after[table])


def _cell(name, role, scope):
    return pytest.param(name, role, scope, id=f"{name}-{principal_id(role, scope)}")


GET_CELLS = [_cell(name, role, scope) for name in ROWS for role, scope in PRINCIPALS]
POST_CELLS = [
    _cell(name, role, scope)
    for name, row in ROWS.items()
    if not row.public
    for role, scope in PRINCIPALS
    if not _expected_ok(row, role, scope, row.get if row.post is None else row.post)
    # an allowed POST may change data; the feature tests cover it
]
CSRF_CELLS = [
    _cell(name, role, "own")
    for name, row in ROWS.items()
    for role in sorted(row.get if row.post is None else row.post)
]


@pytest.mark.matrix
@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "scope"), GET_CELLS)
def test_get_cell(matrix, name, role, scope, record_property):
    row = ROWS[name]
    url = reverse(name, kwargs=row.kwargs(matrix.world.objects))
    response = _client(matrix, role, scope).get(url)
    problems = []
    problem = _check(row, role, scope, response, row.get, "GET")
    if problem:
        problems.append(problem)
    leak = scope in ("other", "sibling", "superior") and CANARY.encode() in _body(response)
    if leak:
        problems.append("body carries another unit's canary")
    headers = _header_problems(response) if response.status_code == 200 else []
    record_property(
        "figures",
        {
            "authz_get_cells": 1,
            "authz_get_failures": int(bool(problem) or leak),
            "authz_canary_leaks": int(leak),
            "security_header_pages": int(response.status_code == 200),
            "security_header_failures": len(headers),
        },
    )
    assert not problems, f"GET {name} {role} {scope}: {'; '.join(problems)}"
    assert not headers, f"{name} {role}: {', '.join(headers)}"


@pytest.mark.matrix
@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "scope"), POST_CELLS)
def test_post_cell_changes_nothing_when_refused(matrix, name, role, scope, record_property):
    row = ROWS[name]
    allowed = row.get if row.post is None else row.post
    url = reverse(name, kwargs=row.kwargs(matrix.world.objects))
    client = _client(matrix, role, scope, enforce_csrf=True)
    token = secrets.token_hex(16)  # 32 characters: Django's unmasked secret format
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    response, writes = _post(client, url, {"csrfmiddlewaretoken": token})
    problem = _check(row, role, scope, response, allowed, "POST")
    changed = _changed_tables(matrix, writes)
    record_property(
        "figures",
        {
            "authz_post_cells": 1,
            "authz_post_failures": int(bool(problem) or bool(changed)),
            "authz_unauthorised_writes": int(bool(changed)),
        },
    )
    assert problem is None, f"POST {name} {role} {scope}: {problem}"
    assert not changed, f"POST {name} {role} {scope}: the refused request changed {changed}"


@pytest.mark.matrix
@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "scope"), CSRF_CELLS)
def test_post_without_csrf_token_is_refused(matrix, name, role, scope, record_property):
    """S7: the users the policy allows, posting without a token, get 403 and change nothing."""
    row = ROWS[name]
    url = reverse(name, kwargs=row.kwargs(matrix.world.objects))
    response, writes = _post(_client(matrix, role, scope, enforce_csrf=True), url, {})
    changed = _changed_tables(matrix, writes)
    refused = response.status_code in (403, 405)
    record_property(
        "figures",
        {"csrf_cells": 1, "csrf_refused": int(refused), "csrf_tables_changed": len(changed)},
    )
    assert refused, f"POST {name} as {role} without a token: {response.status_code}"
    assert not changed, f"a request without a CSRF token changed {changed}"


CROSS_CELLS = [
    pytest.param(name, role, scope, id=f"cross:{name}-{principal_id(role, scope)}")
    for name in CROSS_ROWS
    for role, scope in PRINCIPALS
]


@pytest.mark.matrix
@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "scope"), CROSS_CELLS)
def test_cross_level_cell(matrix, name, role, scope, record_property):
    """The province's objects reached from the ward's records: the province's own principals
    as its row says; everyone else, the ward's users included, 404 (403 without the right)."""
    row = CROSS_ROWS[name]
    url = reverse(name, kwargs=row.kwargs(matrix.world.objects))
    response = _client(matrix, role, scope).get(url)
    problem = _check(row, role, scope, response, row.get, "GET", owners=("superior",))
    leak = scope in ("other", "sibling") and CANARY.encode() in _body(response)
    record_property(
        "figures",
        {"authz_cross_cells": 1, "authz_cross_failures": int(bool(problem) or leak)},
    )
    assert problem is None, f"GET cross {name} {role} {scope}: {problem}"
    assert not leak, f"GET cross {name} {role} {scope}: body carries the canary"
