"""Casting: distinct voices within an episode, the same voice across episodes."""

from __future__ import annotations

from tts.text.model import NARRATOR, Script, Segment, Speaker
from tts.voices import ESPEAK, NARRATOR_CASTING, PIPER, Casting, cast_script


def _script(*speakers: tuple[str, str | None]) -> Script:
    segments = [Segment("body", NARRATOR, "Intro.")]
    segments += [Segment("quote", name, f"Words of {name}.") for name, _ in speakers]
    return Script(
        source="x.txt",
        speakers={name: Speaker(name, gender=g) for name, g in speakers},
        segments=segments,
    )


def test_speakers_of_an_episode_never_share_a_voice_or_the_narrators() -> None:
    names = [(f"Person {i}", ("male", "female", None)[i % 3]) for i in range(16)]
    script, _ = cast_script(_script(*names), {})
    voices = [(s.voice, s.pitch) for n, s in script.speakers.items() if n != NARRATOR]
    assert len(set(voices)) == len(voices) == 16
    assert (NARRATOR_CASTING.voice, NARRATOR_CASTING.pitch) not in voices


def test_a_gender_cue_picks_from_that_gender_first() -> None:
    script, _ = cast_script(_script(("Ana Ruiz", "female"), ("Tom Okafor", "male")), {})
    assert script.speakers["Ana Ruiz"].voice in {c.voice for c in ESPEAK.female}
    assert script.speakers["Tom Okafor"].voice in {c.voice for c in ESPEAK.male}


def test_a_returning_speaker_keeps_a_voice_a_newcomer_would_have_taken() -> None:
    _, cast = cast_script(_script(("Ana Ruiz", None)), {})
    ruiz = cast["Ana Ruiz"]
    # In the next episode a new man is quoted first; Ruiz must still sound the same.
    script, cast2 = cast_script(_script(("Tom Okafor", "male"), ("Ana Ruiz", "female")), cast)
    assert (script.speakers["Ana Ruiz"].voice, script.speakers["Ana Ruiz"].pitch) == (
        ruiz.voice,
        ruiz.pitch,
    )
    assert cast2["Tom Okafor"] != ruiz


def test_a_voice_chosen_by_hand_wins() -> None:
    script = _script(("Ana Ruiz", None))
    script.speakers["Ana Ruiz"].voice = "gmw/en-029+f1"
    cast_done, cast = cast_script(script, {"Ana Ruiz": Casting("gmw/en-us+f2", 45)})
    assert cast_done.speakers["Ana Ruiz"].voice == "gmw/en-029+f1"


def test_piper_speakers_differ_by_pitch_from_the_narrator() -> None:
    script, _ = cast_script(_script(("A", "male"), ("B", "female")), {}, PIPER.narrator, PIPER)
    pitches = {n: s.pitch for n, s in script.speakers.items()}
    assert len(set(pitches.values())) == 3
