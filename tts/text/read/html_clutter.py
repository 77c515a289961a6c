"""Clutter inside a page's story text that the markup names, removed before trafilatura reads it.

Within the story's paragraphs, a politician's name can be a link followed by a hover card (a
pop-up holding a photo, the full name, headlines and a "MORE" link). Browsers show the card
only on hover, but an extractor reads it glued to the name: "Kristi NoemKristi Lynn Noem...".
The markup says what such parts are: hidden (`hidden`, `aria-hidden`, `role="tooltip"`, an
inline `display:none`) or named for a pop-up in their class or id (hovercard, popover,
tooltip, rollover, flyout). Each is taken out with its text recorded as a `Cut`; the text
after it stays.

Only parts inside text blocks (paragraphs, list items, cells, headings, quotes) are looked
at: elsewhere trafilatura already drops hidden boxes, and these rules are about what would be
glued into a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.html import HtmlElement

from tts.text.model import Cut
from tts.text.read.html_text import element_text, has_text, remove_keeping_tail

_TEXT_BLOCKS = frozenset(
    {"p", "li", "dd", "dt", "td", "th", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
     "figcaption", "caption"}
)  # fmt: skip
# A class or id word for a pop-up, at the start of a name or after a - or _ ("tooltiptext",
# "profile-rollover-card"), so "payroll-overview" or "butterfly-outline" are not pop-ups.
_POPUP_NAME = re.compile(
    r"(?:^|[\s_-])(?:hover-?card|pop-?over|pop-?up|tool-?tip|roll-?over|fly-?out|tippy)",
    re.IGNORECASE,
)
# Blocks of running text, where a hidden part would be read into a sentence (not list items:
# a hidden part of a list item is a menu's submenu).
_SENTENCE_BLOCKS = _TEXT_BLOCKS - {"li"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Inside a pop-up card: the parts a sentence never holds.
_CARD_PARTS = frozenset({"img", "picture", "svg", "div", "p", "ul", "ol", "table", "figure"})
_CARD_WORDS = 120  # a name, a line about the person, a few headlines
_MORE_LINK = re.compile(r"^\s*(?:read |see |view )?more\b", re.IGNORECASE)


def remove_popups(tree: HtmlElement, keep: Sequence[str] = ()) -> list[Cut]:
    """Take hidden parts and pop-up cards out of the text blocks of tree, in place.

    keep: lower-case texts; a part holding one stays (the show's keep list).
    """
    # (element, the text block it is in): walked without recursion, so a page nested
    # hundreds deep costs no Python stack.
    stack: list[tuple[HtmlElement, HtmlElement | None]] = [(tree, None)]
    doomed: list[tuple[HtmlElement, str]] = []
    gone: set[HtmlElement] = set()  # doomed parts: not walked into
    sizes: dict[HtmlElement, int] = {}  # visible characters of each text block, when needed
    while stack:
        element, block = stack.pop()
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        if block is not None:
            if _hidden(element):
                # Hidden words glued into a sentence go here; a hidden menu or box elsewhere
                # is trafilatura's to drop.
                if block not in sizes:
                    sizes[block] = _visible_size(block)
                if block.tag in _SENTENCE_BLOCKS and sizes[block] > _visible_size(element):
                    doomed.append((element, "hidden-text"))
                continue
            if _named_popup(element):
                parts = _wrapped_popups(element)
                if parts and _inline(element):
                    # A name and its card in one box: the card goes, the name stays.
                    doomed.extend((part, "hover-card") for part in parts)
                    gone.update(parts)
                elif not parts and _card_like(element) and _inline(element):
                    doomed.append((element, "hover-card"))
                    continue
                # Else a term that shows a tip on hover: the term is part of the sentence.
        if block is None and element.tag in _TEXT_BLOCKS:
            block = element
        stack.extend((child, block) for child in element if child not in gone)
    cuts: list[Cut] = []
    for element, rule in doomed:
        text = element_text(element, spaced=True)
        if any(k in text.casefold() for k in keep):
            continue
        if text:
            cuts.append(Cut(rule, text))
        remove_keeping_tail(element)
    return cuts


def _visible_size(element: HtmlElement) -> int:
    """Visible characters in element. A hidden part of a block that shows more than it is
    glued to the block's sentence."""
    return len(element_text(element).replace(" ", ""))


def _wrapped_popups(element: HtmlElement) -> list[HtmlElement]:
    """The pop-ups in a box that also holds what they pop up from (a name, a term), if any.

    A child is a pop-up when hidden, or when named for one and either card-like or after
    the visible text it belongs to; the box must keep visible text outside its pop-ups.
    """
    popups: list[HtmlElement] = []
    seen_text = bool(element.text and element.text.strip())
    for child in element:
        if not isinstance(child.tag, str):
            seen_text = seen_text or bool(child.tail and child.tail.strip())
            continue
        popup = _hidden(child) or (_named_popup(child) and (seen_text or _card_like(child)))
        if popup:
            popups.append(child)
        elif has_text(child):
            seen_text = True
        seen_text = seen_text or bool(child.tail and child.tail.strip())
    kept_text = bool(element.text and element.text.strip()) or any(
        has_text(c) or (c.tail and c.tail.strip()) for c in element if c not in popups
    )
    return popups if kept_text else []


def _inline(element: HtmlElement) -> bool:
    """A small part of a sentence: the sentence goes on after it, and it is card-sized.

    A tag left open by a broken page swallows the rest of the page; that is not a card.
    """
    if len(element_text(element).split()) > _CARD_WORDS:
        return False
    node: HtmlElement | None = element
    while node is not None and node.tag not in _TEXT_BLOCKS:
        if node.tail and node.tail.strip():
            return True
        sibling = node.getnext()
        while sibling is not None:
            if has_text(sibling) or (sibling.tail and sibling.tail.strip()):
                return True
            sibling = sibling.getnext()
        node = node.getparent()
    return False


def _hidden(element: HtmlElement) -> bool:
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden", "").strip().lower() == "true"
        or element.get("role", "").strip().lower() == "tooltip"
        or bool(_HIDDEN_STYLE.search(element.get("style", "")))
    )


def _named_popup(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return False
    return bool(_POPUP_NAME.search(f"{element.get('class', '')} {element.get('id', '')}"))


def _card_like(element: HtmlElement) -> bool:
    """A card, not a word: a picture, a box, several links or a "MORE" link inside."""
    links = list(element.iter("a"))
    return (
        any(el.tag in _CARD_PARTS for el in element.iterdescendants() if isinstance(el.tag, str))
        or len(links) >= 2
        or any(_MORE_LINK.match(element_text(link)) for link in links)
    )
