"""The MP3's chapters are stored in time order, for players that read frames in file order."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from tts.episode import Chapter
from tts.tags import Tags, write_tags


@pytest.mark.ffmpeg
def test_chapters_are_stored_in_time_order_whatever_their_titles(tmp_path: Path) -> None:
    mp3 = tmp_path / "bulletin.mp3"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
         "anullsrc=r=44100:cl=mono", "-t", "13", "-b:a", "64k", str(mp3)],
        check=True,
    )  # fmt: skip
    # Titles of every length in no order: mutagen alone stores the frames by size.
    titles = ["Intro", "A much longer second story title", "Third", "Fourth story, medium",
              "5", "Sixth story with the longest title of the whole bulletin by far", "Seven",
              "Eight and a bit", "Ninth", "Tenth one", "Eleventh", "Twelfth and last"]  # fmt: skip
    chapters = [Chapter(float(i), float(i + 1), t) for i, t in enumerate(titles)]
    write_tags(mp3, Tags("Evening news", "Harbour Radio", "Harbour Radio", chapters=chapters))
    stored = ID3(mp3).getall("CHAP")  # in the order the file holds them
    assert [c.start_time for c in stored] == [i * 1000 for i in range(12)]
    assert [c.sub_frames["TIT2"].text[0] for c in stored] == titles
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "csv", str(mp3)],
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert len(probe.stdout.splitlines()) == 12
