"""Channel rules FEED-02..16 of PODCAST_RULES.md (FEED-01, parsing, is in `feeds.check.run`,
since nothing else can run without it; the item rules are in `feeds.check.items`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

from lxml import etree

from feeds.check.context import (
    CONTENT_NS,
    ITUNES_NS,
    NS,
    PODCAST_NS,
    PODCAST_NS_OLD,
    Context,
    Issue,
    Rule,
    text_of,
)
from feeds.check.reference_lists import APPLE_CATEGORIES

IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# RFC 2822 date-time as feeds write it: "Wed, 25 Nov 2026 01:22:36 +0000".
RFC2822 = re.compile(
    r"^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d(:\d\d)? "
    r"([+-]\d{4}|UT|GMT|[ECMP][SD]T|[A-IK-Z])$"
)


def _it(name: str) -> str:
    return f"{{{ITUNES_NS}}}{name}"


def _feed_namespaces(ctx: Context) -> Iterator[Issue]:
    nsmap = ctx.root.nsmap
    itunes = nsmap.get("itunes")
    if itunes != ITUNES_NS:
        yield Issue(
            f"the itunes prefix is bound to {itunes!r}, not {ITUNES_NS}",
            f'declare xmlns:itunes="{ITUNES_NS}" on <rss> exactly (lower case, http)',
        )
    if CONTENT_NS not in nsmap.values():
        yield Issue(
            "the content namespace is not declared",
            f'declare xmlns:content="{CONTENT_NS}" on <rss>',
        )
    used = {etree.QName(e).namespace for e in ctx.root.iter() if isinstance(e.tag, str)}
    if PODCAST_NS_OLD in used and PODCAST_NS not in used:
        yield Issue(
            "podcast:* tags use only the old GitHub namespace URI",
            f"write them under {PODCAST_NS} (a copy under the old URI may follow)",
        )


def _self_link(ctx: Context) -> Iterator[Issue]:
    links = ctx.channel.findall("atom:link[@rel='self']", NS)
    if not links:
        yield Issue(
            'no <atom:link rel="self">',
            'add <atom:link href="FEED URL" rel="self" type="application/rss+xml"/>',
        )
        return
    link = links[0]
    if link.get("type") != "application/rss+xml":
        yield Issue(
            f"the self link's type is {link.get('type')!r}",
            'give it type="application/rss+xml"',
        )
    if link.get("href") != ctx.feed_url:
        yield Issue(
            f"the self link is {link.get('href')} but the feed is published at {ctx.feed_url}",
            "set show.base_url so that BASE_URL + feed.xml is the public feed URL",
        )


def _home_link(ctx: Context) -> Iterator[Issue]:
    link = (ctx.channel.findtext("link") or "").strip()
    self_href = ctx.channel.find("atom:link[@rel='self']", NS)
    if not link:
        yield Issue("the channel has no <link>", "give the channel its home page as <link>")
    elif self_href is not None and link == self_href.get("href"):
        yield Issue(
            f"the channel <link> is the feed URL {link}, not a home page",
            "with feedgen, call link(rel='self') first and the home page link() last",
        )


def _lengths(ctx: Context) -> Iterator[Issue]:
    for name in ("title", "description"):
        value = ctx.channel.findtext(name)
        if not value or not value.strip():
            yield Issue(f"the channel <{name}> is missing or empty", f"set show.{name}")
        elif value != value.strip():
            yield Issue(
                f"the channel <{name}> starts or ends with white space",
                f"strip show.{name}",
            )
    for name, path in (("description", "description"), ("itunes:summary", _it("summary"))):
        value = ctx.channel.findtext(path) or ""
        if len(value.encode("utf-8")) > 4000:
            yield Issue(
                f"the channel {name} is {len(value.encode())} bytes; Apple allows 4000",
                "shorten show.description",
            )
    short = {
        "title": ctx.channel.findtext("title"),
        "itunes:author": ctx.channel.findtext(_it("author")),
        "itunes:subtitle": ctx.channel.findtext(_it("subtitle")),
        "itunes:owner/itunes:name": ctx.channel.findtext(f"{_it('owner')}/{_it('name')}"),
    }
    for name, value in short.items():
        if value and len(value) > 255:
            yield Issue(f"{name} has {len(value)} characters; the limit is 255", f"shorten {name}")


def _language(ctx: Context) -> Iterator[Issue]:
    import langcodes

    language = (ctx.channel.findtext("language") or "").strip()
    if not language:
        yield Issue("the channel has no <language>", 'set show.language, e.g. "en"')
    elif not langcodes.tag_is_valid(language):
        yield Issue(
            f"<language> {language!r} is not an ISO 639 / BCP 47 tag",
            'set show.language to a tag such as "en" or "en-GB"',
        )


def _categories(ctx: Context) -> Iterator[Issue]:
    top = ctx.channel.findall(_it("category"))
    if not top:
        yield Issue(
            "the channel has no itunes:category",
            'set show.category (and show.subcategory) from Apple\'s list, e.g. "News" / '
            '"Daily News"',
        )
    lower = {name.lower(): name for name in APPLE_CATEGORIES}
    for category in top:
        name = category.get("text") or ""
        if name not in APPLE_CATEGORIES:
            hint = f'; did you mean "{lower[name.lower()]}"?' if name.lower() in lower else ""
            yield Issue(
                f'itunes:category "{name}" is not in Apple\'s category list{hint}',
                "set show.category to one of: " + ", ".join(APPLE_CATEGORIES),
            )
            continue
        for sub in category.findall(_it("category")):
            subname = sub.get("text") or ""
            if subname not in APPLE_CATEGORIES[name]:
                allowed = ", ".join(APPLE_CATEGORIES[name]) or "none"
                yield Issue(
                    f'"{subname}" is not a subcategory of "{name}"',
                    f'set show.subcategory to one of "{name}"\'s: {allowed}',
                )
            if sub.find(_it("category")) is not None:
                yield Issue(
                    f'"{name} > {subname}" nests a third level',
                    "use at most a category and one subcategory",
                )


def true_false(value: str | None, where: str, required: bool) -> Iterator[Issue]:
    if value is None:
        if required:
            yield Issue(
                f"{where} has no itunes:explicit",
                "add <itunes:explicit>false</itunes:explicit> (or true)",
            )
    elif value.strip() not in ("true", "false"):
        yield Issue(
            f"{where} itunes:explicit is {value!r}; Apple accepts only true or false",
            "write true/false, not yes/no/clean (feedgen's own setter writes yes/no: TRAPS.md)",
        )


def _explicit(ctx: Context) -> Iterator[Issue]:
    yield from true_false(text_of(ctx.channel.find(_it("explicit"))), "the channel", True)


def image_issues(ctx: Context, href: str | None, where: str) -> Iterator[Issue]:
    """FEED-09's rules for one itunes:image: URL form and the file itself (ITEM-12 too)."""
    from PIL import Image

    if not href:
        yield Issue(f"{where} has no itunes:image href", "add a square cover (show.cover)")
        return
    if not re.match(r"^https?://", href):
        yield Issue(f"{where} image {href} is not an absolute URL", "use an absolute URL")
        return
    issue = ctx.https_issue(f"image URLs of {where}", [href])
    if issue:
        yield issue
    suffix = Path(href.split("?")[0]).suffix.lower()
    if suffix not in IMAGE_FORMATS:
        yield Issue(f"{where} image {href} does not end .jpg, .jpeg or .png", "use JPEG or PNG")
    path = ctx.local(href)
    if path is None:
        yield Issue(
            f"{where} image {href} is not under the feed's base URL; its file was not checked",
            "serve the cover from output/",
            "warning",
        )
        return
    if not path.is_file():
        yield Issue(f"{where} image file {path} is missing", "run talkingpaper build")
        return
    try:
        with Image.open(path) as image:
            size, mode, fmt = image.size, image.mode, image.format
    except OSError as exc:
        yield Issue(f"{where} image {path} does not open as an image: {exc}", "replace it")
        return
    width, height = size
    fix = "use a square RGB JPEG or PNG between 1400 and 3000 px (3000 x 3000 is best)"
    if width != height:
        yield Issue(f"{where} image is {width} x {height}; Apple requires a square", fix)
    if min(size) < 1400 or max(size) > 3000:
        yield Issue(f"{where} image is {width} x {height}; Apple wants 1400-3000 px", fix)
    if mode != "RGB":
        yield Issue(f"{where} image is in {mode} mode (alpha, CMYK or grey)", fix)
    if suffix in IMAGE_FORMATS and fmt != IMAGE_FORMATS[suffix]:
        yield Issue(f"{where} image {path.name} is {fmt} inside a {suffix} name", fix)


