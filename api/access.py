"""Who is calling and what they may read: the bearer token of a client system, its rate
limit, and the authorities its scope reaches on the day of the request."""

import datetime

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer

from api.enums import TokenScope
from api.models import ApiClient
from api.services import token_hash
from awards.statistics.province import reachable_authorities
from config import clock
from config.limits import requests_in_window


class RateLimited(Exception):
    """The client has used up its requests of the last minute."""


def _within_rate(client: ApiClient) -> bool:
    """Counts the client's requests of the last minute in the cache (a sliding window)."""
    return requests_in_window(f"api-rate:{client.pk}", 60) <= settings.API_RATE_LIMIT_PER_MINUTE


class ClientToken(HttpBearer):
    """`Authorization: Bearer <token>` of a client whose token is not revoked; the client is
    kept on the request (`request.api_client`) for the scope and the call log."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        client = (
            ApiClient.objects.filter(token_sha256=token_hash(token), revoked_at__isnull=True)
            .select_related("authority")
            .first()
        )
        if client is None:
            return None
        request.api_client = client
        if not _within_rate(client):
            raise RateLimited
        return client


def scope_ids(client: ApiClient, day: datetime.date | None = None) -> set[int]:
    """The ids of the authorities whose records the client reads on `day` (today)."""
    if client.scope == TokenScope.TREE:
        return reachable_authorities(client.authority, day or clock.today())
    return {client.authority_id}
