"""Load on loopback against a province at real size (`seed_demo --province`: 199 authorities,
~8,000 units, ~200,000 people, ten years of awards, 20,000 nominees of this year): people
of communes, wards and departments (emulation staff, unit heads, council members) and the
province's officers browse their usual pages on gunicorn (PostgreSQL). `make bench` prints:

- province_seed_s: the time `seed_demo --province` took (seeded once per run, in the test
  database; nothing is reused between runs), and the counts it wrote;
- load_p95_ms_province_50, load_p95_ms_province_200: response times of every page request at
  50 and 200 people (goals ≤ 150 ms and ≤ 300 ms); load_errors_province_50/200 (goal 0);
  load_slowest_page_province_50/200 with its p95, and the p95 of every page;
- load_rps_province_50/200.

LOAD_PROVINCE_LEVELS ("50,200"), LOAD_PROVINCE_SECONDS (30 at each level) and LOAD_THINK
("1,3") change the size. The server and the people are those of bench_load.py.
"""

import io
import os
import statistics
import time
from collections import defaultdict

import pytest
from django.core.management import call_command

from config import clock
from tests.bench.load_support import Browser, percentile, run_level
from tests.province_pages import accounts

pytestmark = [
    pytest.mark.bench,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(3600),
]

LEVELS = tuple(int(n) for n in os.environ.get("LOAD_PROVINCE_LEVELS", "50,200").split(",") if n)
SECONDS = float(os.environ.get("LOAD_PROVINCE_SECONDS", "30"))
THINK = tuple(float(part) for part in os.environ.get("LOAD_THINK", "1,3").split(","))
CODE = "tinh"
SEED = 42


def people(base: str, count: int, known: list[dict], cookies: dict[str, str]) -> list[dict]:
    """`count` people cycling through the accounts; one sign-in per account per run."""
    made = []
    for n in range(count):
        account = known[n % len(known)]
        if account["username"] not in cookies:
            browser = Browser(base)
            assert browser.sign_in(account["username"]), f"{account['username']} cannot sign in"
            cookies[account["username"]] = browser.cookie_header()
        made.append({"pages": account["pages"], "cookie": cookies[account["username"]], "seed": n})
    return made


def test_bench_load_province(gunicorn, product_hashers):
    year = clock.today().year
    out = io.StringIO()
    started = time.perf_counter()
    call_command("seed_demo", province=True, seed=SEED, year=year, authority_code=CODE, stdout=out)
    print(f"province_seed_s: {time.perf_counter() - started:.1f}")
    for line in out.getvalue().splitlines():
        name, _sep, value = line.partition(": ")
        if name != "seconds":
            print(f"province_{name}: {value}")
    known = accounts(CODE, year)
    cookies: dict[str, str] = {}
    errors = []
    for users in LEVELS:
        samples = run_level(
            gunicorn, people(gunicorn, users, known, cookies), seconds=SECONDS, think=THINK
        )
        times = [ms for _name, ms, _status in samples]
        level_errors = [(name, status) for name, _ms, status in samples if status != 200]
        per_page: dict[str, list[float]] = defaultdict(list)
        for name, ms, _status in samples:
            per_page[name].append(ms)
        page_p95 = {name: percentile(values, 0.95) for name, values in per_page.items()}
        print(f"load_requests_province_{users}: {len(samples)}")
        print(f"load_p50_ms_province_{users}: {statistics.median(times):.0f}")
        print(f"load_p95_ms_province_{users}: {percentile(times, 0.95):.0f}")
        print(f"load_rps_province_{users}: {len(samples) / SECONDS:.1f}")
        print(f"load_errors_province_{users}: {len(level_errors)}")
        for name, values in sorted(per_page.items()):
            print(f"load_p95_ms_province_{users}_{name}: {page_p95[name]:.0f} (n={len(values)})")
        slowest = max(page_p95, key=page_p95.get)
        print(f"load_slowest_page_province_{users}: {slowest}")
        print(f"load_slowest_page_province_{users}_p95_ms: {page_p95[slowest]:.0f}")
        errors += level_errors
    print(f"load_seconds_province: {SECONDS:g}")
    assert errors == [], f"errors: {sorted(set(errors))}"
