"""The sign-in backend reads the signed-in user with their unit (config/authentication.py), and
the sessions opened under Django's own backend before it survive the upgrade
(emulation/migrations/0016_sessions_unit_backend.py)."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from emulation.enums import Role
from tests.factories import UserFactory

moving = importlib.import_module("emulation.migrations.0016_sessions_unit_backend")


@pytest.fixture
def user(unit):
    return UserFactory(role=Role.AUTHORITY_STAFF, unit=unit)


def session_of(user, backend: str) -> SessionStore:
    """A session as `login()` stores it, naming `backend`."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session


def home_status(client, session: SessionStore) -> int:
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client.get(reverse("emulation:home")).status_code


@pytest.mark.django_db
def test_a_session_from_before_the_upgrade_stays_signed_in_once_moved(client, user):
    old = session_of(user, moving.OLD_BACKEND)
    other = session_of(user, "axes.backends.AxesStandaloneBackend")
    # Not moved, Django ends it: the person would be sent to the sign-in page.
    assert home_status(client, old) == 302

    moving.forwards(apps, None)

    assert SessionStore(old.session_key).load()[BACKEND_SESSION_KEY] == moving.NEW_BACKEND
    assert home_status(client, SessionStore(old.session_key)) == 200
    # A session naming any other backend is left as it was.
    assert SessionStore(other.session_key).load()[BACKEND_SESSION_KEY] == other[BACKEND_SESSION_KEY]

    moving.backwards(apps, None)
    assert SessionStore(old.session_key).load()[BACKEND_SESSION_KEY] == moving.OLD_BACKEND


@pytest.mark.django_db
def test_the_signed_in_user_comes_with_their_unit(client, user):
    """Every page scopes its queries by the user's unit: read with the user, it costs no
    query of its own."""
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = SessionStore(client.cookies[settings.SESSION_COOKIE_NAME].value)
    signed_in = get_user(request)
    assert signed_in.pk == user.pk
    with CaptureQueriesContext(connection) as queries:
        assert signed_in.unit.name == user.unit.name
    assert len(queries) == 0
