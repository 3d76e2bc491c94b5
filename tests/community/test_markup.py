"""The sanitiser: nothing outside the allow-list survives, and ordinary Markdown does."""

from urllib.parse import urlsplit

import html5lib
import pytest

from community.markup import ALLOWED_PROTOCOLS, ALLOWED_TAGS, LINK_REL, mentioned_handles, render_markdown

ALLOWED_ATTRS = {
    "a": {"href", "title", "rel", "class"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
    "code": {"class"},
    "ol": {"start"},
    "li": {"class"},
}

SCHEMES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106avascript:alert(1)",
    "javascript&colon;alert(1)",
    "jav&#x61;script:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "livescript:alert(1)",
    "file:///etc/passwd",
    "feed:javascript:alert(1)",
    "%6Aavascript:alert(1)",
    "\x01javascript:alert(1)",
]

RAW_HTML = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=/ok.png onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href='javascript:alert(1)'>click</math>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<style>@import 'javascript:alert(1)';</style>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    "<body onload=alert(1)>",
    "<div style='background:url(javascript:alert(1))'>x</div>",
    '<p style="color:red" onclick="alert(1)">x</p>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<button formaction=javascript:alert(1)>x</button>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:alert(1)//>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<table background=javascript:alert(1)>",
    "<td background=javascript:alert(1)>",
    "<marquee onstart=alert(1)>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<img src=`x`onerror=alert(1)>",
    '<img """><script>alert(1)</script>">',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<template><script>alert(1)</script></template>",
    "<xmp><script>alert(1)</script></xmp>",
    "<textarea><script>alert(1)</script></textarea>",
    "<title><script>alert(1)</script></title>",
    "<plaintext><script>alert(1)</script>",
    '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    '<a href="https://example.org" target=_blank>x</a>',
    '<img src="/media/x.png" style="width:9999px">',
    "<code onclick=alert(1)>x</code>",
    '<pre class="x" onmouseover=alert(1)>x</pre>',
    '<h1 id="x" onclick=alert(1)>x</h1>',
    '<ol start="1" onclick=alert(1)><li>x</li></ol>',
    '<td align="left" onclick=alert(1)>x</td>',
    '<a class="academy-mention" href="javascript:alert(1)">@x</a>',
    "<div>\n\n<script>alert(1)</script>\n\n</div>",
    '<img src="//evil.example/tracker.png">',
    '<img src="https://evil.example/tracker.png">',
    '<img src="/\\evil.example/x.png">',
]

MARKDOWN = [
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](<javascript:alert(1)>)",
    "[x](javascript:alert`1`)",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "[x][ref]\n\n[ref]: data:text/html,<script>alert(1)</script>",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "![x](javascript:alert(1))",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    "![x](https://evil.example/pixel.png)",
    "![x](//evil.example/pixel.png)",
    "![x](http://evil.example/pixel.png)",
    "![x](/\\evil.example/pixel.png)",
    "![x][img]\n\n[img]: https://evil.example/pixel.png",
    '![x" onerror="alert(1)](/media/x.png)',
    '![x](/media/x.png" onerror="alert(1))',
    '[x](https://example.org "title" onmouseover="alert(1)")',
    '[x](https://example.org" onmouseover="alert(1))',
    "[<img src=x onerror=alert(1)>](https://example.org)",
    "[x](https://example.org)<script>alert(1)</script>",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    '```html" onclick="alert(1)\n<b>x</b>\n```',
    "> <script>alert(1)</script>",
    "* <img src=x onerror=alert(1)>",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
    "# <svg onload=alert(1)>",
    "**<iframe src=javascript:alert(1)>**",
    "_<a href=javascript:alert(1)>x</a>_",
    "[a](https://example.org)[b](javascript:alert(1))",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\<script>alert(1)\\</script>",
    "<mailto:x@example.org?body=<script>alert(1)</script>>",
    '[x](mailto:x@example.org"onclick="alert(1))',
    "@<script>alert(1)</script>",
    "[@chloe](javascript:alert(1))",
]

ATTACKS = (
    SCHEMES + [f'<a href="{s}">x</a>' for s in SCHEMES] + [f"[x]({s})" for s in SCHEMES] + RAW_HTML + MARKDOWN
)


def test_at_least_one_hundred_attacks():
    assert len(ATTACKS) >= 100


def _walk(html: str):
    fragment = html5lib.parseFragment(html, namespaceHTMLElements=False)
    yield from fragment.iter()


def _assert_safe(html: str) -> None:
    for element in _walk(html):
        if not isinstance(element.tag, str) or element.tag == "DOCUMENT_FRAGMENT":
            continue
        assert element.tag in ALLOWED_TAGS, f"tag <{element.tag}> in {html!r}"
        for name, value in element.attrib.items():
            assert name in ALLOWED_ATTRS.get(element.tag, set()), (
                f"attribute {name} on <{element.tag}> in {html!r}"
            )
            if name == "href":
                scheme = urlsplit(value).scheme.lower()
                assert scheme in ALLOWED_PROTOCOLS | {""}, f"scheme {scheme!r} in {html!r}"
                assert element.attrib.get("rel") == LINK_REL
            if name == "src":
                assert value.startswith("/") and not value.startswith("//") and "\\" not in value, html
            if name == "class" and element.tag == "a":
                assert value == "academy-mention"
            if name == "class" and element.tag == "li":
                assert value == "academy-task"


