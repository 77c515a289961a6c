"""A neural show casts its speakers from every installed engine: the narrator and the
people quoted are told apart by voice, not only by pitch."""

from __future__ import annotations

from pathlib import Path

import pytest

from tts.prepare import Reading, prepare_script
from tts.show_palette import show_palette
from tts.voices import Casting

ARTICLE = """Library hours

The city library will open late on Fridays from next month, the council said on Monday.

"People asked for it again and again," said librarian Maria Okafor, who ran the survey.

"We will pay for it from the events budget," said Mayor John Ruiz.
"""


def test_a_piper_show_gives_a_woman_quoted_hibaris_voice_and_a_man_joes_lower() -> None:
    palette = show_palette("piper")
    assert palette.narrator == Casting("joe", 50)
    assert palette.pool("female")[0] == Casting("hibari:heart", 50)
    assert palette.pool("male")[0].voice == "joe" and palette.pool("male")[0].pitch < 50


def test_a_hibari_show_gives_a_man_quoted_joes_voice() -> None:
    palette = show_palette("hibari")
    assert palette.narrator == Casting("heart", 50)
    assert palette.pool("male")[0] == Casting("piper:joe", 50)


def test_an_espeak_show_keeps_espeaks_own_voices() -> None:
    assert all(":" not in c.voice for c in show_palette("pyttsx3").pool(None))


@pytest.mark.parametrize("engine", ["piper", "hibari"])
def test_every_speaker_of_a_neural_show_has_a_voice_of_their_own(
    engine: str, tmp_path: Path
) -> None:
    article = tmp_path / "library.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    reading = Reading(title="Show", engine=engine, narrator_voice="x")
    script = prepare_script(article, reading, {})
    voices = {name: (s.voice, s.pitch) for name, s in script.speakers.items()}
    assert len(set(voices.values())) == len(voices) == 3, voices
    woman = next(v for n, v in voices.items() if "Okafor" in n)
    man = next(v for n, v in voices.items() if "Ruiz" in n)
    narrator = voices["narrator"]
    # Each quoted person in another voice than the narrator's, not just another pitch.
    assert woman[0] != narrator[0] or man[0] != narrator[0]
