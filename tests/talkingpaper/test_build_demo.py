"""The demo show built for real: espeak-ng speaks, ffmpeg encodes, real parsers read the feed."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import feedparser
import podcastparser
import pytest
from click.testing import CliRunner

from talkingpaper.cli import main
from tests.conftest import DEMO_ARTICLE
from tts.episode import measure_loudness, probe_duration


@pytest.fixture(scope="module")
def demo(demo_show: Path) -> Path:
    return demo_show


def _record(show: Path) -> dict:
    return json.loads((show / "output/episodes/npr-freed-labor-activists.json").read_text())


def test_the_episode_decodes_and_lasts_as_long_as_its_words(demo: Path) -> None:
    mp3 = demo / "output/episodes/npr-freed-labor-activists.mp3"
    seconds = probe_duration(mp3)  # ffprobe decodes it
    spoken_words = sum(len(c["text"].split()) for c in _record(demo)["cues"])
    estimate = spoken_words / 160 * 60
    assert spoken_words > 1000
    assert abs(seconds - estimate) / estimate < 0.20, (seconds, estimate)


def test_the_episode_is_a_podcast_mp3_at_the_loudness_target(demo: Path) -> None:
    mp3 = demo / "output/episodes/npr-freed-labor-activists.mp3"
    streams = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels",
         "-of", "json", str(mp3)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    stream = json.loads(streams.stdout)["streams"][0]
    assert (stream["codec_name"], stream["sample_rate"], stream["channels"]) == ("mp3", "44100", 1)
    loudness = measure_loudness(mp3)
    assert -17.0 <= loudness.integrated <= -15.0
    assert loudness.true_peak <= -1.0


def test_feedparser_lists_the_episode_with_its_exact_size(demo: Path) -> None:
    mp3 = demo / "output/episodes/npr-freed-labor-activists.mp3"
    parsed = feedparser.parse(str(demo / "output/feed.xml"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "The talkingpaper Demo"
    (entry,) = parsed.entries
    assert entry.title.startswith("Some Of China's Freed Labor Activists")
    (enclosure,) = entry.enclosures
    assert int(enclosure.length) == mp3.stat().st_size
    assert enclosure.type == "audio/mpeg"
    assert enclosure.href.startswith("http://localhost:8000/episodes/npr-freed-labor-activists.mp3")
    assert entry.id and entry.published_parsed
    assert abs(int(entry.itunes_duration) - probe_duration(mp3)) <= 1


def test_gpodders_parser_lists_the_episode_with_its_exact_size(demo: Path) -> None:
    mp3 = demo / "output/episodes/npr-freed-labor-activists.mp3"
    with open(demo / "output/feed.xml", "rb") as fh:
        parsed = podcastparser.parse("http://localhost:8000/feed.xml", fh)
    (episode,) = parsed["episodes"]
    (enclosure,) = episode["enclosures"]
    assert enclosure["file_size"] == mp3.stat().st_size
    assert enclosure["mime_type"] == "audio/mpeg"
    assert episode["guid"] and episode["published"] > 0
    assert abs(episode["total_time"] - probe_duration(mp3)) <= 1


def test_quotes_are_voiced_by_someone_other_than_the_narrator(demo: Path) -> None:
    cues = _record(demo)["cues"]
    narrator_voices = {c["voice"] for c in cues if c["speaker"] == "narrator"}
    quoted = [c for c in cues if c["speaker"] != "narrator"]
    assert len(narrator_voices) == 1
    assert len(quoted) >= 6
    assert all(c["voice"] not in narrator_voices for c in quoted)
    # and the speakers of this one episode do not share a voice
    by_speaker = {c["speaker"]: c["voice"] for c in quoted}
    assert len(set(by_speaker.values())) == len(by_speaker)


def test_a_rebuild_with_nothing_changed_makes_nothing(demo: Path) -> None:
    mp3 = demo / "output/episodes/npr-freed-labor-activists.mp3"
    before = mp3.stat().st_mtime_ns
    result = CliRunner().invoke(main, ["build", "--show", str(demo)])
    assert result.exit_code == 0, result.output
    assert "0 built, 1 unchanged" in result.output
    assert mp3.stat().st_mtime_ns == before


def test_content_is_never_written(demo: Path) -> None:
    article = demo / "content" / DEMO_ARTICLE.name
    assert article.read_bytes() == DEMO_ARTICLE.read_bytes()
    assert sorted(p.name for p in (demo / "content").iterdir()) == [DEMO_ARTICLE.name]


def test_nothing_published_names_the_show_folder_or_the_home_folder(demo: Path) -> None:
    """output/ is what a server or an upload publishes: no absolute path of the show (it
    holds a user's name under a home folder), in any file, text or tags."""
    private = [str(demo.resolve()).encode(), (str(Path.home()) + "/").encode()]
    files = [p for p in (demo / "output").rglob("*") if p.is_file() and ".cache" not in p.parts]
    assert len(files) >= 5
    leaks = [(p.name, s) for p in files for s in private if s in p.read_bytes()]
    assert not leaks, leaks
    assert _record(demo)["sources"] == [f"content/{DEMO_ARTICLE.name}"]
