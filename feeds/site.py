"""The show's web page: one static, accessible HTML file that reads and plays without JavaScript.

`render_site` is a pure function from the show and its episodes to HTML; `write_site` puts it in
place atomically. The page's style sheet and script are in `site_assets`, its wording of
lengths, sizes and speakers in `site_words`, the description sanitiser in `site_description`.
Every path is relative (`episodes/slug.mp3`), so the page works from the server and opened as a
file alike, and nothing is loaded from elsewhere: no fonts, no CDN.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from html import escape
from pathlib import Path
from urllib.parse import quote

from feeds.files import write_atomic
from feeds.model import Cue, EpisodeRecord, Mark, ShowInfo
from feeds.site_assets import SCRIPT, STYLE
from feeds.site_description import description_html
from feeds.site_words import clock, duration_words, size_words, speaker_label

SYNTHETIC = (
    "The voices you hear are synthetic: text-to-speech software reads the articles, not people."
)
FILE_LABELS = {
    "text/vtt": "Captions (WebVTT)",
    "application/x-subrip": "Subtitles (SRT)",
    "application/srt": "Subtitles (SRT)",
    "application/json": "Transcript (JSON)",
    "text/plain": "Transcript (plain text)",
    "text/html": "Transcript (web page)",
}


def _e(text: str) -> str:
    return escape(text, quote=True)


def _href(path: str, version: str = "") -> str:
    url = quote(path)
    return _e(f"{url}?v={version}" if version else url)


def _seconds(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _anchor(slug: str, n: int, taken: set[str]) -> str:
    # An id must be unique and plain; slugs are, but the page must not break if one is not.
    base = "ep-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", slug).strip("-") or str(n))
    anchor, k = base, 2
    while anchor in taken:
        anchor, k = f"{base}-{k}", k + 1
    taken.add(anchor)
    return anchor


def _chapters(episode: EpisodeRecord, anchor: str) -> str:
    if not episode.chapter_marks:
        return ""
    items = []
    for mark in episode.chapter_marks:
        # Without JavaScript the link opens the MP3 at that time (a media fragment).
        href = _href(episode.audio, episode.version) + f"#t={_seconds(mark.start)}"
        items.append(
            f'<li data-audio="{anchor}-audio" data-start="{_seconds(mark.start)}" '
            f'data-end="{_seconds(mark.end)}"><a href="{href}" data-audio="{anchor}-audio" '
            f'data-seek="{_seconds(mark.start)}"><time datetime="PT{round(mark.start)}S">'
            f"{clock(mark.start)}</time> <span>{_e(mark.title)}</span></a></li>"
        )
    return (
        f'<section><h3 id="{anchor}-chapters">Chapters</h3>'
        f'<p class="note">Choose a chapter to play from its start.</p>'
        f'<ol class="chapters">{"".join(items)}</ol></section>'
    )


Turn = tuple[str | None, str, list[list[Cue]]]


def _turns(cues: Sequence[Cue], marks: Sequence[Mark]) -> list[Turn]:
    """Group cues into speaker turns of paragraphs: (new chapter's title, speaker, paragraphs).

    A change of paragraph within one speaker's cues starts a new paragraph, so a narrated
    article reads as the article was laid out, not as one wall of text.
    """
    turns: list[Turn] = []
    chapter, previous = -1, None
    for cue in cues:
        # The chapter a cue belongs to is the last one starting at or before it.
        here = max((i for i, m in enumerate(marks) if m.start <= cue.start + 1e-6), default=-1)
        if here != chapter:
            chapter = here
            title = marks[here].title if len(marks) > 1 and here >= 0 else None
            turns.append((title, cue.speaker, [[cue]]))
        elif not turns or turns[-1][1] != cue.speaker:
            turns.append((None, cue.speaker, [[cue]]))
        elif previous is not None and cue.paragraph != previous.paragraph:
            turns[-1][2].append([cue])
        else:
            turns[-1][2][-1].append(cue)
        previous = cue
    return turns


def _transcript(episode: EpisodeRecord, anchor: str) -> str:
    files = [
        f'<li><a href="{_href(path)}">{_e(FILE_LABELS.get(mime, mime))}</a></li>'
        for path, mime in episode.transcripts
    ]
    if episode.chapters:
        files.append(f'<li><a href="{_href(episode.chapters)}">Chapters (JSON)</a></li>')
    body = []
    for title, speaker, paragraphs in _turns(episode.cues, episode.chapter_marks):
        if title:
            body.append(f"<h4>{_e(title)}</h4>")
        label = f"<strong>{_e(speaker_label(speaker))}:</strong> "
        for n, cues in enumerate(paragraphs):
            spans = " ".join(
                f'<span class="cue" data-audio="{anchor}-audio" data-start="{_seconds(c.start)}" '
                f'data-end="{_seconds(c.end)}">{_e(c.text)}</span>'
                for c in cues
            )
            # The speaker is named where the turn starts, as in a play's script.
            body.append(f'<p class="turn">{label}{spans}</p>' if n == 0 else f"<p>{spans}</p>")
    if not body:
        body.append('<p class="note">No transcript for this episode.</p>')
    listing = f'<p>Transcript files:</p><ul class="files">{"".join(files)}</ul>' if files else ""
    return (
        f"<section>"
        f'<h3 id="{anchor}-transcript">Transcript</h3>{listing}'
        f'<div class="transcript">{"".join(body)}</div></section>'
    )


def _date(when: datetime) -> str:
    return f'<time datetime="{_e(when.isoformat())}">{when.day} {when:%B} {when.year}</time>'


def _episode(show: ShowInfo, episode: EpisodeRecord, anchor: str) -> str:
    by = f"By {_e(episode.author)}, " if episode.author else "Published "
    audio = _href(episode.audio, episode.version)
    vtt = next((p for p, mime in episode.transcripts if mime == "text/vtt"), None)
    track = (
        f'<track kind="captions" src="{_href(vtt)}" srclang="{_e(show.language)}" '
        'label="Captions" default>'
        if vtt
        else ""
    )
    download = f"{duration_words(episode.duration)}, {size_words(episode.bytes)}"
    return (
        f'<article id="{anchor}" aria-labelledby="{anchor}-title">'
        f'<h2 id="{anchor}-title">{_e(episode.title)}</h2>'
        f'<p class="byline">{by}{_date(episode.published)}</p>'
        f"{description_html(episode.description)}"
        # Named after the episode, so a screen reader tabbing into a player says which one.
        f'<audio id="{anchor}-audio" controls preload="none" aria-labelledby="{anchor}-title">'
        f'<source src="{audio}" type="audio/mpeg">{track}'
        f'<p>Your browser cannot play audio here: <a href="{audio}">download the MP3</a>.</p>'
        f"</audio>"
        # Hidden words tell one download from another in a screen reader's list of links.
        f'<p><a href="{audio}" download>Download the MP3<span class="visually-hidden"> of '
        f"{_e(episode.title)}</span></a> ({download})</p>"
        f"{_chapters(episode, anchor)}{_transcript(episode, anchor)}</article>"
    )


def render_site(show: ShowInfo, episodes: Sequence[EpisodeRecord]) -> str:
    """Return the show's accessible web page listing `episodes` newest first."""
    ordered = sorted(episodes, key=lambda e: (e.published, e.guid), reverse=True)
    taken: set[str] = set()
    anchors = [_anchor(e.slug, n, taken) for n, e in enumerate(ordered, start=1)]
    title = _e(show.title)
    cover = (
        f'<img src="{_href(show.image)}" alt="Cover art: {title}" width="120" height="120">'
        if show.image
        else ""
    )
    nav = "".join(
        f'<li><a href="#{a}">{_e(e.title)}</a> '
        f'<span class="note">({_date(e.published)})</span></li>'
        for a, e in zip(anchors, ordered, strict=True)
    )
    nav_list = f"<ol>{nav}</ol>" if nav else '<p class="note">No episodes yet.</p>'
    articles = "".join(_episode(show, e, a) for a, e in zip(anchors, ordered, strict=True))
    # The page is the home page unless the show names another one.
    home = f' <a href="{_e(show.link)}">Home page</a> ·' if show.link else ""
    return f"""<!DOCTYPE html>
<html lang="{_e(show.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
<meta name="description" content="{_e(show.description)}">
<link rel="icon" href="{_href(show.image) if show.image else "data:,"}">
<link rel="alternate" type="application/rss+xml" title="{title}" href="feed.xml">
<style>{STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header><div class="wrap">
<div class="show">{cover}<div><h1>{title}</h1><p class="note">{_e(show.author)}</p></div></div>
<p>{_e(show.description)}</p>
<p><strong>{SYNTHETIC}</strong></p>
<p><a href="feed.xml">Subscribe with a podcast app</a>: add this feed address to your app.</p>
<div><label for="feed-url">Feed address</label>
<div class="copy"><input id="feed-url" type="text" readonly value="{_e(show.feed_url)}"
 spellcheck="false" autocomplete="off"></div></div>
</div></header>
<nav aria-labelledby="episodes-title"><div class="wrap">
<h2 id="episodes-title">Episodes</h2>{nav_list}
</div></nav>
<main id="main" tabindex="-1"><div class="wrap">
{articles}
</div></main>
<footer><div class="wrap">
<p>{SYNTHETIC}</p>
<p>{title} is made with talkingpaper.{home}
<a href="feed.xml">Podcast feed (RSS)</a></p>
</div></footer>
<script>{SCRIPT}</script>
</body>
</html>
"""


def write_site(path: Path, html: str) -> None:
    """Write the page to a temporary name and rename it into place: never half a page."""
    write_atomic(path, html.encode("utf-8"))
