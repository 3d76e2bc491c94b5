"""The one place user-written text becomes HTML: Markdown rendered, then cleaned against an allow-list.

Everything else in the platform stores the Markdown source and the HTML this returns, and marks only this
output safe. Links get rel="nofollow ugc noopener"; images are allowed only from this site (a path on it).
"""

import html as html_lib
import re
from collections.abc import Collection
from urllib.parse import urlsplit

import bleach
import markdown
from bleach.html5lib_shim import Filter
from django.urls import reverse

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "strong", "em", "b", "i", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "img",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
MENTION = re.compile(r"(?<![\w@/.])@([a-z0-9][a-z0-9_.-]{1,29}[a-z0-9])", re.IGNORECASE)
# Markdown turns the source into HTML with these; raw HTML in the source is escaped, not passed through.
MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]


def _is_site_path(value: str) -> bool:
    """A path on this site: starts with one slash, no scheme, no host, no backslash tricks."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc and not any(ord(c) < 33 for c in value)


def _hides_a_scheme(value: str) -> bool:
    """True when decoding entities (twice) and dropping spaces and control characters reveals a scheme
    outside the allow-list, e.g. `javascript&colon;` or `jav&#x09;ascript:` — refuse those outright."""
    decoded = html_lib.unescape(html_lib.unescape(value))
    squeezed = re.sub(r"[\s\x00-\x1f\x7f]+", "", decoded).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", squeezed)
    return bool(match) and match.group(1) not in ALLOWED_PROTOCOLS


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in {"href", "src"} and _hides_a_scheme(value):
        return False
    if tag == "a":
        return name in {"href", "title", "class"} and (name != "class" or value == "academy-mention")
    if tag == "img":
        if name == "src":
            return _is_site_path(value)
        return name in {"alt", "title"}
    if tag in {"th", "td"}:
        return name == "align" and value in {"left", "right", "center"}
    if tag == "code":
        return name == "class" and re.fullmatch(r"language-[a-z0-9_+-]{1,30}", value) is not None
    if tag == "ol":
        return name == "start" and value.isdigit()
    return False


class _LinkRelFilter(Filter):
    """Every kept link gets rel="nofollow ugc noopener"; a link whose href was removed stays plain text."""

    def __iter__(self):
        for token in super().__iter__():
            if token["type"] == "StartTag" and token["name"] == "a":
                attrs = dict(token.get("data") or {})
                if (None, "href") in attrs:
                    attrs[(None, "rel")] = LINK_REL
                token["data"] = attrs
            yield token


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allowed_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[_LinkRelFilter],
)


def _markdown_to_html(source: str) -> str:
    md = markdown.Markdown(
        extensions=MARKDOWN_EXTENSIONS,
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    # Raw HTML blocks and inline HTML are treated as text, so they show as typed and never reach the page as tags.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md.convert(source)


def _link_mentions(html: str, mentions: Collection[str]) -> str:
    if not mentions:
        return html
    known = {m.lower() for m in mentions}

    def replace(match: re.Match) -> str:
        handle = match.group(1)
        if handle.lower() not in known:
            return match.group(0)
        url = reverse("community:profile", kwargs={"handle": handle.lower()})
        return f'<a class="academy-mention" href="{url}">@{handle}</a>'

    # Only text outside tags, and not inside code or existing links.
    out, depth_skip = [], 0
    for token in re.split(r"(<[^>]+>)", html):
        if token.startswith("<"):
            name = re.match(r"</?([a-z0-9]+)", token)
            if name and name.group(1) in {"a", "code", "pre"}:
                depth_skip += -1 if token.startswith("</") else 1
            out.append(token)
        else:
            out.append(token if depth_skip else MENTION.sub(replace, token))
    return "".join(out)


def render_markdown(source: str, *, mentions: Collection[str] = ()) -> str:
    """Markdown `source` as safe HTML. `mentions` are the @handles that exist and become profile links."""
    html = _markdown_to_html(source or "")
    html = _link_mentions(html, mentions)
    return _cleaner.clean(html)


def mentioned_handles(source: str) -> set[str]:
    """The @handles written in `source` outside code (lower case)."""
    text = re.sub(r"```.*?```|`[^`]*`", " ", source or "", flags=re.DOTALL)
    return {m.lower() for m in MENTION.findall(text)}


def link_count(source: str) -> int:
    """Web addresses written in `source`, linked or not (what new-account limits count)."""
    return len(re.findall(r"(?i)\b(?:https?://|www\.)", source or ""))
