"""Hard-wrapped paragraphs joined back into one line each.

A text article is read as one paragraph a line. Text from e-mail, press releases, terminals
and old archives is often wrapped at a fixed width instead (60-80 columns), its paragraphs
parted by blank lines. Cleaning judges a line at a time, and a paragraph cut into short
lines looked like page furniture to it: most of such a story was cut, silently. A block of
lines is joined only when it bears the mark of greedy wrapping: every line but the last fills
most of the width, and the next line's first word would not have fitted on it. Two lines
are weaker evidence (a headline over its deck fits that test), so they are joined only
when the break falls inside a sentence: no stop at the end of the first, a lower-case word
opening the second. Menus, lists, addresses and one-paragraph-a-line pages fail these tests
and are left as they are.
"""

from __future__ import annotations

import re

MIN_WIDTH = 50  # narrower blocks are lists, menus, verse or headlines, not wrapped prose
MAX_WIDTH = 100  # a page dump's long lines are paragraphs already
FULL = 0.7  # every line but the last fills at least this share of the width
# Indented, aligned in columns, or a bare address: a table, verse, code or a link list, laid
# out by hand (text browsers render <pre>, tables and centred blocks so).
_LAID_OUT = re.compile(r"^(?:\t| {4})|\S {3,}\S|^\s*(?:https?://|www\.)\S+\s*$")
_STOPS = ".;:!?\"'”’)"
# A line that starts a list item starts its own paragraph, wrapped or not.
_ITEM = re.compile(r"\s*(?:[-*•–]\s|\d{1,3}[.)]\s)")


def unwrap(lines: list[str]) -> list[str]:
    """`lines` with each greedily wrapped block (lines between blank lines) joined into one
    line; blank lines and every other line kept as they are."""
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line)
            continue
        out.extend([" ".join(part.strip() for part in block)] if _wrapped(block) else block)
        block = []
        out.append(line)
    out.pop()  # the blank line added to close the last block
    return out


def _laid_out(line: str) -> bool:
    return bool(_LAID_OUT.search(line))


def _wrapped(block: list[str]) -> bool:
    if len(block) < 2:
        return False
    lines = [line.rstrip() for line in block]
    width = max(len(line) for line in lines)
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return False
    if any(_ITEM.match(line) for line in lines[1:]) or any(map(_laid_out, lines)):
        return False
    if len(lines) == 2 and (lines[0][-1] in _STOPS or not lines[1].lstrip()[:1].islower()):
        return False
    for line, following in zip(lines, lines[1:], strict=False):
        first_word = following.split()[0]
        if len(line) < FULL * width or len(line) + 1 + len(first_word) <= width:
            return False  # a short line, or room left for the next word: a break by hand
    return True
