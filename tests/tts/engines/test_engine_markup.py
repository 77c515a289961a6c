"""No engine is run in a mode that reads article text as markup (SSML) or gives it phonemes
beyond what the show's lexicon writes: the flags and arguments are pinned here."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tts.engines import espeak_cli, pyttsx3_engine

ARTICLE = 'Crews said <speak>stop</speak> &lt;break/&gt; and "[[h@l\'oU]]" at 5 a.m.'
# espeak-ng options that make it read its input as markup or as phonemes, not as text.
MARKUP_OPTIONS = {"-m", "--ssml", "--phonout", "-x", "-X", "--ipa"}


def test_the_espeak_program_reads_article_text_as_plain_text_on_stdin(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[list[str], Any]] = []

    def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        calls.append((list(argv), kwargs.get("input")))
        return subprocess.CompletedProcess(argv, 0, "", "")

    monkeypatch.setattr(espeak_cli.shutil, "which", lambda name: "/usr/bin/espeak-ng")
    monkeypatch.setattr(espeak_cli.subprocess, "run", run)
    monkeypatch.setattr(espeak_cli, "check_speech", lambda path, text: 1.0)
    engine = espeak_cli.EspeakEngine()
    monkeypatch.setattr(engine, "check_voice", lambda voice: None)
    engine.synthesize(ARTICLE, "gmw/en-us", 160, tmp_path / "out.wav", pitch=40)
    [(argv, given)] = calls
    assert given == ARTICLE  # the text goes in on stdin, never as an argument
    assert ARTICLE not in argv
    assert not MARKUP_OPTIONS & set(argv), argv
    assert not [a for a in argv if a.startswith(("--ssml", "-m"))], argv


def test_pyttsx3_adds_the_phoneme_flag_and_never_ssml(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyttsx3.drivers import _espeak  # type: ignore[import-untyped]

    given_flags: list[int] = []

    def synth(text: Any, *args: Any, flags: int = 0, **kwargs: Any) -> None:
        given_flags.append(flags)

    monkeypatch.setattr(_espeak, "Synth", synth)
    pyttsx3_engine._accept_phonemes()
    # What pyttsx3's driver passes for every utterance (drivers/espeak.py).
    _espeak.Synth(ARTICLE.encode(), flags=_espeak.ENDPAUSE | _espeak.CHARS_UTF8)
    [given] = given_flags
    assert given & _espeak.PHONEMES  # for the lexicon's [[...]] entries
    assert not given & _espeak.SSML


def test_the_pyttsx3_driver_passes_no_ssml_flag() -> None:
    # pyttsx3 builds the flags itself; an upgrade that added SSML would make espeak obey
    # tags in article text.
    import inspect

    from pyttsx3.drivers import espeak as driver  # type: ignore[import-untyped]

    source = inspect.getsource(driver)
    assert "Synth(" in source and "SSML" not in source
