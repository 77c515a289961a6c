"""One episode's own page: its player, chapters and the whole synchronised transcript.

The page sits at `episodes/NAME.html`, so every link carries the prefix "../". Without
JavaScript it reads and plays; the script marks the sentence being spoken, makes each sentence
a control that plays from it, and makes chapter links seek the player instead of opening the MP3.
"""

from __future__ import annotations

from collections.abc import Sequence

from feeds.model import Cue, EpisodeRecord, Mark, ShowInfo
from feeds.site_description import description_html
from feeds.site_parts import SYNTHETIC, date_html, e, href, page_html, seconds
from feeds.site_words import clock, duration_words, size_words, speaker_label

PREFIX = "../"
FILE_LABELS = {
    "text/vtt": "Captions (WebVTT)",
    "application/x-subrip": "Subtitles (SRT)",
    "application/srt": "Subtitles (SRT)",
    "application/json": "Transcript (JSON)",
    "text/plain": "Transcript (plain text)",
    "text/html": "Transcript (web page)",
}
PageLink = tuple[str, str]  # (path under output/, title)


def _chapters(episode: EpisodeRecord, anchor: str) -> str:
    if not episode.chapter_marks:
        return ""
    items = []
    for mark in episode.chapter_marks:
        # Without JavaScript the link opens the MP3 at that time (a media fragment).
        link = href(episode.audio, episode.version, PREFIX) + f"#t={seconds(mark.start)}"
        items.append(
            f'<li data-audio="{anchor}-audio" data-start="{seconds(mark.start)}" '
            f'data-end="{seconds(mark.end)}"><a href="{link}" data-audio="{anchor}-audio" '
            f'data-seek="{seconds(mark.start)}"><time datetime="PT{round(mark.start)}S">'
            f"{clock(mark.start)}</time> <span>{e(mark.title)}</span></a></li>"
        )
    return (
        f'<section><h2 id="{anchor}-chapters">Chapters</h2>'
        f'<p class="note">Choose a chapter to play from its start.</p>'
        f'<ol class="chapters">{"".join(items)}</ol></section>'
    )


Turn = tuple[str | None, str, list[list[Cue]]]


def turns(cues: Sequence[Cue], marks: Sequence[Mark]) -> list[Turn]:
    """Group cues into speaker turns of paragraphs: (new chapter's title, speaker, paragraphs).

    A change of paragraph within one speaker's cues starts a new paragraph, so a narrated
    article reads as the article was laid out, not as one wall of text.
    """
    result: list[Turn] = []
    chapter, previous = -1, None
    for cue in cues:
        # The chapter a cue belongs to is the last one starting at or before it.
        here = max((i for i, m in enumerate(marks) if m.start <= cue.start + 1e-6), default=-1)
        if here != chapter:
            chapter = here
            title = marks[here].title if len(marks) > 1 and here >= 0 else None
            result.append((title, cue.speaker, [[cue]]))
        elif not result or result[-1][1] != cue.speaker:
            result.append((None, cue.speaker, [[cue]]))
        elif previous is not None and cue.paragraph != previous.paragraph:
            result[-1][2].append([cue])
        else:
            result[-1][2][-1].append(cue)
        previous = cue
    return result


def _transcript(episode: EpisodeRecord, anchor: str) -> str:
    files = [
        f'<li><a href="{href(path, prefix=PREFIX)}">{e(FILE_LABELS.get(mime, mime))}</a></li>'
        for path, mime in episode.transcripts
    ]
    if episode.chapters:
        files.append(
            f'<li><a href="{href(episode.chapters, prefix=PREFIX)}">Chapters (JSON)</a></li>'
        )
    body = []
    for title, speaker, paragraphs in turns(episode.cues, episode.chapter_marks):
        if title:
            body.append(f"<h3>{e(title)}</h3>")
        label = f"<strong>{e(speaker_label(speaker))}:</strong> "
        for n, cues in enumerate(paragraphs):
            spans = " ".join(
                f'<span class="cue" data-audio="{anchor}-audio" data-start="{seconds(c.start)}" '
                f'data-end="{seconds(c.end)}">{e(c.text)}</span>'
                for c in cues
            )
            # The speaker is named where the turn starts, as in a play's script.
            body.append(f'<p class="turn">{label}{spans}</p>' if n == 0 else f"<p>{spans}</p>")
    if not body:
        body.append('<p class="note">No transcript for this episode.</p>')
    listing = f'<p>Transcript files:</p><ul class="files">{"".join(files)}</ul>' if files else ""
    # A screen reader switches voice for a transcript in another language than the page's.
    lang = f' lang="{e(episode.language)}"' if episode.language else ""
    # Said only once the script has made each sentence a control (site_assets.SCRIPT).
    how = '<p class="note transcript-how" hidden>Choose a sentence to play from there.</p>'
    return (
        f"<section>"
        f'<h2 id="{anchor}-transcript">Transcript</h2>{listing}{how if episode.cues else ""}'
        f'<div class="transcript"{lang}>{"".join(body)}</div></section>'
    )