def _live_markup(html: str) -> str:
    """What a browser acts on: tag names, attribute names and URL values (not titles or alt text), lower-cased."""
    parts = []
    for element in _walk(html):
        if isinstance(element.tag, str) and element.tag != "DOCUMENT_FRAGMENT":
            parts.append(element.tag)
            for name, value in element.attrib.items():
                parts.append(f"{name}={value}" if name in {"href", "src"} else f"{name}=")
    return "|".join(parts).lower()


@pytest.mark.parametrize("source", ATTACKS)
def test_attack_is_neutralised(source):
    html = render_markdown(source, mentions={"chloe"})
    _assert_safe(html)
    live = _live_markup(html)
    for needle in ("=javascript", "=vbscript", "=data:", "src=https:", "src=http:", "|on", "|style="):
        assert needle not in live, f"{needle!r} survived in {html!r}"


def test_tables_code_lists_and_links_survive():
    source = (
        "# Heading\n\nSome **bold** and _italic_ text with `inline code`.\n\n"
        "1. first\n2. second\n\n- apple\n- pear\n\n"
        "| Area | Count |\n| --- | ---: |\n| Highways | 12 |\n\n"
        "```python\nprint(1 < 2)\n```\n\n"
        "> A quote\n\n"
        '[Council data](https://example.org/data "Open data") and <https://example.org/auto> and '
        "[mail](mailto:data@example.org).\n\n![Chart](/media/images/chart.png)"
    )
    html = render_markdown(source)
    _assert_safe(html)
    for fragment in (
        "<h1>Heading</h1>",
        "<strong>bold</strong>",
        "<em>italic</em>",
        "<code>inline code</code>",
        "<ol>\n<li>first</li>",
        "<ul>\n<li>apple</li>",
        "<th>Area</th>",
        '<td align="right">12</td>',
        '<code class="language-python">print(1 &lt; 2)\n</code>',
        "<blockquote>",
        '<a href="https://example.org/data" title="Open data" rel="nofollow ugc noopener">Council data</a>',
        '<a href="https://example.org/auto" rel="nofollow ugc noopener">https://example.org/auto</a>',
        '<a href="mailto:data@example.org" rel="nofollow ugc noopener">mail</a>',
        '<img src="/media/images/chart.png" alt="Chart">',
    ):
        assert fragment in html, f"{fragment!r} missing from {html!r}"


def test_raw_html_is_shown_as_text_not_dropped():
    assert render_markdown("Use <b> for bold") == "<p>Use &lt;b&gt; for bold</p>"


def test_known_mentions_link_to_profiles_and_code_is_left_alone():
    html = render_markdown("Hi @chloe and @nobody, see `@chloe`", mentions={"chloe"})
    assert (
        '<a class="academy-mention" href="/community/u/chloe/" rel="nofollow ugc noopener">@chloe</a>' in html
    )
    assert "@nobody" in html and "/u/nobody/" not in html
    assert "<code>@chloe</code>" in html
    assert mentioned_handles("Hi @Chloe and `@skip` and email a@b.org") == {"chloe"}


# --- What members type, rendered as Discourse does -------------------------------------------------


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        (
            "See www.example.org today",
            '<a href="http://www.example.org" rel="nofollow ugc noopener">www.example.org</a>',
        ),
        (
            "See https://example.org/x?y=1.",
            '<a href="https://example.org/x?y=1" rel="nofollow ugc noopener">',
        ),
        (
            "Mail data@example.org",
            '<a href="mailto:data@example.org" rel="nofollow ugc noopener">data@example.org</a>',
        ),
        ("Two lists:\n- one\n- two", "<p>Two lists:</p>\n<ul>\n<li>one</li>"),
        ("Counts:\n| a | b |\n|---|---|\n| 1 | 2 |", "<td>1</td>"),
        ("- outer\n  - inner", "<li>outer\n<ul>\n<li>inner</li>"),
        ("1. step\n\n   ```\n   code\n   ```", "<li>\n<p>step</p>\n<pre><code>code\n</code></pre>"),
        ("> ```\n> x = 1\n> ```", "<blockquote>\n<pre><code>x = 1\n</code></pre>\n</blockquote>"),
        ("~~old~~ new", "<s>old</s> new"),
        (
            "- [x] done\n- [ ] to do",
            '<li class="academy-task">☑ done</li>\n<li class="academy-task">☐ to do</li>',
        ),
        ("line one\nline two", "<p>line one<br>\nline two</p>"),
        ("#hashtag and more", "<p>#hashtag and more</p>"),
        ("#1 priority", "<p>#1 priority</p>"),
        ("# A heading", "<h1>A heading</h1>"),
    ],
)
def test_discourse_habits(source, fragment):
    html = render_markdown(source)
    _assert_safe(html)
    assert fragment in html, f"{fragment!r} missing from {html!r}"


def test_quoting_a_post_keeps_its_blocks():
    from community.services import quote_source

    class Author:
        display_name = "Lee"

    class Quoted:
        author = Author()
        source = "Try this:\n\n```python\ndf.drop_duplicates()\n```\n\n- one\n- two"

    html = render_markdown(quote_source(post=Quoted()))
    assert "<blockquote>" in html
    assert '<pre><code class="language-python">df.drop_duplicates()\n</code></pre>' in html
    assert "<ul>\n<li>one</li>" in html


def test_mentions_in_quotes_are_not_the_authors():
    source = "> **Cara** wrote:\n> ask @chloe\n\nThanks @sam, and `@code`"
    assert mentioned_handles(source) == {"sam"}
    assert mentioned_handles(source, include_quotes=True) == {"chloe", "sam"}
    html = render_markdown(source, mentions={"chloe", "sam"})
    assert html.count('class="academy-mention"') == 2  # both still link to profiles
