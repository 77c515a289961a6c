"""Errors raised by the tts library for problems with its input or its environment."""


class TTSError(Exception):
    """Base class: the message names the file or program involved and how to fix it."""


class InputError(TTSError):
    """An article or script that cannot be read or makes no episode (empty, binary, ...)."""


class EngineError(TTSError):
    """A speech engine or voice that is missing, or that produced no audio."""


class AudioError(TTSError):
    """ffmpeg missing or failing, or audio that fails its checks."""
