"""WCAG 1.4.10 reflow: every page type the site serves, at 320 × 640 CSS px, never scrolls sideways.

The pages are those of the permission matrix (each GET route and Wagtail page, as the first role that may
see it) plus the account pages. Wide tables must become stacked layouts or scroll inside their own labelled,
focusable region, so the page itself stays 320 px wide.
"""

import pytest

from tests.test_permission_matrix import world  # noqa: F401 - the shared fixture
from tests.test_valid_html import pages_to_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ACCOUNT_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]

WIDEST_CHILD = """() => {
  const limit = document.documentElement.clientWidth;
  let worst = null;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > limit + 0.5 && getComputedStyle(el).position !== 'fixed') {
      let p = el.parentElement, clipped = false;
      while (p && p !== document.body) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { clipped = true; break; }
        p = p.parentElement;
      }
      if (!clipped && (!worst || r.right > worst.right)) worst = {right: Math.round(r.right), what: el.outerHTML.slice(0, 120)};
    }
  }
  return worst;
}"""


def test_every_page_type_reflows_at_320_px(page, world, live_server):  # noqa: F811
    page.set_viewport_size({"width": 320, "height": 640})
    visits = [("anonymous", url) for url in ACCOUNT_PAGES] + list(pages_to_check(world))
    signed_in_as = None
    problems, checked = [], 0
    for role, url in visits:
        if "text/html" not in world["clients"][role].get(url).get("Content-Type", ""):
            continue  # downloads (CSV, images) are not pages
        if role != signed_in_as:
            page.context.clear_cookies()
            client = world["clients"][role]
            if "sessionid" in client.cookies:
                cookie = client.cookies["sessionid"].value
                page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
            signed_in_as = role
        response = page.goto(url)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        checked += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            problems.append(f"{url} as {role}: {width} px wide; widest: {page.evaluate(WIDEST_CHILD)}")
    assert checked >= 30
    assert not problems, "Pages wider than 320 px:\n" + "\n".join(problems)
