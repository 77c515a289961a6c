"""tts.files: the old file or the new one, never half, and no leftover under any name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tts.files import TEMPORARY, replace_durably, temporary_name, write_atomic


def test_write_replaces_the_whole_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "record.json"
    write_atomic(target, b"old")
    write_atomic(target, b"new and longer")
    assert target.read_bytes() == b"new and longer"
    assert sorted(p.name for p in target.parent.iterdir()) == ["record.json"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "record.json"
    write_atomic(target, b"old")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.json"]


def test_the_temporary_name_is_hidden_beside_the_target(tmp_path: Path) -> None:
    name = temporary_name(tmp_path / "episode.mp3")
    assert name.parent == tmp_path
    assert name.name == f".episode.mp3.{os.getpid()}.tmp"


def test_every_temporary_name_is_one_the_sweep_knows(tmp_path: Path) -> None:
    names = [
        temporary_name(tmp_path / "feed.xml").name,
        temporary_name(tmp_path / "abc.wav").name,  # audio keeps its suffix for ffmpeg
        temporary_name(temporary_name(tmp_path / "abc.wav"), "pitch").name,
        temporary_name(tmp_path / "abc.wav", "3").name,
    ]
    assert names[1].endswith(".tmp.wav") and names[3].endswith(".3.tmp.wav")
    assert all(TEMPORARY.match(n) for n in names), names
    for kept in ["abc.wav", ".notes.txt", "notes.tmp", ".cache", ".build.lock"]:
        assert not TEMPORARY.match(kept), kept


def test_replace_durably_moves_a_written_file(tmp_path: Path) -> None:
    written = tmp_path / "draft"
    written.write_bytes(b"data")
    replace_durably(written, tmp_path / "final")
    assert (tmp_path / "final").read_bytes() == b"data" and not written.exists()
