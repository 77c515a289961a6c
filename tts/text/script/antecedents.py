"""Who "he", "she", "it" or "they" is when a pronoun attributes a quote.

News writes `"...," she said.` after naming the speaker somewhere before: in an earlier quote
of the same paragraph, as the subject of a sentence that reports speech (`Ann Lee told the
board ...`), or as the last person quoted. The candidates are checked in that order against
what the pronoun allows (a person for he and she, of the right gender when the article gives
one; an organisation or a document for it); only when none fits do the article's mentions
decide (SpeakerBook), which can reach names that never spoke.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tts.text.script.speaker_book import SpeakerBook
from tts.text.script.speakers import GROUP, PERSON, entity_kind, is_function_word

# How far back the subjects of reporting sentences are trusted, in paragraphs.
LOOK_BACK = 3
# How many distinct candidates a gendered pronoun weighs.
CANDIDATES = 3


@dataclass(frozen=True)
class Event:
    """Someone named as speaking: a quote's speaker or a reporting sentence's subject."""

    position: int
    name: str
    quoted: bool  # True for a quote's speaker, False for a narration subject


def fits(name: str, pronoun: str, book: SpeakerBook) -> bool:
    """Whether `pronoun` can stand for `name` in this article."""
    kind = entity_kind(name)
    if pronoun in ("he", "she"):
        if kind != PERSON or not name[:1].isupper() or is_function_word(name.split()[0]):
            return False  # `July 2012`, `Super Tuesday`'s month and day words, `The`
        if " " not in name and book.gender_of(name) is None and name not in book.speakers:
            return False  # a lone capital word with no sign of a person (`Iowa`, `Footage`)
        if _plural_description(name):
            return False  # `Many voters`, `the protesters`: they, not he
        gender = book.gender_of(name)
        return gender is None or gender == ("male" if pronoun == "he" else "female")
    if pronoun == "it":
        return kind == GROUP
    return True  # they, we: a group, a pair or a person who prefers it


_QUANTIFIERS = frozenset(
    ["many", "some", "several", "all", "both", "most", "few", "other", "the", "these", "those"]
)


def _plural_description(name: str) -> bool:
    words = name.split()
    head = words[-1].lower()
    plural = head.endswith("s") and not head.endswith(("ss", "us", "is", "'s", "’s"))
    return words[0].lower() in _QUANTIFIERS and plural


def antecedent(
    pronoun: str,
    position: int,
    paragraph_start: int,
    events: Iterable[Event],
    last_speaker: str | None,
    book: SpeakerBook,
    window: int,
) -> str | None:
    """The name `pronoun` at `position` stands for, or None to let the mentions decide.

    `events` are in reading order; those at or after `position` are ignored. `window` is the
    position before which reporting subjects are too far back to trust.
    """
    before = [e for e in events if e.position < position]
    same_paragraph = [e for e in before if e.quoted and e.position >= paragraph_start]
    for event in reversed(same_paragraph):
        if fits(event.name, pronoun, book):
            return event.name
    # The nearest few that fit; one the article already gives the pronoun's gender wins
    # (`Mary Jones said she ... Tom Baker disagreed. "...," she said.`).
    nearest: list[str] = []
    for event in reversed(before):
        if event.position < window or len(nearest) == CANDIDATES:
            break
        if event.name not in nearest and fits(event.name, pronoun, book):
            nearest.append(event.name)
    known = [n for n in nearest if book.gender_of(n) is not None]
    if known and pronoun in ("he", "she"):
        return known[0]
    if nearest:
        return nearest[0]
    if last_speaker and fits(last_speaker, pronoun, book):
        return last_speaker
    return None
