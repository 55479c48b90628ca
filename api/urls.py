"""Where the read API hangs in the site's addresses: its operations under /api/v1/ (built in
api/operations.py) and their page at /api/docs/.

The operations are mounted by name and imported when an address under /api/v1/ is first
resolved or reversed: django-ninja and pydantic, with django.test that ninja imports (about
13 MB), are held only by a web process that has served the API, not by every one (the
URLconf is loaded at start-up: config/wsgi.py). The namespace ("api") and the app name
("ninja") are those django-ninja gives its URLs.
"""

from django.http import HttpRequest
from django.shortcuts import render
from django.urls import URLResolver, path, reverse
from django.urls.resolvers import RoutePattern
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

API_TITLE = "Thi đua – Khen thưởng: API đọc dữ liệu"


class IncludedOnFirstUse(URLResolver):
    """An include whose module is imported when its patterns are first needed: to resolve an
    address under its prefix, to reverse one of its names, or by the URL checks. The site's
    resolver populates every include it holds when the URLconf is loaded; a namespaced one
    needs only its name and namespace there, so this one populates itself on its own use."""

    loaded = False

    def _populate(self):
        if self.loaded:
            super()._populate()

    @cached_property
    def url_patterns(self):
        self.loaded = True
        return URLResolver.url_patterns.func(self)

    @property
    def reverse_dict(self):
        self.url_patterns  # noqa: B018 (imports the module)
        return super().reverse_dict

    @property
    def namespace_dict(self):
        self.url_patterns  # noqa: B018
        return super().namespace_dict

    @property
    def app_dict(self):
        self.url_patterns  # noqa: B018
        return super().app_dict

    def _reverse_with_prefix(self, lookup_view, _prefix, *args, **kwargs):
        self.url_patterns  # noqa: B018
        return super()._reverse_with_prefix(lookup_view, _prefix, *args, **kwargs)


@require_GET
def docs(request: HttpRequest):
    """The page that lists and tries the operations, from the OpenAPI document."""
    swagger_settings = {
        "url": reverse("api:openapi-json"),
        "layout": "BaseLayout",
        "deepLinking": True,
    }
    return render(
        request, "api/docs.html", {"title": API_TITLE, "swagger_settings": swagger_settings}
    )


urlpatterns = [
    IncludedOnFirstUse(RoutePattern("v1/"), "api.operations", app_name="ninja", namespace="api"),
    path("docs/", docs, name="api_docs"),
]
