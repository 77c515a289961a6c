"""Cleaning: keep every sentence of the story, drop the page chrome, find the metadata.

The steps, in order (each removed line, or the removed end of a line, is recorded as
`Cut(rule, text)`):
1. line rules (`clean_rules.LINE_RULES`): chrome recognisable from one line alone, and a
   "read more" prompt ending a line (`clean_parts`);
2. context rules (`clean_context` and below): host profile cards, comment headers told from
   "Jane Doe wrote:" attributions, captions above an agency credit or printed twice around
   credits, a page title repeating the headline, repeated lines and pull quotes;
3. the story region (`clean_region`): the densest run of prose; menus, comments below a
   story and teaser lists around it go;
4. the headline (the last title-like line before the story), everything before it, and the
   deck between it and the byline;
5. the end of the story: teaser lists (headline and blurb, dated or under one label, or a
   list under a "Most Read" heading), a closing "(More ... stories.)" link, a copyright
   footer, and the author's bio box and what follows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from tts.errors import InputError
from tts.text import metadata
from tts.text.clean.context import (
    check_comment_authors,
    cut_trailing_link,
    mark_credited_captions,
    mark_dated_teasers,
    mark_deck,
    mark_host_profiles,
    mark_list_after_heading,
    mark_lone_credits,
    mark_teasers,
)
from tts.text.clean.headline import (
    find_headline,
    mark_byline_names,
    mark_page_titles,
    mark_split_bylines,
    word_key,
)
from tts.text.clean.lines import Keeper, Line
from tts.text.clean.parts import read_more_tail
from tts.text.clean.region import WORD, is_prose, line_scores, story_span
from tts.text.clean.rules import LINE_RULES, NAVIGATION_LINES, navigation_key
from tts.text.clean.site_lines import site_line_rule, trailing_cuts
from tts.text.model import Article, Cut

CAPTION_MODES = ("announce", "once", "drop")

# "* Home", "+ World", "o Sports", "• Share": list items as HTML-to-text converters print them.
_BULLET = re.compile(r"^(?:[*+•▪◦·‣-]|o(?=\s))\s+")
# " date 2019-12-19 Neighbors in ...": metadata a crawler glued to the first line.
_CRAWL_PREFIX = re.compile(r"^\s*(?:date|published|url|title)\s+(\d{4}-\d\d-\d\d)\s+")
# How far apart (in lines) the two copies of a photo caption can be.
_CAPTION_WINDOW = 5
# Lines of at least this many words that repeat inside a longer paragraph are pull quotes.
_PULL_QUOTE_WORDS = 6
# Rules whose lines end one region of the page and begin another.
_WALLS = frozenset({"copyright", "comments", "comment-author"})
# A region that starts below a commenter's name line is a reader's comment, not the story.
_COMMENT_WALLS = frozenset({"comment-author"})
# A region worth this much (about three sentences) is a story, so comments below it are not.
_STORY_BEFORE_COMMENTS = 40.0
# What a line cut by a rule still costs the region around it, and the cuts that cost nothing.
_CUT_LINE_COST = 1.0
_CUT_LINES_COUNTED = 4
_BLANK_CUTS = frozenset({"no-words", "empty-list-item"})


def clean_article(
    article: Article, keep: Iterable[str] = (), captions: str = "announce"
) -> Article:
    """Return a new Article holding only the story's paragraphs, with its metadata filled.

    keep: lines or parts of lines to keep even when a rule would remove them.
    captions: "announce" or "once" keep the photo caption in `image_caption`; "drop" does not.
    """
    if captions not in CAPTION_MODES:
        raise ValueError(f"captions must be one of {', '.join(CAPTION_MODES)}, not {captions!r}")
    keep_texts = tuple(k.strip().casefold() for k in keep if k.strip())
    dropped = list(article.dropped)
    found: dict[str, str | None] = {"published": None, "author": None, "outlet": None}

    lines = _prepare(article.paragraphs, dropped, found)
    kept = Keeper(lines, keep_texts)
    _apply_line_rules(kept, found)
    mark_split_bylines(kept, found)
    mark_host_profiles(kept)
    check_comment_authors(kept)
    mark_credited_captions(kept)
    caption = _mark_captions(kept)
    title = mark_page_titles(kept, article.title, found)
    _mark_repeats(kept)

    # A page's whole text needs its story found; trafilatura has already done that for HTML.
    start, end = (0, len(lines)) if _already_extracted(article) else _story_region(kept)
    headline_at = find_headline(kept, start, article.title or title)
    if headline_at is not None and headline_at <= start:
        title = title or kept.lines[headline_at].text
        kept.recut(headline_at, "headline")
        for index in range(headline_at):
            kept.cut(index, "before-headline")
        mark_byline_names(kept, headline_at + 1, start, found)
        mark_deck(kept, headline_at, end)
        start = max(start, headline_at + 1)
    for index in range(start):
        kept.cut(index, "outside-story")
    _mark_story_edges(kept, start, end, found)

    for line in lines:
        if line.cut:
            dropped.append(Cut(line.cut, line.text))
        dropped.extend(line.parts)
    paragraphs = [line.text for line in lines if not line.cut]
    if not paragraphs:
        raise InputError(
            f"{article.source}: no story text found, only page furniture (menus, buttons, "
            "credits); check that this is the article's page, or paste the story as text"
        )
    return replace(
        article,
        title=article.title or title,
        author=article.author or found["author"],
        published=article.published or found["published"] or _date_from_url(article.url),
        outlet=article.outlet or found["outlet"],
        image_caption=None if captions == "drop" else (article.image_caption or caption),
        paragraphs=paragraphs,
        dropped=dropped,
    )


def _mark_story_edges(kept: Keeper, start: int, end: int, found: dict[str, str | None]) -> None:
    """Inside the story, pull quotes and credits; at its end, teasers, link prompts, bios and
    everything after."""
    lines = kept.lines
    _mark_pull_quotes(kept, start, end)
    mark_lone_credits(kept, start, end)
    end = mark_list_after_heading(kept, start, end)
    end = mark_dated_teasers(kept, start, end)
    end = mark_teasers(kept, start, end)
    cut_trailing_link(kept, start, end)
    after_footer = any(line.cut in _WALLS for line in lines[end : end + 2])
    for index in range(end, len(lines)):
        # Just after the footer sits the author's bio, often cut off mid-sentence.
        if after_footer and index < end + 4 and _note_bio(lines[index].text, found):
            kept.cut(index, "author-bio")
        kept.cut(index, "after-story")
    _mark_closing_bio(kept, start, end, found)
    _end_at_author_bio(kept, start, end, found["author"])


def _prepare(raw: list[str], dropped: list[Cut], found: dict[str, str | None]) -> list[Line]:
    """Lines with white space collapsed and list bullets taken off; blank lines go."""
    lines: list[Line] = []
    for text in raw:
        text = text.replace("\u00a0", " ")
        if not lines:
            prefix = _CRAWL_PREFIX.match(text)
            if prefix:
                # The crawl date is real metadata even though it must not be spoken.
                found["published"] = prefix.group(1)
                dropped.append(Cut("crawl-prefix", prefix.group(0).strip()))
                text = text[prefix.end() :]
        bullet = _BULLET.match(text.strip())
        stripped = " ".join(text.split())
        if bullet:
            stripped = " ".join(text.strip()[bullet.end() :].split())
        if stripped:
            lines.append(Line(stripped, list_item=bool(bullet)))
        elif bullet:
            lines.append(Line(text.strip(), list_item=True, cut="empty-list-item"))
    return lines


def _apply_line_rules(kept: Keeper, found: dict[str, str | None]) -> None:
    for index, line in enumerate(kept.lines):
        text = line.text
        words = len(WORD.findall(text))
        if words == 0:
            kept.cut(index, "no-words")
            continue
        author = metadata.byline_author(text)
        if author is None:
            author = metadata.sign_off_author(text) or metadata.stamp_author(text)
            if author and not found["published"]:
                found["published"] = metadata.find_date(text)
        if author is not None:
            found["author"] = found["author"] or author or None
            kept.cut(index, "byline")
            continue
        rule = next((rule for rule in LINE_RULES if rule.matches(text, words)), None)
        if rule is not None:
            if rule.name == "date-line" and not found["published"]:
                found["published"] = metadata.find_date(text)
            kept.cut(index, rule.name)
        elif navigation_key(text) in NAVIGATION_LINES:
            kept.cut(index, "navigation")
        elif (at := read_more_tail(text)) is not None:
            kept.cut_tail(index, at, "read-more")
        elif (site := site_line_rule(text)) is not None:
            kept.cut(index, site)  # "SOURCE: News agencies", "Read more: Headline"
        else:
            for at, tail_rule in trailing_cuts(text):  # "... Follow her on Twitter @jd."
                kept.cut_tail(index, at, tail_rule)


def _mark_captions(kept: Keeper) -> str | None:
    """A caption printed above and below its credit lines: keep one copy, as the caption."""
    caption = None
    lines = kept.lines
    for i, line in enumerate(lines):
        if not kept.live(i) or len(WORD.findall(line.text)) < 4:
            continue
        for j in range(i + 1, min(i + _CAPTION_WINDOW + 1, len(lines))):
            if lines[j].text != line.text:
                continue
            between = range(i + 1, j)
            if all(not kept.live(k) or _is_credit_like(lines[k].text) for k in between):
                caption = caption or line.text
                kept.cut(i, "photo-caption")
                kept.cut(j, "photo-caption-repeat")
                for k in between:
                    kept.cut(k, "photo-credit")
            break
    return caption


def _is_credit_like(text: str) -> bool:
    """A short line that is not a sentence: a photographer's name, an agency."""
    return len(WORD.findall(text)) <= 6 and not is_prose(text)


