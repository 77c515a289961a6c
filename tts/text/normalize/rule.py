"""One normalisation rule: a named pattern, how to say what it matches, and why it exists."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# What may follow a sentence's last word: closing quotes and brackets, then space.
_SENTENCE_END = re.compile(r"""[\s"'”’)\]`]*""")


@dataclass(frozen=True)
class Rule:
    """A pattern and the function that turns each match into the words to say."""

    name: str
    pattern: re.Pattern[str]
    speak: Callable[[re.Match[str]], str]
    why: str

    def apply(self, text: str) -> str:
        """Rewrite every match of this rule in one sentence."""
        return self.pattern.sub(self.speak, text)


def keep_full_stop(match: re.Match[str], spoken: str) -> str:
    """Give back a sentence's full stop that an abbreviation's period also served as.

    "He lives in Calif." ends with one period for both; dropping it with the abbreviation
    would run the sentence into the next one.
    """
    if (
        match.group(0).endswith(".")
        and not spoken.endswith(".")
        and _SENTENCE_END.fullmatch(match.string, match.end())
    ):
        return spoken + "."
    return spoken


def spell(letters: str, *, before: str = "") -> str:
    """Letters to be said one by one, written "F.B.I." for espeak-ng.

    espeak-ng spells dotted letters smoothly ("A.C.L.U." is "ay see el you"), whereas spaced
    ones lose the A to the article ("A C L U" is "uh see el you"). `before` is the text that
    follows, so that a period already there is not doubled.
    """
    dotted = ".".join(letters)
    return dotted if before.startswith(".") else dotted + "."
