"""Which file a request names: an enclosure's `?v=VERSION` gets that version while it is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from feeds.served_files import kept_version, resolve_request_path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    audio = tmp_path / "episodes" / "ferry.mp3"
    audio.parent.mkdir()
    audio.write_bytes(b"new audio")
    kept = kept_version(audio, "0123456789ab")
    kept.parent.mkdir()
    kept.write_bytes(b"old audio")
    return tmp_path.resolve()


def _served(root: Path, target: str) -> bytes | None:
    path = resolve_request_path(target, root, None)
    return path.read_bytes() if path else None


def test_the_version_a_feed_names_is_served_while_it_is_kept(root: Path) -> None:
    assert _served(root, "/episodes/ferry.mp3?v=0123456789ab") == b"old audio"
    assert _served(root, "/episodes/ferry.mp3?x=1&v=0123456789ab#t=3") == b"old audio"


@pytest.mark.parametrize(
    "query",
    ["", "?v=ffffffffffff", "?v=0123456789AB", "?v=../ferry", "?v=0123456789ab/x", "?w=1"],
)
def test_any_other_request_gets_the_file_itself(root: Path, query: str) -> None:
    assert _served(root, "/episodes/ferry.mp3" + query) == b"new audio"


def test_a_kept_version_is_never_served_by_its_own_name(root: Path) -> None:
    assert _served(root, "/episodes/.versions/ferry.0123456789ab.mp3") is None
    assert _served(root, "/episodes/%2eversions/ferry.0123456789ab.mp3") is None
