"""S4, S5, S10 of RELIABILITY.md: the authorization matrix.

Every URL pattern of the project (walked from the resolver) × anonymous and the six roles ×
own scope / another authority / (unit roles) another unit of the same authority, against the
policy table in tests/authz/policy.py. GET cells check the status and that no body seen from
outside the owning unit carries its canary text, and the security headers of every HTML
page; POST cells (valid CSRF token) check that no refused request changed any row.
"""

import re
import secrets

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.authz.policy import NONE, ROWS
from tests.authz.snapshot import snapshot
from tests.authz.world import CANARY, OWN_SCOPES, build_world

ADMIN_PREFIX = "quan-tri/"
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
    return [(n, r) for n, r in url_patterns() if not r.startswith(ADMIN_PREFIX)]


def test_every_url_pattern_has_a_policy_row():
    names = {name for name, _route in app_patterns()}
    missing = sorted(names - set(ROWS))
    stale = sorted(set(ROWS) - names)
    print(f"\nauthz_url_patterns: {len(names)} (policy rows {len(ROWS)})")
    assert not missing, f"URL patterns without a row in tests/authz/policy.py: {missing}"
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


def _principals(world):
    yield None, "anonymous", None
    for (role, scope), user in world.users.items():
        yield role, scope, user


def _client(user, enforce_csrf=False):
    client = Client(enforce_csrf_checks=enforce_csrf)
    if user is not None:
        client.force_login(user)
    return client


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _is_sign_in_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(SIGN_IN)


def _expected_ok(row, role, scope, allowed) -> bool:
    if role is None:
        return row.public
    if role not in allowed:
        return False
    return scope in OWN_SCOPES or not row.scoped


def _check(row, role, scope, response, allowed, method) -> str | None:
    status = response.status_code
    if role is None and not row.public:
        if _is_sign_in_redirect(response) or status == 405:
            return None
        return f"anonymous got {status}, expected the sign-in redirect"
    if status >= 500:
        return f"server error {status}"
    if _expected_ok(row, role, scope, allowed):
        if method == "GET" and status in (403, 404):
            return f"allowed but got {status}"
        return None
    if method == "GET" and allowed is NONE and status in (403, 404, 405):
        return None
    if method == "POST" and status == 405:
        return None  # the view does not take POST at all
    if scope not in OWN_SCOPES and row.scoped and role in allowed and status != 404:
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


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")  # the world's document, photo, certificate
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    return build_world()


def test_get_matrix(world):
    cells = leaks = pages_checked = 0
    failures, header_failures = [], []
    for name, row in ROWS.items():
        url = reverse(name, kwargs=row.kwargs(world.objects))
        for role, scope, user in _principals(world):
            response = _client(user).get(url)
            cells += 1
            problem = _check(row, role, scope, response, row.get, "GET")
            if problem:
                failures.append(f"GET {name} {role} {scope}: {problem}")
            if scope in ("other", "sibling") and CANARY.encode() in _body(response):
                leaks += 1
                failures.append(f"GET {name} {role} {scope}: body carries another unit's canary")
            if response.status_code == 200:
                pages_checked += 1
                for problem in _header_problems(response):
                    header_failures.append(f"{name} {role}: {problem}")
    print(
        f"\nauthz_get_cells: {cells}\nauthz_get_failures: {len(failures)}\n"
        f"authz_canary_leaks: {leaks}\nsecurity_header_pages: {pages_checked}\n"
        f"security_header_failures: {len(header_failures)}"
    )
    assert not failures, f"{len(failures)} of {cells} GET cells differ:\n" + "\n".join(failures)
    assert not header_failures, "\n".join(header_failures)


def _csrf_clients(world):
    """One signed-in client per principal, made before any snapshot (signing in writes
    last_login), each with a CSRF cookie and the matching token."""
    clients = {}
    for role, scope, user in _principals(world):
        client = _client(user, enforce_csrf=True)
        token = secrets.token_hex(16)  # 32 characters: Django's unmasked secret format
        client.cookies[settings.CSRF_COOKIE_NAME] = token
        clients[(role, scope)] = (client, token)
    return clients


def test_post_matrix_changes_nothing_when_refused(world):
    cells = unauthorised_writes = 0
    failures = []
    clients = _csrf_clients(world)
    for name, row in ROWS.items():
        if row.public:
            continue
        allowed = row.get if row.post is None else row.post
        url = reverse(name, kwargs=row.kwargs(world.objects))
        before = snapshot()
        for role, scope, _user in _principals(world):
            if _expected_ok(row, role, scope, allowed):
                continue  # an allowed POST may change data; the feature tests cover it
            client, token = clients[(role, scope)]
            response = client.post(url, {"csrfmiddlewaretoken": token})
            cells += 1
            problem = _check(row, role, scope, response, allowed, "POST")
            if problem:
                failures.append(f"POST {name} {role} {scope}: {problem}")
        after = snapshot()
        changed = sorted(t for t in before if before[t] != after[t])
        if changed:
            unauthorised_writes += 1
            failures.append(f"POST {name}: refused requests changed {changed}")
    print(
        f"\nauthz_post_cells: {cells}\nauthz_post_failures: {len(failures)}\n"
        f"authz_unauthorised_writes: {unauthorised_writes}"
    )
    assert not failures, f"{len(failures)} POST problems:\n" + "\n".join(failures)


def test_post_without_csrf_token_is_refused_for_every_route(world):
    """S7: the users the policy allows, posting without a token, get 403 and change nothing."""
    routes = refused = 0
    failures = []
    clients = {}
    for (role, scope), user in world.users.items():
        if scope == "own":
            clients[role] = _client(user, enforce_csrf=True)
    before = snapshot()
    for name, row in ROWS.items():
        allowed = row.get if row.post is None else row.post
        url = reverse(name, kwargs=row.kwargs(world.objects))
        for role in sorted(allowed):
            response = clients[role].post(url, {})
            routes += 1
            if response.status_code in (403, 405):
                refused += 1
            else:
                failures.append(f"POST {name} as {role} without a token: {response.status_code}")
    after = snapshot()
    changed = sorted(t for t in before if before[t] != after[t])
    print(f"\ncsrf_cells: {routes}\ncsrf_refused: {refused}\ncsrf_tables_changed: {len(changed)}")
    assert not failures, "\n".join(failures)
    assert not changed, f"requests without a CSRF token changed {changed}"
