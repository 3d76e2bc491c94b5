"""Production: refuses to start without its secrets; HTTPS only, secure cookies, HSTS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_list

for _name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"{_name} must be set in the environment for production.")

# Behind the TLS proxy every request has the proxy's address: without this, the sign-in limits would count
# the whole council as one client (README, "Deploying"). TRUSTED_PROXY_COUNT=0 says there is no proxy.
if not (os.environ.get("TRUSTED_PROXY_COUNT") or os.environ.get("CLIENT_IP_HEADER")):
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT (proxies in front of the app, 0 for none) or CLIENT_IP_HEADER must be set in the "
        "environment for production."
    )

# Anyone could make an account otherwise: a council names its domains, or says "*" to allow any.
if not env_list("ACCOUNT_ALLOWED_EMAIL_DOMAINS"):
    raise ImproperlyConfigured(
        "ACCOUNT_ALLOWED_EMAIL_DOMAINS must be set in the environment for production: the council's email "
        'domains (comma separated), or "*" to let any address sign up.'
    )

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies: Secure, Path=/, no Domain — cannot be set or overwritten by a sibling subdomain.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_AGE = 60 * 60 * 10
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
