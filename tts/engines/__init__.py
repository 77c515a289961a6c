"""Speech engines behind one interface (base.Engine), looked up by name."""

from __future__ import annotations

from tts.engines.base import Engine, Voice
from tts.errors import EngineError

ENGINES = ("pyttsx3", "espeak-ng", "piper")


def get_engine(name: str) -> Engine:
    """Return the engine called `name`, or raise EngineError saying how to install it."""
    if name == "pyttsx3":
        from tts.engines.pyttsx3_engine import Pyttsx3Engine

        return Pyttsx3Engine()
    if name == "espeak-ng":
        from tts.engines.espeak_cli import EspeakEngine

        return EspeakEngine()
    if name == "piper":
        from tts.engines.piper_engine import PiperEngine

        return PiperEngine()
    raise EngineError(f"unknown speech engine {name!r}; choose one of: {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "EngineError", "Voice", "get_engine"]
