"""Scripting: a cleaned Article becomes a Script of segments, each with a speaker.

Reading order, per paragraph: find the quotation marks (quotes.py), keep as speech only the
quotations that are speech rather than a quoted phrase (`_is_speech`), find who speaks each
one (quote_attribution.py, then the paragraph and the paragraphs around it), resolve names
across the article (speakers.py), and cut the paragraph into narrator sentences and quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tts.text.antecedents import LOOK_BACK, Event, antecedent, fits
from tts.text.model import NARRATOR, Article, Script, Segment, Speaker
from tts.text.quote_attribution import (
    SPEECH_VERBS,
    attribution_after,
    attribution_before,
    introduces_quote,
    leading_subject,
    subject_before,
)
from tts.text.quotes import DOUBLE, QuoteSpan, find_quote_spans, opens_with_quote, repair_unclosed
from tts.text.quotes import top_level as top_level_spans
from tts.text.sentences import sentence_spans, split_sentences
from tts.text.speakers import (
    NAME,
    PERSON,
    PRONOUN,
    SpeakerBook,
    SpeakerRef,
    find_mentions,
    is_document,
    is_label,
    trim_label,
)


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and extend than a list)."""
    return frozenset(text.split())


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
_SUBJECT_REACH = 301  # characters before a verb that may hold its subject
_POSITION = 1_000_000  # paragraph k's character i sits at k * _POSITION + i
_MIN_INTRODUCED_WORDS = 3  # `they described as "above average"` is a phrase, not speech
_TITLE_MAX_WORDS = 8
_FINITE_VERBS = tuple(v for v in SPEECH_VERBS if not v.endswith("ing") and v != "written")
_FINITE_SET = frozenset(_FINITE_VERBS)
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


def _narrative_verbs(sentence: str) -> list[re.Match[str]]:
    """Finite speech verbs in a sentence (`says`, `told`), by a word lookup: one regex of
    hundreds of alternatives costs more than the rest of scripting."""
    return [m for m in _LOWER_WORD.finditer(sentence) if m.group(0) in _FINITE_SET]


_SMALL_WORDS = _words("a an the and or of to in on at for by with from but nor as")


@dataclass
class _Quote:
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
class _Paragraph:
    index: int  # 1-based paragraph number in the article
    text: str
    quotes: list[_Quote]
    intro: SpeakerRef | None = None  # who the next paragraph's quote belongs to (a colon intro)


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
    paragraphs = _find_speech(texts)
    book = SpeakerBook()
    for k, para in enumerate(paragraphs):
        book.add_mentions(find_mentions(_narration_only(para), k * _POSITION))
    _attribute(paragraphs, book)
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
    )


def _voiced(speakers: dict[str, Speaker], segments: list[Segment]) -> dict[str, Speaker]:
    """Only the speakers who speak a segment: a name tried for a quote and then refused
    (a label check, a pronoun that did not fit) gets no voice and no cast entry."""
    used = {segment.speaker for segment in segments}
    return {name: speaker for name, speaker in speakers.items() if name in used}


def _collapse(text: str) -> str:
    return " ".join(text.split())


# ---- which quotations are speech -------------------------------------------------------


def _find_speech(texts: list[tuple[int, str]]) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    for k, (index, text) in enumerate(texts):
        next_opens = k + 1 < len(texts) and opens_with_quote(texts[k + 1][1])
        spans, orphans = find_quote_spans(text)
        para = _Paragraph(index, text, [])
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
                    _Quote(k, span, runs_on=runs_on and not span.closed, nested=inside)
                )
        for orphan in orphans:
            resumed = _resumed_span(text, orphan, para.quotes, sentences, previous_runs_on)
            if resumed is not None:
                para.quotes.append(_Quote(k, resumed))
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


def _sentence_start(sentences: list[tuple[int, int]], index: int) -> int:
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
    text: str, span: QuoteSpan, sentences: list[tuple[int, int]], earlier: list[_Quote]
) -> bool:
    """Speech, or a quoted phrase the narrator reads (a title, a scare quote, a fragment)?"""
    inner = span.inner(text).strip()
    words = inner.split()
    if not any(c.isalpha() for c in inner):
        return False
    if not span.opened:
        return True
    start = _sentence_start(sentences, span.start)
    previous = [q for q in earlier if q.span.end <= span.start and q.span.end > start]
    if previous:
        start = previous[-1].span.end
    before = text[start : span.start]
    after = _after_text(text, span, sentences)
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


