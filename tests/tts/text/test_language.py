"""An article's language: declared, else detected when the detector is sure, else the
show's. Invented sentences of news shapes."""

from __future__ import annotations

import pytest

from tts.text.language import choose_language, detect, valid_tag

SPANISH = "El Ayuntamiento aprobó el lunes un plan para construir viviendas de alquiler."
GERMAN = "Die Stadt will im Frühjahr mit dem Bau der neuen Brücke über den Fluss beginnen."
ARABIC = "وافق مجلس المدينة يوم الاثنين على خطة لبناء مساكن جديدة للإيجار."


@pytest.mark.parametrize(("text", "language"), [(SPANISH, "es"), (GERMAN, "de"), (ARABIC, "ar")])
def test_a_news_sentence_is_found_in_its_language(text: str, language: str) -> None:
    found, probability = detect(text)
    assert found == language and probability >= 0.5


def test_a_declared_tag_wins_and_is_standardised() -> None:
    assert choose_language("pt_br".replace("_", "-"), SPANISH, "en") == "pt-BR"
    assert choose_language("iw", SPANISH, "en") == "he"


def test_a_tag_that_is_not_bcp47_is_not_taken() -> None:
    assert valid_tag("english!") is None and valid_tag("") is None
    assert choose_language("english!", GERMAN, "en") == "de"  # the text decides


def test_an_unsure_detector_gives_the_shows_language() -> None:
    # Names and a number: no language to be sure of.
    assert choose_language(None, "Sánchez Feijóo 2026", "fr") == "fr"
    assert choose_language(None, "", "de") == "de"


def test_a_mixed_article_is_read_in_its_main_language() -> None:
    text = " ".join([SPANISH] * 3 + ['"We will build it," the mayor said.'])
    assert choose_language(None, text, "en") == "es"
