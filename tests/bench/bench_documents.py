"""Benchmarks of the foundation; `make bench` prints `name: value` lines.

- documents_harfbuzz_subsetting: 1 when WeasyPrint subsets fonts with HarfBuzz (the fast path;
  without libharfbuzz-subset0 every PDF is 16–20× slower).
- unit_directory_render_ms_demo / _large: median time of a warm worker building and rendering
  the unit directory (query, HTML, layout, PDF) for the demo authority (50 units) and for a
  `seed_demo --units 200` authority.
- unit_list_queries_demo / _large: queries of the unit list page; they must be equal.
"""

import statistics
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.registry import get_kind
from documents.rendering import harfbuzz_subsetting_available, render_pdf
from emulation.models import User
from tests.factories import JobFactory

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

ROUNDS = 5


def report(name: str, value) -> None:
    print(f"{name}: {value}")


def render_ms(user: User) -> tuple[float, int]:
    job = JobFactory(requested_by=user, params={"day": "2026-03-02"})
    build = get_kind("unit_directory").build
    render_pdf(build(job, lambda _percent: None).html)  # warm: fonts, stylesheet, templates
    times, pages = [], 0
    for _ in range(ROUNDS):
        started = time.perf_counter()
        pages = render_pdf(build(job, lambda _percent: None).html).page_count
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), pages


def unit_list_queries(client, user: User) -> int:
    client.force_login(user)
    client.get(reverse("emulation:unit_list"))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("emulation:unit_list"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_bench_foundation(client):
    report("documents_harfbuzz_subsetting", int(harfbuzz_subsetting_available()))

    call_command("loaddata", "fixtures/demo.json", verbosity=0)
    call_command(
        "seed_demo", units=200, people_per_unit=20, seed=42, authority_code="bench", verbosity=0
    )
    demo_staff = User.objects.get(username="canbo.thidua")
    large_staff = User.objects.get(username="bench.canbo")

    demo_ms, demo_pages = render_ms(demo_staff)
    large_ms, large_pages = render_ms(large_staff)
    report("unit_directory_render_ms_demo", round(demo_ms))
    report("unit_directory_pages_demo", demo_pages)
    report("unit_directory_render_ms_large", round(large_ms))
    report("unit_directory_pages_large", large_pages)

    small_queries = unit_list_queries(client, demo_staff)
    large_queries = unit_list_queries(client, large_staff)
    report("unit_list_queries_demo", small_queries)
    report("unit_list_queries_large", large_queries)
    assert small_queries == large_queries
