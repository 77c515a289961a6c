"""The lines of a page as cleaning sees them, and the one place that cuts them."""

from __future__ import annotations

from dataclasses import dataclass, field

from tts.text.clean.region import WORD
from tts.text.model import Cut


@dataclass
class Line:
    text: str
    list_item: bool = False
    cut: str | None = None  # the rule that removed the line, None while it is kept
    parts: list[Cut] = field(default_factory=list)  # chrome cut from the line's end


class Keeper:
    """The lines with the user's `keep` list applied: a kept line is never cut."""

    def __init__(self, lines: list[Line], keep: tuple[str, ...]) -> None:
        self.lines = lines
        self._protected = [any(k in line.text.casefold() for k in keep) for line in lines]

    def live(self, index: int) -> bool:
        return self.lines[index].cut is None

    def recut(self, index: int, rule: str) -> None:
        """Name a better reason for a line already cut (a repeated line that is the headline)."""
        self.lines[index].cut = rule

    def cut(self, index: int, rule: str) -> None:
        if self.lines[index].cut is None and not self._protected[index]:
            self.lines[index].cut = rule

    def uncut(self, index: int) -> None:
        """Give back a line a one-line rule took, when its context shows it is story."""
        self.lines[index].cut = None

    def cut_tail(self, index: int, at: int, rule: str) -> None:
        """Cut the line from character `at` on; the whole line when nothing comes before."""
        line = self.lines[index]
        head = line.text[:at].rstrip()
        if not WORD.search(head):
            self.cut(index, rule)
        elif line.cut is None and not self._protected[index]:
            line.parts.append(Cut(rule, line.text[at:].strip()))
            line.text = head
