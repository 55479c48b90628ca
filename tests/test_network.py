"""Whose address a request carries: the proxy's header is believed only from a trusted proxy."""

import pytest
from django.test import RequestFactory

from config.network import client_address


@pytest.fixture
def rf():
    return RequestFactory()


def test_client_address_is_remote_addr_without_trusted_proxies(rf, settings):
    settings.TRUSTED_PROXIES = []
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.5"


def test_client_address_ignores_the_header_from_an_untrusted_sender(rf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.5"


def test_client_address_takes_the_nearest_untrusted_hop_behind_a_trusted_proxy(rf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.2"]
    request = rf.get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.2"
    )
    # 6.6.6.6 was written by the client itself; 203.0.113.9 is what our proxies saw.
    assert client_address(request) == "203.0.113.9"


def test_client_address_falls_back_to_the_proxy_on_a_garbled_header(rf, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="<script>")
    assert client_address(request) == "127.0.0.1"
