"""Captions cut only where the voice paused: a segment's cue into sentences, a long sentence
into clauses, timed by the silences measured in its audio or else by spoken length."""

from __future__ import annotations

import json
import re
import wave
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tts.cue_split import LONGEST, caption_cues, pause_places, place_times, sentence_cues
from tts.engines import get_engine
from tts.episode import AudioSettings, Cue, Part, render_episode, trim_silence
from tts.transcript import to_json_transcript, to_srt, to_vtt

COMMAS = (
    "The blue ferry left the old harbour at dawn on Monday, carried forty passengers and one "
    "patient dog across the bay, and docked at the island village an hour before the storm."
)
NO_PAUSE = (
    "The volunteers who cleaned the gears of the town library clock by hand during the long "
    "winter months expect the old mechanism to keep good time for another fifty years."
)
# What a caption ends with, but for the segment's last or one before a parenthesis.
PAUSE_END = re.compile(r"[.!?…,;:)—–-][\"'”’)\]]*$")


def cue(text: str, start: float = 10.0, end: float = 22.0, pauses=()) -> Cue:
    return Cue(start, end, "Mara Quinlan", text, "gmw/en-us", 3, list(pauses))


def test_a_long_sentence_with_commas_is_cut_only_at_its_commas() -> None:
    captions = caption_cues(cue(COMMAS))
    assert len(captions) >= 2
    assert [c.text[-1] for c in captions[:-1]] == [","] * (len(captions) - 1)
    assert " ".join(c.text for c in captions) == COMMAS
    assert all(c.end - c.start <= LONGEST for c in captions), captions


def test_a_long_sentence_with_no_pause_stays_whole() -> None:
    # 12 seconds, and silences measured inside it (a stop consonant's closure looks like one):
    # with no place in the text where the voice pauses, it is one caption all the same.
    whole = cue(NO_PAUSE, pauses=[(13.0, 13.15), (17.2, 17.34)])
    assert [(c.start, c.end, c.text) for c in caption_cues(whole)] == [(10.0, 22.0, NO_PAUSE)]


def test_the_cuts_are_at_the_measured_pauses_near_the_commas() -> None:
    # The commas sit at about 40% and 70% of the spoken length; the voice paused at 14.6-14.8
    # and 18.9-19.1 s. A silence far from any comma (11.0 s) is a consonant, not a pause.
    pauses = [(11.0, 11.14), (14.6, 14.8), (18.9, 19.1)]
    segment = cue(COMMAS, pauses=pauses)
    first, second = place_times(segment, pause_places(COMMAS))
    assert 14.6 <= first <= 14.8 and 18.9 <= second <= 19.1, (first, second)
    # Twelve seconds need one cut of the two; it is made at the measured pause.
    assert [c.start for c in caption_cues(segment)] == [10.0, first]


def test_unmeasured_places_are_timed_by_spoken_length_between_measured_ones() -> None:
    text = "One two three four five six seven, eight nine ten. Eleven twelve thirteen fourteen."
    places = pause_places(text)
    assert [p.sentence for p in places] == [False, True]
    comma, end = place_times(cue(text), places)  # nothing measured: all by spoken length
    # The voice paused at the sentence's end a little earlier than spoken length says; the
    # comma, where no pause was measured, keeps its share of the time before that pause.
    pause = (end - 0.6, end - 0.2)
    measured_comma, measured_end = place_times(cue(text, pauses=[pause]), places)
    assert pause[0] < measured_end < pause[1]
    share = (comma - 10.0) / (end - 10.0)
    assert abs((measured_comma - 10.0) / (measured_end - 10.0) - share) < 1e-9
    first, second = sentence_cues(cue(text, pauses=[pause]))
    assert (first.text, second.text) == (
        "One two three four five six seven, eight nine ten.", "Eleven twelve thirteen fourteen."
    )  # fmt: skip
    assert first.end == second.start == measured_end


def pieces(text: str) -> list[str]:
    """`text` cut at every place where the voice pauses."""
    places = pause_places(text)
    starts, ends = [0, *(p.start for p in places)], [*(p.end for p in places), len(text)]
    return [text[a:b] for a, b in zip(starts, ends, strict=True)]


def test_numbers_and_abbreviations_are_no_pause_places() -> None:
    text = "Sen. Ann Lee paid $200,000 at 3:30 p.m. in the U.S. yesterday, on Aug. 6."
    assert pieces(text) == ["Sen. Ann Lee paid $200,000 at 3:30 p.m. in the U.S. yesterday,",
                            "on Aug. 6."]  # fmt: skip


