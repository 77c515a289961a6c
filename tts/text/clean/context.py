"""Chrome that only its neighbours give away: profiles, comment headers, credits, teasers.

Each function reads the lines around a candidate and cuts (or gives back) through the
`Keeper`, so the user's `keep` list and `--explain` see every decision.
"""

from __future__ import annotations

import re

from tts.text import metadata
from tts.text.clean.lines import Keeper
from tts.text.clean.parts import trailing_link_prompt
from tts.text.clean.region import FUNCTION_WORDS, WORD, is_prose

# How far above a "Full Bio" card its name lines (the name shown twice, a show title) sit.
_PROFILE_LOOKBACK = 4
# "Hi, I'm Dana!", "I grew up ...", "My name is ...": a host introducing themself.
_FIRST_PERSON = re.compile(r"^(?:(?:hi|hey|hello)\b|i\b|i['’]m\b|i['’]ve\b|my name\b)", re.I)
# "1. riverfan says:", "Ann on May 2, 2019 at 4:05 pm said:": shapes only comment headers have.
_NUMBERED = re.compile(r"^\d+\.\s")
_DATED = re.compile(r"\son\s.*(?:\d{1,2}:\d\d|\d{4})\s+\w+\s*:$")
_HANDLE_TOKEN = re.compile(r"^(?:[^A-Z].*|.*[\d@_].*)$")
# How close below a "Comments" heading a commenter's name line must be to count as one.
_COMMENT_HEADING_REACH = 3
# Small words a title-case headline leaves in lower case.
_MINOR_WORDS = frozenset(
    re.findall(r"\w+", "a an the and or nor but of in on at to for with by from as vs via into per")
)
_TITLE_CASE_SHARE = 0.75
# Teasers come as a headline and a one-paragraph blurb; this many pairs make a list.
_TEASER_PAIRS = 2
_UNTITLED_TEASER_PAIRS = 3
# The longest caption above a credit line; a longer line is a paragraph of the story.
_CAPTION_WORDS = 40
# "Jane Roe/Getty Images", "Jane Roe | Bloomberg": a photographer and an agency. An agency
# alone ("Getty Images", "Xinhua /Landov") is also printed where a picture was, captionless.
_JOINED_CREDIT = re.compile(r"\s*[/|]\s*")
# A deck: at most two lines of at most 45 words, within eight lines of the headline.
_DECK_LINES = 2
_DECK_WORDS = 45
_DECK_REACH = 8
_BYLINE_CUTS = frozenset({"byline", "date-line", "author-role", "desk-line"})
# Dated teasers: an item of two to five lines, seen at least twice.
_MAX_TEASER_PERIOD = 5
_TEASER_REPEATS = 2
# The story keeps at least this many lines above a teaser list.
_STORY_BEFORE_TEASERS = 2


def mark_host_profiles(kept: Keeper) -> None:
    """A host's profile card: the name (often printed twice) above a bio ending "Full Bio".

    Without the card's name lines the name would pass for the story's byline.
    """
    lines = kept.lines
    for index, line in enumerate(lines):
        if line.cut == "host-profile":
            name = None
            for above in range(index - 1, max(-1, index - 1 - _PROFILE_LOOKBACK), -1):
                text = lines[above].text
                if not kept.live(above):
                    continue
                # The card starts at its name: above that name (or its copy) is something else.
                if (name and text != name) or not (metadata.is_name(text) or _is_label(text)):
                    break
                name = text if metadata.is_name(text) else name
                kept.cut(above, "host-profile")
        elif _name_twice_then_first_person(kept, index):
            for k in (index, index + 1, index + 2):
                kept.cut(k, "host-profile")


def _name_twice_then_first_person(kept: Keeper, index: int) -> bool:
    lines = kept.lines
    if index + 2 >= len(lines) or not all(kept.live(k) for k in (index, index + 1, index + 2)):
        return False
    name = lines[index].text
    return (
        metadata.is_name(name)
        and lines[index + 1].text == name
        and bool(_FIRST_PERSON.match(lines[index + 2].text))
    )


def _is_label(text: str) -> bool:
    """A short line that is not a sentence: a show title under a host's name."""
    return len(WORD.findall(text)) <= 6 and not is_prose(text)


# `He said:`, `Caddell wrote:` (a pronoun or a capitalised surname) introduce the statement
# below; a one-word commenter's name is a screen name (`thelastchargersfan`, `jd_1987`).
_PROPER_WORD = re.compile(r"[A-Z][a-z’'-]+$")
_OPENERS = "\"“‘'«„"


