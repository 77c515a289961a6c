"""Normalisation for speech: one file of cases per rule class in tests/data/normalize/.

Each case is a written sentence, then a line starting "> " with what a listener should
hear; "#" lines are comments. Adding a case is adding two lines.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import DATA
from tts.text.normalize.english_words import (
    _MIN_COUNT,
    _MIN_COUNT_HEADLINE,
    _MIN_COUNT_LONGER,
    _counts,
    is_common_word,
    split_words,
)
from tts.text.normalize.number_words import (
    cardinal,
    decimal,
    digits,
    fraction,
    ordinal,
    roman,
    year,
)
from tts.text.normalize.spoken import RULES, normalize
from tts.text.normalize.web_rules import split_name

DATA = DATA / "normalize"


def _cases() -> list[pytest.param]:
    cases = []
    for path in sorted(DATA.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.startswith("> "):
                written = lines[number - 1]
                cases.append(pytest.param(written, line[2:], id=f"{path.stem}:{number}"))
    return cases


@pytest.mark.parametrize(("written", "spoken"), _cases())
def test_sentence(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_every_data_file_has_cases() -> None:
    counts = {
        p.stem: sum(line.startswith("> ") for line in p.read_text().splitlines())
        for p in DATA.glob("*.txt")
    }
    assert counts and all(n >= 4 for n in counts.values()), counts


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (13, "thirteen"),
        (269, "two hundred sixty nine"),
        (1_000_001, "one million one"),
        (-4, "minus four"),
    ],
)
def test_cardinal_has_no_and_or_hyphen(n: int, words: str) -> None:
    assert cardinal(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "first"), (2, "second"), (12, "twelfth"), (21, "twenty first"), (40, "fortieth")],
)
def test_ordinal(n: int, words: str) -> None:
    assert ordinal(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1066, "ten sixty six"),
        (1900, "nineteen hundred"),
        (1905, "nineteen o five"),
        (2000, "two thousand"),
        (2007, "two thousand seven"),
        (2010, "twenty ten"),
        (2024, "twenty twenty four"),
    ],
)
def test_year(n: int, words: str) -> None:
    assert year(n) == words


def test_decimals_and_digits() -> None:
    assert decimal("2.60") == "two point six o"
    assert decimal(".300") == "point three o o"
    assert decimal("4.0") == "four point zero"
    assert digits("0521") == "o five two one"


def test_fraction_and_roman() -> None:
    assert fraction(3, 4) == "three quarters"
    assert fraction(1, 2) == "one half"
    assert fraction(5, 8) == "five eighths"
    assert roman("VIII") == 8
    assert roman("LIII") == 53
    assert roman("IIII") is None
    assert roman("CCP") is None


def test_rules_are_named_and_explained() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule.why and re.fullmatch(r"[a-z_]+", rule.name) for rule in RULES)


def test_plain_text_is_unchanged_but_for_spaces() -> None:
    text = "The  council met on Tuesday and agreed, after a long debate, to act."
    assert normalize(text) == "The council met on Tuesday and agreed, after a long debate, to act."


def test_tokenised_text_as_in_references() -> None:
    # Reference lists and corpora space out punctuation: "May 12 , 1981", "$ 50".
    assert (
        normalize("born May 12 , 1981 , paid $ 50 .")
        == "born May twelfth, nineteen eighty one , paid fifty dollars ."
    )


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("BlackLivesMatter", ["Black", "Lives", "Matter"]),
        ("NYTimes", ["NY", "Times"]),
        ("jane_doe99", ["jane", "doe", "99"]),
        ("McDonaldFarms", ["McDonald", "Farms"]),
        ("iPhone", ["i", "Phone"]),
        ("prayforpeace", ["pray", "for", "peace"]),
        # A capitalised piece of a handle is one name, not "Man sour".
        ("RAMansour", ["RA", "Mansour"]),
    ],
)
def test_names_split_where_their_words_begin(name: str, words: list[str]) -> None:
    assert split_name(name) == words


@pytest.mark.parametrize(
    ("word", "common"),
    [
        ("OUT", True),
        ("NO", True),
        ("UNACCEPTABLE", True),
        ("FBI", False),
        ("NFL", False),
        # In the list, but too rare for a short word in capitals to be taken for it.
        ("DE", False),
        ("SEC", False),
    ],
)
def test_common_words_are_told_from_acronyms(word: str, common: bool) -> None:
    assert is_common_word(word) is common


def test_no_common_word_lacks_a_vowel() -> None:
    """is_common_word answers a word with no vowel without loading the list: that must be
    the answer the list gives (for every word of it, in a sentence or a headline)."""
    words = [w for w in _counts() if w.isalpha() and not set(w) & set("aeiouy")]
    assert len(words) > 100  # "hmm", "nth", "cwm" and a few hundred more are in the list
    assert not [w for w in words if _enough(w, False) or _enough(w, True)]


def _enough(word: str, headline: bool) -> bool:
    table = _MIN_COUNT_HEADLINE if headline else _MIN_COUNT
    return len(word) >= 2 and _counts()[word] >= table.get(len(word), _MIN_COUNT_LONGER)


@pytest.mark.parametrize(
    ("run", "words"),
    [
        ("worldbank", ["world", "bank"]),
        ("ontheissues", ["on", "the", "issues"]),
        # The fewest words: a therapist, not "the rapist".
        ("therapistoffice", ["therapist", "office"]),
        # One word, or no split into common words: said as written.
        ("therapist", None),
        ("nytimes", None),
        ("zqxmoor", None),
    ],
)
def test_words_written_together_are_split_into_common_words(
    run: str, words: list[str] | None
) -> None:
    assert split_words(run) == words


def _letters(text: str) -> str:
    return "".join(re.findall(r"[a-z]", text.lower()))


def _in_order(part: str, whole: str) -> bool:
    rest = iter(whole)
    return all(ch in rest for ch in part)


# Unbroken tokens of 60 KB shaped like addresses: the address rules must look at each once
# (a pattern retried at every character made "a.a.a..." take 8 s and "ab-ab-..." a minute).
_HOSTILE = {
    "dots": "a." * 30_000,
    "hyphens": "ab-" * 20_000,
    "slashes": "http://" + "a/" * 30_000,
    "pasted links": "a.https://" * 6_000,
    "pluses before an at": "a+" * 30_000 + "@example.com",
    "a long user": "x" * 60_000 + "@example.com",
    "many labels": "jane@" + "ab." * 20_000 + "com",
    "a long handle": "@" + "Ab" * 30_000,
    "a long tag": "#" + "Ab" * 30_000,
}


@pytest.mark.parametrize("token", _HOSTILE.values(), ids=_HOSTILE.keys())
def test_a_60kb_token_keeps_every_letter(token: str) -> None:
    assert _in_order(_letters(token), _letters(normalize(f"It said {token} twice.")))


def test_a_link_with_a_huge_query_says_its_host() -> None:
    link = "https://www.example.com/search?q=" + "x" * 60_000
    assert normalize(f"See {link} now.") == "See example dot com slash search now."
