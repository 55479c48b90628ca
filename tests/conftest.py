"""Shared fixtures. Services are real: with CI=true a test that needs PostgreSQL, Redis or a
worker fails when the service is missing; elsewhere it is skipped with the reason.

Also the suite's own small plugin: the time spent in each top-level test folder, printed at the
end of every run (with pytest-xdist, the controller adds up the reports of all workers)."""

import contextlib
import gc
import os
import shutil
import socket
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from config import limits
from outbox import services as outbox_services
from tests import schema_template, seeded_rows
from tests.factories import (
    AuthorityFactory,
    EmploymentFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
)
from tests.fixture_loading import load_fixture_files
from tests.processes import migrate_quick_start_database

IN_CI = os.environ.get("CI", "").lower() == "true"

# What the migrations seed stays in the database after a transactional test's flush.
seeded_rows.connect()

# "gw0", "gw1"… under pytest-xdist; "main" in a run without workers.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def xdist_index() -> int:
    """0 for the first xdist worker (and a run without workers), 1 for the second…"""
    return int(XDIST_WORKER[2:]) if XDIST_WORKER.startswith("gw") else 0


def service_missing(reason: str) -> None:
    """Fail under CI, skip elsewhere: a suite that skips its integration tests proves nothing."""
    if IN_CI:
        pytest.fail(f"CI=true and a required service is missing: {reason}")
    pytest.skip(reason)


def _reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 1
        ):
            return True
    except OSError:
        return False


@pytest.fixture
def require_postgres():
    if connection.vendor != "postgresql":
        service_missing("this test needs PostgreSQL (set DATABASE_URL=postgres://…)")


@pytest.fixture
def require_redis():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        service_missing("this test needs Redis (set REDIS_URL=redis://…)")
    if not _reachable(url, 6379):
        service_missing(f"Redis at {url} does not answer")
    return url


@pytest.fixture(autouse=True)
def empty_cache():
    """The public pages' request counts start from zero in every test."""
    cache.clear()


RATE_WINDOW_START = 1_800_000_000.0  # the start of a 60-second window since the epoch


class RateClock:
    """The rate limits' clock (`config.limits.time`), set by the test: a count that crossed a
    window's edge while the test ran would make it fail at random."""

    def __init__(self, now: float):
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture
def rate_clock(monkeypatch):
    """Stopped halfway through a window, at RATE_WINDOW_START + 30; a test moves it."""
    clock = RateClock(RATE_WINDOW_START + 30)
    monkeypatch.setattr(limits, "time", clock)
    return clock


@pytest.fixture(autouse=True)
def mail_worker_in_process(request, monkeypatch):
    """The mail worker's part, played by the test process: a message queued in the outbox is
    delivered (to Django's test outbox, `mail.outbox`) when its transaction commits, instead of
    being published to a broker nobody consumes. Tests that start a real worker (marker
    `worker`) publish for real; tests/outbox checks the publisher itself."""
    if request.node.get_closest_marker("worker"):
        return

    def deliver_at_once(mail_id: int) -> bool:
        outbox_services.deliver_mail(mail_id=mail_id)
        return True

    monkeypatch.setattr(outbox_services, "publish_mail", deliver_at_once)


@contextlib.contextmanager
def rows_for_the_module(django_db_blocker):
    """Rows written inside the block serve every test of a module and are rolled back after
    the last one. Use it in a module-scoped fixture for data the tests only read: each test
    still runs in a savepoint of its own (pytest-django's `db`), so what a test writes is gone
    before the next. Not for transactional tests (django_db(transaction=True))."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def rows_again(model, pks) -> list:
    """The rows of `model` whose primary keys are `pks`, read afresh in that order, in one
    query: how a test gets the rows of its module's world (`rows_for_the_module`) without what
    an earlier test left on the objects in memory."""
    rows = model._default_manager.in_bulk(pks)
    return [rows[pk] for pk in pks]


def fixture_rows_for_the_module(*names: str):
    """A module-scoped pytest fixture that loads the fixture files `names` once per module (and
    xdist worker), under `rows_for_the_module`: loading the demo authority costs seconds, and
    the tests of a module read it, each in a savepoint of its own. A function-scoped fixture
    asks for it together with `db`: `def demo(db, demo_rows): ...`. The module's tests run on
    one xdist worker (`pytest_collection_modifyitems` below), which loads the files once."""

    def loaded(django_db_setup, django_db_blocker):
        with rows_for_the_module(django_db_blocker):
            load_fixture_files(*names)
            yield

    loaded.loads_fixture_files = True
    return pytest.fixture(scope="module")(loaded)


def _loads_fixture_files_for_its_module(item) -> bool:
    """Whether the test asks, directly or through other fixtures, for a fixture made by
    `fixture_rows_for_the_module`."""
    info = getattr(item, "_fixtureinfo", None)
    return info is not None and any(
        getattr(definitions[-1].func, "loads_fixture_files", False)
        for definitions in info.name2fixturedefs.values()
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """The tests of a module that loads fixture files once (`fixture_rows_for_the_module`)
    run on one xdist worker (`--dist loadgroup`, an xdist_group named after the module):
    spread over two workers, each worker loaded the files again (the demo authority: about
    1.5 s a load). Runs before pytest-xdist reads the groups; a test that names its own group
    keeps it. Modules that build their rows otherwise (the authorization matrix, thousands of
    tests) stay spread."""
    for item in items:
        if not item.get_closest_marker("xdist_group") and _loads_fixture_files_for_its_module(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))


@pytest.fixture
def authority(db):
    return AuthorityFactory()


@pytest.fixture
def other_authority(db):
    return AuthorityFactory()


@pytest.fixture
def unit(authority):
    return UnitFactory(authority=authority)


@pytest.fixture
def other_unit(authority):
    """A unit of the same authority that is not the user's."""
    return UnitFactory(authority=authority)


