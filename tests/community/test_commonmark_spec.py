"""Spec conformance: the renderer, cleaner included, agrees with the CommonMark 0.31.2 examples.

Raw HTML is escaped by design, so the examples about raw HTML (and any whose expected output passes a tag
through from the source) are left out. Both sides are normalised (parsed as HTML, attributes sorted, the rel we
add to every link and whitespace between tags ignored) so only meaningful differences count.
"""

import json
import re
from pathlib import Path

import html5lib
import pytest

from community.markup import LINK_REL, render_commonmark

SPEC = json.loads((Path(__file__).parent / "data" / "commonmark-spec-0.31.2.json").read_text())
RAW_HTML_SECTIONS = {"HTML blocks", "Raw HTML"}
FLOOR = 0.90
RAW_TAG = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9-]*|!--|\?|![A-Z]|!\[CDATA\[)")


def _passes_raw_html(example: dict) -> bool:
    """The source holds a tag-like run that the expected output keeps as markup (not escaped, not a link)."""
    for match in RAW_TAG.finditer(example["markdown"]):
        tag = match.group(0)
        if tag in example["html"] and not re.match(
            r"<[a-z][a-z0-9+.-]*:", example["markdown"][match.start() :]
        ):
            return True
    return False


EXAMPLES = [e for e in SPEC if e["section"] not in RAW_HTML_SECTIONS and not _passes_raw_html(e)]


def _normalise(html: str) -> str:
    fragment = html5lib.parseFragment(html, namespaceHTMLElements=False)
    for element in fragment.iter():
        if element.attrib.get("rel") == LINK_REL:
            del element.attrib["rel"]
        items = sorted(element.attrib.items())
        element.attrib.clear()
        element.attrib.update(items)
    walker = html5lib.getTreeWalker("etree")
    serializer = html5lib.serializer.HTMLSerializer(omit_optional_tags=False, quote_attr_values="always")
    text = serializer.render(walker(fragment))
    return re.sub(r">\s+<", "><", text).strip()


def _agrees(example: dict) -> bool:
    return _normalise(render_commonmark(example["markdown"])) == _normalise(example["html"])


def test_the_spec_file_is_complete():
    assert len(SPEC) == 652
    assert 500 < len(EXAMPLES) < 652


def test_agreement_with_the_spec_is_at_least_the_floor():
    failed = [e for e in EXAMPLES if not _agrees(e)]
    rate = 1 - len(failed) / len(EXAMPLES)
    sample = ", ".join(f"{e['example']} ({e['section']})" for e in failed[:20])
    assert rate >= FLOOR, f"{rate:.1%} of {len(EXAMPLES)} examples agree; first failures: {sample}"


@pytest.mark.parametrize(
    "section", ["Lists", "List items", "Fenced code blocks", "Autolinks", "Block quotes", "ATX headings"]
)
def test_sections_staff_use_most_mostly_agree(section):
    examples = [e for e in EXAMPLES if e["section"] == section]
    agreed = sum(_agrees(e) for e in examples)
    # Autolinks lose only the schemes the allow-list refuses (irc:, made-up ones).
    assert agreed / len(examples) >= 0.75, f"{section}: {agreed}/{len(examples)}"
