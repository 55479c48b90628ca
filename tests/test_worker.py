"""The worker's own start (config/worker.py): the options of `celery worker`, the pool and
its size from the settings, and none of Celery's command line in the worker's processes."""

import signal
import subprocess

import pytest
from celery.concurrency.prefork import TaskPool

from config import worker
from tests.processes import probe, product_process

START = """
import sys
from config.celery import app


class Recorded:
    def __init__(self, **options):
        self.options, self.exitcode = options, 0

    def start(self):
        pool = self.options.pop("pool_cls")
        print(f"{pool.__module__}.{pool.__name__}")
        print(sorted(self.options.items()))
        print(sorted(m for m in ("click_repl", "prompt_toolkit", "pygments") if m in sys.modules))


app.Worker = Recorded
from config.worker import main

sys.exit(main(sys.argv[1:]))
"""


def _start(*argv: str) -> subprocess.CompletedProcess:
    return product_process(START, *argv)


def test_options_are_spelled_as_celery_worker_spells_them():
    options = worker.parse_options(
        [
            *("-l", "info", "-n", "w1@%h", "-c", "3", "-Q", "a, b", "-I", "x.y"),
            *("--without-gossip", "--max-memory-per-child=150000", "--max-tasks-per-child", "50"),
        ]
    )
    assert vars(options) == {
        "loglevel": "INFO",
        "hostname": "w1@%h",
        "concurrency": 3,
        "pool": None,
        "queues": ["a", "b"],
        "include": ["x.y"],
        "without_gossip": True,
        "without_mingle": False,
        "without_heartbeat": False,
        "max_memory_per_child": 150000,
        "max_tasks_per_child": 50,
    }


@pytest.mark.parametrize("argv", [["--loglevel=LOUD"], ["-c", "two"], ["--detach"]])
def test_unknown_option_stops_with_usage(argv, capsys):
    with pytest.raises(SystemExit) as stopped:
        worker.parse_options(argv)
    assert stopped.value.code == 2
    assert "usage: python -m config.worker" in capsys.readouterr().err


@pytest.mark.process
def test_worker_starts_with_the_settings_pool_without_celery_command_line():
    result = _start("--loglevel=INFO", "-n", "w1@example", "--without-mingle")
    assert result.returncode == 0, result.stderr
    pool, options, command_line = result.stdout.splitlines()
    assert pool == f"{TaskPool.__module__}.{TaskPool.__name__}"
    assert options == str(
        [
            ("concurrency", None),  # CELERY_WORKER_CONCURRENCY
            ("hostname", "w1@example"),
            ("include", None),
            ("loglevel", "INFO"),
            ("max_memory_per_child", None),  # CELERY_WORKER_MAX_MEMORY_PER_CHILD
            ("max_tasks_per_child", None),  # CELERY_WORKER_MAX_TASKS_PER_CHILD
            ("queues", None),
            ("without_gossip", False),
            ("without_heartbeat", False),
            ("without_mingle", True),
        ]
    )
    assert command_line == "[]"


# What the worker's parent loads at start-up is held again by every pool process it forks.
UNUSED_AT_START = ("PIL", "import_export", "tablib", "python_calamine")
LOADED_MODULES = f"""
import sys
from config.celery import app

app.loader.import_default_modules()
print(sorted(m for m in {UNUSED_AT_START!r} if m in sys.modules))
"""


@pytest.mark.process
def test_worker_start_loads_no_picture_or_spreadsheet_library():
    assert probe(LOADED_MODULES).strip() == "[]"


# A pool process's start, as celery.concurrency.prefork.process_initializer begins it.
POOL_PROCESS = """
import ctypes, os, sys
from celery import platforms
from config.celery import app


class Recorded:
    def __init__(self, **options):
        self.exitcode = 0

    def start(self):
        read, write = os.pipe()
        if os.fork() == 0:
            platforms.set_pdeathsig("SIGKILL")
            signum = ctypes.c_int()
            ctypes.CDLL(None).prctl(2, ctypes.byref(signum))  # PR_GET_PDEATHSIG
            os.write(write, f"{signum.value} {'pycparser' in sys.modules}".encode())
            os._exit(0)
        os.wait()
        print(os.read(read, 100).decode())


app.Worker = Recorded
from config.worker import main

sys.exit(main([]))
"""


@pytest.mark.process
def test_pool_processes_die_with_the_worker_without_parsing_c_declarations():
    assert probe(POOL_PROCESS).split() == [str(int(signal.SIGKILL)), "False"]
