"""pyttsx3 (espeak-ng on Linux), wrapped so that its known defects cannot reach a build.

Each defect below was measured on our machines (../shared/TRAPS.md); the guard beside it
makes it impossible rather than unlikely:

- runAndWait() can return before the WAV exists -> wait for our own finished-utterance
  event and for the file, then check the file holds speech.
- several save_to_file() before one runAndWait() keep only the last -> exactly one
  utterance per runAndWait(), under a lock.
- an empty runAndWait() rewrites the previous file -> empty text is refused before the engine.
- rate/pitch/voice changed between utterances can be lost -> wait until espeak is idle
  before and after every setProperty, and read rate and pitch back.
- texts of about 15 kB segfault -> text is spoken in chunks far below that and joined.
- not thread-safe -> one engine per process, every call under one lock.
- a forked child of a process that used it hangs -> in a forked child the call is handed
  to a freshly spawned process instead of touching the inherited espeak state.
- it prints "Audio saved to ..." on stdout, sometimes after runAndWait has returned ->
  stdout is silenced at the descriptor level until the utterance's finished event.
- it never passes espeak's PHONEMES flag, so `[[S'i:]]` from a lexicon is spelled out ->
  the flag is added to its Synth call.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import io
import os
import sys
import threading
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from tts.engines.base import ESPEAK_SPEECH_PER_UNIT, Voice, check_speech, chunk_text, espeak_rate
from tts.engines.voice_names import unknown_voice
from tts.errors import EngineError
from tts.files import temporary_name
from tts.voices import ESPEAK, Palette

# Far below the ~15 kB crash; short utterances also keep pyttsx3's per-word cost flat.
CHUNK_CHARS = 2000
FINISH_TIMEOUT = 120.0
IDLE_TIMEOUT = 10.0

_lock = threading.Lock()
_engine: Any = None
_engine_pid: int | None = None
_finished = threading.Event()
# The driver saves the WAV inside espeak's callback and turns a failure (a full disk, say)
# into a RuntimeError there: Python can only print it, and the driver skips its own
# endLoop, so runAndWait never returns (measured: a build hung until killed). The hook
# keeps the error for the speaker and ends the driver's loop in its place.
_callback_errors: list[BaseException] = []


def _catch_callback_errors(unraisable: Any) -> None:
    driver: Any = getattr(unraisable.object, "__self__", None)
    if type(driver).__name__ != "EspeakDriver":
        _previous_hook(unraisable)
        return
    _callback_errors.append(unraisable.exc_value)
    with contextlib.suppress(Exception):
        driver._data_buffer = b""
        driver._speaking = False
        driver._proxy.setBusy(False)
        driver.endLoop()
    _finished.set()  # this utterance is over, badly


_previous_hook = sys.unraisablehook


@contextlib.contextmanager
def _silenced_stdout() -> Iterator[None]:
    """Send file descriptor 1 (and sys.stdout) to /dev/null for the duration."""
    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


def _espeak() -> Any:
    from pyttsx3.drivers import _espeak  # type: ignore[import-untyped]

    return _espeak


def _wait_idle() -> None:
    """Block until espeak has no utterance in flight (a property set now is not lost)."""
    es = _espeak()
    es.Synchronize()
    deadline = time.monotonic() + IDLE_TIMEOUT
    while es.IsPlaying():
        if time.monotonic() > deadline:
            raise EngineError("espeak-ng stayed busy for 10 s; is another program using it?")
        time.sleep(0.005)


def _get_engine() -> Any:
    """The process's one pyttsx3 engine; created on first use in this process."""
    global _engine, _engine_pid
    if _engine is None:
        try:
            import pyttsx3  # type: ignore[import-untyped]
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise EngineError("pyttsx3 is not installed: pip install pyttsx3") from exc
        try:
            with _silenced_stdout():
                engine = pyttsx3.init()
        except (OSError, RuntimeError) as exc:
            raise EngineError(
                f"pyttsx3 could not start espeak-ng ({exc}); "
                "install it: sudo apt-get install espeak-ng"
            ) from exc
        engine.connect("finished-utterance", lambda name, completed: _finished.set())
        sys.unraisablehook = _catch_callback_errors
        _accept_phonemes()
        _engine, _engine_pid = engine, os.getpid()
        # Let the driver go while the interpreter is whole: left to the final garbage
        # collection, pyttsx3's __del__ fails noisily on modules already torn down.
        atexit.register(_drop_engine)
    return _engine


