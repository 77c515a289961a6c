"""Numbers in Spanish, French and German as their speakers say them (num2words), and no
English rule applied to another language's sentence. Invented sentences."""

from __future__ import annotations

import pytest

from tts.text.normalize.other_languages import normalize_other


@pytest.mark.parametrize(
    ("language", "text", "said"),
    [
        ("es", "Votaron 17 concejales en 1984.",
         "Votaron diecisiete concejales en mil novecientos ochenta y cuatro."),
        ("es", "El 40 % paga 4,50 € al mes.",
         "El cuarenta por ciento paga cuatro coma cincuenta euros al mes."),
        ("es-MX", "Hay 1.250 viviendas.", "Hay mil doscientos cincuenta viviendas."),
        ("fr", "Le taux est de 3,5 % en 2026.",
         "Le taux est de trois virgule cinq pour cent en deux mille vingt-six."),
        ("de", "Die Stadt zahlt 1.250.000 Euro.",
         "Die Stadt zahlt eine Million zweihundertfünfzigtausend Euro."),
        ("de-AT", "Es kostet 3,05 Euro.", "Es kostet drei Komma null fünf Euro."),
        # A day is an ordinal, in the dative after am/dem/vom/ab: "am fünften Mai".
        ("de", "Die Wahl ist am 5. Mai.", "Die Wahl ist am fünften Mai."),
        ("de", "Der 1. Juni ist frei.", "Der erste Juni ist frei."),
        ("de", "Sie begann um 21:30 Uhr.", "Sie begann um einundzwanzig Uhr dreißig."),
        ("fr", "Rendez-vous à 5 h 30 et à 1 h.",
         "Rendez-vous à cinq heures trente et à une heure."),
        ("es", "Llegaron a las 21:30.", "Llegaron a las veintiuna treinta."),
    ],
)  # fmt: skip
def test_numbers_are_said_in_the_language(language: str, text: str, said: str) -> None:
    assert normalize_other(text, language) == said


def test_digits_num2words_gets_wrong_are_left_to_the_voice() -> None:
    # num2words says 2000 in Arabic as "ألفا"; espeak-ng's Arabic voice reads digits right.
    assert normalize_other("في عام 2000", "ar") == "في عام 2000"


def test_no_english_rule_reads_another_language() -> None:
    said = normalize_other("Dr. García llegó el 6 ago. a las 10 h.", "es")
    assert "doctor" not in said.lower() and "August" not in said
    assert "seis" in said


def test_markup_never_reaches_the_voice() -> None:
    assert normalize_other("Hola <b>mundo</b> [[x]]", "es") == "Hola mundo x"
