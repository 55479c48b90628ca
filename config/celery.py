"""The Celery application. Tasks take ids only; job state lives in the database."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Celery's Django fix-up runs the system checks in the worker's parent process at start-up and
# discards what they find (an error such as config.E001 never stopped a worker), while the URL
# checks import every view (and the libraries behind them) into that process and, through
# fork, into each of its pool processes, which serve no URL. The checks that refuse a bad
# configuration run with manage.py (`check`, `migrate`, docker-compose.yml's health checks).
os.environ.setdefault("CELERY_SKIP_CHECKS", "true")

app = Celery("thidua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
