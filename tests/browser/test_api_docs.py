"""The read API's page (/api/docs/) draws its operations in chromium under the product's CSP,
from the product's own server: no request leaves it (the intranets have no CDN)."""

from urllib.parse import urlsplit

import pytest

from tests.api.test_schema import API_PATHS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"), pytest.mark.django_db]


def test_api_docs_lists_every_operation_without_a_cdn_or_a_csp_violation(journey, live_server):
    tab = journey("api-docs")
    hosts, refused = set(), []
    tab.page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    tab.page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    tab.open("/api/docs/")
    tab.page.wait_for_selector(".opblock-summary-path")
    paths = sorted(tab.page.locator(".opblock-summary-path").all_inner_texts())
    tab.shot("operations")
    assert [path.replace("\u200b", "") for path in paths] == API_PATHS
    assert hosts - {"data:", ""} == {urlsplit(live_server.url).netloc}
    assert refused == []
