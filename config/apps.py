"""django.contrib.admin, with its ModelAdmins found where the admin is used rather than at
start-up in every process.

Django's default admin app imports every app's `admin.py` when the process starts, and with
them django-import-export's formats, openpyxl and lxml (about 13 MB). The Celery worker's
parent process hands out tasks and never needs them (a pool process loads them only if it
reverses a URL). Here the ModelAdmins are found with the URLs (config/urls.py) and by the
admin's own system check, which therefore always sees every ModelAdmin
(`manage.py check --tag admin` included).
"""

from django.contrib import admin
from django.contrib.admin.apps import SimpleAdminConfig
from django.contrib.admin.checks import check_admin_app, check_dependencies
from django.core import checks


def check_discovered_admin_app(app_configs, **kwargs):
    """The admin's check of every ModelAdmin, once they are all registered."""
    admin.autodiscover()
    return check_admin_app(app_configs, **kwargs)


class AdminConfig(SimpleAdminConfig):
    def ready(self):
        # SimpleAdminConfig.ready() registers these two checks; the second one here finds the
        # ModelAdmins first.
        checks.register(check_dependencies, checks.Tags.admin)
        checks.register(check_discovered_admin_app, checks.Tags.admin)
