"""What every check rule sees: the parsed feed, its items and the files under output/.

Rules are data (`Rule`: id, severity, summary, check function); a check function takes a
`Context` and yields `Issue`s, and `feeds.check.run` turns those into `Finding`s that name the
rule. Expensive things (decoding an MP3, reading its tags) are computed once per episode and
shared by every rule that needs them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from lxml import etree

Severity = Literal["error", "warning"]

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
PODCAST_NS_OLD = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
NS = {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "atom": ATOM_NS, "content": CONTENT_NS}

LAN_HTTPS_FIX = "set show.base_url to an https address before submitting to Apple"
PUBLIC_HTTPS_FIX = "serve output/ over https and set show.base_url to that https address"


@dataclass(frozen=True)
class Finding:
    """One broken rule: its id (PODCAST_RULES.md), how bad, what is wrong, how to fix it."""

    rule: str
    severity: Severity
    message: str
    fix: str


@dataclass(frozen=True)
class Issue:
    """What a check function reports; the rule table adds the id and default severity."""

    message: str
    fix: str
    severity: Severity | None = None


CheckFunction = Callable[["Context"], Iterable[Issue]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity  # "error" for the spec's M rows, "warning" for S rows
    summary: str
    check: CheckFunction


@dataclass(frozen=True)
class Targets:
    """The show's audio settings the checks hold the files to (show.toml [audio])."""

    loudness: float = -16.0  # LUFS integrated, Apple's target
    loudness_tolerance: float = 1.0  # LU either side
    true_peak: float = -1.0  # dBTP, the most allowed
    max_lra: float = 8.0  # LU
    segment_tolerance: float = 2.0  # LU: each chapter against the episode
    sample_rate: int = 44100
    channels: int = 1
    bitrates: tuple[int, ...] = (64, 96)  # kbps; Apple's minimum for mono is 32
    edge_silence: float = 1.0  # seconds of silence allowed at either end
    words_per_minute: tuple[float, float] = (150.0, 190.0)
    # The show's own rate (show.toml voices.rate); None for a feed we did not make.
    rate: float | None = None


class ToolMissing(Exception):
    """A program a check needs (ffmpeg, ffprobe) is not installed."""


def is_private_host(host: str) -> bool:
    """True for hosts only a local network can reach: loopback, private, link-local, .local."""
    host = host.strip("[]").lower()
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        # A bare name ("raspberrypi") or a LAN-only suffix resolves on the local network only.
        lan_suffixes = (".localhost", ".local", ".lan", ".home.arpa", ".internal")
        return host == "localhost" or host.endswith(lan_suffixes) or "." not in host
    return ip.is_private or ip.is_loopback or ip.is_link_local


def text_of(element: etree._Element | None) -> str | None:
    return None if element is None else (element.text or "")


@dataclass
class Episode:
    """One <item> and the files it points at; measurements are cached here."""

    index: int  # 1-based position in the feed
    item: etree._Element
    context: Context
    memo: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def title(self) -> str:
        return (self.item.findtext("title") or "").strip()

    @cached_property
    def enclosure_url(self) -> str | None:
        enclosure = self.item.find("enclosure")
        return None if enclosure is None else enclosure.get("url")

    @cached_property
    def mp3(self) -> Path | None:
        """The enclosure's file under output/, if it is there."""
        path = self.context.local(self.enclosure_url) if self.enclosure_url else None
        return path if path is not None and path.is_file() else None

    @cached_property
    def label(self) -> str:
        name = self.mp3.stem if self.mp3 else (self.title[:40] or "untitled")
        return f"item {self.index} ({name})"

    @cached_property
    def sidecar(self) -> dict[str, Any] | None:
        """The build's episode record beside the MP3 (SLUG.json), when there is one."""
        import json

        if not self.mp3:
            return None
        try:
            data = json.loads(self.mp3.with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    @cached_property
    def audio(self) -> Any:
        """mutagen's MP3 (stream info and ID3 tags), or None when the file is not an MP3."""
        from mutagen import MutagenError
        from mutagen.mp3 import MP3

        if not self.mp3:
            return None
        try:
            return MP3(self.mp3)
        except MutagenError:
            return None

    @cached_property
    def duration(self) -> float | None:
        return self.audio.info.length if self.audio else None

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]


@dataclass
class Context:
    output: Path
    root: etree._Element  # <rss>
    channel: etree._Element
    base_url: str  # where output/ is served, from the feed's atom:link rel="self"
    feed_url: str  # the public feed URL: the caller's, or the self link
    targets: Targets
    server: str | None = None
    memo: dict[str, Any] = field(default_factory=dict)

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @cached_property
    def episodes(self) -> list[Episode]:
        return [Episode(i, item, self) for i, item in enumerate(self.channel.findall("item"), 1)]

    def local(self, url: str | None) -> Path | None:
        """The file under output/ a feed URL names: base URL stripped, ?v=... ignored.

        None when the URL is not under the base URL or would leave output/.
        """
        if not url or not self.base_url or not url.startswith(self.base_url):
            return None
        relative = unquote(urlsplit(url[len(self.base_url) :]).path)
        path = (self.output / relative).resolve()
        root = self.output.resolve()
        return path if path == root or root in path.parents else None

    def https_issue(self, what: str, urls: list[str]) -> Issue | None:
        """One issue for every non-https URL: a warning on a LAN show, an error otherwise."""
        plain = [u for u in urls if urlsplit(u).scheme != "https"]
        if not plain:
            return None
        public = [u for u in plain if not is_private_host(urlsplit(u).hostname or "")]
        example = (public or plain)[0]
        message = f"{len(plain)} of {len(urls)} {what} use http, not https, e.g. {example}"
        if public:
            return Issue(message, PUBLIC_HTTPS_FIX, "error")
        return Issue(message + " (a local-network address)", LAN_HTTPS_FIX, "warning")
