"""The one place user-written text becomes HTML: Markdown rendered, then cleaned against an allow-list.

Markdown is CommonMark (markdown-it-py) with GitHub's tables, strikethrough and task lists, bare web and email
addresses linked, and a single newline kept as a line break, as Discourse does. Raw HTML in the source is
shown as typed, never passed through. Everything else in the platform stores the Markdown source and the HTML
this returns, and marks only this output safe. Links get rel="nofollow ugc noopener"; images are allowed only
from this site (a path on it).
"""

import html as html_lib
import re
from collections.abc import Collection, Iterable
from urllib.parse import urlsplit

import bleach
from bleach.html5lib_shim import Filter
from django.urls import reverse
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.tasklists import tasklists_plugin

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
TASK_CLASS = "academy-task"
TASK_DONE, TASK_OPEN = "\u2611", "\u2610"  # ☑ ☐: text, so the allow-list needs no form controls


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
    if tag == "li":
        return name == "class" and value == TASK_CLASS
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


# --- Markdown -------------------------------------------------------------------------------------


def _table_alignment(state: StateCore) -> None:
    """markdown-it aligns table cells with a style attribute; the allow-list keeps `align` instead."""
    for token in state.tokens:
        style = token.attrGet("style") if token.type in {"th_open", "td_open"} else None
        if style:
            token.attrs.pop("style")
            token.attrSet("align", style.removeprefix("text-align:"))


def _task_boxes(state: StateCore) -> None:
    """The task-list plugin draws a form checkbox; show a ☑ or ☐ character instead."""
    for token in state.tokens:
        if token.type == "list_item_open" and token.attrGet("class"):
            token.attrSet("class", TASK_CLASS)
        for child in token.children or ():
            if child.type == "html_inline" and "task-list-item-checkbox" in child.content:
                child.type, child.content = "text", TASK_DONE if "checked" in child.content else TASK_OPEN
        if token.type == "bullet_list_open" and token.attrGet("class"):
            token.attrs.pop("class")


def _mention_links(state: StateCore) -> None:
    """Known @handles in text (not in code or links) become profile links; env["mentions"] says which."""
    known = state.env.get("mentions") or set()
    if not known:
        return
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children, in_link = [], 0
        for child in token.children:
            in_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type == "text" and not in_link and "@" in child.content:
                children.extend(_split_mentions(child, known))
            else:
                children.append(child)
        token.children = children


def _split_mentions(text: Token, known: set[str]) -> Iterable[Token]:
    position = 0
    for match in MENTION.finditer(text.content):
        handle = match.group(1)
        if handle.lower() not in known:
            continue
        if match.start() > position:
            yield Token("text", "", 0, content=text.content[position : match.start()])
        link = Token("link_open", "a", 1)
        link.attrSet("class", "academy-mention")
        link.attrSet("href", reverse("community:profile", kwargs={"handle": handle.lower()}))
        yield link
        yield Token("text", "", 0, content=f"@{handle}")
        yield Token("link_close", "a", -1)
        position = match.end()
    if position < len(text.content):
        yield Token("text", "", 0, content=text.content[position:])


def _parser(*, discourse: bool) -> MarkdownIt:
    """CommonMark with raw HTML off. `discourse` adds what members expect from the forum software they know:
    tables, ~~strike~~, task lists, bare links and a line break for every newline."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": discourse, "breaks": discourse})
    if discourse:
        md.enable(["table", "strikethrough", "linkify"])
        md.use(tasklists_plugin)
        md.core.ruler.push("academy_task_boxes", _task_boxes)
    md.core.ruler.push("academy_table_alignment", _table_alignment)
    md.core.ruler.push("academy_mentions", _mention_links)
    return md


_discourse = _parser(discourse=True)
_commonmark = _parser(discourse=False)


def render_markdown(source: str, *, mentions: Collection[str] = ()) -> str:
    """Markdown `source` as safe HTML. `mentions` are the @handles that exist and become profile links."""
    env = {"mentions": {m.lower() for m in mentions}}
    return _cleaner.clean(_discourse.render(source or "", env)).strip()


def render_commonmark(source: str) -> str:
    """The same pipeline with only CommonMark's rules (what the spec-conformance test measures)."""
    return _cleaner.clean(_commonmark.render(source or "", {})).strip()


# --- Reading the source ---------------------------------------------------------------------------


def _own_text(source: str) -> Iterable[str]:
    """The author's own words: inline text outside block quotes, code and links."""
    depth = 0
    for token in _discourse.parse(source or "", {}):
        depth += {"blockquote_open": 1, "blockquote_close": -1}.get(token.type, 0)
        if depth or token.type != "inline":
            continue
        in_link = 0
        for child in token.children or ():
            in_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type == "text" and not in_link:
                yield child.content


def mentioned_handles(source: str, *, include_quotes: bool = False) -> set[str]:
    """The @handles written in `source` outside code (lower case). Only the author's own text counts unless
    `include_quotes`: quoting a post that mentions someone does not mention them again."""
    if include_quotes:
        text = re.sub(r"```.*?```|`[^`]*`", " ", source or "", flags=re.DOTALL)
        return {m.lower() for m in MENTION.findall(text)}
    return {m.lower() for text in _own_text(source) for m in MENTION.findall(text)}


def link_count(source: str) -> int:
    """Web addresses written in `source`, linked or not (what new-account limits count)."""
    return len(re.findall(r"(?i)\b(?:https?://|www\.)", source or ""))


def plain_text(html: str) -> str:
    """Rendered HTML as plain text (for search snippets and emails): tags dropped, entities decoded once."""
    text = re.sub(r"<[^>]+>", " ", html or "")
    return " ".join(html_lib.unescape(text).split())
