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
    if match.group(0).endswith(".") and _SENTENCE_END.fullmatch(match.string, match.end()):
        return spoken + "."
    return spoken
