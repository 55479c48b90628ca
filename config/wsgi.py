import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# Load the URLconf, and every view module it imports, now: gunicorn preloads this module
# before forking its workers (config/gunicorn.py), so each worker starts with it instead of
# paying for it on its first request.
get_resolver().reverse_dict  # noqa: B018 (the attribute fills the resolver's caches)
