"""The Media Overlay of each XHTML document: a SMIL file that ties every sentence's element
to its clip of the episode's MP3, so a reading system plays the text with the voice.

A clip is exactly the sentence's cue (its first to its last sound); the pause the script puts
after a sentence lies between two clips. Times are written to the millisecond, and rounding
keeps their order, so clips never overlap.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from feeds.clock_values import millisecond_clock
from feeds.epub_model import Sentence
from feeds.epub_text import EPUB_NS

SMIL_NS = "http://www.w3.org/ns/SMIL"


def clock(seconds: float) -> str:
    """A SMIL full clock value, h:mm:ss.fff (media:duration takes the same form)."""
    return millisecond_clock(seconds, hour_digits=1)


def clip_seconds(sentence: Sentence) -> float:
    """How long the sentence's clip plays, as the rounded clock values in the file say."""
    return max(0, round(sentence.end * 1000) - round(sentence.start * 1000)) / 1000


def overlay(text: str, audio: str, sentences: Sequence[tuple[str, Sentence]]) -> bytes:
    """The SMIL document for the XHTML file `text`; `audio` and `text` are relative to it."""
    nsmap = {None: SMIL_NS, "epub": EPUB_NS}
    smil = etree.Element(f"{{{SMIL_NS}}}smil", nsmap=nsmap, version="3.0")
    body = etree.SubElement(smil, f"{{{SMIL_NS}}}body")
    for ident, sentence in sentences:
        par = etree.SubElement(body, f"{{{SMIL_NS}}}par", id=f"par-{ident}")
        etree.SubElement(par, f"{{{SMIL_NS}}}text", src=f"{text}#{ident}")
        etree.SubElement(
            par,
            f"{{{SMIL_NS}}}audio",
            src=audio,
            clipBegin=clock(sentence.start),
            clipEnd=clock(sentence.end),
        )
    return etree.tostring(smil, encoding="utf-8", xml_declaration=True, pretty_print=True)
