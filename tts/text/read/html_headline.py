"""An HTML page's headline: its own <h1> is the title, and is not read again in the body.

A page names its story several times: the <title> ("Headline | Site"), og:title (often a
shorter or search-engine wording) and the <h1> printed above the story. trafilatura's title
is the first of these it finds; its text often begins with the <h1> again, or with the <h1>
a line or two down (after a one-word kicker such as "Review", or after a lead sentence that
the page prints above the headline). The listener must hear the headline once.

So: the <h1> that matches the metadata title loosely (the same words but for a site name or
a word or two) is the title, and the first lines of the body that match it loosely go, with a
kicker of a few words just above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml.html import HtmlElement

from tts.text.model import Cut
from tts.text.read.html_text import element_text

_WORD = re.compile(r"\w+")
_TITLE_WORDS = 30  # longer than any headline: a sentence of the story
_LOOK_DOWN = 3  # the headline repeat is among the body's first lines
_KICKER_WORDS = 4  # "Review", "Opinion", "Breaking news": a label above a headline
# Between a headline and a site name or tagline in a page title.
_SEPARATOR = re.compile(r"\s+[|\-–—·•:]+\s+|\s*\|\s*|:\s+")
_SENTENCE_END = re.compile(r"[.!?,;:][\"'”’)\]]*$")


def words(text: str) -> list[str]:
    """Lower-case words, an apostrophe's "s" folded in ("Anastassiades’" and "Anastassiades'")."""
    return _WORD.findall(text.casefold().replace("’s", "").replace("'s", ""))


def same_headline(a: str, b: str) -> bool:
    """Two wordings of one headline: at least 3 words, and they differ by at most 1 word in 5
    (at least 2 allowed), counting words either has that the other lacks.
    """
    wa, wb = set(words(a)), set(words(b))
    if min(len(wa), len(wb)) < 3 or max(len(wa), len(wb)) > _TITLE_WORDS:
        return False
    differ = len(wa ^ wb)
    return differ <= max(2, len(wa | wb) // 5)


def top_headings(tree: HtmlElement) -> list[str]:
    """The texts of the page's <h1> elements, in page order."""
    return [text for heading in tree.iter("h1") if (text := element_text(heading))]


def page_headline(headings: list[str], title: str | None, site: str | None = None) -> str | None:
    """The first <h1> that is a wording of the metadata title, or the title without a site
    name before or after it ("Site | Tagline: Headline"), else the metadata title."""
    if not title:
        return title
    site_words = words(site or "")
    for text in headings:
        if site_words and words(text) == site_words:
            continue  # the site's logo
        if same_headline(text, title) or title_part(text, title):
            return text
    return title


def title_part(heading: str, title: str) -> bool:
    """Is heading the title's start or end, the rest set off by a separator (| - – — : ·)?

    The heading must be the longer part, so a site's logo in an <h1> ("The Valley Daily
    News") is not taken for the headline of "Flood hits town | The Valley Daily News".
    """
    key = words(heading)
    if len(key) < 3:
        return False
    for sep in _SEPARATOR.finditer(title):
        before, after = words(title[: sep.start()]), words(title[sep.end() :])
        if (before == key and len(after) <= len(key)) or (after == key and len(before) <= len(key)):
            return True
    return False


def drop_repeated_headline(
    lines: list[str], title: str | None, keep: Sequence[str] = ()
) -> tuple[list[str], list[Cut]]:
    """The body without its first lines' copy of the headline (and a kicker above it).

    keep: lower-case texts; a line holding one stays (the show's keep list).
    """
    if not title:
        return lines, []
    filled = [i for i, line in enumerate(lines) if line.strip()][:_LOOK_DOWN]
    filled = [i for i in filled if not any(k in lines[i].casefold() for k in keep)]
    for rank, index in enumerate(filled):
        if not same_headline(lines[index], title):
            continue
        cuts = [Cut("headline", lines[index].strip())]
        gone = {index}
        for above in filled[:rank]:
            if _kicker(lines[above]):
                cuts.insert(0, Cut("kicker", lines[above].strip()))
                gone.add(above)
        return [line for i, line in enumerate(lines) if i not in gone], cuts
    return lines, []


def _kicker(line: str) -> bool:
    return len(words(line)) <= _KICKER_WORDS and not _SENTENCE_END.search(line.strip())
