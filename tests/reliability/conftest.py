"""Real processes for the fault tests: a private redis-server that a test can stop and start,
and Celery worker subprocesses on the PostgreSQL test database.

The machine's shared Redis is never touched: each test starts its own server (tests/processes.py)
on a free port, in the test's own folder, with an append-only file, so a stop and start keeps
the queued messages as production Redis with persistence does.
"""

import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from documents.enums import FINISHED_STATUSES, JobStatus
from documents.models import Job
from documents.services import publish_job
from tests.conftest import service_missing
from tests.processes import (
    READY_TIMEOUT,
    RedisServer,
    Worker,
    end_worker,
    free_port,
    project_env,
    publisher_on,
    spawn_worker,
)


@pytest.fixture
def redis_server(require_postgres, tmp_path):
    if shutil.which("redis-server") is None:
        service_missing("the fault tests need redis-server (apt-get install redis-server)")
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(folder)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def web_broker(redis_server):
    """Point this process's publisher (the web side) at the test's Redis."""
    with publisher_on(redis_server.url):
        yield redis_server


@dataclass
class WorkerPool:
    """Starts Celery workers on the test's Redis; stops them all and prints their logs."""

    settings: object
    redis_url: str
    started: list[Worker] = field(default_factory=list)

    def start(self, *, concurrency: int = 1, include: Iterable[str] = ()) -> Worker:
        options = [
            *("-P", "prefork", "-c", str(concurrency), "--loglevel=INFO"),
            *("-Q", ",".join(self.settings.TASK_QUEUE_NAMES)),
            *("-n", f"reliability-{len(self.started)}-{free_port()}@%h"),
            *("--without-gossip", "--without-mingle", "--without-heartbeat"),
        ]
        for module in include:
            options += ["--include", module]
        worker = spawn_worker(
            options=options, env=project_env(redis_url=self.redis_url), new_session=True
        )
        self.started.append(worker)
        wait_for(
            lambda: any(" ready." in line for line in worker.log),
            READY_TIMEOUT,
            "the worker did not start",
            worker,
        )
        return worker

    def stop_all(self) -> None:
        for worker in self.started:
            end_worker(worker)
            print(f"--- worker log (exit code {worker.process.returncode}) ---")
            print("".join(worker.log[-80:]))


@pytest.fixture
def workers(web_broker, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    pool = WorkerPool(settings, web_broker.url)
    yield pool
    pool.stop_all()


def wait_for(predicate: Callable, timeout: float, what: str, *watched: Worker, every: float = 0.2):
    """Poll `predicate` until it returns a true value; fail with the workers' logs on timeout
    or when every watched worker has exited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if watched and not any(worker.alive() for worker in watched):
            logs = "\n".join(worker.tail() for worker in watched)
            pytest.fail(f"{what}: the workers exited\n{logs}")
        time.sleep(every)
    logs = "\n".join(worker.tail() for worker in watched)
    pytest.fail(f"{what} within {timeout} s\n{logs}")


@dataclass
class BatchOutcome:
    """What became of a batch of jobs: the figures each fault test prints."""

    jobs: list[Job]

    @property
    def done(self) -> list[Job]:
        return [job for job in self.jobs if job.status == JobStatus.DONE]

    @property
    def lost(self) -> int:
        return sum(job.status not in FINISHED_STATUSES for job in self.jobs)

    @property
    def runs(self) -> int:
        return sum(job.attempts for job in self.jobs)

    def files(self, media_root: str) -> int:
        return sum(
            1 for job in self.done if job.result and Path(media_root, job.result.name).is_file()
        )

    def report(self, name: str, media_root: str) -> None:
        retried = sum(job.attempts > 1 for job in self.jobs)
        print(
            f"{name}: jobs={len(self.jobs)} done={len(self.done)} lost={self.lost} "
            f"failed={sum(job.status == JobStatus.FAILED for job in self.jobs)} "
            f"runs={self.runs} rerun_after_kill={retried} files={self.files(media_root)}"
        )


def publish_all(jobs: Iterable[Job]) -> None:
    for job in jobs:
        assert publish_job(job.pk) is True


def wait_for_batch(ids: list[int], timeout: float, *watched: Worker) -> BatchOutcome:
    def all_finished():
        jobs = list(Job.objects.filter(pk__in=ids).order_by("pk"))
        return jobs if all(job.status in FINISHED_STATUSES for job in jobs) else None

    return BatchOutcome(wait_for(all_finished, timeout, "the batch did not finish", *watched))
