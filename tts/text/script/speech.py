"""Which quotations of an article are speech, and where each paragraph's speech runs.

A quotation is speech, or a phrase the narrator reads in passing: a title, a scare quote,
a word or two the sentence goes on to use (`_is_speech`). A quote left open at a
paragraph's end runs on into the next; a closing mark with no opener resumes a quote. The
result, per paragraph, is the list of `Quote`s that someone speaks; `attribute.py` decides
who.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from tts.text.script.attribution import attribution_after, attribution_before, introduces_quote
from tts.text.script.quotes import (
    DOUBLE,
    QuoteSpan,
    find_quote_spans,
    opens_with_quote,
    repair_unclosed,
)
from tts.text.script.quotes import top_level as top_level_spans
from tts.text.script.speakers import SpeakerRef, word_set
from tts.text.sentences import sentence_spans

POSITION = 1_000_000  # paragraph k's character i sits at k * POSITION + i
_MIN_INTRODUCED_WORDS = 3  # `they described as "above average"` is a phrase, not speech
_TITLE_MAX_WORDS = 8

_SMALL_WORDS = word_set("a an the and or of to in on at for by with from but nor as")


@dataclass
class Quote:
    """One stretch of speech in one paragraph."""

    paragraph: int  # position in the list of body paragraphs
    span: QuoteSpan
    speaker: str | None = None
    explicit: bool = False  # attributed by words in its own sentence
    runs_on: bool = False  # still open at the paragraph's end; the next paragraph continues it
    nested: list[QuoteSpan] = field(default_factory=list)  # quotes inside this one
    voices: list[tuple[QuoteSpan, str]] = field(default_factory=list)  # nested, attributed
    pronoun: str | None = None  # its own attribution's pronoun, when nobody fitted it


@dataclass
class Paragraph:
    index: int  # 1-based paragraph number in the article
    text: str
    quotes: list[Quote]
    intro: SpeakerRef | None = None  # who the next paragraph's quote belongs to (a colon intro)

    @cached_property
    def narration(self) -> str:
        """The paragraph with its speech blanked out (offsets kept): names said inside a
        quote are not the narrator's mentions. Read once the paragraph's quotes are found."""
        chars = list(self.text)  # one pass, however many quotes a paragraph holds
        for quote in self.quotes:
            start, end = quote.span.inner_start, quote.span.inner_end
            chars[start:end] = " " * (end - start)
        return "".join(chars)


def find_speech(texts: list[tuple[int, str]]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for k, (index, text) in enumerate(texts):
        next_opens = k + 1 < len(texts) and opens_with_quote(texts[k + 1][1])
        spans, orphans = find_quote_spans(text)
        para = Paragraph(index, text, [])
        sentences = sentence_spans(text)
        previous_runs_on = bool(
            paragraphs and paragraphs[-1].quotes and paragraphs[-1].quotes[-1].runs_on
        )
        top = top_level_spans(spans)
        for span in top:
            runs_on = False
            if not span.closed:
                if next_opens and span.inner(text).rstrip().endswith(":"):
                    # `Officials write that, "according to Dr. Murray:` introduces the next
                    # paragraph's quote; the fragment itself is narration.
                    para.intro = _intro_ref(span.inner(text))
                    continue
                if next_opens:
                    runs_on = True
                else:
                    span = repair_unclosed(text, span)
            if _is_speech(text, span, sentences, para.quotes):
                inside = [s for s in spans if s.depth and span.start < s.start < span.end]
                para.quotes.append(
                    Quote(k, span, runs_on=runs_on and not span.closed, nested=inside)
                )
        for orphan in orphans:
            resumed = _resumed_span(text, orphan, para.quotes, sentences, previous_runs_on)
            if resumed is not None:
                para.quotes.append(Quote(k, resumed))
        para.quotes.sort(key=lambda q: q.span.start)
        if para.intro is None and text.rstrip().endswith(":") and next_opens:
            last = text[sentences[-1][0] :] if sentences else text
            found = attribution_before(last)
            para.intro = found[1] if found else None
        paragraphs.append(para)
    return paragraphs


def _intro_ref(fragment: str) -> SpeakerRef | None:
    found = attribution_before(fragment)
    return found[1] if found else None


def sentence_start(sentences: list[tuple[int, int]], index: int) -> int:
    start = 0
    for a, _ in sentences:
        if a <= index:
            start = a
    return start


def _sentence_end(sentences: list[tuple[int, int]], index: int, default: int) -> int:
    for a, b in sentences:
        if a <= index < b:
            return b
    return default


def _is_speech(
    text: str, span: QuoteSpan, sentences: list[tuple[int, int]], earlier: list[Quote]
) -> bool:
    """Speech, or a quoted phrase the narrator reads (a title, a scare quote, a fragment)?"""
    inner = span.inner(text).strip()
    words = inner.split()
    if not any(c.isalpha() for c in inner):
        return False
    if not span.opened:
        return True
    start = sentence_start(sentences, span.start)
    previous = [q for q in earlier if q.span.end <= span.start and q.span.end > start]
    if previous:
        start = previous[-1].span.end
    before = text[start : span.start]
    after = after_text(text, span, sentences)
    attributed_after = attribution_after(after) is not None
    if before.strip() and not before.rstrip().endswith(":"):
        if previous and attribution_after(before) is not None:
            return True  # `"A," said X, "and B."`
        if attributed_after and before.rstrip()[-1:] in "-—–―(":
            return True  # `plans - "I love them," he said - and`: an aside, attributed
        if len(words) <= 5 and _looks_like_title(words) and inner[-1:] not in "!?":
            return False  # `told CNN's "New Day."`: a programme, a song, a book
        introduced = introduces_quote(before)
        return introduced and (len(words) >= _MIN_INTRODUCED_WORDS or inner[-1:] in "!?")
    # The quote opens its sentence (or follows a colon): speech unless it is a title or a
    # short phrase the sentence goes on to use as a noun (`"Bye Bye, Pandas" (marking ...`).
    if attributed_after:
        return True
    ends_clause = bool(re.search(r"[.!?,…]['’]?$", inner))
    continues = bool(re.match(r"\s*[a-z(]", text[span.end :])) if span.closed else False
    if _looks_like_title(words) and not re.search(r"[.!?]$", inner):
        return False
    return not (len(words) <= 6 and not ends_clause and continues)


def _looks_like_title(words: list[str]) -> bool:
    if not words or len(words) > _TITLE_MAX_WORDS:
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words)


def after_text(text: str, span: QuoteSpan, sentences: list[tuple[int, int]]) -> str:
    """The words after a closing mark that may attribute it: the rest of its sentence, or
    the next sentence when that is a short attribution (`"Help!" Smith said.`)."""
    end = _sentence_end(sentences, max(span.end - 1, 0), len(text))
    nxt = re.search(r"[\"“”]", text[span.end : end])
    after = text[span.end : span.end + nxt.start()] if nxt else text[span.end : end]
    if after.strip():
        return after
    following = [(a, b) for a, b in sentences if a >= span.end]
    if following:
        a, b = following[0]
        candidate = text[a:b]
        if len(candidate.split()) <= 10 and not re.search(r"[\"“”]", candidate):
            return candidate
    return after


def _resumed_span(
    text: str,
    orphan: int,
    quotes: list[Quote],
    sentences: list[tuple[int, int]],
    previous_runs_on: bool,
) -> QuoteSpan | None:
    """A closing mark with no opener: the quotation resumed after an aside, or carried on
    from the previous paragraph with its opening mark lost."""
    before = [q for q in quotes if q.span.end <= orphan]
    if any(q.span.start <= orphan < q.span.end for q in quotes):
        return None
    if not before and previous_runs_on:
        start = 0
    else:
        start = sentence_start(sentences, max(orphan - 1, 0))
        if before:
            # `quotes` is in the order found, not in reading order: resumed quotes come last.
            start = max(start, *(q.span.end for q in before))
    while start < orphan and text[start].isspace():
        start += 1
    if start >= orphan:
        return None
    width = 2 if text.startswith("'" * 2, orphan) else 1
    return QuoteSpan(start, orphan + width, start, orphan, DOUBLE, opened=False, closed=True)
