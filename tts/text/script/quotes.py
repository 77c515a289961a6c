"""Quote tokenizer: where quotations open and close in one paragraph.

Pure functions over strings. Never raises and never drops text: every mark is classified as
an opener, a closer or not a quotation mark at all (an apostrophe), and unbalanced marks are
repaired or reported, not fatal. Which spans are speech and who speaks them is decided in
`tts/text/quote_attribution.py` and `tts/text/script.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE = "double"
SINGLE = "single"

_DOUBLE_MARKS = '"“”„«»'
_SINGLE_MARKS = "'‘’‚‹›"
QUOTE_MARKS = _DOUBLE_MARKS + _SINGLE_MARKS
_OPEN_ONLY = "“„«‘‚‹"  # curly openers: direction given by the glyph
_CLOSE_ONLY = "”»›"  # "’" is left out: it is far more often an apostrophe
# Characters after which a mark opens (white space aside): brackets, dashes, other openers.
_BEFORE_OPEN = "([{—–-/" + _OPEN_ONLY + '"'
# Characters before which a mark closes (white space aside): punctuation and other marks.
_AFTER_CLOSE = ".,;:!?)]}—–-…" + QUOTE_MARKS
# Words clipped at the front with an apostrophe: rock 'n' roll, 'em, 'til, 'cause.
_ELISION = re.compile(
    r"(?:n['’](?!\w)|(?:em|til|cause|bout|tis|twas|round|nother|kay)\b)", re.IGNORECASE
)


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation in a paragraph; offsets index the paragraph string."""

    start: int  # index of the opening mark (== inner_start when there is none)
    end: int  # index just after the closing mark (== inner_end when there is none)
    inner_start: int
    inner_end: int
    family: str  # DOUBLE or SINGLE
    opened: bool = True  # False: the paragraph never opened it (a lost or earlier opener)
    closed: bool = True  # False: still open where it stops (paragraph end or a new opener)
    repaired: bool = False  # closed by recovery at an attribution, not by a mark
    depth: int = 0  # 0 for a top-level quotation, 1 for a quote inside a quote

    def inner(self, text: str) -> str:
        return text[self.inner_start : self.inner_end]


@dataclass(frozen=True)
class Mark:
    index: int
    family: str
    role: str  # "open", "close", "either" (straight mark between two spaces) or "none"
    width: int = 1  # 2 for the two apostrophes ('') some archives print for a double mark


_TWO_APOSTROPHES = "'" * 2  # an archive's double mark: ''So,'' he said.


def _family(ch: str) -> str:
    return DOUBLE if ch in _DOUBLE_MARKS else SINGLE


def classify_marks(text: str) -> list[Mark]:
    """Classify every quotation-mark character of `text` by its neighbours."""
    marks: list[Mark] = []
    skip = -1
    for i, ch in enumerate(text):
        if ch not in QUOTE_MARKS or i == skip:
            continue
        width = 2 if text.startswith(_TWO_APOSTROPHES, i) else 1
        if width == 2:
            skip = i + 1
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + width] if i + width < len(text) else " "
        family = DOUBLE if width == 2 else _family(ch)
        opens_shape = (prev.isspace() or prev in _BEFORE_OPEN) and not nxt.isspace()
        closes_shape = (nxt.isspace() or nxt in _AFTER_CLOSE) and not prev.isspace()
        if family == SINGLE and _is_apostrophe(text, i, prev, nxt):
            role = "none"
        elif ch in _OPEN_ONLY:
            role = "close" if closes_shape and not opens_shape and ch != "‘" else "open"
        elif ch in _CLOSE_ONLY:
            role = "open" if opens_shape and not closes_shape and prev.isspace() else "close"
        elif opens_shape and not closes_shape:
            role = "open"
        elif closes_shape and not opens_shape:
            role = "close"
        elif prev.isspace() and nxt.isspace():
            # `under " residential`: direction from what is open. A lone single mark is a
            # stray apostrophe (`Park. ' He shrugged`), not a quotation to open.
            role = "either" if family == DOUBLE else "none"
        else:
            role = "either" if family == DOUBLE else "none"
        marks.append(Mark(i, family, role, width))
    return marks


def _is_apostrophe(text: str, i: int, prev: str, nxt: str) -> bool:
    if prev.isalnum() and nxt.isalnum():
        return True  # don't, La'Tecea, somebody's
    if (prev.isspace() or i == 0) and nxt.isdigit():
        return True  # '90s
    if _ELISION.match(text, i + 1) and not text[i + 1 : i + 2].isupper():
        return True  # 'n', 'em, 'til
    return bool(prev.lower() == "n" and i >= 2 and text[i - 2] in "'’")  # the 'n' of rock 'n'


