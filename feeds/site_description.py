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
