"""One line rule: a name, what a line must look like, a word limit, and why it exists."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class LineRule:
    name: str
    pattern: re.Pattern[str] | None
    why: str
    max_words: int = 12  # the rule applies only to lines with at most this many words
    test: Callable[[str], bool] | None = None  # for shapes a regex would say badly

    def matches(self, line: str, words: int) -> bool:
        if words > self.max_words:
            return False
        if self.test is not None:
            return self.test(line)
        return self.pattern is not None and bool(self.pattern.search(line))


def rule(
    name: str, pattern: str, why: str, max_words: int = 12, *, ignore_case: bool = True
) -> LineRule:
    flags = re.IGNORECASE if ignore_case else 0
    return LineRule(name, re.compile(pattern, flags), why, max_words)