# A quotation left open where a comma and an attribution show it should have closed:
# `"I just heard this 'pow, pow,' said Elizabeth King. "At first ...` (closing mark lost).
_REPAIR_AT = re.compile(
    r"[,?!]['’]?(?=\s+(?:said|says|told|added|asked|stated|explained|wrote)\b)"
    r"|[,?!]['’]?(?=\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:said|says|told|added|asked|stated)\b)"
    r"|[,?!]['’]?(?=\s+(?:he|she|they)\s+(?:said|says|told|added|asked)\b)"
)


def _close(
    stack: list[tuple[str, int, int]], level: int, end: int, closed: bool, width: int
) -> list[QuoteSpan]:
    """Close stack[level] (and everything above it, left unclosed) at `end`."""
    spans = []
    while len(stack) > level:
        family, start, opened_width = stack.pop()
        depth = len(stack)
        is_target = len(stack) == level
        mark_end = end + width if (closed and is_target) else end
        spans.append(
            QuoteSpan(
                start,
                mark_end,
                start + opened_width,
                end,
                family,
                True,
                closed and is_target,
                False,
                depth,
            )
        )
    return spans


def find_quote_spans(text: str) -> tuple[list[QuoteSpan], list[int]]:
    """Pair the marks of one paragraph into spans; also return orphan closing double marks.

    Nested quotes come back with depth 1. An opener that is never closed gives a span with
    closed=False, ending where the paragraph ends or where a new opener of its family starts
    (after trying to close it at an attribution instead). A closing double mark with nothing
    open (the opener lost) is returned in the second list; single ones are apostrophes.
    """
    spans: list[QuoteSpan] = []
    orphans: list[int] = []
    stack: list[tuple[str, int, int]] = []  # (family, index of opening mark, its width)
    straight = {i for i, ch in enumerate(text) if ch in "\"'"}

    def close(level: int, end: int, closed: bool, width: int = 1) -> None:
        spans.extend(_close(stack, level, end, closed, width))

    for mark in classify_marks(text):
        if mark.role == "none":
            continue
        level = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == mark.family), -1)
        role = mark.role
        if role == "either":
            role = "close" if level >= 0 else "open"
        if role == "open":
            if level >= 0 and mark.family == SINGLE:
                continue  # a second single opener inside one: most likely an apostrophe
            if level >= 0 and (mark.index in straight) != (stack[level][1] in straight):
                level = -1  # `"He read: “As you know ...” and went on."`: curly inside straight
            if level >= 0:
                close(level, mark.index, closed=False)  # the earlier quote was never closed
            stack.append((mark.family, mark.index, mark.width))
        elif level >= 0:
            close(level, mark.index, closed=True, width=mark.width)
        elif mark.family == DOUBLE and stack and stack[0][0] == SINGLE and not stack[0][1]:
            # `'It's worth noting," said Ann Lee.`: a paragraph opened with a single mark
            # and closed with a double one
            close(0, mark.index, closed=True, width=mark.width)
        elif mark.family == DOUBLE:
            orphans.append(mark.index)
    close(0, len(text), closed=False)
    # Only a quote cut short by a new opener is repaired here; one open at the paragraph's
    # end may run on into the next paragraph, which the caller knows (see repair_unclosed).
    spans = [s if s.inner_end == len(text) else repair_unclosed(text, s) for s in spans]
    spans.sort(key=lambda s: (s.start, s.depth))
    return _drop_inside_repaired(spans), orphans


def repair_unclosed(text: str, span: QuoteSpan) -> QuoteSpan:
    """Close an unclosed top-level quote at a following attribution, if there is one."""
    if span.closed or span.depth:
        return span
    match = _REPAIR_AT.search(text, span.inner_start, span.inner_end)
    if not match:
        return span
    end = match.end()
    return QuoteSpan(span.start, end, span.inner_start, end, span.family, True, True, True, 0)


def _drop_inside_repaired(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """After a repair, nested spans past the new end are no longer nested: drop them."""
    top = [s for s in spans if s.depth == 0]
    kept = []
    for span in spans:
        if span.depth and not any(t.start < span.start and span.end <= t.end for t in top):
            continue
        kept.append(span)
    return kept


def top_level(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """The outermost spans, in reading order."""
    return [s for s in spans if s.depth == 0]


def opens_with_quote(text: str) -> bool:
    """True when the paragraph's first character (after white space) opens a quotation."""
    stripped = text.lstrip()
    if not stripped or stripped[0] not in QUOTE_MARKS:
        return False
    offset = len(text) - len(stripped)
    marks = classify_marks(text)
    return any(m.index == offset and m.role in ("open", "either") for m in marks)
