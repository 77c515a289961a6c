"""A show's pronunciation lexicon: names the speech engine says wrongly, and how to say them.

`lexicon.toml` maps a word or phrase to a respelling or to espeak-ng phonemes written
between double brackets (espeak-ng has no SSML lexicon, but reads inline phonemes)::

    # respellings: plain words the engine already says right
    Nguyen = "Win"
    Qatar = "Kattar"
    # espeak-ng phonemes, for what no respelling reaches
    Xi = "[[S'i:]]"

    [words]               # the same entries may also sit in a [words] table
    "Los Angeles" = "Loss Anjeles"

A key in lower case matches the word in any case ("nguyen", "NGUYEN"); a key with capitals
matches only that spelling, so "US" can be respelled without touching "us". Matches are
whole words: "Xi" does not change "Xinjiang".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tts.errors import InputError

_PHONEMES = re.compile(r"\[\[[^\[\]]+\]\]")


@dataclass(frozen=True)
class Lexicon:
    """Word -> spoken form, with the one pattern that finds the words compiled once."""

    entries: dict[str, str] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_entries(cls, entries: dict[str, str]) -> Lexicon:
        """Build a lexicon from a plain mapping (what `load_lexicon` reads from a file)."""
        exact = _alternatives(k for k in entries if k != k.lower())
        folded = _alternatives(k for k in entries if k == k.lower())
        # One pass over the text, exact-case entries tried first ("US" before a folded
        # "us"), so a replacement is never itself replaced again.
        groups = [
            f"(?P<exact>{exact})" if exact else "",
            f"(?P<folded>(?i:{folded}))" if folded else "",
        ]
        body = "|".join(g for g in groups if g)
        pattern = re.compile(rf"(?<![\w\[])(?:{body})(?![\w\]])") if body else None
        return cls(dict(entries), pattern)

    def spoken(self, written: str, *, folded: bool) -> str:
        """The entry for a matched word, white space in a phrase counted as one space."""
        key = " ".join(written.split())
        if folded:
            key = key.lower()
        return self.entries[key]


def _alternatives(words: object) -> str:
    """Longest first, so "Los Angeles" wins over "Los"; a phrase's spaces match any space."""
    ordered = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


def load_lexicon(path: str | Path) -> Lexicon:
    """Read a show's `lexicon.toml`; a missing file is an empty lexicon."""
    path = Path(path)
    if not path.exists():
        return Lexicon()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            f'{path}: not valid TOML ({exc}); write entries as Word = "respelling"'
        ) from exc
    words = data.pop("words", {})
    if not isinstance(words, dict):
        raise InputError(f'{path}: [words] must be a table of Word = "respelling" entries')
    entries: dict[str, str] = {}
    for key, value in {**data, **words}.items():
        if not isinstance(value, str) or not value.strip() or not key.strip():
            raise InputError(
                f'{path}: entry {key!r} must be a non-empty string, e.g. {key} = "respelling" '
                f'or {key} = "[[phonemes]]"'
            )
        if "[[" in value and not _PHONEMES.fullmatch(value.strip()):
            raise InputError(
                f"{path}: entry {key!r}: phonemes must be one [[...]] group, got {value!r}"
            )
        entries[key.strip()] = value.strip()
    return Lexicon.from_entries(entries)


def apply_lexicon(text: str, lexicon: Lexicon, *, phonemes: bool = True) -> str:
    """Replace every lexicon word in spoken text with its respelling or phonemes.

    With `phonemes=False` (an engine other than espeak-ng, which would read the brackets
    aloud) phoneme entries are left as written and only respellings apply.
    """
    if lexicon._pattern is None:
        return text

    def say(match: re.Match[str]) -> str:
        said = lexicon.spoken(match.group(0), folded=match.lastgroup == "folded")
        if not phonemes and _PHONEMES.fullmatch(said):
            return match.group(0)
        return said

    return lexicon._pattern.sub(say, text)
