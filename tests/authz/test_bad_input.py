"""Bad input is answered with a 404 or a Vietnamese message, never a server error (issue 12.6).

Every URL pattern of the project (the matrix's walker and world) is requested with
out-of-range integers and years in each path parameter and in the query string, as a signed-in
thi đua staff member and anonymously; path parameters are also posted to. Each request that
ends in a 500 (an uncaught exception) is named with its exception. The test prints how many
requests it made and how many 500s it met."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from emulation.enums import Role
from tests.authz.policy import ROWS
from tests.authz.test_matrix import app_patterns
from tests.authz.world import build_world

BAD_NUMBERS = ["0", str(2**63), "99999999999999999999999"]
NEGATIVE = "-1"  # only where the converter takes it (str, path)
QUERY_KEYS = [
    "year",
    "nam",
    "unit",
    "page",
    "period",
    "kind",
    "ma",
    "so",
    "ban",
    "status",
    "state",
    "sort",
    "q",
    "group",
]
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False
    settings.PUBLIC_RATE_LIMIT = 1_000_000  # the walk itself is not a flood to refuse
    return build_world()


def _path(route: str, values: dict) -> str:
    return "/" + PARAMETER.sub(lambda m: str(values[m.group("name")]), route)


def _fuzzed_paths(name: str, route: str, valid: dict):
    """(parameter, path) with each path parameter in turn replaced by each bad value."""
    for match in PARAMETER.finditer(route):
        bad = list(BAD_NUMBERS)
        if match.group("converter") in (None, "str", "path"):
            bad.append(NEGATIVE)
        for value in bad:
            yield match.group("name"), _path(route, {**valid, match.group("name"): value})


def _request(client, method: str, url: str, data=None):
    """The status code, or the exception a 500 would have shown."""
    try:
        response = getattr(client, method)(url, data or {})
    except Exception as error:  # noqa: BLE001 (every uncaught error is a 500 to report)
        return 500, f"{type(error).__name__}: {error}"[:200]
    return response.status_code, ""


def _namespace(name: str) -> str:
    return name.partition(":")[0] if ":" in name else "(root)"


NAMESPACES = sorted({_namespace(name) for name, _route in app_patterns()})


@pytest.mark.timeout(900)
@pytest.mark.parametrize("namespace", NAMESPACES)
def test_no_url_answers_out_of_range_numbers_with_a_server_error(world, namespace):
    staff = Client()
    staff.force_login(world.users[(Role.AUTHORITY_STAFF, "own")])
    clients = {"staff": staff, "anonymous": Client()}
    requests = 0
    errors = []
    patterns = [(n, r) for n, r in app_patterns() if _namespace(n) == namespace]
    for name, route in patterns:
        valid = ROWS[name].kwargs(world.objects)
        url = reverse(name, kwargs=valid)
        for principal, client in clients.items():
            for _parameter, path in _fuzzed_paths(name, route, valid):
                for method in ("get", "post"):
                    status, error = _request(client, method, path)
                    requests += 1
                    if status >= 500:
                        errors.append(f"{method.upper()} {path} ({principal}): {error}")
            for value in [*BAD_NUMBERS, NEGATIVE]:
                queries = [dict.fromkeys(QUERY_KEYS, value)] + [
                    {key: value} for key in ("year", "nam", "unit", "page")
                ]
                for query in queries:
                    status, error = _request(client, "get", url, query)
                    requests += 1
                    if status >= 500:
                        errors.append(f"GET {url} {query} ({principal}): {error}")
    print(
        f"\nfuzzed_requests[{namespace}]: {requests} ({len(patterns)} URL patterns)"
        f"\nfuzzed_server_errors[{namespace}]: {len(errors)}"
    )
    for line in errors:
        print("  " + line)
    assert requests >= 40 * len(patterns)
    assert errors == []


def test_the_reported_bad_inputs_answer_404_or_the_default_year(world):
    staff = Client()
    staff.force_login(world.users[(Role.AUTHORITY_STAFF, "own")])
    huge = "99999999999999999999999"
    dashboard = staff.get("/chi-tieu/", {"year": huge})
    # The year falls back to the latest year with targets, as with no year at all.
    assert (dashboard.status_code, dashboard.context["grid_url"]) == (
        200,
        staff.get("/chi-tieu/").context["grid_url"],
    )
    for path in (
        "/khen-thuong/ket-qua/17/0/",
        f"/khen-thuong/ket-qua/17/{huge}/",
        "/chi-tieu/nhap/don-vi/17/99999/year/official/",
        f"/chi-tieu/{2**63}/lich-su/",
    ):
        assert staff.get(path).status_code == 404, path
