"""A spoken segment's cue cut into sentences, and a long sentence into clauses, only where the
voice paused.

Stitching times a segment (one stretch of one voice: a sentence, a quote's part, an
announcement of several sentences) as a whole. Inside it, the text says where a voice pauses: a
sentence's end, and a comma, semicolon, colon, dash or parenthesis (espeak-ng and Piper both
pause there). Each such place is timed by the silence measured there in the segment's audio
(`Cue.pauses`, tts/pauses.py) when one lies near where the text puts it, else by spoken length
between the measured places around it. A cue is cut nowhere else, so it never ends inside a
phrase the voice spoke in one breath.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tts.episode import Cue
from tts.text.sentences import sentence_spans

LONGEST = 8.0  # seconds: a longer sentence is cut at its clauses, when it has any
SHORTEST = 1.5  # seconds: a shorter clause stays with a neighbour rather than flash alone

# A clause ends at a run of , ; : ) and closing quotes holding one of , ; : ) and followed by
# a space ("200,000" and "3:30" go on); at a dash with spaces around it, or an em dash between
# words ("entreaties—or"). An opening parenthesis starts one.
_CLAUSE_END = re.compile(r"[,;:)\]\"'”’]*[,;:)][,;:)\]\"'”’]*(?=\s)|\s[-–—]{1,2}(?=\s)|—(?=\w)")
_CLAUSE_OPEN = re.compile(r"(?<=\s)\(")
_WORD = re.compile(r"\w")

# Spoken length is counted in characters: a digit takes about four ("2018": twenty eighteen),
# a clause's pause about three (200 ms at 15 characters a second), a sentence's about six.
DIGIT = 4.0
CLAUSE_PAUSE = 3.0
SENTENCE_PAUSE = 6.0
# A measured silence is taken as a place's pause when it lies within this share of the
# segment's length (at least SEARCH_MIN seconds) of where spoken length puts the place.
SEARCH_SHARE = 0.12
SEARCH_MIN = 0.5
LEAD = 0.1  # seconds of a pause given to the piece after it: a seek lands before its first sound


@dataclass(frozen=True)
class Place:
    """Where the voice pauses in a cue's text: the words before end at `end`, the next start
    at `start`; a sentence's end or a clause's."""

    end: int
    start: int
    sentence: bool


def pause_places(text: str) -> list[Place]:
    """Every place in `text` where speech pauses, in order (never its very start or end)."""
    places: list[Place] = []
    spans = sentence_spans(text)
    for n, (first, last) in enumerate(spans):
        cuts = {m.end() for m in _CLAUSE_END.finditer(text, first, last)}
        cuts |= {m.start() for m in _CLAUSE_OPEN.finditer(text, first, last)}
        for cut in sorted(cuts):
            end, start = _around_space(text, cut)
            if first < end and start < last:
                places.append(Place(end, start, sentence=False))
        if n + 1 < len(spans):
            places.append(Place(last, spans[n + 1][0], sentence=True))
    return _worded(text, places)


def _worded(text: str, places: Sequence[Place]) -> list[Place]:
    """The places with words between them: marks with none between ("(mostly) —", a comma
    then a parenthesis) are one place, after the last mark, so no caption is marks alone."""
    kept: list[Place] = []
    for place in places:
        if _WORD.search(text, kept[-1].start if kept else 0, place.end):
            kept.append(place)
        elif kept:
            kept[-1] = Place(place.end, place.start, kept[-1].sentence or place.sentence)
    while kept and not _WORD.search(text, kept[-1].start):
        kept.pop()
    return kept


def _around_space(text: str, cut: int) -> tuple[int, int]:
    end, start = cut, cut
    while end > 0 and text[end - 1].isspace():
        end -= 1
    while start < len(text) and text[start].isspace():
        start += 1
    return end, start


def spoken_length(text: str) -> float:
    """About how long `text` takes to say, in characters of speech."""
    letters = sum(ch.isalpha() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    return letters + DIGIT * digits + len(text.split())


def place_times(cue: Cue, places: Sequence[Place]) -> list[float]:
    """When the words after each place start: at the measured pause near where spoken length
    puts the place, else shared out by spoken length between the timed places around it."""
    reach = _reach(cue.text, places)
    total = reach[-1] or 1.0
    duration = cue.end - cue.start
    expected = [cue.start + duration * r / total for r in reach[:-1]]
    search = max(SEARCH_MIN, SEARCH_SHARE * duration)
    known = {i: _pause_time(cue.pauses[j]) for i, j in _align(expected, cue.pauses, search)}
    anchors = [(0.0, cue.start), *((reach[i], known[i]) for i in sorted(known)), (total, cue.end)]
    times, previous = [], cue.start
    for i, r in enumerate(reach[:-1]):
        t = known[i] if i in known else _between(anchors, r)
        previous = min(max(t, previous), cue.end)  # in order and inside the cue, always
        times.append(previous)
    return times


def _pause_time(pause: tuple[float, float]) -> float:
    a, b = pause
    return max(a + (b - a) / 2, b - LEAD)


def _reach(text: str, places: Sequence[Place]) -> list[float]:
    """The spoken length up to each place (to the middle of its pause) and, last, the whole."""
    reach, done, at = [], 0.0, 0
    for place in places:
        pause = SENTENCE_PAUSE if place.sentence else CLAUSE_PAUSE
        done += spoken_length(text[at : place.end]) + pause / 2
        reach.append(done)
        done += pause / 2
        at = place.start
    reach.append(done + spoken_length(text[at:]))
    return reach


def _between(anchors: Sequence[tuple[float, float]], r: float) -> float:
    """The time at spoken length `r`, in proportion between the anchors around it."""
    for (r0, t0), (r1, t1) in zip(anchors, anchors[1:], strict=False):
        if r0 <= r <= r1:
            return t0 + (t1 - t0) * (r - r0) / ((r1 - r0) or 1.0)
    return anchors[-1][1]


def _align(
    expected: Sequence[float], pauses: Sequence[tuple[float, float]], search: float
) -> list[tuple[int, int]]:
    """(place, pause) pairs, both in order, each used once, within `search` seconds: the most
    places matched, then the least distance in all (dynamic programming over both lists)."""
    n, m = len(expected), len(pauses)
    # cost[i][j]: (places unmatched, distance) aligning the first i places and j pauses.
    cost = [[(i, 0.0)] * (m + 1) for i in range(n + 1)]
    came: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            unmatched, distance = cost[i - 1][j]
            options = [((unmatched + 1, distance), (i - 1, j)), (cost[i][j - 1], (i, j - 1))]
            gap = abs(expected[i - 1] - sum(pauses[j - 1]) / 2)
            if gap <= search:
                unmatched, distance = cost[i - 1][j - 1]
                options.append(((unmatched, distance + gap), (i - 1, j - 1)))
            cost[i][j], came[i, j] = min(options, key=lambda o: o[0])
    pairs, i, j = [], n, m
    while i > 0 and j > 0:
        pi, pj = came[i, j]
        if (pi, pj) == (i - 1, j - 1):
            pairs.append((i - 1, j - 1))
        i, j = pi, pj
    return pairs[::-1]


@dataclass(frozen=True)
class _Piece:
    first: int  # offsets in the cue's text
    last: int
    start: float  # seconds
    end: float


def _sentences(cue: Cue) -> list[list[_Piece]]:
    """The cue's sentences, each as its clauses, timed."""
    places = pause_places(cue.text)
    times = place_times(cue, places)
    firsts = [len(cue.text) - len(cue.text.lstrip()), *(p.start for p in places)]
    lasts = [*(p.end for p in places), len(cue.text.rstrip())]
    starts, ends = [cue.start, *times], [*times, cue.end]
    sentences: list[list[_Piece]] = [[]]
    for k, (first, last) in enumerate(zip(firsts, lasts, strict=True)):
        sentences[-1].append(_Piece(first, last, starts[k], ends[k]))
        if k < len(places) and places[k].sentence:
            sentences.append([])
    return sentences


