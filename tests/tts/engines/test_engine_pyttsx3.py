"""The pyttsx3 wrapper against each defect measured in TRAPS.md, with real espeak-ng speech."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import threading
import wave
from pathlib import Path

import pytest

from tests.audio import duration, median_f0
from tts.engines.base import check_speech, chunk_text
from tts.errors import EngineError

SENTENCE = "The council voted on Tuesday to rebuild the old bridge over the river."


def test_every_call_returns_only_when_its_file_holds_speech(engine, tmp_path: Path) -> None:
    # runAndWait() can return before the WAV exists: the wrapper must not.
    for i in range(15):
        path = tmp_path / f"{i}.wav"
        seconds = engine.synthesize(f"Sentence number {i}. {SENTENCE}", "gmw/en-us", 165, path)
        assert path.exists()
        assert seconds == pytest.approx(duration(path))
        assert 3.0 < seconds < 8.0


def test_back_to_back_utterances_each_keep_their_own_file(engine, tmp_path: Path) -> None:
    # Several save_to_file() before one runAndWait() keep only the last file.
    texts = ["Yes.", "Yes, and no.", SENTENCE, SENTENCE + " " + SENTENCE]
    lengths = [
        engine.synthesize(t, "gmw/en-us", 165, tmp_path / f"{i}.wav") for i, t in enumerate(texts)
    ]
    assert lengths == sorted(lengths)
    assert lengths[-1] > 1.7 * lengths[-2]
    assert lengths[0] < 1.0


def test_empty_text_is_refused_and_leaves_the_last_file_alone(engine, tmp_path: Path) -> None:
    # An empty runAndWait() rewrites the previous file.
    path = tmp_path / "kept.wav"
    engine.synthesize(SENTENCE, "gmw/en-us", 165, path)
    before = path.read_bytes()
    with pytest.raises(EngineError, match="empty"):
        engine.synthesize("   ", "gmw/en-us", 165, tmp_path / "empty.wav")
    assert path.read_bytes() == before
    assert not (tmp_path / "empty.wav").exists()


def test_rate_changes_between_utterances_are_never_lost(engine, tmp_path: Path) -> None:
    slow, fast = [], []
    for i in range(10):
        slow.append(engine.synthesize(SENTENCE, "gmw/en-us", 110, tmp_path / f"s{i}.wav"))
        fast.append(engine.synthesize(SENTENCE, "gmw/en-us", 260, tmp_path / f"f{i}.wav"))
    assert min(slow) > 1.6 * max(fast)


def test_voice_and_pitch_changes_between_utterances_are_never_lost(engine, tmp_path: Path) -> None:
    low, high = [], []
    for i in range(6):
        low_path, high_path = tmp_path / f"m{i}.wav", tmp_path / f"f{i}.wav"
        engine.synthesize(SENTENCE, "gmw/en-us", 165, low_path, pitch=30)
        engine.synthesize(SENTENCE, "gmw/en-us+f3", 165, high_path, pitch=60)
        low.append(median_f0(low_path))
        high.append(median_f0(high_path))
    assert max(low) < 130 < 170 < min(high)


@pytest.mark.espeak_ng
def test_text_far_past_the_crash_size_is_spoken_whole(tmp_path: Path) -> None:
    # About 15 kB segfaulted pyttsx3; run in a child so a crash fails this test only.
    path = tmp_path / "long.wav"
    words = ("The river rose again overnight and the town prepared. " * 400).strip()
    assert len(words) > 20_000
    code = (
        "from pathlib import Path; from tts.engines.pyttsx3_engine import Pyttsx3Engine;"
        f"print(Pyttsx3Engine().synthesize({words!r}, 'gmw/en-us', 300, Path({str(path)!r})))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    seconds = float(proc.stdout.strip().splitlines()[-1])
    # 3,600 words at about 300 a minute, with the pauses espeak adds at full stops.
    assert 3600 / 300 * 60 * 0.7 < seconds < 3600 / 300 * 60 * 1.8
    assert check_speech(path, words) == pytest.approx(seconds)


def test_threads_calling_at_once_all_get_good_audio(engine, tmp_path: Path) -> None:
    errors: list[BaseException] = []
    results: dict[int, float] = {}

    def speak(i: int) -> None:
        try:
            results[i] = engine.synthesize(
                f"Thread {i} says: {SENTENCE}", "gmw/en-gb-x-rp", 165, tmp_path / f"t{i}.wav"
            )
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=speak, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    assert sorted(results) == [0, 1, 2, 3]
    assert all(3.0 < s < 9.0 for s in results.values())


def _speak_in_child(path: str, queue: multiprocessing.Queue) -> None:
    from tts.engines.pyttsx3_engine import Pyttsx3Engine

    queue.put(Pyttsx3Engine().synthesize(SENTENCE, "gmw/en-us", 165, Path(path)))


def test_a_forked_child_of_a_user_speaks_instead_of_hanging(engine, tmp_path: Path) -> None:
    engine.synthesize(SENTENCE, "gmw/en-us", 165, tmp_path / "parent.wav")  # parent uses it
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_speak_in_child, args=(str(tmp_path / "child.wav"), queue))
    child.start()
    child.join(timeout=90)
    hung = child.is_alive()
    if hung:
        child.kill()
    assert not hung, "the forked child hung"
    assert child.exitcode == 0
    assert 3.0 < queue.get(timeout=5) < 8.0


@pytest.mark.espeak_ng
def test_nothing_is_printed_on_stdout(tmp_path: Path) -> None:
    # The driver prints "Audio saved to" from espeak's thread, sometimes after runAndWait has
    # returned: many short and long utterances in a fresh process, then nothing on stdout.
    code = (
        "from pathlib import Path; from tts.engines.pyttsx3_engine import Pyttsx3Engine\n"
        "e = Pyttsx3Engine()\n"
        f"for i in range(40): e.synthesize('Word ' * (1 + i * 7), 'gmw/en-us', 165, "
        f"Path({str(tmp_path)!r}) / f'{{i}}.wav')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""


def test_unknown_voice_or_variant_is_an_error_not_a_silent_default(engine, tmp_path) -> None:
    with pytest.raises(EngineError, match="has no voice .gmw/xx-nowhere."):
        engine.synthesize(SENTENCE, "gmw/xx-nowhere", 165, tmp_path / "a.wav")
    with pytest.raises(EngineError, match="variant"):
        engine.synthesize(SENTENCE, "gmw/en-us+nonesuch", 165, tmp_path / "b.wav")


def test_a_file_of_silence_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "silence.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(b"\0\0" * 22050)
    with pytest.raises(EngineError, match="silence"):
        check_speech(path, "some words")


def test_chunks_respect_the_limit_and_keep_every_word() -> None:
    text = "First sentence here. " * 50 + "x" * 130 + " tail, end, stop"
    chunks = chunk_text(text, 120)
    assert all(len(c) <= 120 for c in chunks)
    assert "".join(chunks).replace(" ", "") == text.replace(" ", "")


def test_voices_lists_english_espeak_voices(engine) -> None:
    ids = {v.id for v in engine.voices()}
    assert {"gmw/en-us", "gmw/en-gb-x-rp"} <= ids
    assert {"m3", "f3"} <= set(engine.variants())
    assert os.getpid()  # the engine lives in this process


def test_inline_phonemes_are_spoken_as_phonemes(engine, tmp_path: Path) -> None:
    # A show's lexicon writes espeak phonemes as [[...]]; pyttsx3 alone spells them out.
    phonemes = engine.synthesize("Leader [[S'i:]] spoke.", "gmw/en-us", 165, tmp_path / "p.wav")
    word = engine.synthesize("Leader she spoke.", "gmw/en-us", 165, tmp_path / "w.wav")
    assert abs(phonemes - word) < 0.15
