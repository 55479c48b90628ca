"""Bad input is answered with a 404 or a Vietnamese message, never a server error (issue 12.6).

Every URL pattern of the project (the matrix's walker and world) is requested with
out-of-range integers and years in each path parameter and in the query string, as a signed-in
thi đua staff member and anonymously; path parameters are also posted to. Each request that
ends in a 500 (an uncaught exception) is named with its exception. Each URL pattern is a test
of its own (`-k "awards:records"`), so the cells spread over the xdist workers; the world is
built once per module and worker, and each cell runs in a savepoint of its own. The run prints
how many requests were made and how many 500s they met ("figures" section)."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from emulation.enums import Role
from tests.authz.policy import ROWS
from tests.authz.test_matrix import app_patterns
from tests.authz.world import build_world
from tests.conftest import rows_for_the_module

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


# The walk itself is not a flood to refuse, nor a password guesser to lock out.
WALK_SETTINGS = {"AXES_ENABLED": False, "PUBLIC_RATE_LIMIT": 1_000_000}


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once per module (and xdist worker); rolled back when the module is done."""
    media = tmp_path_factory.mktemp("bad-input-media")
    with (
        override_settings(MEDIA_ROOT=str(media), **WALK_SETTINGS),
        rows_for_the_module(django_db_blocker),
    ):
        yield build_world()


@pytest.fixture
def world(db, module_world, settings):
    for name, value in WALK_SETTINGS.items():
        setattr(settings, name, value)
    return module_world


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


PATTERNS = [pytest.param(name, route, id=name) for name, route in app_patterns()]


@pytest.mark.walk
@pytest.mark.parametrize(("name", "route"), PATTERNS)
def test_no_url_answers_out_of_range_numbers_with_a_server_error(
    world, name, route, record_property
):
    staff = Client()
    staff.force_login(world.users[(Role.AUTHORITY_STAFF, "own")])
    clients = {"staff": staff, "anonymous": Client()}
    requests = 0
    errors = []
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
    record_property(
        "figures",
        {
            "fuzzed_url_patterns": 1,
            "fuzzed_requests": requests,
            "fuzzed_server_errors": len(errors),
        },
    )
    assert requests >= 40
    assert errors == [], "\n".join(errors)


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