def _cue(cue: Cue, pieces: Sequence[_Piece]) -> Cue:
    text = " ".join(cue.text[pieces[0].first : pieces[-1].last].split())
    return replace(cue, start=pieces[0].start, end=pieces[-1].end, text=text, pauses=[])


def sentence_cues(cue: Cue) -> list[Cue]:
    """One cue for each sentence of `cue`, timed where the voice paused between them."""
    return [_cue(cue, pieces) for pieces in _sentences(cue)]


def caption_cues(cue: Cue, longest: float = LONGEST) -> list[Cue]:
    """The captions of `cue`: one per sentence, a sentence longer than `longest` seconds cut
    at its clauses into as few pieces as keep each under `longest`, none shorter than
    SHORTEST when that can be helped, and as even as the clauses allow."""
    captions = []
    for pieces in _sentences(cue):
        captions += [_cue(cue, group) for group in _groups(pieces, longest)]
    return captions


def _groups(pieces: Sequence[_Piece], longest: float) -> list[Sequence[_Piece]]:
    if pieces[-1].end - pieces[0].start <= longest:
        return [pieces]

    # Each caption costs 1, so fewer is better; one over `longest` costs 5 more and more still
    # the further over, one under SHORTEST the further under; the square keeps them even.
    def penalty(a: int, b: int) -> float:  # pieces[a:b] as one caption
        d = pieces[b - 1].end - pieces[a].start
        over = 5 + 10 * (d - longest) ** 2 if d > longest else 0.0
        return 1 + over + 10 * max(0.0, SHORTEST - d) ** 2 + d * d / 100

    # best[b]: the least penalty of captioning pieces[:b], and where its last caption starts.
    best: list[tuple[float, int]] = [(0.0, 0)]
    for b in range(1, len(pieces) + 1):
        best.append(min((best[a][0] + penalty(a, b), a) for a in range(b)))
    groups, b = [], len(pieces)
    while b > 0:
        a = best[b][1]
        groups.append(pieces[a:b])
        b = a
    return groups[::-1]
