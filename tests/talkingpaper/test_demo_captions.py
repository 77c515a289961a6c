"""The demo episode's captions as built: one per sentence, a long sentence cut at its clauses,
every cut where the voice paused, and the same cues in the WebVTT, SubRip and JSON files."""

from __future__ import annotations

import json
import re
from pathlib import Path

from feeds.check.transcripts import parse_srt, parse_vtt
from talkingpaper.episode import load_episode
from tts.cue_split import LONGEST, pause_places, sentence_cues

SLUG = "npr-freed-labor-activists"
PAUSE_END = re.compile(r"[.!?…,;:)—–-][\"'”’)\]]*$")
_TAG = re.compile(r"<[^>]+>")


def _files(show: Path) -> tuple[list, list, list]:
    episodes = show / "output" / "episodes"
    vtt = parse_vtt((episodes / f"{SLUG}.vtt").read_text(encoding="utf-8"))
    srt = parse_srt((episodes / f"{SLUG}.srt").read_text(encoding="utf-8"))
    data = json.loads((episodes / f"{SLUG}.transcript.json").read_text(encoding="utf-8"))
    return vtt, srt, data["segments"]


def test_the_three_transcripts_hold_the_same_cues_each_with_its_speaker(demo_show: Path) -> None:
    vtt, srt, segments = _files(demo_show)
    assert len(vtt) == len(srt) == len(segments) > 50
    for caption, sub, segment in zip(vtt, srt, segments, strict=True):
        assert abs(caption.start - sub.start) < 0.0015 and abs(caption.end - sub.end) < 0.0015
        assert abs(caption.start - segment["startTime"]) < 0.0015
        assert caption.lines[0].startswith(f"<v {segment['speaker']}>"), caption
        assert " ".join(_TAG.sub("", line) for line in caption.lines) == segment["body"]
    assert all(a.end <= b.start + 0.0005 for a, b in zip(vtt, vtt[1:], strict=False))


def test_every_caption_ends_where_the_voice_paused(demo_show: Path) -> None:
    record = load_episode(demo_show / "output" / "episodes" / f"{SLUG}.json")
    assert record is not None
    vtt, _, segments = _files(demo_show)
    ends = {round(c.end, 3) for c in record.cues}  # the segments' own ends
    pairs = zip(segments, vtt, strict=True)
    inner = [(s, c) for s, c in pairs if round(s["endTime"], 3) not in ends]
    assert all(PAUSE_END.search(s["body"]) for s, _ in inner), [s["body"] for s, _ in inner]
    # The cuts inside a segment were put in silences measured in its audio, not guessed.
    pauses = [p for cue in record.cues for p in cue.pauses]
    in_pause = [c for _, c in inner if any(a <= c.end <= b for a, b in pauses)]
    assert len(inner) > 20 and len(in_pause) >= 0.9 * len(inner), (len(in_pause), len(inner))


def test_a_long_sentence_with_clauses_is_cut_and_no_other_is(demo_show: Path) -> None:
    record = load_episode(demo_show / "output" / "episodes" / f"{SLUG}.json")
    assert record is not None
    vtt, _, segments = _files(demo_show)
    starts = [round(c.start, 3) for c in vtt]
    sentences = [s for cue in record.cues for s in sentence_cues(cue)]
    for sentence, following in zip(sentences, [*sentences[1:], None], strict=True):
        end = round(following.start, 3) if following else None
        within = [t for t in starts if round(sentence.start, 3) <= t and (end is None or t < end)]
        clauses = [p for p in pause_places(sentence.text) if not p.sentence]
        if sentence.end - sentence.start <= LONGEST or not clauses:
            assert len(within) == 1, (sentence.text, within)
        else:
            assert 2 <= len(within) <= len(clauses) + 1, (sentence.text, within)
