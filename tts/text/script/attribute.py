"""Who speaks each quotation: its own sentence, its paragraph, the paragraphs before.

In order: the words around the quote (`quote_attribution.py`), with a pronoun resolved by
`antecedents.py`; a quote inside a quoted report that names its own speaker; then the
paragraph's other quotes, a colon introduction, a quote running on, the person the previous
paragraph reports speaking. Every label is checked (`speakers.is_label`) before it is kept.
"""

from __future__ import annotations

import re

from tts.text.script.antecedents import LOOK_BACK, Event, antecedent, fits
from tts.text.script.attribution import attribution_after, attribution_before
from tts.text.script.quotes import QuoteSpan
from tts.text.script.speaker_book import SpeakerBook
from tts.text.script.speakers import (
    NAME,
    PERSON,
    PRONOUN,
    SpeakerRef,
    is_document,
    is_label,
    trim_label,
)
from tts.text.script.speech import (
    _MIN_INTRODUCED_WORDS,
    POSITION,
    Paragraph,
    Quote,
    after_text,
    sentence_start,
)
from tts.text.script.speech_verbs import SPEECH_VERBS
from tts.text.script.subjects import leading_subject, subject_before
from tts.text.sentences import sentence_spans

_SUBJECT_REACH = 301  # characters before a verb that may hold its subject
_FINITE_VERBS = tuple(v for v in SPEECH_VERBS if not v.endswith("ing") and v != "written")
_FINITE_SET = frozenset(_FINITE_VERBS)
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


def _narrative_verbs(sentence: str) -> list[re.Match[str]]:
    """Finite speech verbs in a sentence (`says`, `told`), by a word lookup: one regex of
    hundreds of alternatives costs more than the rest of scripting."""
    return [m for m in _LOWER_WORD.finditer(sentence) if m.group(0) in _FINITE_SET]


def attribute(paragraphs: list[Paragraph], book: SpeakerBook) -> None:
    """Give every quote of the article its speaker, paragraph by paragraph."""
    last_speaker: str | None = None
    events: list[Event] = []
    proper = _proper_words(paragraphs)
    for k, para in enumerate(paragraphs):
        base = k * POSITION
        events.extend(_reporting_subjects(para, base, book, proper))
        events.sort(key=lambda e: e.position)
        window = max(0, k - LOOK_BACK) * POSITION
        # 1. words in the quote's own sentence: `"...," said X.` / `X said, "..."`
        for quote in para.quotes:
            _own_sentence(para, quote, base, window, events, last_speaker, book)
        for quote in para.quotes:
            quote.voices = _nested_voices(para.text, quote, base, book)
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


def _own_sentence(
    para: Paragraph,
    quote: Quote,
    base: int,
    window: int,
    events: list[Event],
    last_speaker: str | None,
    book: SpeakerBook,
) -> None:
    """The speaker the quote's own sentence names, a pronoun resolved (see antecedents)."""
    text, span = para.text, quote.span
    sentences = sentence_spans(text)
    ref, position = None, base
    if span.opened or span.closed:
        found = attribution_after(after_text(text, span, sentences))
        if found:
            ref, position = found[1], base + span.end
    if ref is None and span.opened:
        start = sentence_start(sentences, span.start)
        earlier = [q for q in para.quotes if start < q.span.end <= span.start]
        if not earlier:
            found = attribution_before(text[start : span.start])
            if found:
                ref, position = found[1], base + span.start
    if ref is None:
        return
    if ref.kind == PRONOUN:
        name = antecedent(ref.text, position, base, events, last_speaker, book, window=window)
        if name is not None:
            ref = SpeakerRef(NAME, name, ref.gender)
    quote.speaker = book.resolve(ref, position)
    quote.explicit = quote.speaker is not None
    if ref.kind == PRONOUN and quote.speaker is None:
        quote.pronoun = ref.text
    if quote.speaker:
        events.append(Event(base + span.start, quote.speaker, quoted=True))
        events.sort(key=lambda e: e.position)


def _nested_voices(
    text: str, quote: Quote, base: int, book: SpeakerBook
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


def _from_paragraph(quotes: list[Quote], i: int) -> str | None:
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
    paragraphs: list[Paragraph],
    k: int,
    quote: Quote,
    book: SpeakerBook,
    last_speaker: str | None,
) -> str | None:
    """Who speaks a quote its own paragraph does not attribute: the quote running on from
    the previous paragraph, a colon introduction, or the person the previous paragraph
    talks about (`Sheriff Bill Pribl says ...` then a bare quote paragraph)."""
    if k == 0:
        return None
    prev = paragraphs[k - 1]
    position = k * POSITION + quote.span.start
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
        name = book.resolve(ref, (k - 1) * POSITION + len(prev.text))
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


def _proper_words(paragraphs: list[Paragraph]) -> frozenset[str]:
    """Capitalised words the article writes inside a sentence (`met Strada on Monday`):
    proper nouns, unlike a word capitalised only because it opens a sentence (`Footage`)."""
    return frozenset(
        m.group(1) for p in paragraphs for m in re.finditer(r"[a-z,] ([A-Z][\w'’-]+)", p.text)
    )


def _reporting_subjects(
    para: Paragraph, base: int, book: SpeakerBook, proper: frozenset[str]
) -> list[Event]:
    """Who the narration of one paragraph reports as speaking (`Ann Lee told the board`) or
    makes the subject of a sentence (`In June, Ann Lee ...`), by position: the people a later
    "she said" most likely means."""
    text = para.narration
    events = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        refs = [(start, leading_subject(sentence) or _document_subject(sentence))]
        refs += [(start + at, ref) for at, ref in _verb_subjects(sentence)]
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


def _narrative_attribution(para: Paragraph) -> SpeakerRef | None:
    """The subject of the last `X says ...` in a narration paragraph (indirect speech)."""
    text = para.narration
    found: SpeakerRef | None = None
    for start, end in sentence_spans(text):
        subjects = [ref for _, ref in _verb_subjects(text[start:end]) if ref is not None]
        found = next((ref for ref in subjects if not ref.text[:1].isdigit()), found)
    return found


def _verb_subjects(sentence: str) -> list[tuple[int, SpeakerRef | None]]:
    """Each speech verb of a narration sentence with its subject (`Ann Lee told ...`)."""
    return [
        (m.start(), subject_before(_before(sentence, m.start())))
        for m in _narrative_verbs(sentence)
    ]


def _before(sentence: str, index: int) -> str:
    """The words before `index` that may hold its subject (subject_before looks no further;
    a slice of the whole sentence per verb would make a long sentence quadratic)."""
    return sentence[max(0, index - _SUBJECT_REACH) : index]


def _person_in(para: Paragraph, k: int, book: SpeakerBook) -> str | None:
    low, high = k * POSITION, (k + 1) * POSITION
    people = [m for m in book.mentions if low <= m.position < high and m.kind == PERSON]
    if not people:
        return None
    return book.resolve(SpeakerRef("name", people[-1].name), people[-1].position + 1)
