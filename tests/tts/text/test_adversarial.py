"""Adversarial text: the front end's time grows linearly with a hostile paragraph's length.

Each generator below makes one shape that once made a regular expression backtrack (a run of
dots after a sentence, hundreds of short quotes in one sentence, a 60 KB token, thousands of
quotation marks or brackets, long runs of "!?" or spaces). The article holding it goes
read -> clean -> script -> spoken form, as `talkingpaper script` does, at a small and a large
size: the time may grow with the size, not with its square (or worse). These are ratios of
the same work at two sizes, not a wall-clock limit; each time is the best of three runs.
The words of the paragraph must all reach the script.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.talkingpaper.test_hostile import assert_nothing_lost, word_characters
from tts.prepare import Reading, speak_script
from tts.text.clean.article import clean_article
from tts.text.model import Script
from tts.text.normalize import normalize
from tts.text.read.article import read_text
from tts.text.script.segments import script_article
from tts.text.sentences import _sentence_spans, split_sentences

READING = Reading("Adversarial", "espeak-ng", "gmw/en-us")
BEFORE = "Ferry fares rise\n\nThe harbour board met on Tuesday to set next year's fares.\n\n"
AFTER = "\n\nThe new fares start in April, the board's chair, Rosa Alvarez, said.\n"
SENTENCE = "The ferry will stop running at night"
# Below this, a time is noise (start-up, the clean-up of the rest of the article).
FLOOR = 0.02
MARKUP = "[]<>"
# Runs of dots grow a few at a time: an exponential pattern (1.46 times slower per dot) then
# fails at the first step its time shows, not after hours at 80.
DOTS = (16, 20, 24, 28, 32, 40, 60, 80)


def scripted(paragraph: str) -> Script:
    article = clean_article(read_text(BEFORE + paragraph + AFTER, source="hostile.txt"))
    script = speak_script(script_article(article), READING)
    assert_nothing_lost(article, script)
    return script


def seconds(work: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        _sentence_spans.cache_clear()  # each run does the work, not a cache look-up
        start = time.perf_counter()
        work(text)
        best = min(best, time.perf_counter() - start)
    return best


def assert_linear(
    make: Callable[[int], str], sizes: tuple[int, ...], work: Callable[[str], object] = scripted
) -> None:
    """Time `work` on make(n) for growing n: each step may take at most twice its growth in
    size (linear with room for noise), so a quadratic or exponential pattern fails at the
    first step it shows, before the next one would take hours."""
    before = seconds(work, make(sizes[0]))
    for small, large in zip(sizes, sizes[1:], strict=False):
        after = seconds(work, make(large))
        allowed = 2 * (large / small) * max(before, FLOOR)
        assert after <= allowed, f"{small} -> {large}: {before:.3f} s -> {after:.3f} s"
        before = after


SHAPES: dict[str, tuple[Callable[[int], str], tuple[int, ...]]] = {
    # Runs of dots: the sentence splitter grouped them 1.46^n ways when no space followed.
    "dots ending a sentence": (lambda n: SENTENCE + "." * n, DOTS),
    "dots inside a sentence": (lambda n: SENTENCE + "." * n + "and by day.", DOTS),
    "dots before a quote mark": (lambda n: f'"{SENTENCE}' + "." * n + '"', DOTS),
    "a paragraph of dots": (lambda n: "." * n, DOTS),
    "dots between words": (lambda n: f"{SENTENCE} . . {'. ' * n}later", (20, 80, 320)),
    "many runs of dots": (lambda n: (SENTENCE + "." * 60 + " ") * n, (10, 40)),
    # Short quotes in one sentence: every quote looked for its introducer in all the text
    # before it.
    "short quotes": (lambda n: "The skipper said " + '"no" ' * n + "to the board.", (300, 1200)),
    "short curly quotes": (lambda n: "Crews said " + "“no” " * n + "again.", (300, 1200)),
    "quotes with speakers": (
        lambda n: " ".join(f'"Stop {i}," said Ann Lee.' for i in range(n)),
        (100, 400),
    ),
    # Long tokens: the address and e-mail rules once tried every start inside them.
    "a long word": (lambda n: "a" * n, (15_000, 60_000)),
    "a long dotted token": (lambda n: "ab." * (n // 3), (15_000, 60_000)),
    "a long address": (lambda n: "https://" + "ab.cd/" * (n // 6), (15_000, 60_000)),
    "a long e-mail run": (lambda n: "ab.cd@" * (n // 6), (15_000, 60_000)),
    "at signs": (lambda n: "a@" * (n // 2), (15_000, 60_000)),
    "slashes": (lambda n: SENTENCE + " " + "a/" * (n // 2) + " today.", (15_000, 60_000)),
    # Quotation marks and brackets by the thousand.
    "quote marks": (lambda n: '"' * n, (2_500, 10_000)),
    "curly quote marks": (lambda n: "“" * n, (2_500, 10_000)),
    "apostrophes": (lambda n: SENTENCE + " " + "' " * n + "ends.", (2_500, 10_000)),
    "open brackets": (lambda n: "[" * n, (1_250, 5_000)),
    "open parentheses": (lambda n: "(" * n, (1_250, 5_000)),
    "brackets in a sentence": (lambda n: f"{SENTENCE} {'[' * n}x{']' * n} now.", (1_250, 5_000)),
    "parentheses in a sentence": (lambda n: f"{SENTENCE} {'(' * n} now.", (1_250, 5_000)),
    # Shouting and gaps.
    "a run of !?": (lambda n: "!?" * n, (2_500, 10_000)),
    "!? ending a sentence": (lambda n: SENTENCE + "!?" * n + " Then it stops.", (2_500, 10_000)),
    "a run of spaces": (lambda n: SENTENCE + " " * n + "said Ann Lee.", (2_500, 10_000)),
    # Everything at once.
    "combined": (
        lambda n: (
            SENTENCE
            + "." * 60
            + ' "no"' * (n // 10)
            + " "
            + "(" * (n // 4)
            + " ab.cd@" * (n // 20)
            + "!?" * (n // 4)
            + " ended."
        ),
        (2_000, 8_000),
    ),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_scripting_time_grows_linearly(shape: str) -> None:
    make, sizes = SHAPES[shape]
    assert_linear(make, sizes)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_sentences_and_spoken_forms_grow_linearly(shape: str) -> None:
    make, sizes = SHAPES[shape]
    assert_linear(make, sizes, split_sentences)
    assert_linear(make, sizes, normalize)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_word_is_lost_and_no_markup_is_spoken(shape: str) -> None:
    make, sizes = SHAPES[shape]
    paragraph = make(sizes[0])
    script = scripted(paragraph)
    text = "".join(s.text for s in script.segments)
    spoken = " ".join(s.spoken for s in script.segments)
    words = word_characters(SENTENCE)
    if shape.startswith("dots") or shape.endswith("sentence"):
        assert words in word_characters(text)  # the sentence around the marks is kept
    assert "Rosa Alvarez" in spoken and "harbour board" in spoken
    assert not any(c in spoken for c in MARKUP), spoken[:200]
    assert all(s.spoken == "" or any(c.isalnum() for c in s.spoken) for s in script.segments)
