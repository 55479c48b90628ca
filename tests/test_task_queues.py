"""Each kind of background work has its own queue: documents, imports and mail are routed
apart, so that the workers of one queue (docker-compose.yml) never wait behind another's."""

import pytest
from celery import current_app
from django.conf import settings

# Every task of the product, and the queue it must land on.
ROUTES = {
    "documents.render_document": "documents",
    "awards.render_certificate_chunks": "documents",
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


def test_an_import_job_goes_to_the_imports_queue_and_anything_else_to_the_default():
    assert queue_of("emulation.imports.apply_import") == "imports"
    assert queue_of("emulation.reports.something_new") == "celery"


def test_a_worker_without_queue_options_consumes_every_queue():
    assert settings.TASK_QUEUE_NAMES == ("celery", "documents", "imports", "mail")
    assert sorted(current_app.amqp.queues) == sorted(settings.TASK_QUEUE_NAMES)
    assert current_app.conf.task_default_queue == "celery"
