"""The text of an HTML element as a reader sees it (blocks and line breaks are spaces,
scripts and styles are silent), and removing an element without losing the text after it.
Shared by the HTML clean-up modules; each walk is linear.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

SILENT = frozenset({"script", "style", "noscript", "template"})
_BREAKS = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "section", "blockquote", "h1", "h2", "h3", "h4",
     "h5", "h6", "figure", "figcaption", "table", "tr", "td", "th"}
)  # fmt: skip


def element_text(element: HtmlElement, spaced: bool = False) -> str:
    """The words of element (not its tail), single-spaced.

    spaced: a space at every tag, for showing removed parts ("Jane Doe" and "More news" as
    two links, not "Jane DoeMore news"); a word split by a tag is then split too.
    """
    return " ".join("".join(_pieces(element, spaced)).split())


def has_text(element: HtmlElement) -> bool:
    """Does element show any visible character? Stops at the first one."""
    return any(piece.strip() for piece in _pieces(element))


def remove_keeping_tail(element: HtmlElement) -> None:
    """Take element out of its parent; the text after it (the rest of a sentence) stays."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _pieces(element: HtmlElement, spaced: bool = False) -> Iterator[str]:
    silent = 0
    for event, el in etree.iterwalk(element, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in SILENT:
                silent += 1
            elif not silent and el.text and tag:
                yield el.text
            if spaced or tag in _BREAKS:
                yield " "
        else:
            if tag in SILENT:
                silent -= 1
            if spaced or tag in _BREAKS:
                yield " "
            if el is not element and not silent and el.tail:
                yield el.tail
