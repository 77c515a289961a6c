"""The book's Media Overlays against the episode: every sentence of the script has exactly
one clip, in order, that starts and ends where the transcript says it is spoken (within
10 ms), and what lies between two clips is the pause the script puts there, no more."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from talkingpaper.output import load_cast
from talkingpaper.plan import Line, plan_episodes, prepare_episode
from talkingpaper.show import load_show
from tests.feeds.conftest import EDITION
from tests.feeds.epub_reading import Clip, open_book, smil_seconds

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]
TOLERANCE = 0.010  # seconds


def _lines(root: Path, bulletin: str | None) -> list[Line]:
    """What the build spoke, line by line, with the pause after each: the script."""
    show = load_show(root)
    (plan,), _ = plan_episodes(show.articles(), bulletin, None, show.language)
    return prepare_episode(show, plan, load_cast(show)).lines


def _words(text: str) -> str:
    return "".join(text.split())


def _transcript_spans(path: Path, sentences: list[str]) -> list[tuple[float, float]]:
    """Each sentence's span in the JSON transcript: the cues that together say it (one, or
    one per clause of a long sentence), first start to last end."""
    cues = json.loads(path.read_text(encoding="utf-8"))["segments"]
    spans, at = [], 0
    for sentence in sentences:
        said, first = "", at
        while at < len(cues) and len(_words(said)) < len(_words(sentence)):
            said += cues[at]["body"]
            at += 1
        assert _words(said) == _words(sentence), f"no cues say {sentence!r}"
        spans.append((cues[first]["startTime"], cues[at - 1]["endTime"]))
    assert at == len(cues), "the transcript says more than the script"
    return spans


@pytest.mark.parametrize(("name", "bulletin"), [("demo_show", None), ("edition_show", EDITION)])
def test_each_sentence_is_one_clip_timed_as_the_transcript_says(
    name: str, bulletin: str | None, request: pytest.FixtureRequest
) -> None:
    root = request.getfixturevalue(name)
    (path,) = (root / "output" / "episodes").glob("*.epub")
    overlays = open_book(path).overlays()
    clips: list[Clip] = [clip for _, found in overlays for clip in found]
    lines = _lines(root, bulletin)
    assert [c.text for c in clips] == [line.segment.text for line in lines]
    assert len({c.element.get("id") for c in clips}) == len(clips)
    assert {c.audio for c in clips} == {f"EPUB/audio/{path.stem}.mp3"}

    spans = _transcript_spans(path.with_suffix(".transcript.json"), [c.text for c in clips])
    for clip, (start, end) in zip(clips, spans, strict=True):
        assert abs(clip.begin - start) <= TOLERANCE, clip.text
        assert abs(clip.end - end) <= TOLERANCE, clip.text
    for before, after, line in zip(clips, clips[1:], lines, strict=False):
        gap = after.begin - before.end
        assert gap >= -TOLERANCE, f"{after.text!r} overlaps the sentence before it"
        assert gap <= line.segment.pause_after / 1000 + TOLERANCE, f"a gap before {after.text!r}"
    gaps = [b.begin - a.end for a, b in zip(clips, clips[1:], strict=False)]
    print(f"{name}: {len(clips)} clips, largest gap {max(gaps):.3f} s")


@pytest.mark.parametrize("name", ["demo_show", "edition_show"])
def test_each_overlay_declares_its_duration_and_the_book_their_sum(
    name: str, request: pytest.FixtureRequest
) -> None:
    (path,) = (request.getfixturevalue(name) / "output" / "episodes").glob("*.epub")
    book = open_book(path)
    overlays = book.overlays()
    total = 0.0
    for ident, clips in overlays:
        (declared,) = book.meta("media:duration", refines=f"#{ident}")
        played = sum(c.end - c.begin for c in clips)
        assert abs(smil_seconds(declared) - played) <= 0.001 * len(clips)
        total += smil_seconds(declared)
    (whole,) = book.meta("media:duration")
    assert abs(smil_seconds(whole) - total) <= 0.001 * len(overlays)
