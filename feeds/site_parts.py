"""What every page of the show's site shares: escaping, relative links, dates and the page's
frame (head, skip link, footer, style sheet and script).

Pages live at two depths (`index.html`, `episodes/slug.html`); every link is written relative
to the output folder and given the page's `prefix` ("" or "../"), so the site works from the
server and opened as files alike.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from urllib.parse import quote

from feeds.model import ShowInfo
from feeds.site_assets import SCRIPT, STYLE

SYNTHETIC = (
    "The voices you hear are synthetic: text-to-speech software reads the articles, not people."
)


def e(text: str) -> str:
    return escape(text, quote=True)


def href(path: str, version: str = "", prefix: str = "") -> str:
    """A link to `path` (relative to the output folder) from a page `prefix` deep."""
    url = prefix + quote(path)
    return e(f"{url}?v={version}" if version else url)


def seconds(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def date_html(when: datetime) -> str:
    return f'<time datetime="{e(when.isoformat())}">{when.day} {when:%B} {when.year}</time>'


def page_html(show: ShowInfo, title: str, prefix: str, header: str, body: str) -> str:
    """A whole page: `header` goes in the banner, `body` follows it (main and any nav)."""
    home = f' <a href="{e(show.link)}">Home page</a> ·' if show.link else ""
    icon = href(show.image, prefix=prefix) if show.image else "data:,"
    return f"""<!DOCTYPE html>
<html lang="{e(show.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{e(title)}</title>
<meta name="description" content="{e(show.description)}">
<link rel="icon" href="{icon}">
<link rel="alternate" type="application/rss+xml" title="{e(show.title)}" href="{prefix}feed.xml">
<style>{STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header><div class="wrap">
{header}
</div></header>
{body}
<footer><div class="wrap">
<p>{SYNTHETIC}</p>
<p>{e(show.title)} is made with talkingpaper.{home}
<a href="{prefix}index.html#subscribe">Subscribe</a> ·
<a href="{prefix}feed.xml">Podcast feed (RSS, for apps)</a></p>
</div></footer>
<script>{SCRIPT}</script>
</body>
</html>
"""
