"""Scripting: a cleaned Article becomes a Script of segments, each with a speaker.

Reading order: find which quotations are speech (`speech.py`), who speaks each one
(`attribute.py`, with names resolved across the article by `speakers.py`), then cut every
paragraph into narrator sentences and quotes with the pauses between them.
"""

from __future__ import annotations

import re

from tts.text.model import NARRATOR, Article, Script, Segment, Speaker
from tts.text.script.attribute import attribute
from tts.text.script.speaker_book import SpeakerBook, find_mentions
from tts.text.script.speech import POSITION, Paragraph, find_speech
from tts.text.sentences import split_sentences

__all__ = ["script_article", "split_sentences", "PAUSES"]

# Silence after a segment, in milliseconds; the audio stage inserts it.
PAUSES = {
    "headline": 1000,
    "announcement": 300,
    "caption": 800,
    "sentence": 350,  # between sentences in one paragraph
    "paragraph": 700,  # after the last segment of a paragraph
    "turn": 250,  # a change of voice inside a sentence: `"...," said X.`
}


def script_article(article: Article, *, announce_caption: bool = True) -> Script:
    """Cut a cleaned article into headline, caption and body segments with speakers."""
    segments: list[Segment] = []
    title = _collapse(article.title or "")
    if title:
        segments.append(Segment("headline", NARRATOR, title, paragraph=0))
    if article.image_caption and article.image_caption.strip():
        if announce_caption:
            segments.append(Segment("announcement", NARRATOR, "Photo caption:", paragraph=0))
        segments.append(Segment("caption", NARRATOR, _collapse(article.image_caption)))
    for segment in segments:
        segment.pause_after = PAUSES[segment.kind]

    texts = [(index, _collapse(p)) for index, p in enumerate(article.paragraphs, start=1)]
    texts = [(index, p) for index, p in texts if p]
    if texts and texts[0][1] == title:
        # The headline printed again above the story is read once. Further down, a line
        # that happens to match it is story text and is read.
        texts = texts[1:]
    paragraphs = find_speech(texts)
    book = SpeakerBook()
    for k, para in enumerate(paragraphs):
        book.add_mentions(find_mentions(para.narration, k * POSITION))
    attribute(paragraphs, book)
    for para in paragraphs:
        segments.extend(_segments(para))
    return Script(
        source=article.source,
        title=article.title,
        author=article.author,
        published=article.published,
        outlet=article.outlet,
        speakers=_voiced(book.finished_speakers(), segments),
        segments=segments,
        language=article.language,
    )


def _voiced(speakers: dict[str, Speaker], segments: list[Segment]) -> dict[str, Speaker]:
    """Only the speakers who speak a segment: a name tried for a quote and then refused
    (a label check, a pronoun that did not fit) gets no voice and no cast entry."""
    used = {segment.speaker for segment in segments}
    return {name: speaker for name, speaker in speakers.items() if name in used}


def _collapse(text: str) -> str:
    return " ".join(text.split())


# ---- segments -----------------------------------------------------------------------------


def _segments(para: Paragraph) -> list[Segment]:
    text = para.text
    pieces: list[tuple[int, int, str | None]] = []
    cursor = 0
    for quote in para.quotes:
        if quote.speaker is None:
            continue  # no speaker found: the narrator reads it, marks and all
        span = quote.span
        pieces.append((cursor, span.start, None))
        inner = span.inner_start
        for nested, voice in quote.voices:
            pieces.append((inner, nested.start, quote.speaker))
            pieces.append((nested.inner_start, nested.inner_end, voice))
            inner = nested.end
        pieces.append((inner, span.inner_end, quote.speaker))
        cursor = span.end
    pieces.append((cursor, len(text), None))

    segments: list[Segment] = []
    sentence_ends: list[bool] = []
    for start, end, speaker in pieces:
        chunk = text[start:end]
        if speaker is not None:
            chunk = chunk.strip()
            if re.search(r"\w", chunk):
                segments.append(Segment("quote", speaker, chunk, paragraph=para.index))
                sentence_ends.append(bool(re.search(r"[.!?…][\"'”’)\]]*$", chunk)))
            continue
        for sentence in split_sentences(chunk):
            sentence = sentence.strip().lstrip(",;: ").strip()
            if not re.search(r"\w", sentence):
                continue
            segments.append(Segment("body", NARRATOR, sentence, paragraph=para.index))
            sentence_ends.append(bool(re.search(r"[.!?…][\"'”’)\]]*$", sentence)))
    for i, segment in enumerate(segments):
        if i == len(segments) - 1:
            segment.pause_after = PAUSES["paragraph"]
        elif not sentence_ends[i] or segments[i + 1].speaker != segment.speaker:
            segment.pause_after = PAUSES["turn"] if not sentence_ends[i] else PAUSES["sentence"]
        else:
            segment.pause_after = PAUSES["sentence"]
    return segments
