"""Readers: one per input type, chosen by file extension, all returning a raw Article."""

from __future__ import annotations

from pathlib import Path

from tts.errors import InputError
from tts.text.model import Article

MAX_BYTES = 20 * 1024 * 1024


def read_article(source: str | Path) -> Article:
    """Read a .txt page dump into an Article whose paragraphs are the raw lines."""
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check the path") from exc
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: {len(data) // 1_000_000} MB is too big for an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text; save it as UTF-8 and try again") from exc
    return Article(source=str(source), paragraphs=text.splitlines())
