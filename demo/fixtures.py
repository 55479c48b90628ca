"""The one fixture builder of the demo: every `fixtures/demo*.json` is written by
`build_fixture`, and every `build_*_fixture` command is a `FixtureCommand`.

The records come one of two ways. A seeding command (`seed_targets --demo`, `seed_awards`)
writes them for good and serialises what it wrote. A `build_*_fixture` command runs the real
services inside a transaction, serialises what they wrote and rolls everything back
(`serialize_rolled_back`), so the database it reads — one holding the demo — is left as it was.
"""

from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from documents.enums import JobStatus

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def fixture_path(name: str) -> Path:
    """Where the committed fixture `name` lives: fixtures/<name>.json."""
    return FIXTURES_DIR / f"{name}.json"


def in_pk_order(*querysets: QuerySet | list) -> list[Model]:
    """The rows of each queryset in turn, each in primary-key order (a list is taken as it
    is): what a seeding command serialises after writing the demo's records for good."""
    return [
        obj
        for queryset in querysets
        for obj in (queryset if isinstance(queryset, list) else queryset.order_by("pk"))
    ]


def queued_again(jobs: Iterable) -> list:
    """The document jobs as the fixture keeps them: queued, never published nor drawn (their
    files are not part of the fixture). The worker, or the sweeper then the worker, draws them
    when the demo starts."""
    jobs = list(jobs)
    for job in jobs:
        job.status = JobStatus.QUEUED
        job.progress = job.attempts = 0
        job.result = job.result_sha256 = job.error = ""
        job.result_size = job.page_count = job.worker_pid = None
        job.published_at = job.started_at = job.finished_at = None
    return jobs


def serialize(objects: Iterable[Model]) -> str:
    """Django's JSON fixture format as the demo commits it: one-space indent, readable
    Vietnamese (no \\u escapes), a newline at the end."""
    return serializers.serialize("json", objects, indent=1, ensure_ascii=False) + "\n"


def serialize_rolled_back(build: Callable[[], Iterable[Model]]) -> str:
    """Runs `build` (which writes through the services) in a transaction, serialises the objects
    it returns while they still exist, then rolls back everything it wrote."""
    with transaction.atomic():
        text = serialize(build())
        transaction.set_rollback(True)
    return text


def build_fixture(name: str, build: Callable[[], str], path: Path | None = None) -> Path:
    """Writes the text `build` returns to `path` (default fixtures/<name>.json), creating the
    folder if needed, and returns the path written."""
    path = path or fixture_path(name)
    text = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


class FixtureCommand(BaseCommand):
    """A `build_*_fixture` command: writes fixtures/<fixture_name>.json, or `--output`.

    Subclasses name the fixture and set `records = staticmethod(...)`, a function that writes
    the demo's objects through the services and returns them (serialised, then rolled back);
    or override `build` when the text is made without a database."""

    fixture_name: str
    records: Callable[[], Iterable[Model]]

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=fixture_path(self.fixture_name))

    def build(self) -> str:
        return serialize_rolled_back(self.records)

    def handle(self, *args, output: Path, **options):
        self.written(build_fixture(self.fixture_name, self.build, output))

    def written(self, path: Path) -> None:
        self.stdout.write(_("Đã ghi %(path)s.") % {"path": path})
