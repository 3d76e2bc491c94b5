"""Tests: fast hashing, in-memory cache and email, plain static storage."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-data-academy-key"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# One media folder per pytest-xdist worker, so parallel tests never see each other's uploads.
MEDIA_ROOT = BASE_DIR / "var" / f"test-media{os.environ.get('PYTEST_XDIST_WORKER', '')}"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
