"""An episode's read-along book lives as its MP3 does: made with it, made again when the
episode changes or the book is missing, removed with it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from talkingpaper.cli import main
from tests.conftest import ROOT

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]

FERRY = """Ferry back

The harbour ferry sailed again on Monday.

"We missed the horn," said Tomas Reyes.
"""


def _run(show: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, [*args, "--show", str(show)])
    assert result.exit_code == 0, result.output
    return result


def _text(book: Path) -> str:
    with zipfile.ZipFile(book) as archive:
        return " ".join(
            archive.read(name).decode() for name in archive.namelist() if name.endswith(".xhtml")
        )


def test_the_book_is_made_remade_and_removed_with_its_episode(tmp_path: Path) -> None:
    show = tmp_path / "show"
    (show / "content").mkdir(parents=True)
    (show / "show.toml").write_text((ROOT / "show.toml").read_text())
    article = show / "content" / "ferry.txt"
    article.write_text(FERRY)
    _run(show, "build", "-qq")
    episodes = show / "output" / "episodes"
    book = episodes / "ferry.epub"
    assert json.loads((episodes / "ferry.json").read_text())["epub"] == "episodes/ferry.epub"
    assert "We missed the horn," in _text(book)

    made = book.read_bytes()
    book.unlink()  # a show built before books, or a book lost: the episode is made again
    assert "1 built" in _run(show, "build").output
    assert book.read_bytes() == made  # byte for byte: no build time inside
    assert "0 built, 1 unchanged" in _run(show, "build").output

    article.write_text(FERRY.replace("Monday", "Tuesday"))
    _run(show, "build", "-qq")
    assert "sailed again on Tuesday." in _text(book)

    _run(show, "remove", "ferry")
    assert not book.exists()
