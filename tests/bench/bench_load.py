"""Load on loopback: simulated people signed in with each role browse their usual pages on
gunicorn, against the large `seed_demo` authority on PostgreSQL. `make bench` prints:

- load_p95_ms, load_p50_ms: response times of every page request at 50 people (goal p95
  ≤ 150 ms), and per page, load_p95_ms_<page>; load_slowest_page and its p95;
- load_rps: page requests answered per second;
- load_errors: responses other than 200, and failed connections (goal 0);
- load_p95_ms_100, load_p95_ms_200 (and their _rps, _errors): the same pages with 100 and
  200 people, one level after the other on the same server;
- load_users, load_seconds.

LOAD_USERS (50), LOAD_LEVELS ("100,200": the larger levels after it), LOAD_SECONDS (30 at
each level: about 750 page requests at 50 people, 3,000 at 200) and LOAD_THINK ("1,3":
seconds between two pages of one person) change the size; `make soak` runs it for 60 s a
level.

The server runs as production runs it (config/gunicorn.py, the file docker-compose.yml
gives gunicorn); the people browse from a process of their own (tests/bench/load_client.py).
"""

import os
import statistics
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.urls import reverse

from emulation.models import Unit, User
from tests.bench.load_support import Browser, percentile, run_level

pytestmark = [
    pytest.mark.bench,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(1800),
]

USERS = int(os.environ.get("LOAD_USERS", "50"))
LEVELS = tuple(int(n) for n in os.environ.get("LOAD_LEVELS", "100,200").split(",") if n)
SECONDS = float(os.environ.get("LOAD_SECONDS", "30"))
# Think time between two pages of one person, in seconds (uniform): a person reads a page
# before opening the next. LOAD_THINK="0.2,0.8" makes every person click almost at once.
THINK = tuple(float(part) for part in os.environ.get("LOAD_THINK", "1,3").split(","))
ROLES = ("canbo", "thutruong", "canbodonvi", "hoidong", "chutich")


def pages_for(role: str, unit_id: int, year: int) -> dict[str, str]:
    """The pages a person of `role` opens in a working day."""
    common = {
        "home": reverse("emulation:home"),
        "units": reverse("emulation:unit_list"),
        "targets": reverse("targets:dashboard"),
        "pledges": reverse("pledges:list"),
    }
    by_role = {
        "canbo": {
            "nominations": reverse("awards:nomination_list"),
            "review": reverse("awards:review_queue"),
            "decisions": reverse("awards:decision_list"),
            "unit": reverse("emulation:unit_detail", args=[unit_id]),
        },
        "thutruong": {
            "nominations": reverse("awards:nomination_list"),
            "grid": reverse("targets:grid", args=[unit_id, year, "year", "official"]),
            "unit": reverse("emulation:unit_detail", args=[unit_id]),
        },
        "canbodonvi": {
            "grid": reverse("targets:grid", args=[unit_id, year, "year", "official"]),
            "records": reverse("awards:records", args=[unit_id, year]),
        },
        "hoidong": {"ballots": reverse("awards:ballot_list")},
        "chutich": {"decisions": reverse("awards:decision_list")},
    }
    return {**common, **by_role[role]}


def signed_in_people(base: str, count: int, unit_id: int, year: int) -> list[dict]:
    """`count` people cycling through the roles, as the load client reads them. One sign-in
    per account, its session shared: the same account open in another browser would need
    another sign-in, which the bench does not measure (PBKDF2 costs ~0.4 s)."""
    cookies: dict[str, str] = {}
    people = []
    for n in range(count):
        role = ROLES[n % len(ROLES)]
        if role not in cookies:
            browser = Browser(base)
            assert browser.sign_in(f"bench.{role}"), f"bench.{role} could not sign in"
            cookies[role] = browser.cookie_header()
        people.append({"pages": pages_for(role, unit_id, year), "cookie": cookies[role], "seed": n})
    return people


def test_bench_load(gunicorn, product_hashers):
    call_command("loaddata", "fixtures/demo.json", verbosity=0)
    call_command(
        "seed_demo", units=200, people_per_unit=20, seed=42, authority_code="bench", verbosity=0
    )
    head = User.objects.get(username="bench.thutruong")
    unit_id = head.unit_id
    year = 2025
    assert Unit.objects.filter(pk=unit_id).exists()

    samples = run_level(
        gunicorn, signed_in_people(gunicorn, USERS, unit_id, year), seconds=SECONDS, think=THINK
    )
    times = [ms for _name, ms, _status in samples]
    errors = [(name, status) for name, _ms, status in samples if status != 200]
    print(f"load_users: {USERS}")
    print(f"load_seconds: {SECONDS:g}")
    print(f"load_think_s: {THINK[0]:g}-{THINK[1]:g}")
    print(f"load_requests: {len(samples)}")
    print(f"load_p50_ms: {statistics.median(times):.0f}")
    print(f"load_p95_ms: {percentile(times, 0.95):.0f}")
    print(f"load_rps: {len(samples) / SECONDS:.1f}")
    print(f"load_errors: {len(errors)}")
    per_page: dict[str, list[float]] = defaultdict(list)
    for name, ms, _status in samples:
        per_page[name].append(ms)
    page_p95 = {name: percentile(values, 0.95) for name, values in per_page.items()}
    for name, values in sorted(per_page.items()):
        print(f"load_p95_ms_{name}: {page_p95[name]:.0f} (n={len(values)})")
    slowest = max(page_p95, key=page_p95.get)
    print(f"load_slowest_page: {slowest}")
    print(f"load_slowest_page_p95_ms: {page_p95[slowest]:.0f}")

    for users in LEVELS:
        level = run_level(
            gunicorn,
            signed_in_people(gunicorn, users, unit_id, year),
            seconds=SECONDS,
            think=THINK,
        )
        level_errors = [(name, status) for name, _ms, status in level if status != 200]
        print(f"load_p95_ms_{users}: {percentile([ms for _n, ms, _s in level], 0.95):.0f}")
        print(f"load_rps_{users}: {len(level) / SECONDS:.1f}")
        print(f"load_errors_{users}: {len(level_errors)}")
        errors += level_errors
    assert errors == [], f"errors: {sorted(set(errors))}"
