"""py3langid's model kept decompressed in the user's cache (tts.text.langid_model): the
same answers as the package's own loader, and a bad or impossible cache never matters."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from tts.text import langid_model

TEXTS = [
    "El Ayuntamiento aprobó el lunes un plan para construir viviendas de alquiler.",
    "Die Stadt will im Frühjahr mit dem Bau der neuen Brücke über den Fluss beginnen.",
    "وافق مجلس المدينة يوم الاثنين على خطة لبناء مساكن جديدة للإيجار.",
    "The city council voted on Tuesday to replace the old river bridge.",
    "市议会周二投票决定更换旧桥。",
    "Sánchez Feijóo 2026",
    "",
]


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "talkingpaper"


def _same(one: LanguageIdentifier, other: LanguageIdentifier) -> None:
    for name in ("nb_ptc", "nb_pc", "nb_classes", "tk_nextmove", "tk_row", "tk_output"):
        mine, theirs = getattr(one, name), getattr(other, name)
        assert type(mine) is type(theirs), name
        assert getattr(mine, "dtype", None) == getattr(theirs, "dtype", None), name
        assert getattr(mine, "typecode", None) == getattr(theirs, "typecode", None), name
        assert np.array_equal(np.asarray(mine), np.asarray(theirs)), name
    for text in TEXTS:
        assert one.classify(text) == other.classify(text), text


def test_the_cached_copy_answers_as_the_packages_model(
    cache: Path, reference: LanguageIdentifier
) -> None:
    first = langid_model.load_identifier()  # decompressed, then kept
    (kept,) = cache.glob("py3langid-*.npz")
    assert not list(cache.glob(".*.tmp"))  # written whole, under its final name
    second = langid_model.load_identifier()  # read from the copy
    assert kept.stat().st_mtime_ns == next(cache.glob("py3langid-*.npz")).stat().st_mtime_ns
    _same(first, reference)
    _same(second, reference)


def test_a_damaged_copy_is_made_again(cache: Path, reference: LanguageIdentifier) -> None:
    langid_model.load_identifier()
    (kept,) = cache.glob("py3langid-*.npz")
    kept.write_bytes(kept.read_bytes()[: 1 << 20])  # a copy cut short
    _same(langid_model.load_identifier(), reference)
    assert kept.stat().st_size > 1 << 24  # whole again
    _same(langid_model.load_identifier(), reference)


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: LanguageIdentifier
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    _same(langid_model.load_identifier(), reference)
