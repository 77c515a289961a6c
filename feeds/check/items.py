"""Item rules ITEM-01..12 of PODCAST_RULES.md: one check per rule over every <item>."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from lxml import etree

from feeds.check.channel import image_issues, parse_rfc2822, true_false
from feeds.check.context import CONTENT_NS, ITUNES_NS, Context, Issue, Rule, text_of

NUMBERED_TITLE = re.compile(
    r"\b(episode|ep\.?|season|part)\s*#?\d+\b|#\d+\b|\bS\d+\s*E\d+\b", re.IGNORECASE
)
ALLOWED_HTML = {"p", "ol", "ul", "li", "a", "b", "i", "strong", "em", "br"}


def _it(name: str) -> str:
    return f"{{{ITUNES_NS}}}{name}"


def _item_title(ctx: Context) -> Iterator[Issue]:
    show = (ctx.channel.findtext("title") or "").strip()
    for episode in ctx.episodes:
        title = episode.item.findtext("title")
        if not title or not title.strip():
            yield Issue(f"{episode.label} has no title", "give every episode a title")
            continue
        if len(title) > 255:
            yield Issue(f"{episode.label} title has {len(title)} characters", "shorten it")
        if show and show.lower() in title.lower():
            yield Issue(
                f"{episode.label} title repeats the show name {show!r}",
                "leave the show name out of episode titles; apps show it already",
                "warning",
            )
        if NUMBERED_TITLE.search(title):
            yield Issue(
                f"{episode.label} title {title!r} carries an episode or season number",
                "put numbers in itunes:episode / itunes:season, not in the title",
                "warning",
            )


def _enclosure(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        enclosures = episode.item.findall("enclosure")
        if len(enclosures) != 1:
            yield Issue(
                f"{episode.label} has {len(enclosures)} enclosures; it needs exactly one",
                "give every item one <enclosure url length type>",
            )
            continue
        enclosure = enclosures[0]
        missing = [a for a in ("url", "length", "type") if not enclosure.get(a)]
        if missing:
            yield Issue(
                f"{episode.label} enclosure lacks {', '.join(missing)}",
                "write url, length (bytes) and type",
            )
        url, kind = enclosure.get("url") or "", enclosure.get("type")
        if url.split("?")[0].lower().endswith(".mp3") and kind != "audio/mpeg":
            yield Issue(f"{episode.label} MP3 enclosure has type {kind!r}", 'use "audio/mpeg"')


def _enclosure_length(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        enclosure = episode.item.find("enclosure")
        if enclosure is None or not enclosure.get("url"):
            continue
        path = ctx.local(enclosure.get("url"))
        if path is None:
            yield Issue(
                f"{episode.label} enclosure is not under the base URL; its size was not checked",
                "serve the audio from output/",
                "warning",
            )
            continue
        if not path.is_file():
            yield Issue(f"{episode.label} audio {path} is missing", "run talkingpaper build")
            continue
        length, size = enclosure.get("length") or "", path.stat().st_size
        if not length.isdigit() or int(length) != size:
            yield Issue(
                f"{episode.label} enclosure length is {length!r} but {path.name} has {size} bytes",
                "rebuild the feed after tagging (talkingpaper build): the length must be the "
                "served file's size",
            )


def _enclosure_unique(ctx: Context) -> Iterator[Issue]:
    urls = Counter(e.enclosure_url for e in ctx.episodes if e.enclosure_url)
    files = Counter(e.mp3 for e in ctx.episodes if e.mp3)
    for url, count in urls.items():
        if count > 1:
            yield Issue(f"{count} items share the enclosure {url}", "give each episode its file")
    for path, count in files.items():
        if count > 1 and path is not None:
            yield Issue(f"{count} items point at the same file {path.name}", "one file each")


def _guid(ctx: Context) -> Iterator[Issue]:
    seen: Counter[str] = Counter()
    for episode in ctx.episodes:
        guid = episode.item.find("guid")
        if guid is None or not (guid.text or "").strip():
            yield Issue(f"{episode.label} has no guid", "give every item a stable guid")
            continue
        value = guid.text.strip()
        seen[value] += 1
        is_url = bool(re.match(r"^https?://", value))
        permalink = guid.get("isPermaLink", "true")
        if permalink == "true" and not is_url:
            yield Issue(
                f"{episode.label} guid {value!r} is not a URL but isPermaLink is true "
                "(the default)",
                'write isPermaLink="false"',
            )
    for value, count in seen.items():
        if count > 1:
            yield Issue(
                f"{count} items share the guid {value}; apps drop or merge them",
                "derive each guid from the episode's stored id (slug), never title or time",
            )


def _pub_date(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        _, why = parse_rfc2822(episode.item.findtext("pubDate"))
        if why:
            yield Issue(
                f"{episode.label} pubDate {why}",
                "write pubDate with email.utils.format_datetime (weekday computed, not typed)",
            )


def _duration(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        value = (episode.item.findtext(_it("duration")) or "").strip()
        if not value:
            yield Issue(f"{episode.label} has no itunes:duration", "write whole seconds")
            continue
        if not value.isdigit():
            yield Issue(
                f"{episode.label} itunes:duration {value!r} is not whole seconds",
                "write the duration as an integer number of seconds",
            )
            continue
        length = episode.duration
        if length is not None and abs(int(value) - round(length)) > 1:
            yield Issue(
                f"{episode.label} itunes:duration is {value} s but the MP3 lasts {length:.1f} s",
                "take the duration from the encoded file",
            )


def _item_explicit(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        yield from true_false(text_of(episode.item.find(_it("explicit"))), episode.label, False)


def _episode_numbers(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        kind = episode.item.findtext(_it("episodeType"))
        if kind is not None and kind.strip() not in ("full", "trailer", "bonus"):
            yield Issue(f"{episode.label} itunes:episodeType is {kind!r}", "use full")
        for name in ("episode", "season"):
            value = episode.item.findtext(_it(name))
            if value is not None and not (value.strip().isdigit() and int(value) > 0):
                yield Issue(
                    f"{episode.label} itunes:{name} {value!r} is not a positive integer",
                    f"write itunes:{name} as 1, 2, 3...",
                )


def _html_issues(html: str) -> list[str]:
    from lxml import html as lxml_html

    if not html.strip() or "<" not in html:
        return []
    try:
        fragments = lxml_html.fragments_fromstring(html)
    except (etree.ParserError, ValueError):
        return ["does not parse as HTML"]
    tags = {
        e.tag
        for f in fragments
        if isinstance(f, etree._Element)
        for e in f.iter()
        if isinstance(e.tag, str)
    }
    return sorted(tags - ALLOWED_HTML)


def _description(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        for name, path in (
            ("description", "description"),
            ("content:encoded", f"{{{CONTENT_NS}}}encoded"),
        ):
            value = episode.item.findtext(path)
            if value is None:
                continue
            if len(value.encode("utf-8")) > 4000:
                yield Issue(
                    f"{episode.label} {name} is {len(value.encode())} bytes; Apple allows 4000",
                    "shorten the episode description",
                )
            bad = _html_issues(value)
            if bad:
                yield Issue(
                    f"{episode.label} {name} uses HTML Apple strips: {', '.join(bad)}",
                    "use only p, ol, ul, li, a, b, i, strong, em",
                )


def _order(ctx: Context) -> Iterator[Issue]:
    dates = [(e, parse_rfc2822(e.item.findtext("pubDate"))[0]) for e in ctx.episodes]
    dated = [(e, d) for e, d in dates if d]
    for (newer, a), (older, b) in zip(dated, dated[1:], strict=False):
        if b > a:
            yield Issue(
                f"{older.label} is newer than {newer.label} above it",
                "list items newest first",
            )
            break
    now = datetime.now(UTC) + timedelta(minutes=5)
    for episode, date in dated:
        if date > now:
            yield Issue(
                f"{episode.label} pubDate {date.isoformat()} is in the future",
                "never date an episode after its build; apps hide or misorder it",
            )


def _item_image(ctx: Context) -> Iterator[Issue]:
    for episode in ctx.episodes:
        image = episode.item.find(_it("image"))
        if image is not None:
            yield from image_issues(ctx, image.get("href"), episode.label)


RULES: list[Rule] = [
    Rule("ITEM-01", "error", "episode title present, no show name or number", _item_title),
    Rule("ITEM-02", "error", "exactly one enclosure with url, length, type", _enclosure),
    Rule("ITEM-03", "error", "enclosure length is the file's size", _enclosure_length),
    Rule("ITEM-04", "error", "enclosure URLs unique", _enclosure_unique),
    Rule("ITEM-05", "error", "guid present, unique, isPermaLink right", _guid),
    Rule("ITEM-06", "error", "pubDate RFC 2822 with the right weekday", _pub_date),
    Rule("ITEM-07", "warning", "itunes:duration whole seconds, matches the MP3", _duration),
    Rule("ITEM-08", "error", "item itunes:explicit true or false", _item_explicit),
    Rule("ITEM-09", "error", "episodeType, episode and season valid", _episode_numbers),
    Rule("ITEM-10", "warning", "description <= 4000 bytes, simple HTML", _description),
    Rule("ITEM-11", "warning", "newest first, none in the future", _order),
    Rule("ITEM-12", "error", "episode image meets FEED-09", _item_image),
]
