"""An episode description's simple HTML, made safe to put in the show page."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser


class _Description(HTMLParser):
    """Keep the few tags a description uses, drop every attribute, re-escape all text.

    Descriptions come from articles on the web; an open tag must not swallow the rest of the
    page, so tags are balanced here and whatever is left open is closed at the end.
    """

    ALLOWED = frozenset({"p", "ol", "ul", "li", "em", "strong", "b", "i", "br"})
    BLOCKS = frozenset({"p", "ol", "ul"})
    DROPPED = frozenset({"script", "style", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping = 0
        self.blocks = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.DROPPED:
            self.skipping += 1
        elif tag == "br":
            self.out.append("<br>")
        elif tag in self.ALLOWED:
            self.blocks |= tag in self.BLOCKS
            self.open.append(tag)
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.DROPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.open:
            while self.open:
                name = self.open.pop()
                self.out.append(f"</{name}>")
                if name == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    def html(self) -> str:
        self.close()
        body = "".join(self.out + [f"</{t}>" for t in reversed(self.open)]).strip()
        return body if self.blocks else f"<p>{body}</p>"


def description_html(description: str) -> str:
    """A description's simple HTML (p, ol, ul, li) made safe to put in the page."""
    parser = _Description()
    parser.feed(description)
    return parser.html()


class _Text(_Description):
    """The same parse, keeping only words: list items are parted by "; ", blocks by a space."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.DROPPED:
            self.skipping += 1
        elif tag == "li":
            # An item after another of its list (closed or not) is parted from it.
            self.out.append("; " if self.open and self.open[-1] == "item" else " ")
            self.open.append("item")
        elif tag in self.BLOCKS or tag == "br":
            if tag in ("ol", "ul"):
                self.open.append("list")
            self.out.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.DROPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("ol", "ul"):
            while self.open and self.open.pop() != "list":
                pass
            self.out.append(" ")
        elif tag in self.BLOCKS:
            self.out.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data)

    def text(self) -> str:
        self.close()
        return " ".join("".join(self.out).split())


def description_text(description: str, limit: int = 240) -> str:
    """A description as plain words, cut at a word boundary to about `limit` characters
    (with "…"): what an episode listing shows, however long the article's summary."""
    parser = _Text()
    parser.feed(description)
    text = parser.text()
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"


class _Lines(_Description):
    """The same parse as plain text with its shape: a block is a paragraph of its own, a list
    item a line of its own (numbered in an ordered list), every character reference read."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: list[int | None] = []  # per open list: the next number, or None (ul)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.DROPPED:
            self.skipping += 1
        elif tag in ("ol", "ul"):
            self.lists.append(1 if tag == "ol" else None)
            self.out.append("\n\n")
        elif tag == "li":
            number = self.lists[-1] if self.lists else None
            if self.lists and number is not None:
                self.lists[-1] = number + 1
            self.out.append(f"\n{number}. " if number is not None else "\n- ")
        elif tag in ("p", "br"):
            self.out.append("\n\n" if tag == "p" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.DROPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("ol", "ul"):
            if self.lists:
                self.lists.pop()
            self.out.append("\n\n")
        elif tag == "p":
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data.replace("\n", " "))

    def text(self) -> str:
        self.close()
        lines = [" ".join(line.split()) for line in "".join(self.out).split("\n")]
        blocks = "\n".join(lines).split("\n\n")
        return "\n\n".join(b.strip("\n") for b in blocks if b.strip())


def description_plain(description: str) -> str:
    """A description as plain text for a feed: what an app shows whether it reads the field as
    HTML or as text. Paragraphs are parted by a blank line, list items are lines of their own."""
    parser = _Lines()
    parser.feed(description)
    return parser.text()
