"""Writes of the API: issuing and revoking a client's token, logging a call."""

import hashlib
import logging
import secrets

from django.db import transaction
from django.utils import timezone

from api.enums import TokenScope
from api.models import ApiCall, ApiClient
from emulation.models import Authority

logger = logging.getLogger(__name__)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(*, authority: Authority, scope: TokenScope, name: str) -> tuple[ApiClient, str]:
    """A new client system and its token. The token is returned once, to be handed over;
    only its SHA-256 is stored."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        client = ApiClient.objects.create(
            authority=authority, scope=scope, name=name.strip(), token_sha256=token_hash(token)
        )
    logger.info("API token issued to %r (%s, %s)", client.name, authority.code, scope)
    return client, token


def revoke_clients(*, clients) -> int:
    """Revoke the tokens of `clients` (a queryset) not yet revoked; their calls are refused
    from now on. Returns how many were revoked."""
    count = clients.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    logger.info("%d API token(s) revoked", count)
    return count


def log_call(
    *, client: ApiClient | None, method: str, path: str, status: int, duration_ms: int, address: str
) -> ApiCall:
    return ApiCall.objects.create(
        client=client,
        method=method[:10],
        path=path[:500],
        status=status,
        duration_ms=duration_ms,
        address=address[:45],
    )