def check_comment_authors(kept: Keeper) -> None:
    """Give back "Jane Doe wrote:" lines that introduce a quoted statement in the story.

    A reader's comment header is numbered, dated, a screen name, stamped on the next line,
    or sits just under a "Comments" heading or another header; a person's name and a verb
    with nothing of that is the attribution of the statement below it.
    """
    lines = kept.lines
    last_header = -(10**9)
    last_heading = -(10**9)
    for index, line in enumerate(lines):
        if line.cut == "comments":
            last_heading = index
        if line.cut != "comment-author":
            continue
        text = line.text
        name = re.sub(r"\s+\S+\s*:$", "", text)
        header = (
            _NUMBERED.match(text)
            or _DATED.search(text)
            or any(_HANDLE_TOKEN.match(token) for token in name.split())
            or (len(name.split()) == 1 and not _PROPER_WORD.match(name))
            or (index + 1 < len(lines) and lines[index + 1].cut == "date-line")
            or index - last_heading <= _COMMENT_HEADING_REACH
            or _only_comment_text_between(kept, last_header, index)
        )
        quoted_next = index + 1 < len(lines) and lines[index + 1].text.lstrip()[:1] in _OPENERS
        if header and not (quoted_next and not _NUMBERED.match(text)):
            last_header = index
        else:
            kept.uncut(index)


def _only_comment_text_between(kept: Keeper, header: int, index: int) -> bool:
    """Another header above, with at most a few lines (one comment) since."""
    return 0 <= index - header <= 6


def mark_lone_credits(kept: Keeper, start: int, end: int) -> None:
    """A bare name between a caption and the next paragraph is the photographer's credit.

    A story never has a paragraph that is only a person's name; between the headline and
    the story such a line is the byline, and that is decided before this runs.
    """
    live = [i for i in range(start, end) if kept.live(i)]
    for before, index, after in zip(live, live[1:], live[2:], strict=False):
        text = kept.lines[index].text
        around = (kept.lines[before].text, kept.lines[after].text)
        # All capitals is a subhead ("FOUR THINGS TO KNOW"), not a photographer's name.
        if _looks_like_a_person(text) and all(is_prose(t) for t in around):
            kept.cut(index, "photo-credit")


def _looks_like_a_person(text: str) -> bool:
    """A name, not a title-case subhead: no small words ("What Comes Next"), not in capitals."""
    words = WORD.findall(text.lower())
    return (
        metadata.is_name(text)
        and not text.isupper()
        and not any(word in FUNCTION_WORDS for word in words)
    )


def mark_teasers(kept: Keeper, start: int, end: int) -> int:
    """Teasers for other stories at the story's end: headline, blurb, headline, blurb ...

    Returns the new end of the story (the first teaser's line, or `end`).
    """
    live = [i for i in range(start, end) if kept.live(i)]
    lines = kept.lines
    pairs = titled = 0
    cursor = len(live)
    # A last headline whose blurb the page cut off.
    if cursor and _is_teaser_headline(lines[live[cursor - 1]].text):
        cursor -= 1
    while cursor >= 2:
        head, blurb = lines[live[cursor - 2]].text, lines[live[cursor - 1]].text
        if not (_is_teaser_headline(head) and is_prose(blurb) and not _is_teaser_headline(blurb)):
            break
        pairs += 1
        titled += _title_case(head)
        cursor -= 2
    enough = titled >= _TEASER_PAIRS or pairs >= _UNTITLED_TEASER_PAIRS
    if not enough or cursor < _STORY_BEFORE_TEASERS or cursor == len(live):
        return end
    for index in live[cursor:]:
        kept.cut(index, "teaser")
    return live[cursor]


def _is_teaser_headline(text: str) -> bool:
    words = len(WORD.findall(text))
    return 3 <= words <= 20 and not is_prose(text) and not metadata.is_name(text)


def _title_case(text: str) -> bool:
    """Most words capitalised, small words aside: "Council Votes To Close Two Schools"."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if w.lower() not in _MINOR_WORDS]
    capitals = sum(w[0].isupper() for w in words)
    return len(words) >= 2 and capitals >= _TITLE_CASE_SHARE * len(words)


def cut_trailing_link(kept: Keeper, start: int, end: int) -> None:
    """The story's last paragraph may end with a prompt, "(More lost-and-found stories.)"."""
    last = next((i for i in range(end - 1, start - 1, -1) if kept.live(i)), None)
    if last is not None:
        at = trailing_link_prompt(kept.lines[last].text)
        if at is not None:
            kept.cut_tail(last, at, "link-prompt")


