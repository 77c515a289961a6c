"""The same story from two sources, told apart from two stories: a MinHash of the story's
five-word shingles. A wire story carried by two papers keeps most of its shingles under a
different headline, byline and trimmed last paragraph; two stories on one subject share few.

Hand-written in twenty lines: datasketch, the maintained MinHash library, needs numpy and
scipy at run time for what is here a few hundred hashes per article.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

SIZE = 32  # hashes: a similarity estimate within about +-0.1 of the true Jaccard index
SHINGLE = 5  # words
SAME_STORY = 0.6  # estimated share of shingles in common; copies score 0.8-1, others < 0.2
_PRIME = (1 << 61) - 1
_SEEDS = [
    (int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest()) % _PRIME or 1,
     int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest()) % _PRIME)
    for i in range(SIZE)
]  # fmt: skip
_WORD = re.compile(r"\w+")


def shingles(paragraphs: Sequence[str]) -> set[str]:
    """Every run of SHINGLE words (case, punctuation and spacing do not count)."""
    words = _WORD.findall(" ".join(paragraphs).casefold())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def contained(part: Sequence[str], whole: Sequence[str]) -> float:
    """The share of part's shingles found in whole: 1 when whole tells all of part."""
    wanted = shingles(part)
    return len(wanted & shingles(whole)) / len(wanted) if wanted else 0.0


def fingerprint(paragraphs: Sequence[str]) -> list[int]:
    """The story's signature: SIZE minimum hashes over its word shingles."""
    found = shingles(paragraphs)
    if not found:
        return []
    values = [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest()) for s in found]
    return [min((a * v + b) % _PRIME for v in values) for a, b in _SEEDS]


def similarity(one: Sequence[int], other: Sequence[int]) -> float:
    """The estimated share of shingles two stories have in common (0 to 1)."""
    if not one or len(one) != len(other):
        return 0.0
    return sum(x == y for x, y in zip(one, other, strict=True)) / len(one)


def same_story(one: Sequence[int], other: Sequence[int]) -> bool:
    return similarity(one, other) >= SAME_STORY