def _channel_image(ctx: Context) -> Iterator[Issue]:
    image = ctx.channel.find(_it("image"))
    yield from image_issues(ctx, None if image is None else image.get("href"), "the channel")


def _owner(ctx: Context) -> Iterator[Issue]:
    from email_validator import EmailNotValidError, validate_email

    email = (ctx.channel.findtext(f"{_it('owner')}/{_it('email')}") or "").strip()
    if not email:
        yield Issue("no itunes:owner/itunes:email", "set show.owner_email")
        return
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        yield Issue(f"itunes:owner email {email!r} is not valid: {exc}", "fix show.owner_email")


def _author(ctx: Context) -> Iterator[Issue]:
    if not (ctx.channel.findtext(_it("author")) or "").strip():
        yield Issue("the channel has no itunes:author", "set show.author")


def _show_type(ctx: Context) -> Iterator[Issue]:
    kind = ctx.channel.findtext(_it("type"))
    if kind is None:
        return  # Apple assumes episodic
    if kind.strip() not in ("episodic", "serial"):
        yield Issue(f"itunes:type is {kind!r}", "use episodic or serial")
    elif kind.strip() == "serial":
        missing = [e.label for e in ctx.episodes if e.item.find(_it("episode")) is None]
        if missing:
            yield Issue(
                f"a serial show needs itunes:episode on every item; missing on {missing[0]}",
                "number every episode or use itunes:type episodic",
            )


