"""Shared fixtures. Services are real: with CI=true a test that needs PostgreSQL, Redis or a
worker fails when the service is missing; elsewhere it is skipped with the reason."""

import os
import socket
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache

from tests.factories import (
    AuthorityFactory,
    EmploymentFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
)

IN_CI = os.environ.get("CI", "").lower() == "true"


def service_missing(reason: str) -> None:
    """Fail under CI, skip elsewhere: a suite that skips its integration tests proves nothing."""
    if IN_CI:
        pytest.fail(f"CI=true and a required service is missing: {reason}")
    pytest.skip(reason)


def _reachable(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 1
        ):
            return True
    except OSError:
        return False


@pytest.fixture
def require_postgres():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        service_missing("this test needs PostgreSQL (set DATABASE_URL=postgres://…)")


@pytest.fixture
def require_redis():
    url = os.environ.get("REDIS_URL", "")
    if not url:
        service_missing("this test needs Redis (set REDIS_URL=redis://…)")
    if not _reachable(url, 6379):
        service_missing(f"Redis at {url} does not answer")
    return url


@pytest.fixture(autouse=True)
def empty_cache():
    """The public pages' request counts start from zero in every test."""
    cache.clear()


@pytest.fixture
def authority(db):
    return AuthorityFactory()


@pytest.fixture
def other_authority(db):
    return AuthorityFactory()


@pytest.fixture
def unit(authority):
    return UnitFactory(authority=authority)


@pytest.fixture
def other_unit(authority):
    """A unit of the same authority that is not the user's."""
    return UnitFactory(authority=authority)


@pytest.fixture
def make_user(db):
    def make(role, unit, **kwargs):
        return UserFactory(role=role, unit=unit, **kwargs)

    return make


__all__ = ["EmploymentFactory", "PersonFactory"]
