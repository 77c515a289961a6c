"""Find the story on a whole page of text: the densest run of sentence-like lines.

A page copied or scraped as text carries menus, teaser lists and footers around the story.
Line by line they are hard to tell from a short story paragraph, but as regions they are
easy: the story is where long lines that end like sentences follow one another, and menus
are runs of short lines. So every line gets a score (positive for prose, negative for
furniture) and the story is the run of lines with the greatest total (the maximum-sum
subarray, the idea of Finn's Body Text Extraction). Short lines inside that run (a
one-line paragraph, a subhead, a dateline) stay, because the prose around them outweighs
them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WORD = re.compile(r"\w+")
# A line that ends like a sentence: full stop, question, exclamation, colon or ellipsis,
# possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?:…;][\"'”’)\]]*$")
# How much a non-prose line costs: enough that a menu of a dozen entries separates two
# blocks of prose, little enough that a subhead or an advert label inside a story does not.
FURNITURE_COST = 4.0
LIST_ITEM_COST = 6.0


def is_prose(text: str) -> bool:
    """A line that reads as running text: ends like a sentence, or is long."""
    words = len(WORD.findall(text))
    return (words >= 4 and bool(_SENTENCE_END.search(text))) or words >= 20


def line_score(text: str, *, list_item: bool = False) -> float:
    """Positive for prose (by its length in words), negative for page furniture."""
    words = len(WORD.findall(text))
    if is_prose(text):
        # A list item that reads as a sentence is often a teaser; it counts for less.
        return words / 2 if list_item else float(words)
    return -LIST_ITEM_COST if list_item else -FURNITURE_COST


def story_span(scores: Sequence[float]) -> tuple[int, int]:
    """The [start, end) run of lines with the greatest total score (empty if none is positive)."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for index, score in enumerate(scores):
        if total <= 0:
            total, start = 0.0, index
        total += score
        if total > best:
            best, best_span = total, (start, index + 1)
    return best_span