def _after_text(text: str, span: QuoteSpan, sentences: list[tuple[int, int]]) -> str:
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
    quotes: list[_Quote],
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
        start = _sentence_start(sentences, max(orphan - 1, 0))
        if before:
            # `quotes` is in the order found, not in reading order: resumed quotes come last.
            start = max(start, *(q.span.end for q in before))
    while start < orphan and text[start].isspace():
        start += 1
    if start >= orphan:
        return None
    width = 2 if text.startswith("'" * 2, orphan) else 1
    return QuoteSpan(start, orphan + width, start, orphan, DOUBLE, opened=False, closed=True)


# ---- who speaks ---------------------------------------------------------------------------


def _attribute(paragraphs: list[_Paragraph], book: SpeakerBook) -> None:
    last_speaker: str | None = None
    events: list[Event] = []
    proper = _proper_words(paragraphs)
    for k, para in enumerate(paragraphs):
        text = para.text
        sentences = sentence_spans(text)
        base = k * _POSITION
        events.extend(_reporting_subjects(para, base, book, proper))
        events.sort(key=lambda e: e.position)
        # 1. words in the quote's own sentence: `"...," said X.` / `X said, "..."`
        for quote in para.quotes:
            span = quote.span
            ref = None
            if span.opened or span.closed:
                found = attribution_after(_after_text(text, span, sentences))
                if found:
                    ref, position = found[1], base + span.end
            if ref is None and span.opened:
                start = _sentence_start(sentences, span.start)
                earlier = [q for q in para.quotes if start < q.span.end <= span.start]
                if not earlier:
                    found = attribution_before(text[start : span.start])
                    if found:
                        ref, position = found[1], base + span.start
            if ref is not None and ref.kind == PRONOUN:
                name = antecedent(
                    ref.text,
                    position,
                    base,
                    events,
                    last_speaker,
                    book,
                    window=max(0, k - LOOK_BACK) * _POSITION,
                )
                if name is not None:
                    ref = SpeakerRef(NAME, name, ref.gender)
            if ref is not None:
                quote.speaker = book.resolve(ref, position)
                quote.explicit = quote.speaker is not None
                if ref.kind == PRONOUN and quote.speaker is None:
                    quote.pronoun = ref.text
                if quote.speaker:
                    events.append(Event(base + span.start, quote.speaker, quoted=True))
                    events.sort(key=lambda e: e.position)
        for quote in para.quotes:
            quote.voices = _nested_voices(text, quote, base, book)
        # 2. the rest of the paragraph, 3. the paragraphs before
        for i, quote in enumerate(para.quotes):
            if quote.speaker:
                continue
            fallback = _from_paragraph(para.quotes, i) or _from_context(
                paragraphs, k, quote, book, last_speaker
            )
            if fallback and quote.pronoun and not fits(fallback, quote.pronoun, book):
                fallback = None  # `it reads`: the person quoted before is not "it"
            quote.speaker = fallback
        for quote in para.quotes:
            if quote.speaker and not is_label(quote.speaker):
                trimmed = trim_label(quote.speaker)
                # a piece of the sentence, not a speaker: the narrator reads it
                quote.speaker = trimmed if is_label(trimmed) else None
        spoken = [q.speaker for q in para.quotes if q.speaker]
        if spoken:
            last_speaker = spoken[-1]


def _nested_voices(
    text: str, quote: _Quote, base: int, book: SpeakerBook
) -> list[tuple[QuoteSpan, str]]:
    """A quote inside a quote that its own words attribute (`the wire service reported:
    "Mayor Ken Adu told reporters, 'We have no plan,' and left."`) is voiced by the person
    it quotes. A nested phrase without an attribution stays in the outer speaker's voice."""
    voices = []
    outer = quote.span
    for span in quote.nested:
        if len(span.inner(text).split()) < _MIN_INTRODUCED_WORDS:
            continue
        clause_start = max(
            [outer.inner_start] + [m.end() for m in re.finditer(r"[.!?]\s", text[: span.start])]
        )
        found = attribution_before(text[clause_start : span.start])
        position = base + span.start
        if found is None:
            found = attribution_after(text[span.end : outer.inner_end])
        if found is None or found[1].kind != NAME:
            continue  # `My father always said, 'Never give up'`, `I say, '...'`: the outer voice
        name = book.resolve(found[1], position)
        if name and is_label(name):
            voices.append((span, name))
    return voices


def _from_paragraph(quotes: list[_Quote], i: int) -> str | None:
    """A quote with no attribution of its own continues its paragraph's speaker; a resumed
    quote (no opening mark) continues the one with its own kind of mark."""
    quote = quotes[i]
    candidates = [q for q in quotes[:i] if q.speaker and q.explicit]
    if not quote.span.opened:
        same = [q for q in candidates if q.span.family == quote.span.family]
        candidates = same or candidates
    if candidates:
        return candidates[-1].speaker
    later = [q for q in quotes[i + 1 :] if q.speaker and q.explicit]
    return later[0].speaker if later else None


