"""How a number with a meaning is said: dates, times, money, percentages, measures, ranges.

The functions that say what a rule of `number_rules` matched, and the pattern pieces those
rules are built from (a written number, a month, a currency, a unit).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tts.text.normalize.number_tables import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    MAGNITUDES,
    MILLION_NOUNS,
    MINOR_UNITS,
    MONTH_BY_NUMBER,
    MONTHS,
    PER_UNITS,
    UNITS,
    UNITS_ONLY_ATTACHED,
)
from tts.text.normalize.number_words import (
    cardinal,
    digits,
    fraction,
    number,
    ordinal,
    plural,
    year,
)
from tts.text.normalize.rule import keep_full_stop

# A written number: "21,174", "4.5", ".300", "2019".
NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
# A number standing alone: no letter, digit or decimal point glued to its left.
START = r"(?<![\w.,])"
END = r"(?![\w]|[.,]\d)"
DASH = r"\s?[-–—]\s?"
# A minus sign: only after a space or bracket, so "5%-6%" and "A-1" are not negatives.
SIGN = r"(?:(?<![^\s(\[])[-−+])?"


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so "km/h" wins over "km"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


MONTH = rf"(?P<month>{alternatives(k.capitalize() for k in MONTHS)})\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1\d{3}|20\d{2})"


def _month(name: str) -> str:
    return MONTHS[name.lower().rstrip(".")]


def _is_day(text: str) -> bool:
    return 1 <= int(text) <= 31


def _say_year(text: str) -> str:
    return year(int(text))


def _say_number(text: str) -> str:
    """A plain number, with four-digit numbers without separators read as years."""
    if re.fullmatch(r"1\d{3}|20\d{2}", text):
        return year(int(text))
    return number(text)


def _is_one(text: str) -> bool:
    return text.replace(",", "") in ("1", "1.0", "1.00")


# --- dates ------------------------------------------------------------------------------


def iso_date(m: re.Match[str]) -> str:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return m.group(0)
    return f"the {ordinal(d)} of {MONTH_BY_NUMBER[mo]} {year(y)}"


def slash_date(m: re.Match[str]) -> str:
    first, second, y = int(m["a"]), int(m["b"]), m["y"]
    # American order unless the first field cannot be a month (25/12/2019).
    mo, d = (second, first) if first > 12 else (first, second)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return m.group(0)
    full = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
    return f"{MONTH_BY_NUMBER[mo]} {ordinal(d)}, {year(full)}"


def month_day_year(m: re.Match[str]) -> str:
    if not _is_day(m["day"]):
        return m.group(0)
    spoken = f"{_month(m['month'])} {ordinal(int(m['day']))}"
    if m["day2"] and _is_day(m["day2"]):
        spoken += f" to {ordinal(int(m['day2']))}"
    if m["year"]:
        spoken += f", {_say_year(m['year'])}"
    return spoken


def day_month_year(m: re.Match[str]) -> str:
    if not _is_day(m["day"]):
        return m.group(0)
    # "on the 21st of October" already has its article.
    article = "" if m.string[: m.start()].rstrip().lower().endswith("the") else "the "
    spoken = f"{article}{ordinal(int(m['day']))} of {_month(m['month'])}"
    if m["year"]:
        spoken += f" {_say_year(m['year'])}"
    return spoken


def month_year(m: re.Match[str]) -> str:
    return f"{_month(m['month'])}{m['sep']}{_say_year(m['year'])}"


# --- times ------------------------------------------------------------------------------


def _meridiem(text: str | None) -> str:
    if not text:
        return ""
    # Written "a.m." so that espeak-ng spells it; a bare "a m" loses the "a" to the article.
    return " a.m." if text.strip()[0] in "aA" else " p.m."


def clock(m: re.Match[str]) -> str:
    h, mi, s = int(m["h"]), int(m["mi"]), m["s"]
    if h > 24 or mi > 59:
        return m.group(0)
    if s:
        # A duration or timestamp with seconds: said unit by unit.
        sec = int(s)
        return (
            f"{cardinal(h)} hours {cardinal(mi)} minutes and {cardinal(sec)} "
            f"{'second' if sec == 1 else 'seconds'}"
        )
    ampm = _meridiem(m["ampm"])
    if mi == 0 and not ampm and (h == 0 or h > 12):
        # A 24-hour clock: "14:00" is "fourteen hundred", and "0:00" is not "zero zero zero".
        spoken = f"{cardinal(h)} hundred"
    elif mi == 0:
        spoken = cardinal(h) + (ampm or " o'clock")
    elif mi < 10:
        spoken = f"{cardinal(h)} o {cardinal(mi)}{ampm}"
    else:
        spoken = f"{cardinal(h)} {cardinal(mi)}{ampm}"
    return keep_full_stop(m, spoken) if ampm else spoken


def hour_meridiem(m: re.Match[str]) -> str:
    if not 1 <= int(m["h"]) <= 12:
        return m.group(0)
    return keep_full_stop(m, cardinal(int(m["h"])) + _meridiem(m["ampm"]))


AMPM = r"(?P<ampm>[ap]\.\s?m\.|[ap]m\b|[AP]M\b|[ap]\.m\b)"

# --- money ------------------------------------------------------------------------------


def _amount(value: str, magnitude: str | None, names: tuple[str, str]) -> str:
    one, many = names
    if magnitude:
        return f"{number(value)} {MAGNITUDES[magnitude.lower()]} {many}"
    whole, _, cents = value.partition(".")
    minor = MINOR_UNITS.get(one)
    if cents and len(cents) == 2 and minor:
        spoken_whole = (
            "" if whole in ("", "0") else f"{number(whole)} {one if whole == '1' else many}"
        )
        c = int(cents)
        if c == 0:
            return spoken_whole or f"zero {many}"
        spoken_cents = f"{cardinal(c)} {minor[0] if c == 1 else minor[1]}"
        return f"{spoken_whole} and {spoken_cents}" if spoken_whole else spoken_cents
    return f"{number(value)} {one if _is_one(value) else many}"


def money(m: re.Match[str]) -> str:
    names = CURRENCY_SYMBOLS.get(m["cur"]) or CURRENCY_CODES[m["cur"]]
    if m["to"]:
        # "$5-10 million": the currency and magnitude belong to both ends of the range.
        high = _amount(m["to"], m["mag"], names)
        return f"{number(m['num'])} to {high}"
    return _amount(m["num"], m["mag"], names)


def money_after(m: re.Match[str]) -> str:
    return _amount(m["num"], m["mag"], CURRENCY_CODES[m["cur"]])


def minor_money(m: re.Match[str]) -> str:
    names = ("penny", "pence") if m["unit"] == "p" else ("cent", "cents")
    return f"{number(m['num'])} {names[0] if _is_one(m['num']) else names[1]}"


def magnitude(m: re.Match[str]) -> str:
    return f"{number(m['num'])} {MAGNITUDES[m['mag'].lower()]}"


MAG = rf"(?:\s?(?P<mag>(?i:{alternatives(MAGNITUDES)}))\b)?"
CURRENCY = f"{alternatives(CURRENCY_SYMBOLS)}|{alternatives(CURRENCY_CODES)}"

# --- percentages, measures --------------------------------------------------------------


def percent(m: re.Match[str]) -> str:
    if m["to"]:
        return f"{number(m['num'])} to {number(m['to'])} percent"
    return f"{number(m['num'])} percent"


def measure(m: re.Match[str]) -> str:
    unit = m["unit"]
    if m["gap"] and unit in UNITS_ONLY_ATTACHED:
        return m.group(0)
    if unit in ("C", "F") and len(m["num"].lstrip("-−+")) < 2:
        # "40C" is a temperature; "4C" is more often a flat, a seat or a grade.
        return m.group(0)
    one, many = UNITS[unit]
    if unit == "m" and _next_word(m) in MILLION_NOUNS:
        # British news writes millions as "1.5m people"; metres are not counted in people.
        one = many = "million"
    if m["hyphen"]:
        # "a 10-km race": a compound adjective keeps the unit singular.
        return f"{number(m['num'])} {one}"
    low = f"{number(m['num'])} to " if m["to"] else ""
    value = m["to"] or m["num"]
    return f"{low}{number(value)} {one if _is_one(value) else many}"


def _next_word(m: re.Match[str]) -> str:
    after = m.string[m.end() :].split(maxsplit=1)
    return after[0].lower().strip(".,;:") if after else ""


def per_unit(m: re.Match[str]) -> str:
    return f"{number(m['num'])} per {PER_UNITS[m['unit']]}"


UNIT = rf"(?P<unit>{alternatives(UNITS)})"

# --- numbers with signs and shapes ------------------------------------------------------


def number_sign(m: re.Match[str]) -> str:
    return "numbers " if m.group(0).lower().startswith("nos") else "number "


def phone(m: re.Match[str]) -> str:
    groups = [g for g in m.groups() if g]
    return ", ".join(digits(g) for g in groups)


def digit_chain(m: re.Match[str]) -> str:
    """ISBNs, serials and other hyphenated codes: digit by digit."""
    return digits(m.group(0))


def year_range_short(m: re.Match[str]) -> str:
    first, last = int(m["a"]), int(m["b"])
    end = first // 100 * 100 + last
    if end <= first:
        return m.group(0)
    if 2000 <= first <= 2009:
        return f"{year(first)} to {year(end)}"
    return f"{year(first)} to {cardinal(last) if last >= 10 else year(end)}"


def range(m: re.Match[str]) -> str:
    if m["a"] == m["b"] == "50":
        # "a 50-50 chance" is the idiom "fifty fifty", not a score.
        return "fifty fifty"
    return f"{_say_number(m['a'])} to {_say_number(m['b'])}"


def decade(m: re.Match[str]) -> str:
    if m["century"]:
        return plural(year(int(m["century"] + m["tens"])))
    return plural(cardinal(int(m["tens"])))


def team_number(m: re.Match[str]) -> str:
    words = cardinal(int(m["num"]))
    return words + ("rs" if words.endswith("e") else "ers")


def number_plural(m: re.Match[str]) -> str:
    return plural(cardinal(int(m["num"])))


def say_ordinal(m: re.Match[str]) -> str:
    return ordinal(int(m["num"].replace(",", "")))


VULGAR = {
    "½": (1, 2),
    "⅓": (1, 3),
    "⅔": (2, 3),
    "¼": (1, 4),
    "¾": (3, 4),
    "⅕": (1, 5),
    "⅙": (1, 6),
    "⅛": (1, 8),
    "⅜": (3, 8),
    "⅝": (5, 8),
    "⅞": (7, 8),
}


def vulgar(m: re.Match[str]) -> str:
    spoken = fraction(*VULGAR[m["frac"]])
    return f"{cardinal(int(m['whole']))} and {_a(spoken)}" if m["whole"] else spoken


def _a(fraction_words: str) -> str:
    """ "one half" after a whole number is said "a half": "two and a half"."""
    return "a " + fraction_words[4:] if fraction_words.startswith("one ") else fraction_words


def slash_fraction(m: re.Match[str]) -> str:
    a, b = int(m["a"]), int(m["b"])
    whole = f"{cardinal(int(m['whole']))} and " if m["whole"] else ""
    # Small fractions, and the inch fractions of sizes ("5/16"); larger pairs are names.
    if (2 <= b <= 10 and a < 10 and a != b) or (b in (16, 32, 64) and a < b):
        return whole + (_a(fraction(a, b)) if whole else fraction(a, b))
    # "9/11", "24/7": names said as two numbers, not as fractions.
    return f"{whole}{cardinal(a)} {cardinal(b)}"


def letters_number(m: re.Match[str]) -> str:
    # The letters stay as written: the acronym rule decides later whether they are spelled.
    spoken = _say_number(m["num"])
    return f"{m['letters']} {plural(spoken) if m['s'] else spoken}"


def number_letters(m: re.Match[str]) -> str:
    return f"{_say_number(m['num'])} {m['letters']}"


def times(m: re.Match[str]) -> str:
    return f"{number(m['a'])} by {number(m['b'])}"


def plain_number(m: re.Match[str]) -> str:
    return _say_number(m["num"])
