"""The product's settings, with what only the test suite may change."""

from config.settings import *  # noqa: F403  (the product's settings, then the overrides below)

# PBKDF2 costs about 0.4 s a user on this hardware; the suite creates hundreds of users, so
# they are hashed with MD5. PBKDF2 stays second: the demo fixtures' accounts carry PBKDF2
# hashes, as the product makes them. tests/test_config.py checks the product's own list.
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
