"""`check` lists each episode's read-along book (P20-11): there, and an EPUB container."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from feeds.check import check_output
from feeds.check.alternates import epub_problem


def _zip(path: Path, entries: list[tuple[str, bytes, int]]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data, method in entries:
            archive.writestr(zipfile.ZipInfo(name), data, method)
    return path


MIMETYPE = ("mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
PACKAGE = ("EPUB/package.opf", b"<package/>", zipfile.ZIP_DEFLATED)


@pytest.mark.parametrize(
    ("entries", "problem"),
    [
        ([MIMETYPE, PACKAGE], None),
        ([PACKAGE, MIMETYPE], "its first entry is not mimetype"),
        ([(*MIMETYPE[:2], zipfile.ZIP_DEFLATED), PACKAGE], "compressed"),
        ([("mimetype", b"application/zip", zipfile.ZIP_STORED)], "does not say"),
    ],
)
def test_an_epub_container_starts_with_its_stored_mimetype(
    tmp_path: Path, entries: list[tuple[str, bytes, int]], problem: str | None
) -> None:
    found = epub_problem(_zip(tmp_path / "book.epub", entries))
    assert found == problem if problem is None else problem in (found or "")


def test_a_file_that_is_no_zip_is_named_so(tmp_path: Path) -> None:
    book = tmp_path / "book.epub"
    book.write_bytes(b"ID3 an mp3 by mistake")
    assert "not a zip file" in (epub_problem(book) or "")


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_check_finds_a_built_book_whole_and_a_missing_or_broken_one(
    edition_show: Path, tmp_path: Path
) -> None:
    assert check_output(edition_show / "output", rules=["P20-11"]) == []
    output = Path(shutil.copytree(edition_show / "output", tmp_path / "output"))
    (book,) = (output / "episodes").glob("*.epub")
    _zip(book, [PACKAGE, MIMETYPE])
    (broken,) = check_output(output, rules=["P20-11"])
    assert broken.severity == "error" and f"{book.name} is no EPUB" in broken.message
    book.unlink()
    (missing,) = check_output(output, rules=["P20-11"])
    assert f"book {book.name} is missing" in missing.message
    assert "talkingpaper build" in missing.fix
