"""Limits on requests, enforced before any view runs.

Body size: a request announcing a body larger than its route allows is refused with 413 and a
Vietnamese page, from its Content-Length alone, before anything reads the body (Django's CSRF
check reads a POST body in `process_view`, after every middleware's `__call__` has run). The
production proxy (config/nginx.conf) refuses the same sizes at the door; Django's
DATA_UPLOAD_MAX_MEMORY_SIZE caps the form fields of what gets through.

Rate: the public verification pages (certificates, decisions, pledges) answer at most
PUBLIC_RATE_LIMIT requests per PUBLIC_RATE_WINDOW seconds to one client address
(`config.network.client_address`), counted in Django's cache (Redis in production, so every
web process shares the count), then 429 with a Vietnamese page. The window slides: requests are
counted per fixed window, and the previous window's count weighs in for the share of it that
the last PUBLIC_RATE_WINDOW seconds still cover, so a burst across a window's edge is refused
like any other. If the cache is unreachable the pages stay open: the limit protects them, it
must not take them down.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.urls import Resolver404, resolve
from redis.exceptions import RedisError

from config.network import client_address

logger = logging.getLogger(__name__)


def _route_name(request) -> str:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return ""
    return match.view_name


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            announced = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            announced = 0
        if announced > settings.REQUEST_BODY_LIMIT_DEFAULT:
            limit = settings.REQUEST_BODY_LIMITS.get(
                _route_name(request), settings.REQUEST_BODY_LIMIT_DEFAULT
            )
            if announced > limit:
                logger.warning(
                    "body of %d bytes refused on %s (limit %d)", announced, request.path, limit
                )
                # Nothing after this may read the body (WSGI servers close a connection whose
                # body was left unread; the hop-by-hop Connection header is theirs to set).
                request.META["CONTENT_LENGTH"] = "0"
                return render(
                    request,
                    "413.html",
                    {"limit_mb": limit // (1024 * 1024)},
                    status=413,
                )
        return self.get_response(request)


class PublicRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _route_name(request) in settings.PUBLIC_RATE_LIMITED_ROUTES and self._exceeded(request):
            response = render(
                request,
                "429.html",
                {"window": settings.PUBLIC_RATE_WINDOW},
                status=429,
            )
            response["Retry-After"] = str(settings.PUBLIC_RATE_WINDOW)
            return response
        return self.get_response(request)

    def _exceeded(self, request) -> bool:
        address = client_address(request)
        try:
            used = requests_in_window(f"public-rate:{address}", settings.PUBLIC_RATE_WINDOW)
        except (RedisError, OSError) as error:
            logger.warning("rate limit not counted (%s): the page stays open", error)
            return False
        limit = settings.PUBLIC_RATE_LIMIT
        if used - 1 <= limit < used:
            logger.warning("public pages: %s over %d requests", address, limit)
        return used > limit


def requests_in_window(key: str, window: int) -> float:
    """Counts one request under `key` and returns how many fell in the last `window` seconds,
    this one included: the current fixed window's count, plus the previous window's for the
    share of it those seconds still cover. Unlike fixed windows alone, a burst across a
    window's edge counts whole. The cache's own errors are the caller's to handle."""
    position = time.time() / window  # in windows since the epoch
    current = int(position)
    key_now = f"{key}:{current}"
    cache.add(key_now, 0, timeout=2 * window + 5)
    try:
        count = cache.incr(key_now)
    except ValueError:  # evicted between add and incr: this request starts the window
        cache.set(key_now, 1, timeout=2 * window + 5)
        count = 1
    previous = cache.get(f"{key}:{current - 1}", 0)
    return count + previous * (1 - (position - current))
