"""One-click unsubscribe links for non-essential email: a signed token per (purpose, id), and its headers.

Every app that sends optional mail uses these, so the tokens, the RFC 8058 headers and the wording stay the
same everywhere. A token names only a number and is signed with SECRET_KEY under the purpose as salt, so a
token made for one kind of mail cannot unsubscribe from another.
"""

from django.conf import settings
from django.core import signing


def unsubscribe_token(*, purpose: str, pk: int) -> str:
    """A tamper-proof token for record `pk` of kind `purpose` (e.g. "community.unsubscribe")."""
    return signing.dumps(pk, salt=purpose, compress=True)


def pk_from_unsubscribe_token(*, purpose: str, token: str) -> int | None:
    """The number a token was made for, or None if it was tampered with or made for another purpose."""
    try:
        pk = signing.loads(token, salt=purpose)
    except signing.BadSignature:
        return None
    return pk if isinstance(pk, int) else None


def absolute_url(path: str) -> str:
    """A full address for links in email (the site's configured base URL, never the request's host)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_headers(url: str) -> dict[str, str]:
    """List-Unsubscribe headers so mail clients offer one-click unsubscribe (RFC 2369, RFC 8058)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
