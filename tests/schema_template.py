"""The migrated schema that the test processes copy, made once per run.

    python -m tests.schema_template   # prints the template's name ("" without PostgreSQL)

Each test process made its test database by running every migration again: about 10 s of a
2-core machine per process on PostgreSQL, 6 s on SQLite. Here one database is migrated and the
processes create theirs as a copy (config/test_settings.py reads TEST_DATABASE_TEMPLATE);
Django's migrate then finds every migration applied.

- PostgreSQL: `<DATABASE_URL's name>_template`, made anew at every run so that it never holds
  an older schema, copied with CREATE DATABASE … TEMPLATE (half a second).
- SQLite: a file under var/test/ named after a digest of the migrations and of the versions of
  the libraries that bring theirs (config/test_sqlite/), kept from one run to the next: a run
  whose migrations did not change migrates nothing.
- `make bench` makes the PostgreSQL one before its benches, each a process of its own.
- Under pytest-xdist the controller makes it while the workers start and collect, and the
  workers wait for it before they create their databases (tests/conftest.py): one migration
  per run instead of one per worker.
"""

import functools
import hashlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import environ
import psycopg
from django import VERSION as DJANGO_VERSION
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parents[1]


def template_name(url: str) -> str:
    """`<name>_template` for the database of `url`."""
    return f"{environ.Env.db_url_config(url)['NAME']}_template"


def make_template(url: str) -> str:
    """Drop and migrate `<name>_template` on the server of `url`; its name. A failed migrate
    raises CalledProcessError, with what migrate printed."""
    config = environ.Env.db_url_config(url)
    name = template_name(url)
    server = psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    with server:
        server.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    _migrate(url.rsplit("/", 1)[0] + f"/{name}")
    return name


# Set by the controller for its workers: the template's name (read by config/test_settings.py)
# and the file where the controller writes "ok", or why the migration failed.
NAME_VARIABLE = "TEST_DATABASE_TEMPLATE"
READY_VARIABLE = "TEST_DATABASE_TEMPLATE_READY"
WAIT_SECONDS = 600


def _report(ready: Path, make: Callable[[], object]) -> None:
    """Run `make` and write to `ready` "ok", or why it failed, for the workers to read."""
    try:
        make()
        outcome = "ok"
    except Exception as failed:  # noqa: BLE001 (every failure is reported to the workers)
        output = (getattr(failed, "stdout", None) or "") + (getattr(failed, "stderr", None) or "")
        outcome = f"{failed}\n{output}".strip()
    written = ready.with_suffix(".part")
    written.write_text(outcome)
    written.rename(ready)  # a worker never reads half of it


def _migrate(database_url: str) -> None:
    """Without Django's system checks (1 s of the 8 s, while the workers wait): the suite runs
    them all (tests/test_config.py, `check --deploy --fail-level WARNING`)."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0", "--skip-checks"],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=True,
    )


def sqlite_template_path(folder: Path) -> Path:
    """The SQLite template for the migrations as they are: `folder/template-<digest>.sqlite3`."""
    digest = hashlib.sha256(repr((DJANGO_VERSION, version("django-axes"))).encode())
    for migration in sorted(BASE_DIR.glob("*/migrations/*.py")):
        digest.update(str(migration.relative_to(BASE_DIR)).encode() + migration.read_bytes())
    return folder / f"template-{digest.hexdigest()[:16]}.sqlite3"


def make_sqlite_template(path: Path) -> None:
    """Migrate a new SQLite file into `path`, unless it is there already (the migrations have
    not changed since); the templates of older migrations go."""
    if path.exists():
        return
    for older in path.parent.glob("template-*.sqlite3"):
        if older != path:
            older.unlink(missing_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    try:
        _migrate(f"sqlite:///{partial}")
        partial.rename(path)  # a worker never copies half of it
    finally:
        partial.unlink(missing_ok=True)


def make_for_workers(url: str, sqlite_folder: Path) -> Path:
    """Start making the template of `url`'s database (PostgreSQL, else a SQLite file in
    `sqlite_folder`, unless one for the same migrations is there) in a thread of this process,
    the xdist controller, and name it, and the file of the outcome, in the environment of the
    workers it starts next. Returns that file."""
    ready = Path(tempfile.mkdtemp(prefix="test-template-")) / "ready"
    os.environ[READY_VARIABLE] = str(ready)
    if is_postgresql(url):
        os.environ[NAME_VARIABLE] = template_name(url)
        make = functools.partial(make_template, url)
    else:
        sqlite_folder.mkdir(parents=True, exist_ok=True)
        path = sqlite_template_path(sqlite_folder)
        os.environ[NAME_VARIABLE] = str(path)
        make = functools.partial(make_sqlite_template, path)
    threading.Thread(target=_report, args=(ready, make), daemon=True).start()
    return ready


def wait_for_workers_template(timeout: float = WAIT_SECONDS) -> str | None:
    """In a worker: wait for the controller's template; None when it is ready (or there is
    none), else why it is not."""
    ready = os.environ.get(READY_VARIABLE)
    if not ready:
        return None
    deadline = time.monotonic() + timeout
    while not Path(ready).exists():
        if time.monotonic() > deadline:
            return f"not migrated within {timeout:.0f} s"
        time.sleep(0.1)
    outcome = Path(ready).read_text()
    return None if outcome == "ok" else outcome


def is_postgresql(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def has_template(url: str) -> bool:
    """Whether the database of `url` (SQLite without one) is one a template is made for."""
    return not url or url.startswith("sqlite:") or is_postgresql(url)


if __name__ == "__main__":
    url = os.environ.get("DATABASE_URL", "")
    try:
        print(make_template(url) if is_postgresql(url) else "")
    except subprocess.CalledProcessError as failed:
        sys.exit(f"migrate of the template database failed:\n{failed.stdout}{failed.stderr}")
