"""Real processes the tests start: a private redis-server, the switch that points this
process's publisher (the web side) at it, and what a test needs around a Celery worker process
it starts (its environment on the test database, waiting for it). Nothing here reads a PDF:
the benchmarks import it without pypdf (and cryptography behind it, about 15 MB).

Under pytest-xdist every worker process of the suite runs its own servers: each redis-server
listens on a port of its own and keeps its files in the test's own folder, so Celery workers
started by two xdist workers never consume each other's queue.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import current_app
from django.conf import settings
from kombu import pools


def product_process(code: str, *argv: str) -> subprocess.CompletedProcess:
    """`python -c code argv…` from the project's folder, with the product's settings
    (config.settings) and none of the test run's DJANGO_ or CELERY_ variables: what a process
    of the product loads or does when it starts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    return subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def probe(code: str) -> str:
    """The standard output of `product_process(code)`, which must exit 0."""
    finished = product_process(code)
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


# The tests that run the quick start (`make run`: SQLite and the embedded broker under a VAR_DIR
# of their own) share one xdist worker, so that the database they each start from is migrated
# once (`quick_start_database`, tests/conftest.py) rather than once a test.
QUICK_START_GROUP = "quick-start"


def migrate_quick_start_database(var_dir: Path) -> Path:
    """`manage.py migrate` as the quick start runs it, with the product's settings and no
    DATABASE_URL, REDIS_URL or DJANGO_ variable of the test run: an empty SQLite database at
    `var_dir/db.sqlite3`, which is returned. About 8 s of migrations."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "MEDIA_ROOT", "CI")
        and not key.startswith("DJANGO_")
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env={**env, "VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return var_dir / "db.sqlite3"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RedisServer:
    """One redis-server process; `stop()` and `start()` model an outage."""

    folder: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), 0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def flush(self) -> None:
        """Drop every key: a test starts on an empty broker even when the server is shared
        by the tests of one xdist worker."""
        with socket.create_connection(("127.0.0.1", self.port), 2) as sock:
            sock.sendall(b"FLUSHALL\r\n")
            assert sock.recv(16).startswith(b"+OK")

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while not self.answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                pytest.fail(f"redis-server on port {self.port} did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        """A clean shutdown (SIGTERM): Redis flushes its append-only file and exits."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=20)
        assert not self.answers()


@contextlib.contextmanager
def publisher_on(redis_url: str):
    """Point this process's Celery publisher at `redis_url`, then back."""
    conf = current_app.conf
    saved = conf.broker_url, conf.broker_transport_options
    conf.broker_url = redis_url
    conf.broker_transport_options = {"visibility_timeout": 900}
    current_app._pool = None
    current_app.amqp._producer_pool = None
    try:
        yield
    finally:
        # kombu keeps its connection and producer pools in global registries keyed by the
        # broker URL: closing them without forgetting them would hand the closed pools to the
        # next test on the same server ("Acquire on closed pool").
        pools.reset()
        conf.broker_url, conf.broker_transport_options = saved
        current_app._pool = None
        current_app.amqp._producer_pool = None


READY_TIMEOUT = 60


@dataclass
class Worker:
    """A Celery worker process started by a test, with the lines it printed."""

    process: subprocess.Popen
    log: list[str] = field(default_factory=list)

    def tail(self, lines: int = 60) -> str:
        return "".join(self.log[-lines:])

    def alive(self) -> bool:
        return self.process.poll() is None


def spawn_worker(*, options: list[str], env: dict[str, str], new_session: bool = False) -> Worker:
    """Start a Celery worker as docker-compose.yml starts one (`python -m config.worker` with
    `options`), its output gathered into Worker.log by a reader thread. Returns at once; the
    caller waits for it to be ready in its own way (" ready." at INFO, or a ping)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "config.worker", *options],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=new_session,
    )
    worker = Worker(process)
    threading.Thread(
        target=lambda: worker.log.extend(iter(process.stdout.readline, "")), daemon=True
    ).start()
    return worker


def stop_worker(worker: Worker, *, grace: float = 20) -> None:
    """Warm shutdown (SIGTERM); killed when it has not stopped after `grace` seconds."""
    if worker.alive():
        worker.process.send_signal(signal.SIGTERM)
        try:
            worker.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait(timeout=10)


def end_worker(worker: Worker) -> None:
    """End the worker of a test that is over: SIGKILL, and its pool processes die with it
    (Celery asks Linux for SIGKILL on each when their parent dies, config/worker.py). A warm
    shutdown (`stop_worker`) spends about 2 s in Celery's event loop and billiard's pool
    threads, and no test after its last assertion reads what it does; the warm shutdown of
    the quick start's worker is checked by tests/demo/test_serve_demo.py."""
    if worker.alive():
        worker.process.kill()
    worker.process.wait(timeout=10)


def worker_database_url() -> str:
    db = settings.DATABASES["default"]
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def project_env(*, redis_url: str) -> dict[str, str]:
    """Environment of a project process working on the test database and media folder."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PYTHONUNBUFFERED": "1",
    }


def wait_until(predicate, timeout: float, worker: Worker, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if not worker.alive():
            pytest.fail(f"{what}: the worker exited\n{worker.tail()}")
        time.sleep(0.2)
    pytest.fail(f"{what} within {timeout} s\n{worker.tail()}")