def _from_context(
    paragraphs: list[_Paragraph],
    k: int,
    quote: _Quote,
    book: SpeakerBook,
    last_speaker: str | None,
) -> str | None:
    """Who speaks a quote its own paragraph does not attribute: the quote running on from
    the previous paragraph, a colon introduction, or the person the previous paragraph
    talks about (`Sheriff Bill Pribl says ...` then a bare quote paragraph)."""
    if k == 0:
        return None
    prev = paragraphs[k - 1]
    position = k * _POSITION + quote.span.start
    if prev.quotes and prev.quotes[-1].runs_on and prev.quotes[-1].speaker:
        return prev.quotes[-1].speaker
    if prev.intro is not None:
        name = book.resolve(prev.intro, position)
        if name:
            return name
    if prev.quotes and last_speaker:
        return last_speaker  # a bare quote paragraph after a quote: the same voice goes on
    ref = _narrative_attribution(prev)
    if ref is not None:
        name = book.resolve(ref, (k - 1) * _POSITION + len(prev.text))
        if name:
            return name
    return _person_in(prev, k - 1, book)


_DOCUMENT_SUBJECT = re.compile(
    r"^(?:A|An|The|This|That|His|Her|Their|Its)\s+(?:[\w'’-]+\s+){0,2}?(\w+)"
)


def _document_subject(sentence: str) -> SpeakerRef | None:
    """`A flyer went up at the library.`: a writing that a later "it reads" can mean."""
    match = _DOCUMENT_SUBJECT.match(sentence.lstrip())
    if match and is_document(match.group(1)):
        return SpeakerRef("description", sentence.lstrip()[: match.end()])
    return None


def _proper_words(paragraphs: list[_Paragraph]) -> frozenset[str]:
    """Capitalised words the article writes inside a sentence (`met Strada on Monday`):
    proper nouns, unlike a word capitalised only because it opens a sentence (`Footage`)."""
    return frozenset(
        m.group(1) for p in paragraphs for m in re.finditer(r"[a-z,] ([A-Z][\w'’-]+)", p.text)
    )


def _reporting_subjects(
    para: _Paragraph, base: int, book: SpeakerBook, proper: frozenset[str]
) -> list[Event]:
    """Who the narration of one paragraph reports as speaking (`Ann Lee told the board`) or
    makes the subject of a sentence (`In June, Ann Lee ...`), by position: the people a later
    "she said" most likely means."""
    text = _narration_only(para)
    events = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        refs = [(start, leading_subject(sentence) or _document_subject(sentence))]
        for match in _narrative_verbs(sentence):
            refs.append((start + match.start(), subject_before(_before(sentence, match.start()))))
        for offset, ref in refs:
            if ref is None or ref.kind == PRONOUN or ref.text[:1].isdigit():
                continue
            name = book.full_name(ref.text, base + offset) if ref.kind == NAME else ref.text
            if " " not in name and name not in book.speakers and name not in proper:
                near = text[max(0, offset - _SUBJECT_REACH) : offset + _SUBJECT_REACH]
                titled = re.search(rf"\b[A-Z][a-z]{{1,4}}\.\s+{re.escape(name)}\b", near)
                if not titled:  # `Mr. Haldane` is a person; `Footage of the rally` is not
                    continue
            events.append(Event(base + offset, name, quoted=False))
    return events


def _narrative_attribution(para: _Paragraph) -> SpeakerRef | None:
    """The subject of the last `X says ...` in a narration paragraph (indirect speech)."""
    text = _narration_only(para)
    found: SpeakerRef | None = None
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        for match in _narrative_verbs(sentence):
            ref = subject_before(_before(sentence, match.start()))
            if ref is not None and not ref.text[:1].isdigit():
                found = ref
                break
    return found


def _before(sentence: str, index: int) -> str:
    """The words before `index` that may hold its subject (subject_before looks no further;
    a slice of the whole sentence per verb would make a long sentence quadratic)."""
    return sentence[max(0, index - _SUBJECT_REACH) : index]


def _person_in(para: _Paragraph, k: int, book: SpeakerBook) -> str | None:
    low, high = k * _POSITION, (k + 1) * _POSITION
    people = [m for m in book.mentions if low <= m.position < high and m.kind == PERSON]
    if not people:
        return None
    return book.resolve(SpeakerRef("name", people[-1].name), people[-1].position + 1)


def _narration_only(para: _Paragraph) -> str:
    """The paragraph with its speech blanked out (offsets kept): names said inside a quote
    are not the narrator's mentions."""
    chars = list(para.text)
    for quote in para.quotes:
        for i in range(quote.span.inner_start, quote.span.inner_end):
            chars[i] = " "
    return "".join(chars)


# ---- segments -----------------------------------------------------------------------------


def _segments(para: _Paragraph) -> list[Segment]:
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
