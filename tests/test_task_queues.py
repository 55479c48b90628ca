"""Each kind of background work has its own queue: documents, imports and mail are routed
apart, so that the workers of one queue (docker-compose.yml) never wait behind another's."""

import pytest
from celery import current_app
from django.conf import settings

from awards.certificates.services import CERTIFICATE_KIND
from documents import chunks
from documents.registry import queue_for
from documents.services import RENDER_TASK, publish_job
from emulation.targets.enums import IMPORT_DOCUMENT_KIND
from tests.factories import JobFactory

# Every task of the product, and the queue it must land on.
ROUTES = {
    "documents.render_document": "documents",
    "documents.run_job_chunks": "documents",
    "outbox.send_mail": "mail",
}


def queue_of(task_name: str) -> str:
    return current_app.amqp.router.route({}, task_name, (), {})["queue"].name


@pytest.mark.parametrize(("task_name", "queue"), sorted(ROUTES.items()))
def test_task_is_routed_to_the_queue_of_its_kind(task_name, queue):
    assert queue_of(task_name) == queue


def test_every_task_of_the_product_has_its_route():
    current_app.loader.import_default_modules()
    product_tasks = {name for name in current_app.tasks if not name.startswith("celery.")}
    assert product_tasks == set(ROUTES)


@pytest.mark.django_db
def test_an_import_job_and_its_helpers_go_to_the_imports_queue(monkeypatch):
    """A document job is published to its kind's queue: the targets import to "imports", where
    worker-imports (docker-compose.yml) takes it and its helpers, never behind a print run."""
    sent = []
    monkeypatch.setattr(
        current_app, "send_task", lambda name, kwargs, queue: sent.append((name, queue))
    )
    import_job = JobFactory(kind=IMPORT_DOCUMENT_KIND)
    print_job = JobFactory(kind=CERTIFICATE_KIND)
    assert publish_job(import_job.pk) and publish_job(print_job.pk)
    chunks.publish_helpers(import_job, 2)
    assert sent == [
        (RENDER_TASK, "imports"),
        (RENDER_TASK, "documents"),
        (chunks.HELPER_TASK, "imports"),
        (chunks.HELPER_TASK, "imports"),
    ]


def test_a_kind_unknown_to_this_process_goes_to_the_documents_queue():
    assert queue_for("a-kind-that-does-not-exist") == "documents"
    assert queue_of("emulation.reports.something_new") == "celery"


def test_a_worker_without_queue_options_consumes_every_queue():
    assert settings.TASK_QUEUE_NAMES == ("celery", "documents", "imports", "mail")
    assert sorted(current_app.amqp.queues) == sorted(settings.TASK_QUEUE_NAMES)
    assert current_app.conf.task_default_queue == "celery"
