"""The top of a story: its headline (found even under a station list, a host card or a desk
line), the page's title lines, and the bylines between the headline and the story.
"""

from __future__ import annotations

import re

from tts.text import metadata
from tts.text.clean.lines import Keeper
from tts.text.clean.region import WORD

# Separators between a headline and the site name in a page title.
TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s*|\s*\|\s*")


# How many lines above the story to look for its headline.
HEADLINE_LOOKBACK = 6


def mark_split_bylines(kept: Keeper, found: dict[str, str | None]) -> None:
    """A byline printed on two lines, "By" and then the name."""
    lines = kept.lines
    for index in range(len(lines) - 1):
        name = lines[index + 1].text
        if lines[index].text.casefold() in ("by", "by:") and metadata.is_name(name):
            found["author"] = found["author"] or name
            kept.cut(index, "byline")
            kept.cut(index + 1, "byline")


def mark_page_titles(kept: Keeper, known: str | None, found: dict[str, str | None]) -> str | None:
    """A line "Headline | Site" when the headline is also a line (or the known title)."""
    texts = {line.text for i, line in enumerate(kept.lines) if kept.live(i)}
    if known:
        texts.add(known)
    title = None
    for index, line in enumerate(kept.lines):
        if not kept.live(index):
            continue
        for sep in TITLE_SEPARATOR.finditer(line.text):
            head, site = line.text[: sep.start()], line.text[sep.end() :]
            if head in texts and len(WORD.findall(head)) >= 3 and site:
                title = title or head
                found["outlet"] = found["outlet"] or site_name(site)
                kept.cut(index, "page-title")
                break
    return title


def site_name(suffix: str) -> str:
    """The first part of a page title's suffix ("WAMU 88.5 - American University Radio")."""
    return TITLE_SEPARATOR.split(suffix)[0].strip()


def find_headline(kept: Keeper, start: int, known: str | None) -> int | None:
    """The headline's line: the known title, else the nearest title-like line above the story.

    Walking up from the story, a deck sentence, a bare name or share buttons may come first.
    A headline of four words or more beats a shorter section
    label ("Opinion", "KNAU and Arizona News" sits above "Schultz Fire forces ...").
    """
    lines = kept.lines
    live = [i for i, line in enumerate(lines) if kept.live(i) or line.cut == "repeated-line"]
    if known:
        for index in live:
            if same(lines[index].text, known):
                return index
    walk = [i for i in reversed(live) if i < start][:HEADLINE_LOOKBACK]
    candidates: list[int] = []
    for index in walk:
        line = lines[index]
        if not line.list_item and title_like(line.text) and not is_byline_name(line.text):
            candidates.append(index)
    long_ones = [i for i in candidates if len(WORD.findall(lines[i].text)) >= 4]
    if long_ones or candidates:
        return (long_ones or candidates)[0]
    # Else the story may begin on the headline itself, when that ends with "?" or "!".
    first = next((i for i in live if i >= start), None)
    if (
        first is not None
        and title_like(lines[first].text)
        and len(WORD.findall(lines[first].text)) <= 15
        and lines[first].text[-1] in "?!"
    ):
        return first
    return None


def is_byline_name(text: str) -> bool:
    return metadata.is_name(text) or metadata.name_with_role(text) is not None


def title_like(text: str) -> bool:
    """A headline: a few words, not ending like a sentence or a clause (a "?" or "!" may)."""
    words = len(WORD.findall(text))
    return 2 <= words <= 25 and not re.search(r"[.,;:][\"'”’)\]]*$", text)


def mark_byline_names(kept: Keeper, first: int, start: int, found: dict[str, str | None]) -> None:
    """A bare name between the headline and the story is the byline ("Ryan Heinsius")."""
    for index in range(first, start):
        text = kept.lines[index].text
        name = text if metadata.is_name(text) else metadata.name_with_role(text)
        if kept.live(index) and name:
            found["author"] = found["author"] or name
            kept.cut(index, "byline")


def same(a: str, b: str | None) -> bool:
    return b is not None and word_key(a) == word_key(b)


def word_key(text: str) -> str:
    """A line's words, case folded: lines printed twice compare equal."""
    return " ".join(WORD.findall(text.casefold()))
