"""The migrated schema that the test processes copy, made once per run.

    python -m tests.schema_template   # prints the template's name ("" without PostgreSQL)

Each test process made its PostgreSQL test database by running every migration again: about
10 s of a 2-core machine per process. With PostgreSQL this migrates one database,
`<DATABASE_URL's name>_template`, and the processes create their test database from it
(CREATE DATABASE … TEMPLATE, half a second; config/test_settings.py reads
TEST_DATABASE_TEMPLATE). Django's migrate then finds every migration applied. The template is
made anew at every run, so it never holds an older schema.

- `make bench` makes it before its benches, each a process of its own (thirteen migrations
  fewer).
- Under pytest-xdist the controller makes it while the workers start and collect, and the
  workers wait for it before they create their databases (tests/conftest.py): one migration
  instead of one per worker.
"""

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import environ
import psycopg
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
    template_url = url.rsplit("/", 1)[0] + f"/{name}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": template_url},
        capture_output=True,
        text=True,
        check=True,
    )
    return name


# Set by the controller for its workers: the template's name (read by config/test_settings.py)
# and the file where the controller writes "ok", or why the migration failed.
NAME_VARIABLE = "TEST_DATABASE_TEMPLATE"
READY_VARIABLE = "TEST_DATABASE_TEMPLATE_READY"
WAIT_SECONDS = 600


def _make_and_report(url: str, ready: Path) -> None:
    try:
        make_template(url)
        outcome = "ok"
    except Exception as failed:  # noqa: BLE001 (every failure is reported to the workers)
        output = (getattr(failed, "stdout", None) or "") + (getattr(failed, "stderr", None) or "")
        outcome = f"{failed}\n{output}".strip()
    written = ready.with_suffix(".part")
    written.write_text(outcome)
    written.rename(ready)  # a worker never reads half of it


def make_for_workers(url: str) -> Path:
    """Start migrating the template in a thread of this process (the xdist controller) and
    name it, and the file of the outcome, in the environment of the workers it starts next.
    Returns that file."""
    ready = Path(tempfile.mkdtemp(prefix="test-template-")) / "ready"
    os.environ[NAME_VARIABLE] = template_name(url)
    os.environ[READY_VARIABLE] = str(ready)
    threading.Thread(target=_make_and_report, args=(url, ready), daemon=True).start()
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


if __name__ == "__main__":
    url = os.environ.get("DATABASE_URL", "")
    try:
        print(make_template(url) if is_postgresql(url) else "")
    except subprocess.CalledProcessError as failed:
        sys.exit(f"migrate of the template database failed:\n{failed.stdout}{failed.stderr}")
