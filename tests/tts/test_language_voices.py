"""The voice that reads an article's language: espeak-ng's for it, in the show's engine or
beside a neural narrator; none for a language no installed voice reads."""

from __future__ import annotations

import pytest

from tts.errors import InputError
from tts.language_voices import espeak_voice, language_palette

pytestmark = pytest.mark.espeak_ng


@pytest.mark.parametrize(
    ("tag", "voice"),
    [("es", "roa/es"), ("es-AR", "roa/es-419"), ("es-MX", "roa/es-419"), ("fr-CA", "roa/fr"),
     ("de-AT", "gmw/de"), ("pt-BR", "roa/pt-br"), ("ar", "sem/ar")],
)  # fmt: skip
def test_each_language_gets_its_own_voice(tag: str, voice: str) -> None:
    assert espeak_voice(tag) == voice


def test_english_keeps_the_engines_own_voices() -> None:
    assert language_palette("en-GB", "piper") is None


def test_a_neural_show_reads_another_language_with_espeak_beside_it() -> None:
    palette = language_palette("de", "piper")
    assert palette is not None
    assert palette.narrator.voice == "espeak-ng:gmw/de"
    assert all(c.voice.startswith("espeak-ng:gmw/de+") for c in palette.female + palette.male)
    espeak_show = language_palette("de", "pyttsx3")
    assert espeak_show is not None and espeak_show.narrator.voice == "gmw/de"


@pytest.mark.parametrize(("tag", "name"), [("zh-Hans", "Chinese"), ("ja", "Japanese")])
def test_a_language_no_voice_reads_is_refused_naming_what_to_install(tag: str, name: str) -> None:
    with pytest.raises(InputError, match=f"no installed voice reads {name}: install a Piper"):
        language_palette(tag, "pyttsx3")
