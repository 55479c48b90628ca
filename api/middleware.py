"""Every call to the API is logged, answered or refused (no token, rate limit, 404, 405)."""

import time

from api.services import log_call
from config.network import client_address

API_PREFIX = "/api/v1/"


class ApiCallLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        started = time.monotonic()
        response = self.get_response(request)
        log_call(
            client=getattr(request, "api_client", None),
            method=request.method,
            path=request.get_full_path(),
            status=response.status_code,
            duration_ms=round((time.monotonic() - started) * 1000),
            address=client_address(request),
        )
        return response