def _mark_repeats(kept: Keeper) -> None:
    """A line printed twice (a headline in a menu and above the story) is said once."""
    seen: set[str] = set()
    keys = [word_key(line.text) for line in kept.lines]
    for index, key in enumerate(keys):
        if not kept.live(index):
            continue
        if key in seen and len(key.split()) >= 3:
            kept.cut(index, "repeated-line")
            continue
        seen.add(key)


def _mark_pull_quotes(kept: Keeper, start: int, end: int) -> None:
    """A line of the story that repeats inside a longer paragraph is a pull quote."""
    keys = {i: word_key(kept.lines[i].text) for i in range(start, end) if kept.live(i)}
    live_keys = [(i, f" {key} ") for i, key in keys.items()]
    for index, padded in live_keys:
        if len(padded.split()) < _PULL_QUOTE_WORDS:
            continue
        longer = (other for j, other in live_keys if j != index and len(other) > len(padded))
        if any(padded in other for other in longer):
            kept.cut(index, "pull-quote")


def _story_region(kept: Keeper) -> tuple[int, int]:
    """[start, end) line indexes of the story: the best-scoring run of the remaining lines.

    A copyright footer is a wall the run cannot cross: the story ends above it, and the
    teasers and bios below it (or a whole site's menus above it) are a different region.
    """
    best, span = 0.0, (len(kept.lines), len(kept.lines))
    regions = _between_footers(kept)
    # Below a commenter's name line is a reader's comment: the story only when nothing else is.
    stories = [r for r in regions if r[0] == 0 or kept.lines[r[0] - 1].cut not in _COMMENT_WALLS]
    for first, last in stories or regions:
        # Below a "Comments" heading that follows a story, readers talk: never the story.
        if best >= _STORY_BEFORE_COMMENTS and kept.lines[first - 1].cut == "comments":
            break
        live = [i for i in range(first, last) if kept.live(i)]
        scores = line_scores([(kept.lines[i].text, kept.lines[i].list_item) for i in live])
        # Chrome a rule took out still stood between the lines around it: a sign-up box or
        # a menu between two blocks of prose keeps them apart.
        for k in range(1, len(live)):
            between = range(live[k - 1] + 1, live[k])
            chrome = sum(kept.lines[j].cut not in _BLANK_CUTS for j in between)
            scores[k] -= _CUT_LINE_COST * min(chrome, _CUT_LINES_COUNTED)
        lo, hi = story_span(scores)
        total = sum(scores[lo:hi])
        if hi > lo and total > best:
            best, span = total, (live[lo], live[hi - 1] + 1)
    return span


