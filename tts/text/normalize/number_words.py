"""Numbers as words: cardinals, ordinals, years, decimals, digit strings, fractions, Roman numerals.

Pure functions from digits to American English words, with no "and" inside numbers
("two hundred sixty nine") and no hyphens, so that every output is plain words a speech
engine reads one way only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from num2words import num2words  # type: ignore[import-untyped]

_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

# Ordinal endings for the last word of a cardinal; everything else takes "th".
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}

# Fractions whose denominator has its own word; others use the ordinal ("sevenths").
_DENOMINATORS = {2: ("half", "halves"), 4: ("quarter", "quarters")}


@lru_cache(maxsize=4096)
def cardinal(n: int) -> str:
    """Spell an integer: 269 -> "two hundred sixty nine", -5 -> "minus five"."""
    if n < 0:
        return "minus " + cardinal(-n)
    try:
        words = num2words(n, lang="en")
    except OverflowError:
        return digits(str(n))  # past the named powers of ten: a digit string after all
    # num2words writes British "and" and hyphens; a listener hears neither.
    return words.replace(",", "").replace("-", " ").replace(" and ", " ")


@lru_cache(maxsize=1024)
def ordinal(n: int) -> str:
    """Spell an ordinal: 21 -> "twenty first"."""
    head, _, last = cardinal(n).rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head} {last}" if head else last


def _pair(n: int) -> str:
    """A two-digit group as said inside a year: 5 -> "o five", 0 -> "hundred"."""
    if n == 0:
        return "hundred"
    if n < 10:
        return "o " + _DIGIT_WORDS[n]
    return cardinal(n)


@lru_cache(maxsize=2048)
def year(n: int) -> str:
    """Spell a year as said aloud: 1984 "nineteen eighty four", 2005 "two thousand five"."""
    if 2000 <= n <= 2009 or n < 1000 or n >= 10000 or n % 1000 < 10 and n % 1000 != 0:
        # 2000-2009 and 1001-1009 are said as thousands; small and huge years as cardinals.
        return cardinal(n)
    if n % 1000 == 0:
        return cardinal(n)
    return f"{cardinal(n // 100)} {_pair(n % 100)}"


def plural(words: str) -> str:
    """Make the last number word plural: "nineteen seventy" -> "nineteen seventies"."""
    head, _, last = words.rpartition(" ")
    if last.endswith("y"):
        last = last[:-1] + "ies"
    elif last.endswith(("x", "s")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def digits(text: str) -> str:
    """Read a digit string one digit at a time, zero as "o": "0521" -> "o five two one"."""
    return " ".join("o" if ch == "0" else _DIGIT_WORDS[int(ch)] for ch in text if ch.isdigit())


def integer(text: str) -> str:
    """Spell an integer written with or without thousands separators: "21,174"."""
    plain = text.replace(",", "")
    if len(plain) > 1 and plain.startswith("0"):
        # Leading zeros mark a code or a serial ("007"), read digit by digit.
        return digits(plain)
    return cardinal(int(plain))


def decimal(text: str) -> str:
    """Spell a decimal: "2.60" -> "two point six o", ".300" -> "point three o o"."""
    whole, _, frac = text.partition(".")
    spoken = integer(whole) + " point" if whole else "point"
    if frac == "0":
        return spoken + " zero"
    return f"{spoken} {digits(frac)}" if frac else spoken


def number(text: str) -> str:
    """Spell a written number, with optional sign, separators and decimals."""
    sign = ""
    if text[:1] in "-−":
        sign, text = "minus ", text[1:]
    elif text[:1] == "+":
        sign, text = "plus ", text[1:]
    if "." in text:
        return sign + decimal(text)
    return sign + integer(text)


def fraction(numerator: int, denominator: int) -> str:
    """Spell a fraction: 3/4 -> "three quarters", 1/2 -> "one half", 4/3 -> "four thirds"."""
    if denominator in _DENOMINATORS:
        one, many = _DENOMINATORS[denominator]
    else:
        one = ordinal(denominator)
        many = one + "s"
    return f"{cardinal(numerator)} {one if numerator == 1 else many}"


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_SHAPE = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def roman(text: str) -> int | None:
    """Value of a well-formed Roman numeral ("VIII" -> 8), None for anything else."""
    if not text or not _ROMAN_SHAPE.fullmatch(text):
        return None
    total = 0
    for ch, nxt in zip(text, text[1:] + " ", strict=True):
        value = _ROMAN_VALUES[ch]
        total += -value if nxt != " " and _ROMAN_VALUES[nxt] > value else value
    return total
