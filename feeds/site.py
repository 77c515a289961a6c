"""The show's web page: one static, accessible HTML file that reads and plays without JavaScript.

`render_site` is a pure function from the show and its episodes to HTML; `write_site` puts it in
place atomically. Every path is relative (`episodes/slug.mp3`), so the page works from the
server and opened as a file alike, and nothing is loaded from elsewhere: no fonts, no CDN.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

from feeds.feed import write_feed
from feeds.model import Cue, EpisodeRecord, Mark, ShowInfo

NARRATOR = "narrator"  # the app's name for the narrating voice (feeds never imports tts)
SYNTHETIC = (
    "The voices you hear are synthetic: text-to-speech software reads the articles, not people."
)
DETERMINERS = frozenset({"a", "an", "the", "one", "another", "some", "several", "two", "three"})
FILE_LABELS = {
    "text/vtt": "Captions (WebVTT)",
    "application/x-subrip": "Subtitles (SRT)",
    "application/srt": "Subtitles (SRT)",
    "application/json": "Transcript (JSON)",
    "text/plain": "Transcript (plain text)",
    "text/html": "Transcript (web page)",
}

# Colours are chosen for WCAG AA (body text is above 7:1 in both schemes); the focus ring is
# thick and offset so it shows on links, buttons and the audio player alike.
STYLE = """
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#454545;--link:#0a58a3;
--panel:#f2f4f7;--line:#6b6b6b;--mark:#ffe27a;--focus:#b32d00}
@media (prefers-color-scheme:dark){:root{--bg:#121417;--fg:#eceff3;--muted:#c4cad2;
--link:#9ccaff;--panel:#1d232b;--line:#8d96a3;--mark:#5a4500;--focus:#ffb86b}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);
font:1.125rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
a{color:var(--link);text-underline-offset:.15em}
:focus-visible{outline:3px solid var(--focus);outline-offset:3px}
main:focus{outline:none}
.skip{position:absolute;left:.5rem;top:-20rem;z-index:10;padding:.5rem 1rem;
background:var(--fg);color:var(--bg)}
.skip:focus{top:.5rem}
header{padding:1.5rem 0 1rem;border-bottom:2px solid var(--line)}
.show{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
.show img{width:7.5rem;height:7.5rem;border-radius:.25rem}
h1{font-size:2rem;line-height:1.2;margin:0}
h2{font-size:1.5rem;line-height:1.25;margin:2rem 0 .25rem}
h3{font-size:1.2rem;margin:1.5rem 0 .5rem}
h4{font-size:1.05rem;margin:1.25rem 0 .25rem}
.note{color:var(--muted)}
label{display:block;font-weight:600;margin-top:.5rem}
.copy{display:flex;gap:.5rem;flex-wrap:wrap}
.copy input{flex:1 1 16rem;min-width:0;font:inherit;font-size:1rem;padding:.4rem .5rem;
border:2px solid var(--line);border-radius:.25rem;background:var(--bg);color:var(--fg)}
button{font:inherit;font-size:1rem;padding:.4rem .9rem;border:2px solid var(--fg);
border-radius:.25rem;background:var(--panel);color:var(--fg);cursor:pointer}
nav{padding:.5rem 0 1rem;border-bottom:2px solid var(--line)}
nav ol{margin:.25rem 0;padding-left:1.5rem}
nav li{margin:.25rem 0}
article{padding:.5rem 0 2rem;border-bottom:2px solid var(--line)}
.byline{color:var(--muted);margin:.25rem 0 1rem}
audio{display:block;width:100%;margin:1rem 0 .5rem}
.chapters{list-style:none;padding:0;margin:0}
.chapters li{margin:.25rem 0}
.chapters a{display:inline-flex;gap:.75rem;min-height:2rem;align-items:baseline}
.chapters time{font-variant-numeric:tabular-nums;min-width:3.5rem}
.chapters .current a{font-weight:700}
.files{padding-left:1.5rem}
.transcript p{margin:.5rem 0}
.transcript .turn{margin-top:1.1rem}
.cue.current{background:var(--mark);border-radius:.15rem;box-shadow:0 0 0 .15rem var(--mark)}
footer{padding:1.5rem 0 3rem;color:var(--muted)}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);
white-space:nowrap}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}
.cue{transition:background-color .2s}}
"""

# Enhancements only; the page reads and plays without it. Chapter links seek this page's player
# instead of opening the MP3, the transcript marks the cue being spoken, one player at a time.
SCRIPT = """
(function () {
  "use strict";
  var players = Array.prototype.slice.call(document.querySelectorAll("audio"));
  players.forEach(function (audio) {
    audio.addEventListener("play", function () {
      players.forEach(function (other) { if (other !== audio) other.pause(); });
    });
    var cues = document.querySelectorAll('.cue[data-audio="' + audio.id + '"]');
    var marks = document.querySelectorAll('.chapters li[data-audio="' + audio.id + '"]');
    function mark(items, t) {
      for (var i = 0; i < items.length; i++) {
        var on = t >= +items[i].dataset.start && t < +items[i].dataset.end;
        items[i].classList.toggle("current", on);
      }
    }
    audio.addEventListener("timeupdate", function () {
      mark(cues, audio.currentTime);
      mark(marks, audio.currentTime);
    });
  });
  document.querySelectorAll("a[data-seek]").forEach(function (link) {
    var audio = document.getElementById(link.dataset.audio);
    if (!audio) return;
    // It now acts in place rather than navigating, so say so to screen readers.
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      audio.currentTime = +link.dataset.seek;
      var playing = audio.play();
      if (playing && playing.catch) playing.catch(function () {});
    });
    link.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); link.click(); }
    });
  });
  var field = document.getElementById("feed-url");
  if (field) {
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.textContent = "Copy feed address";
    status.setAttribute("role", "status");
    status.className = "note";
    field.parentNode.appendChild(button);
    field.parentNode.parentNode.appendChild(status);
    button.addEventListener("click", function () {
      field.select();
      var done = function () { status.textContent = "Feed address copied."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          document.execCommand("copy"); done();
        });
      } else { document.execCommand("copy"); done(); }
    });
  }
})();
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _href(path: str, version: str = "") -> str:
    url = quote(path)
    return _e(f"{url}?v={version}" if version else url)


def _seconds(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def duration_words(seconds: float) -> str:
    """A length as people say it: "45 seconds", "7 minutes", "1 hour 5 minutes"."""
    if seconds < 59.5:
        return _plural(round(seconds), "second")
    hours, minutes = divmod(round(seconds / 60), 60)
    if not hours:
        return _plural(minutes, "minute")
    return _plural(hours, "hour") + (f" {_plural(minutes, 'minute')}" if minutes else "")


def size_words(size: int) -> str:
    """A file size in decimal units, as download links usually give it: "3.2 MB"."""
    if size < 100_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB"


def clock(seconds: float) -> str:
    """A chapter time as players show it: 4:05 or 1:02:03."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def speaker_label(speaker: str) -> str:
    """The name shown before a turn; a description ("an official") starts with a capital."""
    if speaker == NARRATOR:
        return "Narrator"
    # Only descriptions are capitalised: a name is shown as written ("bell hooks").
    first, _, rest = speaker.partition(" ")
    return f"{first.capitalize()} {rest}" if first in DETERMINERS and rest else speaker


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
    write_feed(path, html.encode("utf-8"))  # the feed's atomic writer serves any file
