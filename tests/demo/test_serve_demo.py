"""`make run` (manage.py serve_demo) with real processes: Ctrl-C or SIGTERM stops the web
server, the Celery worker and the job sweeper once each, and nothing is left running (issue 12
§8: the shell trap re-entered itself, printed "Warm shutdown" thousands of times and crashed)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.processes import QUICK_START_GROUP

pytestmark = [pytest.mark.worker, pytest.mark.xdist_group(QUICK_START_GROUP)]

START_SECONDS = 180  # a loaded machine: Django, Celery and its pool all start
STOP_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(var_dir: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "CI")
    }
    env.update(
        VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONPATH=str(settings.BASE_DIR),
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory, quick_start_database):
    """A migrated SQLite database (a copy of the session's) and an embedded broker of their
    own."""
    folder = tmp_path_factory.mktemp("serve-demo-var")
    shutil.copyfile(quick_start_database, folder / "db.sqlite3")
    return folder


def _ppid_and_state(pid: int) -> tuple[int, str] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[1]), fields[0]


def _descendants(root: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (info := _ppid_and_state(int(entry.name))):
            parents[int(entry.name)] = info[0]
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    info = _ppid_and_state(pid)
    return info is not None and info[1] != "Z"


def _wait_until_serving(process, log: Path, port: int) -> str:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        text = log.read_text()
        if " ready." in text and "sweeper: pid" in text:
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                return text
            except OSError:
                pass
        time.sleep(0.1)
    raise AssertionError(f"serve_demo did not start in {START_SECONDS} s:\n{log.read_text()}")


@pytest.mark.parametrize(
    ("how", "signum"),
    [("sigterm", signal.SIGTERM), ("ctrl-c", signal.SIGINT)],
)
def test_serve_demo_stops_web_worker_and_sweeper_once(var_dir, tmp_path, how, signum):
    port = _free_port()
    log = tmp_path / "serve_demo.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "serve_demo", "--port", str(port), "--sweep-every", "5"],
            cwd=settings.BASE_DIR,
            env=_environment(var_dir),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group, as a terminal's foreground job
        )
    try:
        started = _wait_until_serving(process, log, port)
        children = {
            line.split(":")[0]: int(line.rsplit(" ", 1)[1])
            for line in started.splitlines()
            if line.split(":")[0] in ("web", "worker", "sweeper") and ": pid " in line
        }
        assert sorted(children) == ["sweeper", "web", "worker"]
        tree = _descendants(process.pid)
        assert set(children.values()) <= tree
        assert len(tree) >= 4  # the three and at least one worker pool process
        # The demo's one worker consumes every queue: documents, imports, mail, the default.
        worker_argv = Path(f"/proc/{children['worker']}/cmdline").read_bytes().split(b"\0")
        assert b"--queues=celery,documents,imports,mail" in worker_argv

        began = time.monotonic()
        if how == "ctrl-c":
            os.killpg(process.pid, signum)  # the terminal signals the whole foreground group
        else:
            process.send_signal(signum)
        returncode = process.wait(timeout=STOP_SECONDS)
        took = time.monotonic() - began
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            for pid in _descendants(process.pid):
                os.kill(pid, signal.SIGKILL)

    text = log.read_text()
    print(f"\nserve_demo_{how}_stop_seconds: {took:.1f}")
    assert returncode == 0, text
    assert took < STOP_SECONDS
    assert [pid for pid in tree if _alive(pid)] == []
    assert text.count("Warm shutdown") == 1, text
    assert text.rstrip().endswith("stopped: worker, sweeper, web"), text
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), 1).close()
