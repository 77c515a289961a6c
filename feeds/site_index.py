"""The show's listing pages: `index.html`, then `page-2.html`, `page-3.html`... newest first.

Each lists at most `per_page` episodes with a short description and links to the episode's
own page and MP3 (the transcripts live on the episode pages), so a page's size stays the same
however many episodes the show has. The subscribe section heads every listing page.
"""

from __future__ import annotations

from collections.abc import Sequence

from feeds.model import EpisodeRecord, ShowInfo
from feeds.site_description import description_text
from feeds.site_parts import SYNTHETIC, date_html, e, href, page_html
from feeds.site_subscribe import subscribe_section
from feeds.site_words import duration_words, size_words

PER_PAGE = 20
Entry = tuple[EpisodeRecord, str, str]  # (episode, anchor, path of its page under output/)


def index_name(page: int) -> str:
    """The file of listing page `page` (counted from 1)."""
    return "index.html" if page == 1 else f"page-{page}.html"


def _entry(episode: EpisodeRecord, anchor: str, page: str) -> str:
    by = f"By {e(episode.author)}, " if episode.author else "Published "
    audio = href(episode.audio, episode.version)
    title = e(episode.title)
    summary = description_text(episode.description)
    size = f"{duration_words(episode.duration)}, {size_words(episode.bytes)}"
    return (
        f'<article id="{anchor}" aria-labelledby="{anchor}-title">'
        f'<h2 id="{anchor}-title"><a href="{href(page)}">{title}</a></h2>'
        f'<p class="byline">{by}{date_html(episode.published)} · '
        f"{duration_words(episode.duration)}</p>"
        f"{f'<p>{e(summary)}</p>' if summary else ''}"
        # Hidden words tell one episode's links from another's in a screen reader's list.
        f'<p class="actions"><a href="{href(page)}">Listen with the transcript'
        f'<span class="visually-hidden">: {title}</span></a> · '
        f'<a href="{audio}" download>Download the MP3<span class="visually-hidden"> of '
        f"{title}</span></a> ({size})</p></article>"
    )


def _shown_pages(page: int, pages: int) -> list[int | None]:
    """Page numbers worth a link (first, last, two either side of this one); None marks a gap.
    A fixed handful, so the pager does not grow with the show."""
    wanted = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    shown: list[int | None] = []
    for n in wanted:
        if shown and n - (shown[-1] or 0) > 1:
            shown.append(None)
        shown.append(n)
    return shown


def _pager(page: int, pages: int) -> str:
    if pages < 2:
        return ""
    items = []
    if page > 1:
        items.append(f'<li><a href="{index_name(page - 1)}" rel="prev">Newer episodes</a></li>')
    for n in _shown_pages(page, pages):
        if n is None:
            items.append('<li aria-hidden="true">…</li>')
            continue
        current = ' aria-current="page"' if n == page else ""
        items.append(
            f'<li><a href="{index_name(n)}"{current}><span class="visually-hidden">Page </span>'
            f"{n}</a></li>"
        )
    if page < pages:
        items.append(f'<li><a href="{index_name(page + 1)}" rel="next">Older episodes</a></li>')
    return f'<nav class="pager" aria-label="Pages of episodes"><ul>{"".join(items)}</ul></nav>'


def render_index_page(
    show: ShowInfo, entries: Sequence[Entry], page: int, pages: int, first: int, total: int
) -> str:
    """Listing page `page` of `pages`: `entries` are episodes `first`... of `total`."""
    title = e(show.title)
    cover = (
        f'<img src="{href(show.image)}" alt="Cover art: {title}" width="120" height="120">'
        if show.image
        else ""
    )
    header = (
        f'<div class="show">{cover}<div><h1>{title}</h1>'
        f'<p class="note">{e(show.author)}</p></div></div>'
        f"<p>{e(show.description)}</p><p><strong>{SYNTHETIC}</strong></p>"
        f"{subscribe_section(show)}"
    )
    if entries:
        last = first + len(entries) - 1
        span = f"Episodes {first} to {last}" if last > first else f"Episode {first}"
        lead = f'<p class="note">{span} of {total}, newest first.</p>'
    else:
        lead = '<p class="note">No episodes yet.</p>'
    listing = "".join(_entry(*entry) for entry in entries)
    body = (
        f'<main id="main" tabindex="-1"><div class="wrap">{lead}{listing}'
        f"{_pager(page, pages)}</div></main>"
    )
    name = show.title if page == 1 else f"{show.title} – page {page} of {pages}"
    return page_html(show, name, "", header, body)
