"""The product's settings, with what only the test suite may change."""

from config.settings import *  # noqa: F403  (the product's settings, then the overrides below)

# PBKDF2 costs about 0.4 s a user on this hardware; the suite creates hundreds of users.
# tests/test_auth.py checks the production hasher list separately.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
