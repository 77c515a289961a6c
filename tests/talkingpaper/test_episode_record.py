"""The episode record (output/episodes/SLUG.json): written and read back by one owner, and
turned into the plain record the feed is made from."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from talkingpaper.episode import (
    EPISODE_FORMAT,
    Episode,
    episode_records,
    load_episode,
    save_episode,
    sidecar_path,
)
from tts.episode import Chapter, Cue, Loudness


def _episode() -> Episode:
    return Episode(
        key="k" * 64,
        slug="harbour",
        sources=["/show/content/harbour.txt"],
        guid="5f0c6f8e-8c1e-5d43-9d6b-0a5e2b1e4c11",
        title="Harbour ferry returns",
        author="Lina Ortiz",
        outlet="Harbour Times",
        description="By Lina Ortiz. The ferry is back. (Read by synthetic voices.)",
        audio="episodes/harbour.mp3",
        bytes=12_345,
        duration=61.25,
        loudness=Loudness(-16.1, -1.4, 5.2),
        published=datetime(2024, 5, 1, 12, tzinfo=UTC),
        version="kkkkkkkkkkkk",
        transcripts=[("episodes/harbour.vtt", "text/vtt")],
        chapters_file="episodes/harbour.chapters.json",
        cues=[
            Cue(0.3, 2.0, "narrator", "The ferry is back.", "gmw/en-us", 1),
            Cue(2.5, 4.0, "Paul Mensah", "We missed it.", "gmw/en-gb-x-rp+m3", 2),
        ],
        chapters=[Chapter(0.0, 61.25, "Harbour Times: Harbour ferry returns")],
    )


def test_a_record_reads_back_as_it_was_written(tmp_path: Path) -> None:
    path = sidecar_path(tmp_path, "harbour")
    path.parent.mkdir()
    save_episode(path, _episode())
    data = json.loads(path.read_text())
    assert data["format"] == EPISODE_FORMAT
    assert data["published"] == "2024-05-01T12:00:00+00:00"
    assert data["cues"][1]["voice"] == "gmw/en-gb-x-rp+m3"  # who spoke, kept for the record
    assert load_episode(path) == _episode()


def test_a_file_of_another_format_or_half_a_record_is_no_record(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    for text in ('{"format": "talkingpaper.episode/0", "key": "k"}', "[1, 2]", "{",
                 json.dumps({"format": EPISODE_FORMAT, "title": "no guid or audio"})):  # fmt: skip
        path.write_text(text)
        assert load_episode(path) is None, text


def test_the_feed_gets_the_mp3s_size_now_and_no_voices(tmp_path: Path) -> None:
    record = _episode().to_record(size=99)
    assert record.bytes == 99 and record.guid == _episode().guid
    assert [(c.speaker, c.text, c.paragraph) for c in record.cues] == [
        ("narrator", "The ferry is back.", 1),
        ("Paul Mensah", "We missed it.", 2),
    ]
    assert [m.title for m in record.chapter_marks] == ["Harbour Times: Harbour ferry returns"]
    assert record.chapters == "episodes/harbour.chapters.json"
    assert record.transcripts == [("episodes/harbour.vtt", "text/vtt")]


def test_the_feed_lists_only_episodes_whose_mp3_is_there(tmp_path: Path) -> None:
    (tmp_path / "episodes").mkdir()
    save_episode(sidecar_path(tmp_path, "harbour"), _episode())
    assert episode_records(tmp_path) == []
    (tmp_path / "episodes" / "harbour.mp3").write_bytes(b"ID3" + b"\0" * 7)
    (tmp_path / "episodes" / "harbour.chapters.json").write_text("{}")  # not a record
    (record,) = episode_records(tmp_path)
    assert record.slug == "harbour" and record.bytes == 10
