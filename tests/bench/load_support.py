"""What the load benches share: the server (gunicorn on PostgreSQL, as production runs it;
the certificates bench's web side too), signing in as a browser does, running the simulated
people (tests/bench/load_client.py) and percentiles."""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import global_settings, settings
from django.urls import reverse

from tests.processes import free_port, project_env

PASSWORD = "ThiDua@2026"


class Browser:
    """Signs in once per account, as a person does in a browser, and hands the session
    cookie to the people of the load client."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def fetch(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 (http on loopback)
        if body:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except OSError:
            return 0, ""

    def form_token(self, path: str) -> str:
        """The CSRF token of the form on the page at `path` ("" when it has none)."""
        _status, page = self.fetch(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return token[1] if token else ""

    def sign_in(self, username: str) -> bool:
        token = self.form_token(reverse("login"))
        if not token:
            return False
        status, page = self.fetch(
            reverse("login"),
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
        )
        return status == 200 and 'name="password"' not in page

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class WebServer:
    """A gunicorn started by a bench: its address and its master process (the workers are
    the master's children)."""

    base: str
    process: subprocess.Popen


def start_gunicorn(
    *, base_dir: Path, log_path: Path, redis_url: str, environment: dict[str, str] | None = None
) -> WebServer:
    """gunicorn on the test database, started as production starts it (config/gunicorn.py)
    with `environment` added (WEB_CONCURRENCY=1); returns once it answers its health page."""
    port = free_port()
    env = {
        **project_env(redis_url=redis_url),
        "DJANGO_DEBUG": "False",
        "AXES_FAILURE_LIMIT": "1000",
        # As in production: persistent database connections (development opens one a request).
        "DB_CONN_MAX_AGE": "60",
        **(environment or {}),
    }
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi:application",
                "--config",
                "config/gunicorn.py",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=base_dir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = WebServer(base=f"http://127.0.0.1:{port}", process=process)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(server.base + reverse("health"), timeout=2).close()  # noqa: S310
            return server
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                stop_gunicorn(server)
                pytest.fail(log_path.read_text())
            time.sleep(0.3)


def stop_gunicorn(server: WebServer) -> None:
    """Graceful stop (SIGTERM), killed after 30 s."""
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@pytest.fixture
def gunicorn(require_postgres, tmp_path):
    server = start_gunicorn(
        base_dir=settings.BASE_DIR,
        log_path=tmp_path / "gunicorn.log",
        redis_url=os.environ.get("REDIS_URL", ""),
    )
    yield server.base
    stop_gunicorn(server)


@pytest.fixture
def product_hashers(settings):
    """gunicorn runs the product's settings, which verify only the product's password
    hashers: the accounts seeded here must be hashed with them, not the suite's fast one."""
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


def run_level(
    base: str, people: list[dict], *, seconds: float, think: tuple[float, float]
) -> list[tuple[str, float, int]]:
    """Every person browses for `seconds`, from the load client's own process; the samples of
    all of them."""
    address = urllib.parse.urlsplit(base)
    spec = {
        "host": address.hostname,
        "port": address.port,
        "seconds": seconds,
        "think": think,
        "people": people,
    }
    client = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("load_client.py"))],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        check=True,
    )
    return [tuple(sample) for sample in json.loads(client.stdout)]
