"""The product's settings, with what only the test suite may change."""

from config.settings import *  # noqa: F403  (the product's settings, then the overrides below)

# PBKDF2 costs about 0.4 s a user on this hardware; the suite creates hundreds of users.
# tests/test_auth.py checks the production hasher list separately.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test process counts the public pages' requests in its own memory (tests/conftest.py
# empties it before every test), never in a Redis database that a worker test may share.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Suites such as the authorization matrix open the public pages from one address more often
# than a person would; tests/test_limits.py sets its own limit to test the limiter.
PUBLIC_RATE_LIMIT = 10_000
