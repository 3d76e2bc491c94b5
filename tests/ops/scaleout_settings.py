"""Production settings for app servers started by the scale-out tests. Differences: plain static
storage (no collectstatic run needed) and the MD5 hasher the test process uses for its users."""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Test users are made by the test process, whose settings hash passwords with MD5 for speed.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
