"""Reading: a file, a page or a URL becomes a raw Article (lines, metadata, cuts)."""

from tts.text.read.article import (
    HTML_SUFFIXES,
    MAX_BYTES,
    decode_text,
    fetch_article,
    read_article,
    read_html,
    read_text,
    visible_text,
)

__all__ = [
    "HTML_SUFFIXES",
    "MAX_BYTES",
    "decode_text",
    "fetch_article",
    "read_article",
    "read_html",
    "read_text",
    "visible_text",
]
