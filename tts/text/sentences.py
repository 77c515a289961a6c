"""Sentence splitting for news prose: abbreviations, initials, quotes and ellipses.

A small rule-based splitter of our own. pysbd (TRAPS.md) takes 2.9 s for 51,000 characters
and splits "Sen. Elizabeth Warren, D-Mass., spoke"; news text needs a short list of
abbreviations and a look at the next word, which a regex scan does in microseconds.
Split before normalising: normalising removes the periods this relies on.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and extend than a list)."""
    return frozenset(text.split())


# Abbreviations that precede a name or a number and so never end a sentence.
_NEVER_FINAL = _words(
    """mr mrs ms messrs dr prof sen sens rep reps gov gen lt col maj sgt capt cmdr adm cpl pvt
    rev fr sr st mt ft pres supt insp det atty amb hon vol vols pp fig sec
    jan feb mar apr jun jul aug sep sept oct nov dec vs v approx dept est ca"""
)

# Abbreviations that usually sit inside a sentence but can end one ("... Corp. The firm");
# they end a sentence only when the next word is a typical sentence opener.
_MAYBE_FINAL = _words(
    """inc corp co ltd llc jr bros ave blvd rd hwy pl ct sq
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    a.m p.m u.s u.k u.n d.c e.g i.e etc"""
)

# Words that typically open a sentence; after a _MAYBE_FINAL abbreviation they signal a split.
_OPENERS = _words(
    """the a an he she it they we i you his her its their our this that these those there
    but and so yet or then now still also however meanwhile in on at after before when while
    if as for by with from to of one two three some many most all no not what who why how"""
)

# A candidate end: terminal punctuation, then closing quotes/brackets, then white space. A
# run is taken whole from its first mark and never given back (possessive), so a run of 60
# dots with no space after it is one failed try, not one per dot and way to group them.
_CANDIDATE = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s)")
# What may start the next sentence: a capital, a digit, or an opening quote/bracket.
_NEXT_START = re.compile(r"\s+([\"'“‘(\[]*)([A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’-]*)\.$")
_NEXT_WORD = re.compile(r"[\w'’-]+")


# A day written as an ordinal number with a full stop, before its month ("am 5. Mai",
# "1. Januar", "le 1er" aside): German, Danish, Norwegian, Finnish, Czech, Polish write dates
# so. The full stop is the ordinal's, not the sentence's.
_MONTHS = _words(
    """januar jänner februar märz april mai juni juli august september oktober november
    dezember marts maj okt desember tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta
    kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta ledna února
    března dubna května června července srpna září října listopadu prosince stycznia lutego
    marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia"""
)
_DAY_BEFORE = re.compile(r"(?:^|\s)\d{1,2}\.$")


def _is_abbreviation_stop(text: str, end: int, next_word: str) -> bool:
    """True when the period ending at text[end-1] belongs to an abbreviation, not the sentence."""
    if next_word.lower() in _MONTHS and _DAY_BEFORE.search(text, max(0, end - 4), end):
        return True  # "am 5. Mai"
    match = _WORD_BEFORE.search(text, max(0, end - 30), end)
    if not match:
        return False
    token = match.group(1)
    last = token.rsplit("-", 1)[-1].lower()  # "D-Mass." -> "mass"
    if len(last) == 1 and last.isalpha() and last.upper() == token[-1]:
        return True  # an initial: "John F. Kennedy"
    if last in _NEVER_FINAL or token in ("No", "Nos"):  # "No. 1", but "he said no."
        return True
    if last in _MAYBE_FINAL or re.fullmatch(r"(?:[a-z]\.)+[a-z]", last):
        return next_word.lower() not in _OPENERS
    return False


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of each sentence in `text`, white space trimmed."""
    return list(_sentence_spans(text))


@lru_cache(maxsize=256)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Scripting asks for the sentences of one paragraph many times (once per quote and rule).
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        nxt = _NEXT_START.match(text, end)
        if not nxt:
            continue  # next word is lower case (or punctuation): the sentence goes on
        punct = match.group(0).rstrip("\"'”’)]")
        if punct.endswith(".") and not punct.endswith("..."):
            word_match = _NEXT_WORD.match(text, nxt.start(2))
            next_word = word_match.group(0) if word_match else ""
            if _is_abbreviation_stop(text, match.start() + len(punct), next_word):
                continue
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return tuple(spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences, verbatim."""
    return [text[a:b] for a, b in sentence_spans(text)]
