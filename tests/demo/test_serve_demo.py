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
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from tests.processes import QUICK_START_GROUP

pytestmark = [pytest.mark.worker, pytest.mark.xdist_group(QUICK_START_GROUP)]

# The two ways a terminal stops `make run`: SIGTERM, and Ctrl-C (SIGINT to the whole group).
WAYS = ("sigterm", "ctrl-c")
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


@dataclass
class Run:
    """One serve_demo started, then stopped by one way."""

    process: subprocess.Popen
    log: Path
    port: int
    children: dict[str, int] = field(default_factory=dict)  # "web", "worker", "sweeper" → pid
    tree: set[int] = field(default_factory=set)  # every process under it while it served
    worker_argv: list[bytes] = field(default_factory=list)
    took: float = 0.0


def _start(folder: Path, quick_start_database: Path) -> Run:
    """serve_demo on a free port, with a VAR_DIR of its own: a copy of the migrated quick-start
    database, its own embedded broker and signing CA."""
    var_dir = folder / "var"
    var_dir.mkdir()
    shutil.copyfile(quick_start_database, var_dir / "db.sqlite3")
    port = _free_port()
    log = folder / "serve_demo.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "serve_demo", "--port", str(port), "--sweep-every", "5"],
            cwd=settings.BASE_DIR,
            env=_environment(var_dir),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group, as a terminal's foreground job
        )
    return Run(process, log, port)


def _signal(run: Run, how: str) -> None:
    if how == "ctrl-c":
        os.killpg(run.process.pid, signal.SIGINT)  # the terminal signals the whole foreground group
    else:
        run.process.send_signal(signal.SIGTERM)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, quick_start_database) -> dict[str, Run]:
    """Both ways of stopping, side by side: one serve_demo for each, started together, signalled
    together. Starting takes seconds and a stop about 7 s, most of it Celery's warm shutdown
    waiting on the embedded broker; side by side the two take the time of one."""
    runs = {
        how: _start(tmp_path_factory.mktemp(f"serve-demo-{how}"), quick_start_database)
        for how in WAYS
    }
    try:
        for run in runs.values():
            started = _wait_until_serving(run.process, run.log, run.port)
            run.children = {
                line.split(":")[0]: int(line.rsplit(" ", 1)[1])
                for line in started.splitlines()
                if line.split(":")[0] in ("web", "worker", "sweeper") and ": pid " in line
            }
            run.tree = _descendants(run.process.pid)
            if "worker" in run.children:
                cmdline = Path(f"/proc/{run.children['worker']}/cmdline")
                run.worker_argv = cmdline.read_bytes().split(b"\0")
        began = time.monotonic()
        for how, run in runs.items():
            _signal(run, how)
        for run in runs.values():
            run.process.wait(timeout=STOP_SECONDS)
            run.took = time.monotonic() - began
    finally:
        for run in runs.values():
            if run.process.poll() is None:
                os.killpg(run.process.pid, signal.SIGKILL)
                for pid in _descendants(run.process.pid):
                    os.kill(pid, signal.SIGKILL)
    return runs


@pytest.mark.parametrize("how", WAYS)
def test_serve_demo_stops_web_worker_and_sweeper_once(runs, how):
    run = runs[how]
    assert sorted(run.children) == ["sweeper", "web", "worker"]
    assert set(run.children.values()) <= run.tree
    assert len(run.tree) >= 4  # the three and at least one worker pool process
    # The demo's one worker consumes every queue: documents, imports, mail, the default.
    assert b"--queues=celery,documents,imports,mail" in run.worker_argv

    text = run.log.read_text()
    print(f"\nserve_demo_{how}_stop_seconds: {run.took:.1f}")
    assert run.process.returncode == 0, text
    assert run.took < STOP_SECONDS
    assert [pid for pid in run.tree if _alive(pid)] == []
    assert text.count("Warm shutdown") == 1, text
    assert text.rstrip().endswith("stopped: worker, sweeper, web"), text
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", run.port), 1).close()