@pytest.fixture
def make_user(db):
    def make(role, unit, **kwargs):
        return UserFactory(role=role, unit=unit, **kwargs)

    return make


__all__ = ["EmploymentFactory", "PersonFactory"]


# Time per top-level folder -------------------------------------------------------------------

_figures: dict[str, int] = defaultdict(int)
_folder_seconds: dict[str, float] = defaultdict(float)
_folder_tests: dict[str, int] = defaultdict(int)
_run_started = time.monotonic()


def _top_folder(nodeid: str) -> str:
    """ "tests/awards/test_lists.py::test_x" → "tests/awards"; files directly under tests/
    count as "tests/*.py"."""
    parts = nodeid.split("::", 1)[0].split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else f"{parts[0]}/*.py"


def pytest_runtest_logreport(report):
    """Runs where the reports arrive: in the controller under xdist, in the process otherwise."""
    folder = _top_folder(report.nodeid)
    _folder_seconds[folder] += report.duration
    if report.when == "call" or (report.when == "setup" and report.skipped):
        _folder_tests[folder] += 1
    if report.when == "call":
        # Tests that count things (matrix cells, leaks…) record them with
        # record_property("figures", {name: n}); the sums are printed at the end.
        for key, values in report.user_properties:
            if key == "figures":
                for name, value in values.items():
                    _figures[name] += value


def pytest_terminal_summary(terminalreporter, config):
    if os.environ.get("PYTEST_XDIST_WORKER") or not _folder_seconds:
        return
    write = terminalreporter.write_line
    if _figures:
        terminalreporter.section("figures")
        for name, value in _figures.items():
            write(f"{name}: {value}")
    terminalreporter.section("time per test folder (setup + call + teardown)")
    for folder, seconds in sorted(_folder_seconds.items(), key=lambda item: -item[1]):
        write(f"{folder:<28} {seconds:8.1f} s  {_folder_tests[folder]:5d} tests")
    workers = getattr(config.option, "numprocesses", None) or 0
    write(
        f"{'total':<28} {sum(_folder_seconds.values()):8.1f} s  "
        f"{sum(_folder_tests.values()):5d} tests; wall {time.monotonic() - _run_started:.1f} s"
        + (f" on {workers} xdist workers" if workers else "")
    )


# Python's cycle collector in a test process: what is alive once the tests are collected
# (Django, the libraries, the thousands of collected tests) stays alive to the end, and is left
# out of its scans (gc.freeze), and young objects are collected every 10,000 allocations
# instead of 700. tests/awards in one process spent 4.5 s of 66 s in collections, 1.9 s after.
GC_THRESHOLDS = (10_000, 10, 10)


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


TEMPLATE_READY = pytest.StashKey[Path]()


def pytest_configure(config):
    """In the controller of an xdist run: make the template database that the workers copy,
    while they start and collect (tests/schema_template.py)."""
    url = os.environ.get("DATABASE_URL", "")
    if (
        not hasattr(config, "workerinput")
        and getattr(config.option, "numprocesses", None)
        and schema_template.has_template(url)
        and not os.environ.get(schema_template.NAME_VARIABLE)
    ):
        from django.conf import settings

        config.stash[TEMPLATE_READY] = schema_template.make_for_workers(
            url, settings.VAR_DIR / "test"
        )


def pytest_unconfigure(config):
    ready = config.stash.get(TEMPLATE_READY, None)
    if ready is not None:
        shutil.rmtree(ready.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """pytest-django's, once the controller's template is ready when there is one."""
    failure = schema_template.wait_for_workers_template()
    if failure:
        pytest.fail(f"the template database could not be migrated: {failure}")


@pytest.fixture(scope="session")
def quick_start_database(tmp_path_factory):
    """The path of an empty, migrated quick-start database (SQLite), made once per xdist
    worker: a test that runs the quick start copies it into a VAR_DIR of its own instead of
    migrating again. The tests that ask for it share the xdist group QUICK_START_GROUP."""
    return migrate_quick_start_database(tmp_path_factory.mktemp("quick-start-template"))


@pytest.fixture(scope="session")
def signing_pki(tmp_path_factory):
    """The session's certificates for digital signatures (tests/documents/signing_support)."""
    from tests.documents.signing_support import build_pki

    return build_pki(tmp_path_factory.mktemp("signing"))


@pytest.fixture
def signing_on(settings, signing_pki):
    """Issued documents are signed with the session's authority certificate, and signatures
    are checked against the session's CA."""
    from tests.documents.signing_support import configure

    configure(settings, signing_pki)
    return signing_pki
