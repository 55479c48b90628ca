"""The product's settings, with what only the test suite may change."""

import os

from config.settings import *  # noqa: F403  (the product's settings, then the overrides below)
from config.settings import CELERY_BROKER_URL, VAR_DIR

# PBKDF2 costs about 0.4 s a user on this hardware; the suite creates hundreds of users, so
# new passwords are hashed with MD5. PBKDF2 stays second: the demo fixtures store the demo
# password hashed with it, and the demo-account tests sign in with it.
# tests/test_auth.py checks the production hasher list separately.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# Each test process counts the public pages' requests in its own memory (tests/conftest.py
# empties it before every test), never in a Redis database that a worker test may share.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Suites such as the authorization matrix open the public pages from one address more often
# than a person would; tests/test_limits.py sets its own limit to test the limiter.
PUBLIC_RATE_LIMIT = 10_000

# Each pytest-xdist worker ("gw0", "gw1"…) keeps its files apart: the media a test writes
# without a folder of its own and the embedded broker's queue. pytest-django already gives
# each worker its own test database. Tests whose files a worker subprocess reads set
# MEDIA_ROOT to their own tmp_path.
TEST_VAR_DIR = VAR_DIR / "test" / os.environ.get("PYTEST_XDIST_WORKER", "main")
if "MEDIA_ROOT" not in os.environ:
    MEDIA_ROOT = str(TEST_VAR_DIR / "media")
if CELERY_BROKER_URL == "filesystem://":
    CELERY_QUEUE_DIR = TEST_VAR_DIR / "broker"
    for folder in (CELERY_QUEUE_DIR, TEST_VAR_DIR / "broker-control"):
        folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR),
        "data_folder_out": str(CELERY_QUEUE_DIR),
        "control_folder": str(TEST_VAR_DIR / "broker-control"),
        "store_processed": False,
    }

# A test database need not survive a power cut: PostgreSQL answers a commit without waiting for
# the disk (the transactional and worker tests commit often). Reads and isolation are as in
# production.
# After a transactional test the tables are emptied with DELETE rather than one TRUNCATE of
# every table, which costs seconds per test (config/test_postgresql/base.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = (_options.get("options", "") + " -c synchronous_commit=off").strip()
    DATABASES["default"]["ENGINE"] = "config.test_postgresql"  # noqa: F405
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "config.test_sqlite"  # noqa: F405
# One database is migrated per run (`make bench`, or the xdist controller of `make test`) and
# each test process copies it (tests/schema_template.py) instead of migrating again: a
# PostgreSQL database's name, or the path of a SQLite file.
if os.environ.get("TEST_DATABASE_TEMPLATE"):
    _test = DATABASES["default"].setdefault("TEST", {})  # noqa: F405
    _test["TEMPLATE"] = os.environ["TEST_DATABASE_TEMPLATE"]

# No document is signed unless a test configures a certificate (tests/documents/signing.py
# builds a CA per session); the demo material a developer's `make run` left in var/signing/
# must not change what the suite renders.
DOCUMENT_SIGNING_PKCS12 = ""
DOCUMENT_SIGNING_PKCS12_PASSWORD_FILE = ""
DOCUMENT_SIGNING_PKCS11_MODULE = ""
DOCUMENT_SIGNING_TSA_URL = ""
DOCUMENT_SIGNING_TRUST_ROOTS = []

# Tests move the product's clock (config/clock.py) with `settings.CLOCK_OFFSET_DAYS`, as a
# rehearsal server would; the suite runs with DEBUG off, like production.
CLOCK_OFFSET_ALLOWED = True
