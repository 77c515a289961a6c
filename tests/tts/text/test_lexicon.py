"""The pronunciation lexicon: reading lexicon.toml and applying it to spoken text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA
from tts.errors import InputError
from tts.text.lexicon import Lexicon, apply_lexicon, load_lexicon
from tts.text.normalize.spoken import normalize

SAMPLE = DATA / "lexicon" / "lexicon.toml"


@pytest.fixture
def lexicon() -> Lexicon:
    return load_lexicon(SAMPLE)


def test_load_reads_top_level_and_words_table(lexicon: Lexicon) -> None:
    assert lexicon.entries == {
        "Nguyen": "Win",
        "Xi": "[[S'i:]]",
        "US": "U S",
        "Los Angeles": "Loss Anjeles",
        "qatar": "Kattar",
    }


def test_whole_words_only(lexicon: Lexicon) -> None:
    assert apply_lexicon("Xi visited Xinjiang.", lexicon) == "[[S'i:]] visited Xinjiang."
    assert apply_lexicon("Nguyen's team and the Nguyens", lexicon) == "Win's team and the Nguyens"


def test_case_aware(lexicon: Lexicon) -> None:
    # A key with capitals matches only that spelling; a lower-case key matches any case.
    assert apply_lexicon("The US told us so.", lexicon) == "The U S told us so."
    assert apply_lexicon("Qatar and QATAR and qatar", lexicon) == "Kattar and Kattar and Kattar"
    assert apply_lexicon("nguyen", lexicon) == "nguyen"


def test_phrases_match_across_spaces(lexicon: Lexicon) -> None:
    assert apply_lexicon("in Los  Angeles today", lexicon) == "in Loss Anjeles today"


def test_phonemes_can_be_left_for_other_engines(lexicon: Lexicon) -> None:
    assert apply_lexicon("Xi and Nguyen", lexicon, phonemes=False) == "Xi and Win"


def test_replacements_are_not_replaced_again() -> None:
    lexicon = Lexicon.from_entries({"Tom": "Thomas", "thomas": "Tommy"})
    assert apply_lexicon("Tom met Thomas", lexicon) == "Thomas met Tommy"


def test_applies_after_normalisation(lexicon: Lexicon) -> None:
    spoken = apply_lexicon(normalize("Sen. Nguyen, D-Calif., visited Qatar on Aug. 6."), lexicon)
    assert spoken == "Senator Win, Democrat of California, visited Kattar on August sixth."


def test_missing_file_is_an_empty_lexicon(tmp_path: Path) -> None:
    empty = load_lexicon(tmp_path / "lexicon.toml")
    assert empty.entries == {}
    assert apply_lexicon("unchanged text", empty) == "unchanged text"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('Nguyen = "Win', "not valid TOML"),
        ("Nguyen = 3", "must be a non-empty string"),
        ('Nguyen = ""', "must be a non-empty string"),
        ('Xi = "[[S\'i:] and more"', "phonemes must be one"),
        ('words = "x"', "[words] must be a table"),
    ],
)
def test_bad_entries_name_the_file_and_fix(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="lexicon.toml") as error:
        load_lexicon(path)
    assert message in str(error.value)
