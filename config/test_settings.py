"""The product's settings, with what only the test suite may change."""

from config.settings import *  # noqa: F403  (the product's settings, then the overrides below)

# PBKDF2 costs about 0.4 s a user on this hardware; the suite creates hundreds of users, so
# they are hashed with MD5. PBKDF2 stays second: the demo fixtures' accounts carry PBKDF2
# hashes, as the product makes them. tests/test_config.py checks the product's own list.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