def mark_dated_teasers(kept: Keeper, start: int, end: int) -> int:
    """A list of other stories, each a headline, an author, a date and a blurb.

    The items repeat one shape (label lines, a date stamp, one paragraph); a story never
    does, because its paragraphs follow one another with no stamp between them. The shape
    is found as the longest run at the story's end that repeats with a period of two to
    five lines, holding one paragraph and, each time round, a date or the same section
    label. Returns the new end.
    """
    seq = [(i, shape) for i in range(start, end) if (shape := _shape(kept, i))]
    shapes = [shape for _, shape in seq]
    best = len(seq)
    for period in range(2, _MAX_TEASER_PERIOD + 1):
        if len(seq) < _TEASER_REPEATS * period:
            break
        first = len(seq) - period
        while first > 0 and shapes[first - 1] == shapes[first - 1 + period]:
            first -= 1
        # An item starts with its headline: a paragraph at the run's start is the story's.
        while first < len(seq) and shapes[first] == "P":
            first += 1
        pattern = shapes[len(seq) - period :]
        repeats = (len(seq) - first) / period
        if (
            first >= 0
            and repeats >= _TEASER_REPEATS
            and pattern.count("P") == 1
            and ("D" in pattern or _same_label_each_time(kept, seq[first:], period))
            and first < best
        ):
            best = first
    live_before = sum(1 for i, shape in seq[:best] if kept.live(i) and shape == "P")
    if best == len(seq) or live_before < _STORY_BEFORE_TEASERS:
        return end
    for index, _ in seq[best:]:
        kept.cut(index, "teaser")
    return seq[best][0]


def _same_label_each_time(kept: Keeper, run: list[tuple[int, str]], period: int) -> bool:
    """A section label printed over every item ("Company Town", "Technology", ...)."""
    for offset in range(period):
        column = [kept.lines[i].text for i, shape in run[offset::period] if shape == "L"]
        if len(column) >= _TEASER_REPEATS and len(set(column)) == 1:
            return True
    return False


def _shape(kept: Keeper, index: int) -> str | None:
    """P a paragraph, L a label (headline, name), D a date stamp; None for other chrome."""
    line = kept.lines[index]
    if line.cut == "date-line":
        return "D"
    if line.cut in ("photo-credit", "byline", "repeated-line"):
        return "L"
    if not kept.live(index):
        return None
    return "P" if is_prose(line.text) else "L"


def mark_credited_captions(kept: Keeper) -> None:
    """The line just above an agency credit ("Jane Roe/Getty Images") is the photo's caption.

    Only a short line: a caption is a sentence or two, never a long paragraph.
    """
    lines = kept.lines
    for index in range(1, len(lines)):
        above = lines[index - 1]
        parts = _JOINED_CREDIT.split(lines[index].text)
        if (
            lines[index].cut == "agency-credit"
            and len(parts) > 1
            and metadata.is_name(parts[0])
            and kept.live(index - 1)
            and len(WORD.findall(above.text)) <= _CAPTION_WORDS
        ):
            kept.cut(index - 1, "photo-caption")


def mark_deck(kept: Keeper, headline: int, end: int) -> None:
    """The summary printed between the headline and the byline or date is the deck.

    It restates the story; the listener has just heard the headline and is about to hear
    the story itself. Only one or two short sentences, and only with a byline or a date
    stamp below them: without one the line may be the story's first paragraph.
    """
    deck: list[int] = []
    for index in range(headline + 1, min(end, headline + 1 + _DECK_REACH)):
        line = kept.lines[index]
        if line.cut in _BYLINE_CUTS:
            if deck and any(kept.live(i) for i in range(index + 1, end)):
                for k in deck:
                    kept.cut(k, "deck")
            return
        if kept.live(index):
            if len(deck) == _DECK_LINES or not _is_deck_line(line.text):
                return
            deck.append(index)


def _is_deck_line(text: str) -> bool:
    return is_prose(text) and len(WORD.findall(text)) <= _DECK_WORDS


def mark_list_after_heading(kept: Keeper, start: int, end: int) -> int:
    """A "Most Read" or "More in Tech" heading followed to the end by a list is a teaser list.

    The story's own lines after such a heading would include running paragraphs; a list
    of headlines, numbered or bulleted, is the site's. Returns the new end of the story.
    """
    for index in range(start, end):
        if kept.lines[index].cut != "related-heading":
            continue
        after = [i for i in range(index + 1, end) if kept.live(i)]
        before = sum(1 for i in range(start, index) if kept.live(i))
        listed = all(_list_like(kept.lines[i].text, kept.lines[i].list_item) for i in after)
        if listed and len(after) >= _TEASER_REPEATS and before >= _STORY_BEFORE_TEASERS:
            for i in after:
                kept.cut(i, "teaser")
            return index
    return end


def _list_like(text: str, list_item: bool) -> bool:
    return list_item or bool(_NUMBERED.match(text)) or not is_prose(text)
