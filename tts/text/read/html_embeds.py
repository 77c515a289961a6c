"""Embedded social-media posts (a tweet, an Instagram or Facebook post) as quotes of their author.

A page embeds a post as a blockquote of a known class holding the post's text and a credit
line ("— Jane Doe (@janedoe) November 18, 2019"). Read as it stands, the narrator would read
the post and then the handle and the date. Before trafilatura reads the page, each embed is
rewritten as one paragraph in the form the script's attribution rules know:

    Jane Doe posted: "the post's text"

so the post is spoken as a quote in its author's voice. The credit line and the post's links
(t.co, pic.twitter.com) are not spoken; they are recorded as cuts. An embed whose author
cannot be read is dropped (a post in the narrator's voice would put words in the paper's
mouth), and so is every embed when the mode is "drop".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from tts.text.model import Cut
from tts.text.read.html_text import SILENT, element_text, has_text, remove_keeping_tail

EMBED_MODES = ("quote", "drop")

# The classes the platforms' embed code gives the blockquote it fills in.
_EMBED_CLASS = re.compile(
    r"(?:^|\s)(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|bluesky-embed"
    r"|text-post-media|mastodon-embed|reddit-embed-bq|fb-xfbml-parse-ignore)(?:\s|$)"
)
# "— Jane Doe (@janedoe) November 18, 2019" (X, Bluesky, Threads): the last such credit.
_DASH_CREDIT = re.compile(
    r"(?:^|\s)(?:--|[—–―-])\s*(?P<name>[^()—–―\n]{0,80}?)\s*\((?P<handle>@[\w.-]{1,64})\)"
)
# "A post shared by Jane Doe (@janedoe)" / "A post shared by @janedoe" (Instagram).
_SHARED_BY = re.compile(
    r"\bA post shared by\s+(?:(?P<name>[^()\n]{1,80}?)\s*\((?P<handle>@[\w.-]{1,64})\)"
    r"|(?P<bare>@?[\w.-]{1,64}))",
    re.IGNORECASE,
)
# "Posted by Jane Doe on Monday, ..." (Facebook).
_POSTED_BY = re.compile(r"\bPosted by\s+(?P<name>[^\n]{1,80}?)\s+on\b", re.IGNORECASE)
# A post's address names its author: twitter.com/janedoe/status/..., instagram.com/janedoe/.
_AUTHOR_URL = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter\.com/|x\.com/|tiktok\.com/@|threads\.net/@?"
    r"|bsky\.app/profile/)(?P<handle>[\w.-]{1,64})/(?:status|video|post)/",
    re.IGNORECASE,
)
# Links in a post's text: short links, picture links, bare addresses. Not speakable.
_LINK = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S{1,300}", re.IGNORECASE)
# Buttons the embed code puts around an Instagram post.
_EMBED_CHROME = re.compile(
    r"View this (?:post|profile|photo|video) on (?:Instagram|Facebook|TikTok|Threads)"
    r"|View more on Instagram|Watch on TikTok",
    re.IGNORECASE,
)
# Letters, digits and the marks a name holds: an emoji or a flag in a display name goes.
_NAME_CHARS = re.compile(r"[^\w\s.'’&-]")
_DOUBLE_QUOTES = str.maketrans({'"': "'", "“": "‘", "”": "’", "„": "‚", "«": "‹", "»": "›"})
_STOP_CLIMB = frozenset({"body", "html", "article", "main"})


def rewrite_embeds(tree: HtmlElement, mode: str = "quote") -> list[Cut]:
    """Rewrite (mode "quote") or remove (mode "drop") every embedded post in tree, in place."""
    if mode not in EMBED_MODES:
        raise ValueError(f"embeds must be one of {', '.join(EMBED_MODES)}, not {mode!r}")
    cuts: list[Cut] = []
    embeds = [el for el in tree.iter("blockquote") if _EMBED_CLASS.search(el.get("class", ""))]
    root = tree.getroottree().getroot()
    for embed in embeds:
        if embed.getparent() is None or embed.getroottree().getroot() is not root:
            continue  # the root itself, or inside an embed already replaced
        text = element_text(embed)
        post = _read_post(embed, text) if mode == "quote" else None
        outer = _outermost_wrapper(embed)
        if post is None:
            if text:
                cuts.append(Cut("embedded-post", text))
            _replace(outer, None)
            continue
        author, body, credit, links = post
        cuts.extend(Cut("embed-credit", c) for c in credit)
        cuts.extend(Cut("embed-link", link) for link in links)  # and the embed's buttons
        paragraph = embed.makeelement("p", {})  # an element of the page's own kind
        paragraph.text = f'{author} posted: "{body.translate(_DOUBLE_QUOTES)}"'
        _replace(outer, paragraph)
    return cuts


def _read_post(embed: HtmlElement, text: str) -> tuple[str, str, list[str], list[str]] | None:
    """(author, post text, credit lines, links) of an embed; None when no author is found."""
    credit = _last(_DASH_CREDIT, text) or _last(_SHARED_BY, text) or _last(_POSTED_BY, text)
    if credit is not None:
        groups = credit.groupdict()
        name = _clean_name(groups.get("name") or "")
        author = name or groups.get("handle") or groups.get("bare") or ""
        body, credits = text[: credit.start()], [text[credit.start() :].strip()]
    else:
        author, body, credits = _author_from_links(embed), text, []
        # The post's own link (its date) closes the embed: not part of what was posted.
        for link in embed.iter("a"):
            date = element_text(link)
            if date and _AUTHOR_URL.match(link.get("href", "")) and body.endswith(date):
                body, credits = body[: -len(date)].rstrip(), [date]
    author = author if author.startswith("@") or _clean_name(author) else ""
    links = _LINK.findall(body)
    chrome = _EMBED_CHROME.findall(body)
    body = " ".join(_EMBED_CHROME.sub(" ", _LINK.sub(" ", body)).split())
    if not author or not body:
        return None
    return author, body, credits, chrome + links


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    match = None
    for match in pattern.finditer(text):  # noqa: B007 (the last one is wanted)
        pass
    return match


def _clean_name(name: str) -> str:
    return " ".join(_NAME_CHARS.sub(" ", name).split())


def _author_from_links(embed: HtmlElement) -> str:
    """@handle from the post's own address (its date link, or the blockquote's cite)."""
    for url in _urls(embed):
        match = _AUTHOR_URL.match(url)
        if match:
            return "@" + match.group("handle")
    return ""


def _urls(embed: HtmlElement) -> Iterator[str]:
    for attribute in ("cite", "data-instgrm-permalink"):
        if embed.get(attribute):
            yield embed.get(attribute, "")
    for link in embed.iter("a"):
        yield link.get("href", "")


def _outermost_wrapper(embed: HtmlElement) -> HtmlElement:
    """The embed, or the widest box around it that holds nothing else a reader sees.

    Sites wrap embeds in boxes named "embed" or "widget", names that trafilatura drops with
    their content; the rewritten post takes the whole box's place so it is read.
    """
    outer = embed
    parent = outer.getparent()
    while (
        parent is not None
        and parent.getparent() is not None
        and parent.tag not in _STOP_CLIMB
        and _holds_only(parent, outer)
    ):
        outer, parent = parent, parent.getparent()
    return outer


def _holds_only(parent: HtmlElement, child: HtmlElement) -> bool:
    """Is child all that parent shows (besides scripts and empty boxes)?"""
    if (parent.text and parent.text.strip()) or (child.tail and child.tail.strip()):
        return False
    for other in parent:
        if other is child:
            continue
        if other.tail and other.tail.strip():
            return False
        if isinstance(other.tag, str) and other.tag not in SILENT and has_text(other):
            return False
    return True


def _replace(element: HtmlElement, new: HtmlElement | None) -> None:
    """Put new (or nothing) in element's place, keeping the text that follows it."""
    parent = element.getparent()
    if new is None or parent is None:
        remove_keeping_tail(element)
        return
    new.tail = element.tail
    parent.replace(element, new)
