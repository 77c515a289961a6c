"""A voice name that does not exist: one line with the closest names, before any speech."""

from __future__ import annotations

import pytest

from tts.engines import get_engine
from tts.engines.voice_names import unknown_voice
from tts.errors import EngineError


def test_close_names_are_offered() -> None:
    error = unknown_voice("espeak-ng", "roa/ess", ["roa/es", "roa/es-419", "gmw/de", "sem/ar"])
    assert "did you mean roa/es, roa/es-419?" in str(error)
    assert "no voice 'zzz'; list them" in str(unknown_voice("x", "zzz", ["roa/es"]))


@pytest.mark.espeak_ng
@pytest.mark.parametrize("engine_name", ["espeak-ng", "pyttsx3"])
def test_a_misspelt_espeak_voice_names_the_real_one(engine_name: str) -> None:
    engine = get_engine(engine_name)
    with pytest.raises(EngineError, match=r"has no voice 'gmw/en-uss'; did you mean gmw/en-us"):
        engine.check_voice("gmw/en-uss")  # type: ignore[attr-defined]
