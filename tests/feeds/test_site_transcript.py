"""The demo episode's page in headless Chromium: a keyboard user plays the episode from a
sentence of its transcript, and the sentence being spoken is marked as the audio plays."""

from __future__ import annotations

import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from feeds.check.transcripts import parse_vtt
from tests.feeds.test_site import RangeHandler, _browser_ready, _check_in_chromium

SLUG = "npr-freed-labor-activists"


@pytest.fixture(scope="module")
def demo_page(demo_show: Path):
    """The built demo's output/ served over HTTP (with byte ranges, for seeking)."""
    reason = _browser_ready()
    if reason:
        pytest.skip(reason)
    root = demo_show / "output"
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(RangeHandler, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/episodes/{SLUG}.html"
    finally:
        server.shutdown()
        server.server_close()


def test_a_keyboard_user_plays_the_demo_from_a_sentence(demo_page: str, demo_show: Path) -> None:
    result, shown = _check_in_chromium(demo_page, "transcript")  # axe: 0 violations, and more
    transcript = result["transcript"]
    shown = f"{transcript}"[:6000]
    assert transcript["note"] == "Choose a sentence to play from there.", shown
    first, second = transcript["targets"]
    assert first["role"] == second["role"] == "button", shown
    assert transcript["tabs"] < 200, shown  # Tab reached the sentence

    for pressed, target in ((transcript["enter"], first), (transcript["space"], second)):
        # Focus is on the sentence, the player sought its start and plays, and it is marked.
        assert pressed["focused"]["start"] == target["start"], shown
        assert pressed["seekedTo"] is not None, shown
        assert abs(pressed["seekedTo"] - float(target["start"])) <= 0.1, shown
        assert not pressed["paused"], shown
        assert pressed["marked"] == [target["start"]] and pressed["highlighted"] == 1, shown
    assert transcript["axe"] == [], shown  # with a sentence marked, as it plays

    # The player's own slider moved to a later sentence: the mark followed the audio there.
    later = transcript["later"]
    assert later["within"] not in (None, first["start"], second["start"]), shown
    assert later["marked"] == [later["within"]], shown

    # Reduced motion asked for: no transition; asked for nothing, the highlight fades in.
    assert transcript["reducedMotion"] == {"transition": "0s", "scroll": "auto"}, shown
    assert transcript["motion"]["transition"] != "0s", shown

    # Chromium's WebVTT parser reads the captions: each names its speaker, and the sentence
    # the listener chose starts a caption (the page and the captions agree on where).
    track = transcript["track"]
    vtt = parse_vtt((demo_show / "output" / "episodes" / f"{SLUG}.vtt").read_text("utf-8"))
    assert len(track) == len(vtt) > 50, shown
    assert all(text.startswith("<v ") for _, _, text in track), shown
    assert any(abs(start - float(first["start"])) < 0.0015 for start, _, _ in track), shown

    # Without JavaScript the transcript is plain text: all there, and no stops for Tab.
    bare = result["noScript"]
    assert not bare["scriptRan"] and bare["transcriptStops"] == 0, shown
    assert bare["transcriptWords"] > 1000, shown
