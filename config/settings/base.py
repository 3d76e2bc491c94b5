"""Settings shared by every environment. Values come from environment variables with dev-safe defaults."""

import json
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "learning",
    "competencies",
    "competencies.staff",
    "learning.assignments",
    "community",
    "community.champions",
    "community.events",
    "competencies.maturity",
    "jupyterlite",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.openid_connect",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session and auth layers so it also marks their error responses (e.g. database down).
    "home.middleware.SensitivePageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The site, its root paths, branding and menu from one cache entry (home/site_cache.py).
    "home.site_cache.SiteChromeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "home.middleware.MfaRequiredMiddleware",
    "home.middleware.AdminAccessMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
            "builtins": ["home.templatetags.academy"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "home.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# GOV.UK Frontend's dist, with the GDS Transport font removed, is prepared by `manage.py vendor_frontend`.
STATICFILES_DIRS = [BASE_DIR / "var" / "frontend"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    # Several app servers need one media store: a shared volume, or an object-store backend whose options
    # (bucket, endpoint, ...) come as JSON in MEDIA_STORAGE_OPTIONS.
    "default": {
        "BACKEND": os.environ.get("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.environ.get("MEDIA_STORAGE_OPTIONS") or "{}"),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
    # Read from Redis, written through to the database: a Redis restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "academy_cache"}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Email: console in development, SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Data Academy <data-academy@localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")

# --- Accounts (django-allauth) ---------------------------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_ADAPTER = "home.adapters.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Data Academy] "
# The client's address behind the TLS proxy (README, "Deploying"): every rate limit "per ip" counts per client
# only when the app knows how many proxies append to X-Forwarded-For, or which header carries the address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or "0")
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER") or None
ACCOUNT_RATE_LIMITS = {
    # Brute force: every login path (site and Wagtail admin) goes through allauth's login view. Failed
    # sign-ins count per client address and per account (key: the email tried), never for the whole site.
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
# The email domains that may sign up, e.g. "essex.gov.uk,example-council.gov.uk"; "*" allows any domain.
# Production refuses to start without it; in development, empty allows any.
ACCOUNT_ALLOWED_EMAIL_DOMAINS = env_list("ACCOUNT_ALLOWED_EMAIL_DOMAINS")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Data Academy")
# An account that must use a second factor (HR, Academy admins, operators, forum moderators: home.roles
# requires_mfa) reaches nothing but these until it has one: setting up the authenticator (and the fresh
# sign-in allauth asks for first), signing out, and static files (the lab is static files too).
MFA_EXEMPT_PATH_PREFIXES = [
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/signed-out/",
    STATIC_URL,
    "/lab/",
    "/favicon.ico",
]

# Single sign-on (off unless its environment variables are set): see sso.py.
from .sso import *  # noqa: E402, F403

# --- Wagtail ---------------------------------------------------------------------------------
ADMIN_PATH_PREFIX = "/admin/"  # where config/urls.py mounts the Wagtail admin
WAGTAIL_SITE_NAME = "Data Academy"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "docx", "xlsx", "odt", "ods", "txt", "ipynb"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar requests to another host from the admin

# --- Security headers (tightened further in production.py) ----------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    },
}

# The Wagtail admin (home.middleware.AdminAccessMiddleware puts it on every admin response): the strictest it
# works under (tests/home/test_admin_csp_browser.py). Its editors write inline scripts and style attributes
# that carry no nonce, so those stay allowed; nothing else is: no other host, no eval, no plugins, no
# <base>, forms post only here, and it is framed only by the site itself (page previews).
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "worker-src": [SELF, "blob:"],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": ["'none'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "academy.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    },
}

# Personal data: accounts unused for this many days are erased by `manage.py erase_inactive_accounts --yes`.
ACCOUNT_RETENTION_DAYS = int(os.environ.get("ACCOUNT_RETENTION_DAYS", str(3 * 365)))
# --- Community forums ------------------------------------------------------------------------
COMMUNITY_EDIT_WINDOW_MINUTES = int(os.environ.get("COMMUNITY_EDIT_WINDOW_MINUTES", str(24 * 60)))
COMMUNITY_AUTO_HIDE_FLAGS = int(os.environ.get("COMMUNITY_AUTO_HIDE_FLAGS", "3"))
COMMUNITY_POSTS_PER_HOUR = int(os.environ.get("COMMUNITY_POSTS_PER_HOUR", "30"))
# New accounts: younger than NEW_ACCOUNT_DAYS or with fewer than NEW_ACCOUNT_POSTS posts.
COMMUNITY_NEW_ACCOUNT_DAYS = int(os.environ.get("COMMUNITY_NEW_ACCOUNT_DAYS", "2"))
COMMUNITY_NEW_ACCOUNT_POSTS = int(os.environ.get("COMMUNITY_NEW_ACCOUNT_POSTS", "3"))
COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR = int(os.environ.get("COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR", "10"))
COMMUNITY_NEW_ACCOUNT_MAX_LINKS = int(os.environ.get("COMMUNITY_NEW_ACCOUNT_MAX_LINKS", "2"))
COMMUNITY_NEW_ACCOUNT_MAX_MENTIONS = int(os.environ.get("COMMUNITY_NEW_ACCOUNT_MAX_MENTIONS", "2"))
# Images in posts: PNG, JPEG, GIF or WebP, at most this many bytes and pixels (all frames of a GIF counted).
COMMUNITY_IMAGE_MAX_BYTES = int(os.environ.get("COMMUNITY_IMAGE_MAX_BYTES", str(5 * 1024 * 1024)))
COMMUNITY_IMAGE_MAX_PIXELS = int(os.environ.get("COMMUNITY_IMAGE_MAX_PIXELS", str(25_000_000)))
COMMUNITY_IMAGES_PER_HOUR = int(os.environ.get("COMMUNITY_IMAGES_PER_HOUR", "30"))
# Live preview while writing: requests per member per minute.
COMMUNITY_PREVIEWS_PER_MINUTE = int(os.environ.get("COMMUNITY_PREVIEWS_PER_MINUTE", "60"))
