"""Starts the Celery worker: `python -m config.worker --loglevel=INFO`.

The same worker as `celery -A config worker` (pool, its size and recycling from the
CELERY_WORKER_* settings), started without Celery's command line. That command line imports
every one of its subcommands before it starts a worker, among them the interactive shell's
prompt_toolkit and pygments: about 30 MB that the worker's parent process would hold and,
through fork, that every pool process would count again. docker-compose.yml and
`manage.py serve_demo` start the worker this way; `celery -A config …` still serves
`inspect`, `purge` and the other tools.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
from collections.abc import Sequence

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()]


def set_pdeathsig(signum: int) -> None:
    """Have Linux send `signum` to this process when its parent dies: what Celery asks of
    every pool process it starts (billiard.util.set_pdeathsig), through ctypes. billiard
    calls prctl through cffi whenever cffi is installed (WeasyPrint needs it), and building
    that cffi interface parses the C declaration with pycparser: about 4 MB that each pool
    process would keep for one system call."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, ctypes.c_int(signum)) != 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error))


def parse_options(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The worker's options, spelled as `celery worker` spells them."""
    parser = argparse.ArgumentParser(
        prog="python -m config.worker",
        description="Celery worker of the project (the options of `celery worker`).",
    )
    parser.add_argument("-l", "--loglevel", default="WARNING", type=str.upper, choices=LOG_LEVELS)
    parser.add_argument("-n", "--hostname", default=None, help="node name, e.g. w1@%%h")
    parser.add_argument("-c", "--concurrency", type=int, default=None)
    parser.add_argument("-P", "--pool", default=None, help="prefork (default), solo, threads")
    parser.add_argument("-Q", "--queues", type=_names, default=None)
    parser.add_argument("-I", "--include", type=_names, default=None)
    parser.add_argument("--max-memory-per-child", type=int, default=None, metavar="KIB")
    parser.add_argument("--max-tasks-per-child", type=int, default=None)
    for flag in ("--without-gossip", "--without-mingle", "--without-heartbeat"):
        parser.add_argument(flag, action="store_true")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Start the worker and return its exit code when it stops (SIGTERM: warm shutdown)."""
    options = parse_options(argv)
    # After parsing: `--help` and a wrong option answer without loading Django.
    from celery import concurrency, platforms
    from celery.utils.nodenames import default_nodename, host_format

    from config.celery import app

    platforms._set_pdeathsig = set_pdeathsig  # the same call, without cffi (see above)

    pool = options.pool or app.conf.worker_pool
    worker = app.Worker(
        hostname=host_format(default_nodename(options.hostname)),
        pool_cls=concurrency.get_implementation(pool),
        loglevel=options.loglevel,
        concurrency=options.concurrency,
        queues=options.queues,
        include=options.include,
        without_gossip=options.without_gossip,
        without_mingle=options.without_mingle,
        without_heartbeat=options.without_heartbeat,
        max_memory_per_child=options.max_memory_per_child,
        max_tasks_per_child=options.max_tasks_per_child,
    )
    worker.start()
    return worker.exitcode


if __name__ == "__main__":
    sys.exit(main())