def _article(show: ShowInfo, episode: EpisodeRecord, anchor: str) -> str:
    by = f"By {e(episode.author)}, " if episode.author else "Published "
    audio = href(episode.audio, episode.version, PREFIX)
    vtt = next((p for p, mime in episode.transcripts if mime == "text/vtt"), None)
    spoken_in = episode.language or show.language
    track = (
        f'<track kind="captions" src="{href(vtt, prefix=PREFIX)}" srclang="{e(spoken_in)}" '
        'label="Captions" default>'
        if vtt
        else ""
    )
    download = f"{duration_words(episode.duration)}, {size_words(episode.bytes)}"
    return (
        f'<article id="{anchor}" aria-labelledby="{anchor}-title">'
        f'<h1 id="{anchor}-title">{e(episode.title)}</h1>'
        f'<p class="byline">{by}{date_html(episode.published)}</p>'
        f"{description_html(episode.description)}"
        # Named after the episode, so a screen reader tabbing into the player says which one.
        f'<audio id="{anchor}-audio" controls preload="none" aria-labelledby="{anchor}-title">'
        f'<source src="{audio}" type="audio/mpeg">{track}'
        f'<p>Your browser cannot play audio here: <a href="{audio}">download the MP3</a>.</p>'
        f"</audio>"
        f'<p><a href="{audio}" download>Download the MP3<span class="visually-hidden"> of '
        f"{e(episode.title)}</span></a> ({download})</p>{_book_link(episode)}"
        f"{_chapters(episode, anchor)}{_transcript(episode, anchor)}</article>"
    )


def _book_link(episode: EpisodeRecord) -> str:
    if not episode.epub:
        return ""
    path, size = episode.epub
    return (
        f'<p><a href="{href(path, episode.version, PREFIX)}" type="application/epub+zip" '
        f"download>Read along (EPUB 3 with synchronised audio)"
        f'<span class="visually-hidden"> of {e(episode.title)}</span></a> '
        f"({size_words(size)})</p>"
    )


def _neighbours(newer: PageLink | None, older: PageLink | None, listing: str, anchor: str) -> str:
    items = []
    if newer:
        items.append(
            f'<li><a href="{href(newer[0], prefix=PREFIX)}" rel="prev">Newer episode: '
            f"{e(newer[1])}</a></li>"
        )
    # Back to the listing page that holds this episode, at its entry.
    items.append(f'<li><a href="{href(listing, prefix=PREFIX)}#{anchor}">All episodes</a></li>')
    if older:
        items.append(
            f'<li><a href="{href(older[0], prefix=PREFIX)}" rel="next">Older episode: '
            f"{e(older[1])}</a></li>"
        )
    return (
        '<nav aria-labelledby="more-title"><div class="wrap">'
        f'<h2 id="more-title">More episodes</h2><ul class="more">{"".join(items)}</ul>'
        "</div></nav>"
    )


def render_episode_page(
    show: ShowInfo,
    episode: EpisodeRecord,
    anchor: str,
    listing: str,
    newer: PageLink | None = None,
    older: PageLink | None = None,
) -> str:
    """The page of one episode; `listing` is the index page that lists it (at `#anchor`)."""
    cover = (
        f'<img src="{href(show.image, prefix=PREFIX)}" alt="" width="48" height="48">'
        if show.image
        else ""
    )
    header = (
        f'<p class="show-link"><a href="{PREFIX}index.html">{cover}'
        f"<span>{e(show.title)}</span></a></p>"
        f"<p><strong>{SYNTHETIC}</strong></p>"
    )
    body = (
        f'<main id="main" tabindex="-1"><div class="wrap">{_article(show, episode, anchor)}'
        f"</div></main>{_neighbours(newer, older, listing, anchor)}"
    )
    return page_html(show, f"{episode.title} – {show.title}", PREFIX, header, body)
