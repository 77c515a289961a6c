"""The demo feed as real podcast clients read it (P20-10, SRV-09).

Node parsers of the Podcasting 2.0 namespace (podcast-partytime, feedsmith: `npm ci --prefix
tests/feeds/clients`), gPodder's podcastparser, and Debian's gPodder command line `gpo` subscribing
over HTTP from 127.0.0.1 and downloading the episode. The show is built with its base URL set
to the loopback server's address, so every URL in the feed is one a client can fetch.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import podcastparser
import pytest
from click.testing import CliRunner

from feeds.check.context import PODCAST_NS_OLD
from talkingpaper.cli import main
from tests.conftest import DEMO_ARTICLE, ROOT
from tests.feeds.feed_clients import node_parsers

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]  # every test reads the built demo

SLUG = "npr-freed-labor-activists"
GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


@dataclass
class Demo:
    output: Path
    base: str  # http://127.0.0.1:PORT/, where the server below serves output/

    @property
    def feed(self) -> Path:
        return self.output / "feed.xml"

    @property
    def mp3(self) -> Path:
        return self.output / f"episodes/{SLUG}.mp3"

    @property
    def transcripts(self) -> set[str]:
        return {f"{self.base}episodes/{SLUG}.{ext}" for ext in ("vtt", "srt", "transcript.json")}

    @property
    def chapters(self) -> str:
        return f"{self.base}episodes/{SLUG}.chapters.json"

    @property
    def guid(self) -> str:
        # guid.md: UUIDv5 of the feed URL without its scheme (and trailing slash).
        return str(uuid.uuid5(GUID_NAMESPACE, f"{self.base}feed.xml".split("://", 1)[1]))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The demo show built for http://127.0.0.1:PORT/ and served there by feeds/serve.py."""
    from feeds.serve import make_server

    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    show = tmp_path_factory.mktemp("show")
    settings = (ROOT / "show.toml").read_text(encoding="utf-8")
    settings, n = re.subn(r'(?m)^base_url = "[^"]*"', f'base_url = "{base}"', settings)
    assert n == 1, "show.toml has no base_url line to point at the test server"
    (show / "show.toml").write_text(settings, encoding="utf-8")
    (show / "content").mkdir()
    shutil.copy(DEMO_ARTICLE, show / "content" / DEMO_ARTICLE.name)
    result = CliRunner().invoke(main, ["build", "--quiet", "--show", str(show)])
    assert result.exit_code == 0, result.output
    server = make_server(show / "output", host="127.0.0.1", port=port, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Demo(show / "output", base)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def node_clients(demo: Demo) -> dict[str, Any]:
    """What each npm parser made of the feed."""
    return node_parsers(demo.feed)


def test_partytime_reads_the_episode_transcripts_chapters_and_show_ids(
    demo: Demo, node_clients: dict[str, Any]
) -> None:
    feed = node_clients["partytime"]
    assert "error" not in feed, feed.get("error")
    assert feed["title"] == "The talkingpaper Demo"
    (item,) = feed["items"]
    assert item["enclosure"]["url"].startswith(f"{demo.base}episodes/{SLUG}.mp3")
    assert item["enclosure"]["length"] == demo.mp3.stat().st_size
    assert {t["url"] for t in item["podcastTranscripts"]} == demo.transcripts
    assert item["podcastChapters"]["url"] == demo.chapters
    assert [(p["name"], p["role"].lower()) for p in item["podcastPeople"]] == [
        ("Emily Feng", "author")
    ]
    assert feed["guid"] == demo.guid
    assert feed["locked"] is True and feed["podcastOwner"] == "podcast@example.org"


def test_feedsmith_reads_the_episode_transcripts_chapters_and_show_ids(
    demo: Demo, node_clients: dict[str, Any]
) -> None:
    parsed = node_clients["feedsmith"]
    assert "error" not in parsed, parsed.get("error")
    assert parsed["format"] == "rss"
    feed = parsed["feed"]
    assert feed["title"] == "The talkingpaper Demo"
    (item,) = feed["items"]
    (enclosure,) = item["enclosures"]
    assert enclosure["length"] == demo.mp3.stat().st_size
    assert {t["url"] for t in item["podcast"]["transcripts"]} == demo.transcripts
    assert item["podcast"]["chapters"]["url"] == demo.chapters
    assert {(p["display"], p["role"]) for p in item["podcast"]["persons"]} == {
        ("Emily Feng", "author")
    }
    assert feed["podcast"]["guid"] == demo.guid
    assert feed["podcast"]["locked"] == {"value": True, "owner": "podcast@example.org"}


def test_feedsmith_lists_each_transcript_and_person_once(node_clients: dict[str, Any]) -> None:
    podcast = node_clients["feedsmith"]["feed"]["items"][0]["podcast"]
    assert len(podcast["transcripts"]) == 3
    assert len(podcast["persons"]) == 1


def _podcastparser(feed: Path, url: str) -> dict[str, Any]:
    with open(feed, "rb") as fh:
        return podcastparser.parse(url, fh)


def test_gpodders_parser_sees_chapters_through_the_old_namespace(
    demo: Demo, tmp_path: Path
) -> None:
    (episode,) = _podcastparser(demo.feed, f"{demo.base}feed.xml")["episodes"]
    # Chapters are repeated under the old URI for it; transcripts and people are not (a
    # spec-following client would list them twice), so it sees no transcript link.
    assert episode["chapters_json_url"] == demo.chapters
    assert not episode.get("transcript_url")
    # It reads them only because of the podcastgh: copy: without it, it is blind (TRAPS.md).
    canonical_only = tmp_path / "feed.xml"
    text = demo.feed.read_text(encoding="utf-8")
    canonical_only.write_text(re.sub(r"\s*<podcastgh:[^>]*>([^<]*</podcastgh:\w+>)?", "", text))
    assert PODCAST_NS_OLD in text and "<podcastgh:" not in canonical_only.read_text()
    (blind,) = _podcastparser(canonical_only, f"{demo.base}feed.xml")["episodes"]
    assert blind.get("transcript_url") is None and blind.get("chapters_json_url") is None


def test_gpo_subscribes_over_http_and_downloads_exactly_the_enclosure(
    demo: Demo, tmp_path: Path
) -> None:
    if not shutil.which("gpo"):
        pytest.skip("gPodder's command line is not installed (apt-get install gpodder)")
    env = {
        **os.environ,
        "GPODDER_HOME": str(tmp_path / "gpodder"),
        "GPODDER_DOWNLOAD_DIR": str(tmp_path / "downloads"),
    }
    feed_url = f"{demo.base}feed.xml"
    for command in (["subscribe", feed_url], ["download", feed_url]):
        proc = subprocess.run(
            ["gpo", *command], env=env, capture_output=True, text=True, timeout=120
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 episodes downloaded" in proc.stdout, proc.stdout
    (downloaded,) = (tmp_path / "downloads").rglob("*.mp3")
    (length,) = re.findall(r'<enclosure [^>]*length="(\d+)"', demo.feed.read_text("utf-8"))
    assert downloaded.stat().st_size == int(length)
    assert downloaded.read_bytes() == demo.mp3.read_bytes()


# --- gpo through `talkingpaper serve`, show.toml untouched (issue 14.1) -------------------


@contextlib.contextmanager
def talkingpaper_serve(show: Path, *options: str) -> Iterator[str]:
    """`talkingpaper serve` as a user runs it, on a free port; yields the feed URL it prints."""
    port = _free_port()
    assert port != 8000  # the port show.toml's base_url names
    proc = subprocess.Popen(
        [sys.executable, "-m", "talkingpaper.cli", "serve", "--show", str(show),
         "--port", str(port), "--quiet", *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        lines: list[str] = []
        while not lines or not lines[-1].startswith("Press Ctrl-C"):
            line = proc.stdout.readline()  # type: ignore[union-attr]
            assert line, "".join(lines)
            lines.append(line)
        (url,) = [line.split(": ", 1)[1].strip() for line in lines if line.startswith("Feed URL")]
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.parametrize("token", [None, "gpo-Tok3n"])
def test_gpo_subscribes_to_serve_on_another_port_and_downloads_every_episode(
    bulletin_show: Path, tmp_path: Path, token: str | None
) -> None:
    if not shutil.which("gpo"):
        pytest.skip("gPodder's command line is not installed (apt-get install gpodder)")
    assert 'base_url = "http://localhost:8000/"' in (bulletin_show / "show.toml").read_text()
    env = {
        **os.environ,
        "GPODDER_HOME": str(tmp_path / "gpodder"),
        "GPODDER_DOWNLOAD_DIR": str(tmp_path / "downloads"),
    }
    episodes = sorted((bulletin_show / "output" / "episodes").glob("*.mp3"))
    assert len(episodes) == 3  # two stories and the bulletin
    with talkingpaper_serve(bulletin_show, *(["--token", token] if token else [])) as feed_url:
        assert feed_url.startswith("http://127.0.0.1:")
        assert (f"/{token}/feed.xml" if token else "/feed.xml") in feed_url
        for command in (["subscribe", feed_url], ["download", feed_url]):
            proc = subprocess.run(
                ["gpo", *command], env=env, capture_output=True, text=True, timeout=120
            )
            assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3 episodes downloaded" in proc.stdout, proc.stdout
    downloaded = sorted((tmp_path / "downloads").rglob("*.mp3"), key=lambda p: p.name)
    assert [p.read_bytes() for p in downloaded] == [p.read_bytes() for p in episodes]
