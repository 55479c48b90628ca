"""The client's address, as the product is willing to believe it.

Behind a reverse proxy every request arrives from the proxy's address, so anything keyed on the
address (sign-in lockout, rate limits, signature evidence) would lump all users together. The
address in X-Forwarded-For is believed only when the request came from a proxy that the
deployment named in TRUSTED_PROXIES; otherwise a client could write any address it liked there.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; through a trusted proxy, the nearest forwarded address that is not one."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(settings.TRUSTED_PROXIES)
    if remote not in trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop in trusted:
            continue
        return hop if _is_address(hop) else remote
    return remote