def _drop_engine() -> None:
    global _engine
    _engine = None


def _accept_phonemes() -> None:
    """Let espeak read inline phonemes (`[[S'i:]]`) as the espeak-ng program does.

    The driver calls `_espeak.Synth` with fixed flags that lack PHONEMES, so a show's
    lexicon entries written in phonemes would be spelled out letter by letter.
    """
    es = _espeak()
    original = es.Synth
    if getattr(original, "_talkingpaper", False):
        return

    def synth(text: Any, *args: Any, flags: int = 0, **kwargs: Any) -> Any:
        return original(text, *args, flags=flags | es.PHONEMES, **kwargs)

    synth._talkingpaper = True  # type: ignore[attr-defined]
    es.Synth = synth


def _after_fork_in_child() -> None:
    # The child inherits espeak's state but not its threads: touching it hangs. From now on
    # this process hands every call to a freshly spawned one. A lock held by another thread
    # at the fork would never be released here, so take a new one.
    global _engine, _engine_pid, _lock
    _lock = threading.Lock()
    if _engine is not None:
        _engine, _engine_pid = None, None
        _FORKED_AFTER_USE.append(True)


_FORKED_AFTER_USE: list[bool] = []
os.register_at_fork(after_in_child=_after_fork_in_child)


def _set_property(engine: Any, name: str, value: Any) -> None:
    _wait_idle()
    engine.setProperty(name, value)
    _wait_idle()


def _current(parameter: int) -> int:
    """espeak's value in force. pyttsx3's getProperty asks for the default, not this."""
    es = _espeak()
    get = es.dll.espeak_GetParameter
    get.restype = ctypes.c_int
    get.argtypes = [ctypes.c_int, ctypes.c_int]
    return int(get(parameter, 1))


class _NoFile(EngineError):
    pass


def _speak_chunk(engine: Any, text: str, path: Path, rate: int, pitch: int) -> None:
    """Speak one chunk; retry when espeak spoke it with other settings than asked, or
    reported it done without a file (seen once in CI under full load, never alone)."""
    es = _espeak()
    for attempt in range(3):
        try:
            _speak_once(engine, text, path)
        except _NoFile:
            if attempt == 2:
                raise
            _wait_idle()
            continue
        # espeak applies queued settings when an utterance starts: read what it used.
        if _current(es.RATE) == rate and _current(es.PITCH) == pitch:
            return
        _set_property(engine, "rate", rate)
        _set_property(engine, "pitch", pitch)
    raise EngineError(f"espeak-ng kept ignoring rate={rate} pitch={pitch} for {path}")