def _has_items(ctx: Context) -> Iterator[Issue]:
    if not ctx.episodes:
        yield Issue("the feed has no <item>; directories reject empty feeds", "build an episode")


def feed_urls(ctx: Context) -> list[str]:
    """Every URL in the feed: url/href attributes, <link>, <url>, <docs> excepted."""
    urls = []
    for element in ctx.root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ("url", "href"):
            if element.get(name):
                urls.append(element.get(name))
        if etree.QName(element).localname in ("link", "url") and (element.text or "").strip():
            urls.append(element.text.strip())
    return urls


def _urls(ctx: Context) -> Iterator[Issue]:
    urls = feed_urls(ctx)
    for url in urls:
        if not url.isascii():
            yield Issue(f"URL {url} has non-ASCII characters", "percent-encode URLs (quote())")
    schemes = Counter(u.split(":", 1)[0].lower() for u in urls if ":" in u)
    if len(schemes) > 1:
        yield Issue(
            f"the feed mixes URL schemes: {dict(schemes)}",
            "serve the feed, media and images from one https base URL",
        )
    issue = ctx.https_issue("feed URLs", urls)
    if issue:
        yield issue


def _new_feed_url(ctx: Context) -> Iterator[Issue]:
    moved = ctx.channel.findtext(_it("new-feed-url"))
    if moved is not None and moved.strip() == ctx.feed_url:
        yield Issue(
            "itunes:new-feed-url points at this same feed",
            "drop itunes:new-feed-url unless the feed is moving",
        )


def parse_rfc2822(value: str | None) -> tuple[datetime | None, str | None]:
    """(date, None) for a valid RFC 2822 date whose weekday matches; (None, why) otherwise."""
    if not value or not value.strip():
        return None, "is missing"
    value = value.strip()
    match = RFC2822.match(value)
    if not match:
        return None, f"{value!r} is not an RFC 2822 date"
    try:
        date = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None, f"{value!r} is not a real date"
    # parsedate_to_datetime ignores the weekday token; readers and validators do not.
    if match.group(1) and match.group(1) != DAYS[date.weekday()]:
        return None, f"{value!r} says {match.group(1)} but that date is a {DAYS[date.weekday()]}"
    if date.tzinfo is None:
        return None, f"{value!r} has no time zone"
    return date, None


def _last_build(ctx: Context) -> Iterator[Issue]:
    date, why = parse_rfc2822(ctx.channel.findtext("lastBuildDate"))
    if why:
        yield Issue(f"lastBuildDate {why}", "let the feed writer set lastBuildDate")
    elif date and date > datetime.now(UTC) + timedelta(minutes=5):
        yield Issue(f"lastBuildDate {date.isoformat()} is in the future", "check the clock")


RULES: list[Rule] = [
    Rule("FEED-02", "error", "iTunes, content and podcast namespaces declared", _feed_namespaces),
    Rule("FEED-03", "warning", 'atom:link rel="self" is the public feed URL', _self_link),
    Rule("FEED-04", "warning", "channel <link> is the home page, not the feed", _home_link),
    Rule("FEED-05", "error", "title and description present; length limits", _lengths),
    Rule("FEED-06", "error", "language is a BCP 47 tag", _language),
    Rule("FEED-07", "error", "itunes:category from Apple's list", _categories),
    Rule("FEED-08", "error", "channel itunes:explicit true or false", _explicit),
    Rule("FEED-09", "error", "cover: https, JPEG/PNG, square RGB 1400-3000 px", _channel_image),
    Rule("FEED-10", "warning", "itunes:owner email present and valid", _owner),
    Rule("FEED-11", "warning", "itunes:author present", _author),
    Rule("FEED-12", "error", "itunes:type episodic or serial", _show_type),
    Rule("FEED-13", "error", "at least one item", _has_items),
    Rule("FEED-14", "error", "URLs ASCII, one scheme, https", _urls),
    Rule("FEED-15", "warning", "itunes:new-feed-url only when moving", _new_feed_url),
    Rule("FEED-16", "warning", "lastBuildDate valid", _last_build),
]
