"""Speech engines behind one interface (base.Engine), looked up by name.

Each engine class declares what it is (revision, takes_phonemes, palette, knows_voice); the
registry below is the one list of engines, so callers ask it instead of comparing names.
"""

from __future__ import annotations

from tts.engines.base import Engine, Voice
from tts.engines.espeak_cli import EspeakEngine
from tts.engines.hibari_engine import HibariEngine
from tts.engines.piper_engine import PiperEngine
from tts.engines.pyttsx3_engine import Pyttsx3Engine
from tts.errors import EngineError

# In the order the command line offers them.
_CLASSES: tuple[type[Engine], ...] = (Pyttsx3Engine, EspeakEngine, PiperEngine, HibariEngine)
REGISTRY: dict[str, type[Engine]] = {cls.name: cls for cls in _CLASSES}
ENGINES = tuple(REGISTRY)


def engine_class(name: str) -> type[Engine]:
    """The class of the engine called `name`, whose facts can be read without starting it."""
    try:
        return REGISTRY[name]
    except KeyError:
        known = ", ".join(ENGINES)
        raise EngineError(f"unknown speech engine {name!r}; choose one of: {known}") from None


def split_voice(voice: str, default: str) -> tuple[str, str]:
    """(engine, voice) of a voice name: "piper:joe" is Piper's joe; a name without an
    engine's prefix ("gmw/en-us") is the `default` engine's."""
    name, sep, rest = voice.partition(":")
    if sep and name in REGISTRY:
        return name, rest
    return default, voice


def get_engine(name: str) -> Engine:
    """Return the engine called `name`, or raise EngineError saying how to install it."""
    return engine_class(name)()


__all__ = [
    "ENGINES", "REGISTRY", "Engine", "EngineError", "Voice", "engine_class", "get_engine",
    "split_voice",
]  # fmt: skip