def _speak_once(engine: Any, text: str, path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    _finished.clear()
    _callback_errors.clear()
    engine.save_to_file(text, str(path))
    # The driver prints from espeak's callback thread, which can run after runAndWait has
    # returned: stdout stays silenced until the finished event, which follows the print.
    with _silenced_stdout():
        engine.runAndWait()
        finished = _finished.wait(FINISH_TIMEOUT)
    if _callback_errors:
        error = _callback_errors[0]
        cause = error.__context__
        if isinstance(cause, OSError):  # a full disk is the disk's problem, not the engine's
            raise OSError(cause.errno, cause.strerror, str(path)) from error
        raise EngineError(f"pyttsx3 failed while saving the audio: {error}") from error
    if not finished:
        raise EngineError(f"pyttsx3 did not finish speaking into {path} within 120 s")
    deadline = time.monotonic() + 5
    while not (path.exists() and path.stat().st_size > 44):
        if time.monotonic() > deadline:
            raise _NoFile(f"pyttsx3 reported done but wrote no audio to {path}")
        time.sleep(0.005)


def _join_wavs(parts: list[Path], path: Path) -> None:
    params = None
    tmp = temporary_name(path, "join")
    try:
        with wave.open(str(tmp), "wb") as out:
            for part in parts:
                with wave.open(str(part), "rb") as w:
                    if params is None:
                        params = w.getparams()
                        out.setparams(params)
                    out.writeframes(w.readframes(w.getnframes()))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _synthesize_here(text: str, voice: str, words_per_minute: int, pitch: int, path: Path) -> float:
    rate = espeak_rate(words_per_minute)
    with _lock:
        engine = _get_engine()
        _set_property(engine, "voice", voice)
        _set_property(engine, "rate", rate)
        _set_property(engine, "pitch", pitch)
        chunks = chunk_text(text, CHUNK_CHARS)
        parts = [temporary_name(path, str(i)) for i in range(len(chunks))]
        try:
            for chunk, part in zip(chunks, parts, strict=True):
                _speak_chunk(engine, chunk, part, rate, pitch)
                check_speech(part, chunk)
            _join_wavs(parts, path)
        finally:
            for part in parts:
                with contextlib.suppress(FileNotFoundError):
                    part.unlink()
    return check_speech(path, text)


def _in_spawned_process(func: Any, *args: Any) -> Any:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(func, *args).result()


def _voices_here() -> list[Voice]:
    with _lock:
        found = _get_engine().getProperty("voices")
    genders = {"Male": "male", "Female": "female"}
    return [
        Voice(
            id=v.id,
            name=v.name,
            language=(v.languages[0] if v.languages else None),
            gender=genders.get(v.gender or ""),
        )
        for v in found
    ]


def _variants_here() -> list[str]:
    es = _espeak()
    with _lock:
        _get_engine()
        spec = es.VOICE()
        spec.languages = b"variant"
        found = es.ListVoices(ctypes.pointer(spec))
    return sorted(v.identifier.decode().split("/", 1)[-1].lower() for v in found)


def _local(func: Any, *args: Any) -> Any:
    """Run here, or in a spawned process when this one is a fork of a pyttsx3 user."""
    return _in_spawned_process(func, *args) if _FORKED_AFTER_USE else func(*args)


class Pyttsx3Engine:
    """The default engine: always available where espeak-ng is installed."""

    name: ClassVar[str] = "pyttsx3"
    revision: ClassVar[str] = f"pyttsx3/espeak rate x{ESPEAK_SPEECH_PER_UNIT}"
    takes_phonemes: ClassVar[bool] = True  # _accept_phonemes adds the flag pyttsx3 leaves out
    palette: ClassVar[Palette] = ESPEAK
    own_program: ClassVar[bool] = False

    @classmethod
    def knows_voice(cls, voice: str) -> bool:
        return True  # any name: whether espeak-ng has it is checked when it speaks

    def __init__(self) -> None:
        self._voice_ids: set[str] | None = None
        self._variants: set[str] | None = None

    def voices(self) -> list[Voice]:
        return _local(_voices_here)

    def variants(self) -> list[str]:
        """espeak-ng voice variants (`m3`, `f2`, `klatt` ...), usable as `VOICE+VARIANT`."""
        return _local(_variants_here)

    def check_voice(self, voice: str) -> None:
        """Raise EngineError for a voice or variant espeak-ng would silently ignore."""
        if self._voice_ids is None:
            self._voice_ids = {v.id.lower() for v in self.voices()}
            self._variants = set(self.variants())
        base, _, variant = voice.lower().partition("+")
        if base not in self._voice_ids and f"gmw/{base}" not in self._voice_ids:
            raise unknown_voice("pyttsx3", base, self._voice_ids)
        if variant and variant not in (self._variants or set()):
            raise EngineError(f"no espeak-ng variant {variant!r} (in voice {voice!r})")

    def synthesize(self, text: str, voice: str, rate: int, path: Path, pitch: int = 50) -> float:
        if not text.strip():
            # An empty utterance would make pyttsx3 rewrite the previous file.
            raise EngineError(f"{path}: refusing to synthesise empty text")
        self.check_voice(voice)
        return _local(_synthesize_here, text, voice, rate, pitch, Path(path))
