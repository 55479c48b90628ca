"""The public pages that printed documents point to (QR codes and printed links), as a URL
configuration used only to build their addresses: `config.public_address.printed_url`.

The worker's processes print these addresses on every certificate, pledge and decision but
serve no page. Reversing against the project's URLconf (config.urls) would import every view,
the read API and the libraries behind them into each of them (about 15 MB a process); this
one imports nothing. The paths are those of config.urls, and
tests/test_public_address.py checks that both give the same address for every name here.
"""

from django.http import Http404, HttpRequest
from django.urls import include, path


def printed_only(request: HttpRequest, *args, **kwargs):
    """Never served: config.urls serves these pages; this configuration only reverses."""
    raise Http404


urlpatterns = [
    path(
        "khen-thuong/",
        include(
            (
                [
                    path("xac-thuc/<str:code>/", printed_only, name="certificate_verify"),
                    path("quyet-dinh/xac-thuc/", printed_only, name="decision_verify"),
                ],
                "awards",
            )
        ),
    ),
    path("giao-uoc/", include(([path("xac-thuc/", printed_only, name="verify")], "pledges"))),
]
