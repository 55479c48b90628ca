from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

FAVICON = "img/favicon.ico"


@cache_control(max_age=86400, public=True)
@require_GET
def favicon(request: HttpRequest) -> FileResponse:
    """Browsers ask for /favicon.ico before reading any page; answer with the static icon."""
    path = finders.find(FAVICON)
    if path is None:
        raise Http404(FAVICON)
    return FileResponse(open(path, "rb"), content_type="image/x-icon")