def _between_footers(kept: Keeper) -> list[tuple[int, int]]:
    walls = [i for i, line in enumerate(kept.lines) if line.cut in _WALLS]
    edges = [-1, *walls, len(kept.lines)]
    return [(a + 1, b) for a, b in zip(edges, edges[1:], strict=False) if b > a + 1]


def _mark_closing_bio(kept: Keeper, start: int, end: int, found: dict[str, str | None]) -> None:
    """Bios and sign-offs in the last lines of the story are the author's, not the story's."""
    live = [i for i in range(start, end) if kept.live(i)]
    for index in reversed(live[-2:]):
        name = metadata.bio_author(kept.lines[index].text, strict=True)
        if not name:
            break
        found["author"] = found["author"] or name
        kept.cut(index, "author-bio")


def _end_at_author_bio(kept: Keeper, start: int, end: int, author: str | None) -> None:
    """The byline's author described in the second half of the story ends it.

    "Ann Lee is a reporter for the Valley News ..." is the author's bio box; what follows it
    on the page (teasers, more from the site) is not the story either.
    """
    live = [i for i in range(start, end) if kept.live(i)]
    if not author or " and " in author:
        return
    for position, index in enumerate(live):
        text = kept.lines[index].text
        if position * 2 >= len(live) and metadata.bio_author(text, strict=True) == author:
            for later in live[position:]:
                kept.cut(later, "author-bio" if later == index else "after-story")
            return


def _note_bio(text: str, found: dict[str, str | None]) -> bool:
    """Record the author of a bio found below the footer; True when text is one."""
    name = metadata.bio_author(text, strict=False)
    if name:
        found["author"] = found["author"] or name
    return bool(name)


def _already_extracted(article: Article) -> bool:
    """Text that trafilatura took from HTML (a page, a URL, or a file saved from one)."""
    source = article.source.lower()
    return (
        bool(article.url)
        or source.startswith(("http://", "https://"))
        or source.endswith((".html", ".htm", ".xhtml"))
    )


def _date_from_url(url: str | None) -> str | None:
    """Many news URLs carry the date: /2019/11/19/ or /2010-06-21/."""
    if not url:
        return None
    match = re.search(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|-|$)", url)
    return metadata.find_date("-".join(match.groups())) if match else None
