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

# A word; Chinese and Japanese are written without spaces, so each of their characters
# counts as one (a character is about a word of meaning), or a paragraph would be "a word".
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
# A line that ends like a sentence: full stop, question, exclamation, colon or ellipsis
# (with the Arabic, Urdu, Devanagari and CJK marks), possibly followed by closing quotes or
# brackets, or by a stray quotation mark after a space (`... a protest. "`).
_SENTENCE_END = re.compile(r"[.!?:…;؟۔।。！？](?:\s?[\"'”’)\]])*$")
# A word written in the Latin alphabet: the function-word measure below is for English.
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]")
# How much a non-prose line costs: enough that a menu of a dozen entries separates two
# blocks of prose, little enough that a subhead or an advert label inside a story does not.
FURNITURE_COST = 4.0
LIST_ITEM_COST = 6.0
RUN_GROWTH = 2.0
LONE_PROSE_WEIGHT = 0.5
TRUNCATED_WEIGHT = 0.25
# A blurb cut short by the site: "... with one of the ...", "he..." (not a sentence's end).
_TRUNCATED = re.compile(r"(\w|,)\s?(\.\.\.|…)$")
PROSE_DENSITY = 0.3
FUNCTION_WORDS = frozenset(
    WORD.findall(
        """a about after all also an and any are as at be because been but by can could did do
        does for from had has have he her him his how i if in into is it its just like more most
        my no not now of on one only or other our out over said says she so some than that the
        their them then there these they this those through to up was we were what when where
        which while who will with would you your"""
    )
)


def is_prose(text: str) -> bool:
    """A line that reads as running text: ends like a sentence, or is long."""
    words = len(WORD.findall(text))
    return (words >= 4 and bool(_SENTENCE_END.search(text))) or words >= 20


def line_score(text: str, *, list_item: bool = False, english: bool = True) -> float:
    """Positive for prose (by its length in words), negative for page furniture. The
    function-word weight is English's: a page in another language (`english` False) has
    its prose counted whole."""
    tokens = WORD.findall(text)
    if is_prose(text):
        # Running English text is about 40% function words; a line of names, numbers or
        # title-case teaser headlines has far fewer, so it counts for less (as in jusText).
        function = sum(token.lower() in FUNCTION_WORDS for token in tokens)
        weight = min(1.0, function / (PROSE_DENSITY * len(tokens)))
        latin = sum(bool(_LATIN_WORD.match(token)) for token in tokens)
        if latin * 2 < len(tokens) or not english:
            weight = 1.0  # Spanish, Arabic, Chinese ...: no English words to count, all prose
        # A list item that reads as a sentence is often a teaser; it counts for less.
        return len(tokens) * weight / (2 if list_item else 1)
    return -LIST_ITEM_COST if list_item else -FURNITURE_COST


# English prose is about 40% function words; a page whose prose has under a third of the
# expected share is in another language (Spanish prose shares a few: "a", "no", "me").
_ENGLISH_SHARE = PROSE_DENSITY / 3


def reads_as_english(texts: Sequence[str]) -> bool:
    """Whether a page's prose lines, all together, have English's share of function words."""
    tokens = [t for text in texts if is_prose(text) for t in WORD.findall(text)]
    if not tokens:
        return True
    function = sum(token.lower() in FUNCTION_WORDS for token in tokens)
    return function >= _ENGLISH_SHARE * len(tokens)


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


def line_scores(lines: Sequence[tuple[str, bool]]) -> list[float]:
    """Scores of (text, is_list_item) lines, read in context.

    One short line between paragraphs is a subhead; five in a row are a menu, so runs of
    furniture cost more the longer they get. A teaser list alternates a headline with a
    one-paragraph blurb (often cut off with "..."); a story has paragraphs in a row. So a
    lone prose line between furniture counts half, and a truncated one counts little.
    """
    english = reads_as_english([text for text, _ in lines])
    base = [line_score(text, list_item=list_item, english=english) for text, list_item in lines]
    scores: list[float] = []
    run = 0
    for index, score in enumerate(base):
        if score < 0:
            score -= RUN_GROWTH * run
            run += 1
        else:
            run = 0
            before = base[index - 1] if index else -1.0
            after = base[index + 1] if index + 1 < len(base) else -1.0
            if before < 0 and after < 0:
                score *= LONE_PROSE_WEIGHT
            if _TRUNCATED.search(lines[index][0]):
                score *= TRUNCATED_WEIGHT
        scores.append(score)
    return scores
