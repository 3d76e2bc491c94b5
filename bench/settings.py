"""Production settings for the benchmark, served over plain HTTP on 127.0.0.1 (no TLS proxy in front).

Everything else is production's: DEBUG off, the database cache (or Redis when REDIS_URL is set), the same
middleware and templates. Plain static storage so no collectstatic run is needed; MD5 hashing only for the
benchmark's own accounts, which are never used with a password."""

import os

os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("TRUSTED_PROXY_COUNT", "0")  # no proxy in front of the benchmark's server
os.environ.setdefault("ACCOUNT_ALLOWED_EMAIL_DOMAINS", "*")

from config.settings.production import *  # noqa: E402, F403
from config.settings.production import STORAGES  # noqa: E402

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
# Replies notify watchers by email: the benchmark measures the pages, not an SMTP server.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
