"""A podcast app polling the served feed while the show is rebuilt: the enclosure it then
fetches is always the file its feed described (length), never the one that replaced it.

The client reads feed.xml, waits a moment (an app fetches audio after reading the feed), and
downloads the enclosure; meanwhile the build remakes the episode again and again (its text
alternates, so every build replaces the MP3). FEED_AGREEMENT_REBUILDS=50 for the long run.
"""

from __future__ import annotations

import os
import random
import threading
import time
import urllib.request
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from feeds.serve import make_server
from talkingpaper.audio_versions import GRACE_SECONDS, sweep_expired
from talkingpaper.cli import main
from tests.conftest import ROOT

REBUILDS = int(os.environ.get("FEED_AGREEMENT_REBUILDS", "12"))
STORY = """Ferry timetable changes

The harbour ferry will run every {minutes} minutes from Monday.

"We heard the riders," said captain Lena Ortiz.
"""


def _build(show: Path, minutes: int) -> None:
    (show / "content" / "ferry.txt").write_text(STORY.format(minutes=minutes))
    result = CliRunner().invoke(main, ["build", "--quiet", "--show", str(show)])
    assert result.exit_code == 0, result.output


class Client(threading.Thread):
    """Feed, a pause, the enclosure; (the feed's length, the bytes received) per pair."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base, self.pairs, self.stop = base, list[tuple[int, int]](), threading.Event()

    def run(self) -> None:
        rng = random.Random(7)
        while not self.stop.is_set():
            with urllib.request.urlopen(self.base + "feed.xml", timeout=10) as response:
                feed = feedparser.parse(response.read())
            (enclosure,) = feed.entries[0].enclosures
            time.sleep(rng.uniform(0, 0.6))
            with urllib.request.urlopen(enclosure.href, timeout=10) as response:
                got = len(response.read())
            self.pairs.append((int(enclosure.length), got))


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_a_client_holding_the_previous_feed_gets_the_file_it_names(tmp_path: Path) -> None:
    show = tmp_path / "show"
    (show / "content").mkdir(parents=True)
    (show / "show.toml").write_text((ROOT / "show.toml").read_text())
    _build(show, 20)
    server = make_server(show / "output", port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    # The feed's links start at base_url; the test server listens on another port.
    toml = show / "show.toml"
    toml.write_text(toml.read_text().replace("http://localhost:8000/", f"http://{host}:{port}/"))
    _build(show, 20)
    client = Client(f"http://{host}:{port}/")
    client.start()
    try:
        for i in range(REBUILDS):
            _build(show, 30 if i % 2 == 0 else 20)
            time.sleep(0.2)
    finally:
        client.stop.set()
        client.join(timeout=30)
        server.shutdown()
        server.server_close()
    lengths = {length for length, _ in client.pairs}
    disagreements = [pair for pair in client.pairs if pair[0] != pair[1]]
    print(f"\nfeed agreement: {REBUILDS} rebuilds, {len(client.pairs)} feed/file pairs, "
          f"{len(disagreements)} disagreed")  # fmt: skip
    assert len(client.pairs) >= REBUILDS and len(lengths) == 2, (len(client.pairs), lengths)
    assert disagreements == [], f"{len(disagreements)} of {len(client.pairs)} pairs"


def test_kept_versions_leave_after_the_grace_period(tmp_path: Path) -> None:
    kept = tmp_path / "episodes" / ".versions"
    kept.mkdir(parents=True)
    (kept / "ferry.0123456789ab.mp3").write_bytes(b"old audio")
    assert sweep_expired(tmp_path / "episodes", now=time.time() + GRACE_SECONDS - 60) == []
    swept = sweep_expired(tmp_path / "episodes", now=time.time() + GRACE_SECONDS + 60)
    assert [p.name for p in swept] == ["ferry.0123456789ab.mp3"] and not any(kept.iterdir())