def test_marks_together_are_one_place_and_a_quote_closes_its_sentence() -> None:
    text = 'He said: "We won, (mostly) — and fast." Then he left; the rest stayed—for now.'
    assert pieces(text) == ["He said:", '"We won,', "(mostly) —", 'and fast."', "Then he left;",
                            "the rest stayed—", "for now."]  # fmt: skip
    assert [p.sentence for p in pause_places(text)] == [False] * 3 + [True] + [False] * 2


def test_every_caption_keeps_its_speaker_in_each_format() -> None:
    quote = cue("We missed the horn in the morning. It was the sound of home, he said once.")
    vtt = to_vtt([quote])
    assert vtt.count("<v Mara Quinlan>") == 2
    srt = to_srt([quote])
    assert srt.startswith("1\n00:00:10,000 --> ") and "Mara Quinlan: We missed" in srt
    segments = json.loads(to_json_transcript([quote]))["segments"]
    assert [s["speaker"] for s in segments] == ["Mara Quinlan"] * 2
    assert segments[0]["startTime"] == 10.0 and segments[-1]["endTime"] == 22.0
    # The same cues in all three: as many, at the same times.
    vtt_times = re.findall(r"(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})", vtt)
    srt_times = re.findall(r"(\d\d:\d\d:\d\d,\d{3}) --> (\d\d:\d\d:\d\d,\d{3})", srt)
    assert [(a.replace(".", ","), b.replace(".", ",")) for a, b in vtt_times] == srt_times
    assert len(segments) == len(vtt_times)


WORDS = st.sampled_from(
    ["harbour", "ferry", "2018", "Quinlan", "council", "a", "the", "sailed", "repairs", "dog"]
)
MARKS = st.sampled_from(["", "", "", ",", ";", ":", " —", ".", "?", '."', " (", ")"])


@st.composite
def segments(draw: st.DrawFn) -> Cue:
    words = draw(st.lists(st.tuples(WORDS, MARKS), min_size=1, max_size=60))
    text = " ".join(w + m for w, m in words).replace("( ", "(")
    start = draw(st.floats(0, 500))
    length = draw(st.floats(0.2, 40))
    times = sorted(draw(st.lists(st.floats(start, start + length), max_size=12)))
    pauses = [(a, min(a + 0.2, start + length)) for a in times]
    return Cue(start, start + length, "narrator", text, "", None, pauses)


@settings(max_examples=300, deadline=None)
@given(segments())
def test_captions_are_in_order_inside_their_segment_and_end_at_pauses(segment: Cue) -> None:
    for cut in (caption_cues(segment), sentence_cues(segment)):
        assert cut[0].start == segment.start and cut[-1].end == segment.end
        for before, after in zip(cut, cut[1:], strict=False):
            assert before.end == after.start  # no gap, no overlap
        assert all(segment.start <= c.start <= c.end <= segment.end for c in cut)
        assert " ".join(c.text for c in cut).split() == segment.text.split()  # every word once
        for before, after in zip(cut, cut[1:], strict=False):  # a pause between every two
            assert PAUSE_END.search(before.text) or after.text.startswith("("), (before, after)
        assert all(c.speaker == segment.speaker for c in cut)


def samples(wav: Path) -> np.ndarray:
    with wave.open(str(wav)) as reader:
        return np.frombuffer(reader.readframes(reader.getnframes()), dtype=np.int16)


@pytest.mark.espeak_ng
def test_real_speech_is_cut_in_the_silences_at_its_commas(tmp_path: Path) -> None:
    """espeak-ng speaks a sentence of three clauses, and each clause alone: the cuts are in
    silences measured in the sentence's audio, where the clauses spoken alone say they are."""
    engine = get_engine("espeak-ng")
    clauses = ["The blue ferry left the old harbour at dawn on Monday,",
               "carried forty passengers and one patient dog across the bay,",
               "and docked at the island village an hour before the storm."]  # fmt: skip
    wavs = []
    for n, text in enumerate([" ".join(clauses), *clauses]):
        wavs.append(tmp_path / f"{n}.wav")
        engine.synthesize(text, "gmw/en-us", 165, wavs[-1])
    part = Part(wavs[0], "narrator", " ".join(clauses))
    (segment,) = render_episode([part], tmp_path / "e.mp3", AudioSettings()).cues
    alone = [len(trim_silence(samples(w), 22050)) / 22050 for w in wavs[1:]]

    times = place_times(segment, pause_places(segment.text))
    assert len(times) == 2
    for t in times:
        assert any(a <= t <= b for a, b in segment.pauses), (t, segment.pauses)
    # Where the clauses spoken alone put the commas (less the margins trimming leaves).
    for t, ends in zip(times, (alone[0], alone[0] + alone[1]), strict=True):
        assert abs((t - segment.start) - ends) < 0.4, (times, alone, segment.pauses)
