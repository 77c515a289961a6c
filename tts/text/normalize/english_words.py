"""Common English words: is "OUT" one ("FBI" is not), and which ones make up "worldbank".

News writes words in capitals for emphasis ("He walked OUT") and whole headlines in
capitals; the acronym rule must not spell those letter by letter. The test is a word list
with frequencies: pyspellchecker's English dictionary (160,000 words counted in the
OpenSubtitles corpus and cleaned by its maintainers with lists of words to drop and add;
letter acronyms such as "fbi", "cia" or "nfl" are not in it). Short words need to be far
more frequent to count: two and three capital letters are usually an acronym, and the list
also holds rare or foreign short words ("de", "la", "ed") that in capitals are not words.
The same list splits names written as one run of words ("weatherbase.com", "#cleanwater").
"""

from __future__ import annotations

import re
from functools import lru_cache

# How often a word must occur in the list to count, by length. Measured on the list: at
# 1,000 it holds about the 18,000 commonest words ("walkout", "unacceptable"); the two- and
# three-letter words above 1,000,000 are the function words and a few others ("no", "me",
# "up", "out", "not", "big", "did"), while "bed", "war" or "top" lie between 100,000 and
# 1,000,000. In a sentence a short word in capitals is more often an acronym ("people with
# BED", binge eating disorder); in a headline all in capitals it is more often the word.
_MIN_COUNT = {2: 1_000_000, 3: 1_000_000}
_MIN_COUNT_HEADLINE = {2: 1_000_000, 3: 100_000}
_MIN_COUNT_LONGER = 1_000
_HAS_VOWEL = re.compile(r"[aeiouyAEIOUY]")


@lru_cache(maxsize=1)
def _counts() -> dict[str, int]:
    # Loaded here, once per process, only by a text that has a word in capitals or a name
    # written as one run. The package's own word file, read directly, takes 0.13 s; through
    # SpellChecker, which lower-cases every key of a list that is already lower case, 0.24 s.
    import gzip
    import json
    from importlib.resources import files

    words = files("spellchecker") / "resources" / "en.json.gz"
    if words.is_file():
        with words.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
            counts: dict[str, int] = json.load(text)
        return counts
    from spellchecker import SpellChecker  # another layout of the package: its own loader

    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def is_common_word(word: str, *, headline: bool = False) -> bool:
    """Whether `word` (any case) is a common English word of two letters or more.

    `headline`: the word stands in a text written in capitals, where short words count
    sooner.
    """
    if len(word) < 2 or not word.isalpha():
        return False
    if not _HAS_VOWEL.search(word):
        # No word of the list at these counts lacks one ("NPR", "BBC", "HHS" never are
        # words), so the list is not loaded (0.13 s) for the commonest kind of acronym.
        return False
    table = _MIN_COUNT_HEADLINE if headline else _MIN_COUNT
    return _counts().get(word.lower(), 0) >= table.get(len(word), _MIN_COUNT_LONGER)


# A run of words written together is split only when it is short enough to be a name.
_LONGEST_RUN = 40


def split_words(run: str) -> list[str] | None:
    """A run of common words written together, as words: "weatherbase" -> weather base.

    The fewest common words that make up the whole run, each of two letters or more; None
    when there is no such split or the run is itself one word. A domain name or tag said
    as its words ("world bank dot org") is easier to follow than one long made-up word.
    """
    if not (run.isalpha() and 4 <= len(run) <= _LONGEST_RUN) or is_common_word(run):
        return None
    text = run.lower()
    # fewest[i]: the fewest words that make up text[:i] (0 for none found), and where the
    # last of them starts.
    fewest = [0] * (len(text) + 1)
    last_start = [0] * (len(text) + 1)
    for end in range(2, len(text) + 1):
        for start in range(max(0, end - _LONGEST_RUN), end - 1):
            if start and not fewest[start]:
                continue
            better = not fewest[end] or fewest[start] + 1 < fewest[end]
            # A piece need not be among the very commonest: no acronym hides in a name.
            if better and is_common_word(text[start:end], headline=True):
                fewest[end], last_start[end] = fewest[start] + 1, start
    if fewest[-1] < 2:
        return None
    words: list[str] = []
    end = len(run)
    while end:
        words.append(run[last_start[end] : end])
        end = last_start[end]
    return words[::-1]
