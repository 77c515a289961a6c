"""Rules for numbers with a meaning: dates, times, money, percentages, measures, ranges, years.

Each rule is a named pattern with a function that says its match. The patterns accept both
news text ("$4.5 billion", "Aug. 6, 2018") and text tokenised with spaces ("$ 4.5 billion",
"August 6 , 2018"), as published in the text-normalisation test data. Order matters: a date
is read before its year would be read as a plain number.
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
from tts.text.normalize.rule import Rule, keep_full_stop

# A written number: "21,174", "4.5", ".300", "2019".
NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
# A number standing alone: no letter, digit or decimal point glued to its left.
_START = r"(?<![\w.,])"
_END = r"(?![\w]|[.,]\d)"
_DASH = r"\s?[-–—]\s?"
# A minus sign: only after a space or bracket, so "5%-6%" and "A-1" are not negatives.
_SIGN = r"(?:(?<![^\s(\[])[-−+])?"


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so "km/h" wins over "km"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?P<month>{_alternatives(k.capitalize() for k in MONTHS)})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d{3}|20\d{2})"


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


def _iso_date(m: re.Match[str]) -> str:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return m.group(0)
    return f"the {ordinal(d)} of {MONTH_BY_NUMBER[mo]} {year(y)}"


def _slash_date(m: re.Match[str]) -> str:
    first, second, y = int(m["a"]), int(m["b"]), m["y"]
    # American order unless the first field cannot be a month (25/12/2019).
    mo, d = (second, first) if first > 12 else (first, second)
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return m.group(0)
    full = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
    return f"{MONTH_BY_NUMBER[mo]} {ordinal(d)}, {year(full)}"


def _month_day_year(m: re.Match[str]) -> str:
    if not _is_day(m["day"]):
        return m.group(0)
    spoken = f"{_month(m['month'])} {ordinal(int(m['day']))}"
    if m["day2"] and _is_day(m["day2"]):
        spoken += f" to {ordinal(int(m['day2']))}"
    if m["year"]:
        spoken += f", {_say_year(m['year'])}"
    return spoken


def _day_month_year(m: re.Match[str]) -> str:
    if not _is_day(m["day"]):
        return m.group(0)
    # "on the 21st of October" already has its article.
    article = "" if m.string[: m.start()].rstrip().lower().endswith("the") else "the "
    spoken = f"{article}{ordinal(int(m['day']))} of {_month(m['month'])}"
    if m["year"]:
        spoken += f" {_say_year(m['year'])}"
    return spoken


def _month_year(m: re.Match[str]) -> str:
    return f"{_month(m['month'])}{m['sep']}{_say_year(m['year'])}"


# --- times ------------------------------------------------------------------------------


def _meridiem(text: str | None) -> str:
    if not text:
        return ""
    # Written "a.m." so that espeak-ng spells it; a bare "a m" loses the "a" to the article.
    return " a.m." if text.strip()[0] in "aA" else " p.m."


def _clock(m: re.Match[str]) -> str:
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


def _hour_meridiem(m: re.Match[str]) -> str:
    if not 1 <= int(m["h"]) <= 12:
        return m.group(0)
    return keep_full_stop(m, cardinal(int(m["h"])) + _meridiem(m["ampm"]))


_AMPM = r"(?P<ampm>[ap]\.\s?m\.|[ap]m\b|[AP]M\b|[ap]\.m\b)"

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


def _money(m: re.Match[str]) -> str:
    names = CURRENCY_SYMBOLS.get(m["cur"]) or CURRENCY_CODES[m["cur"]]
    if m["to"]:
        # "$5-10 million": the currency and magnitude belong to both ends of the range.
        high = _amount(m["to"], m["mag"], names)
        return f"{number(m['num'])} to {high}"
    return _amount(m["num"], m["mag"], names)


def _money_after(m: re.Match[str]) -> str:
    return _amount(m["num"], m["mag"], CURRENCY_CODES[m["cur"]])


def _minor_money(m: re.Match[str]) -> str:
    names = ("penny", "pence") if m["unit"] == "p" else ("cent", "cents")
    return f"{number(m['num'])} {names[0] if _is_one(m['num']) else names[1]}"


def _magnitude(m: re.Match[str]) -> str:
    return f"{number(m['num'])} {MAGNITUDES[m['mag'].lower()]}"


_MAG = rf"(?:\s?(?P<mag>(?i:{_alternatives(MAGNITUDES)}))\b)?"
_CURRENCY = f"{_alternatives(CURRENCY_SYMBOLS)}|{_alternatives(CURRENCY_CODES)}"

# --- percentages, measures --------------------------------------------------------------


def _percent(m: re.Match[str]) -> str:
    if m["to"]:
        return f"{number(m['num'])} to {number(m['to'])} percent"
    return f"{number(m['num'])} percent"


def _measure(m: re.Match[str]) -> str:
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


def _per_unit(m: re.Match[str]) -> str:
    return f"{number(m['num'])} per {PER_UNITS[m['unit']]}"


_UNIT = rf"(?P<unit>{_alternatives(UNITS)})"

# --- numbers with signs and shapes ------------------------------------------------------


def _number_sign(m: re.Match[str]) -> str:
    return "numbers " if m.group(0).lower().startswith("nos") else "number "


def _phone(m: re.Match[str]) -> str:
    groups = [g for g in m.groups() if g]
    return ", ".join(digits(g) for g in groups)


def _digit_chain(m: re.Match[str]) -> str:
    """ISBNs, serials and other hyphenated codes: digit by digit."""
    return digits(m.group(0))


def _year_range_short(m: re.Match[str]) -> str:
    first, last = int(m["a"]), int(m["b"])
    end = first // 100 * 100 + last
    if end <= first:
        return m.group(0)
    if 2000 <= first <= 2009:
        return f"{year(first)} to {year(end)}"
    return f"{year(first)} to {cardinal(last) if last >= 10 else year(end)}"


def _range(m: re.Match[str]) -> str:
    if m["a"] == m["b"] == "50":
        # "a 50-50 chance" is the idiom "fifty fifty", not a score.
        return "fifty fifty"
    return f"{_say_number(m['a'])} to {_say_number(m['b'])}"


def _decade(m: re.Match[str]) -> str:
    if m["century"]:
        return plural(year(int(m["century"] + m["tens"])))
    return plural(cardinal(int(m["tens"])))


def _team_number(m: re.Match[str]) -> str:
    words = cardinal(int(m["num"]))
    return words + ("rs" if words.endswith("e") else "ers")


def _number_plural(m: re.Match[str]) -> str:
    return plural(cardinal(int(m["num"])))


def _ordinal(m: re.Match[str]) -> str:
    return ordinal(int(m["num"].replace(",", "")))


_VULGAR = {
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


def _vulgar(m: re.Match[str]) -> str:
    spoken = fraction(*_VULGAR[m["frac"]])
    return f"{cardinal(int(m['whole']))} and {_a(spoken)}" if m["whole"] else spoken


def _a(fraction_words: str) -> str:
    """ "one half" after a whole number is said "a half": "two and a half"."""
    return "a " + fraction_words[4:] if fraction_words.startswith("one ") else fraction_words


def _slash_fraction(m: re.Match[str]) -> str:
    a, b = int(m["a"]), int(m["b"])
    whole = f"{cardinal(int(m['whole']))} and " if m["whole"] else ""
    # Small fractions, and the inch fractions of sizes ("5/16"); larger pairs are names.
    if (2 <= b <= 10 and a < 10 and a != b) or (b in (16, 32, 64) and a < b):
        return whole + (_a(fraction(a, b)) if whole else fraction(a, b))
    # "9/11", "24/7": names said as two numbers, not as fractions.
    return f"{whole}{cardinal(a)} {cardinal(b)}"


def _letters_number(m: re.Match[str]) -> str:
    # The letters stay as written: the acronym rule decides later whether they are spelled.
    spoken = _say_number(m["num"])
    return f"{m['letters']} {plural(spoken) if m['s'] else spoken}"


def _number_letters(m: re.Match[str]) -> str:
    return f"{_say_number(m['num'])} {m['letters']}"


def _times(m: re.Match[str]) -> str:
    return f"{number(m['a'])} by {number(m['b'])}"


def _plain_number(m: re.Match[str]) -> str:
    return _say_number(m["num"])


NUMERIC_RULES: tuple[Rule, ...] = (
    Rule(
        "long_digit_run",
        re.compile(r"(?<!\d)(?<!\d[.,])(?:\d{37,}|\d{1,3}(?:,\d{3}){12,})(?!,?\d)"),
        lambda m: f" {digits(m.group(0))} ",
        "More than 36 digits (past undecillions) is a code or junk, not a quantity anyone "
        "can follow: read it digit by digit. Python's int() refuses 4,300 digits and "
        "num2words about 306, so no later rule may see such a number.",
    ),
    Rule(
        "iso_date",
        re.compile(r"\b(?P<y>1\d{3}|20\d{2})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b"),
        _iso_date,
        "2018-08-06 is a date in references and datelines; read day, month and year.",
    ),
    Rule(
        "dotted_date",
        re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?P<y>1\d{3}|20\d{2})(?![\d.]\d)"),
        _iso_date,
        "25.12.2011: European day.month.year.",
    ),
    Rule(
        "slash_date",
        re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])"),
        _slash_date,
        "8/6/2018: American month first unless the first field is over twelve.",
    ),
    Rule(
        "month_day_year",
        re.compile(
            rf"\b{_MONTH}\s{_DAY}(?:{_DASH}(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?\b"
            rf"(?!\s?[:.,]\d)(?:(?:\s?,)?\s{_YEAR}\b(?![.,]\d))?"
        ),
        _month_day_year,
        'espeak-ng says "Aug. 6, 2018" as "og six"; the day of a date is an ordinal.',
    ),
    Rule(
        "day_month_year",
        re.compile(rf"\b{_DAY}\s(?:of\s)?{_MONTH}(?:,?\s{_YEAR}\b(?![.,]\d))?(?!\w)"),
        _day_month_year,
        'British order "6 August 2018" is said "the sixth of August".',
    ),
    Rule(
        "month_year",
        re.compile(rf"\b{_MONTH}(?P<sep>\s?,?\s){_YEAR}\b(?![.,]\d)"),
        _month_year,
        '"August 2018": the number after a month is a year.',
    ),
    Rule(
        "clock_time",
        re.compile(
            rf"(?<![\d:.])(?P<h>[0-2]?\d):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:])(?:\s?{_AMPM})?"
        ),
        _clock,
        '"3:30 p.m." -> "three thirty p m"; "0:00" must not become "zero zero zero".',
    ),
    Rule(
        "dotted_time",
        re.compile(rf"(?<![\d.])(?P<h>[01]?\d)\.(?P<mi>[0-5]\d)(?P<s>)\s?{_AMPM}"),
        _clock,
        'British "10.30pm" is a time, not a decimal.',
    ),
    Rule(
        "hour_meridiem",
        re.compile(rf"(?<![\w:.])(?P<h>[01]?\d)\s?{_AMPM}"),
        _hour_meridiem,
        '"3 p.m." has no minutes; the letters are spelled.',
    ),
    Rule(
        "money_symbol",
        re.compile(
            rf"(?<![\w$£€¥])(?P<cur>{_CURRENCY})\s?(?P<num>{NUM})"
            rf"(?:{_DASH}(?:{_CURRENCY})?\s?(?P<to>{NUM}))?{_MAG}(?!\w|[.,]\d)"
        ),
        _money,
        'espeak-ng says "$4.5 billion" as "dollar four point five billion".',
    ),
    Rule(
        "money_code_after",
        re.compile(rf"{_START}(?P<num>{NUM}){_MAG}\s(?P<cur>{_alternatives(CURRENCY_CODES)})\b"),
        _money_after,
        '"50 EUR": the code after the amount is the currency.',
    ),
    Rule(
        "money_minor",
        re.compile(rf"{_START}(?P<num>\d+)\s?(?P<unit>p|¢)(?!\w)"),
        _minor_money,
        '"50p" and "25¢" are pence and cents.',
    ),
    Rule(
        "magnitude",
        re.compile(rf"{_START}(?P<num>{NUM})(?P<mag>bn|mn|tn)\b"),
        _magnitude,
        '"3bn" without a currency is still "three billion".',
    ),
    Rule(
        "ordinal",
        re.compile(rf"{_START}(?P<num>\d{{1,3}}(?:,\d{{3}})*)(?:st|nd|rd|th)\b"),
        _ordinal,
        '"21st" is "twenty first".',
    ),
    Rule(
        "percent",
        re.compile(rf"{_START}(?P<num>{_SIGN}{NUM})(?:\s?%?{_DASH}(?P<to>{NUM}))?\s?%"),
        _percent,
        "The percent sign is said after the number.",
    ),
    Rule(
        "per_unit",
        re.compile(rf"{_START}(?P<num>{NUM})\s?/\s?(?P<unit>{_alternatives(PER_UNITS)})(?!\w)"),
        _per_unit,
        '"280/km2" is a density: "two hundred eighty per square kilometer".',
    ),
    Rule(
        "measure",
        re.compile(
            rf"{_START}(?P<num>{_SIGN}{NUM})(?:{_DASH}(?P<to>{NUM}))?(?:(?P<hyphen>-)|(?P<gap>\s)?)"
            rf"{_UNIT}(?![\w/²³])"
        ),
        _measure,
        "Unit abbreviations after a number are said in full, plural unless the number is one.",
    ),
    Rule(
        "number_sign",
        re.compile(r"(?:\b[Nn]os?\.|#)\s?(?=\d)"),
        _number_sign,
        'espeak-ng reads "No. 1" as "no one"; "#1" is also "number one".',
    ),
    Rule(
        "phone_number",
        re.compile(r"(?<![\w-])\(?(\d{3})\)?[-. ](\d{3})[-.](\d{4})(?![\w-])"),
        _phone,
        "Telephone numbers are read digit by digit in groups.",
    ),
    Rule(
        "digit_chain",
        re.compile(r"(?<![\w-])\d+(?:-\d+){2,}(?:-?X)?(?![\w-])"),
        _digit_chain,
        "ISBNs and other codes of three or more hyphenated groups are read digit by digit.",
    ),
    Rule(
        "year_range_short",
        re.compile(rf"{_START}(?P<a>1\d{{3}}|20\d{{2}}){_DASH}(?P<b>\d\d)(?![\w-]|[.,]\d)"),
        _year_range_short,
        '"2019-20" and "1837-38" are spans of years, the second written short.',
    ),
    Rule(
        "range",
        re.compile(rf"(?<![\w.,-])(?P<a>{NUM}){_DASH}(?P<b>{NUM})(?![\w-]|[.,]\d)"),
        _range,
        'espeak-ng says "3-2" as "three dash two"; ranges and scores are said with "to".',
    ),
    Rule(
        "decade",
        re.compile(r"(?:\b(?P<century>1\d|20)|(?<!\w)['’‘]|\b)(?P<tens>\d0)\s?['’]?s\b"),
        _decade,
        '"1970s" is "nineteen seventies" and "\'90s" is "nineties".',
    ),
    Rule(
        "team_number",
        re.compile(r"(?<![\w.,])(?P<num>\d{1,2})ers\b"),
        _team_number,
        '"49ers" and "76ers" are "forty niners" and "seventy sixers".',
    ),
    Rule(
        "number_plural",
        re.compile(r"(?<![\w.,])(?P<num>\d{1,3})\s?['’]s\b"),
        _number_plural,
        '"the 21\'s": a number used as a noun takes the plural.',
    ),
    Rule(
        "vulgar_fraction",
        re.compile(rf"(?:(?P<whole>\d{{1,2}})\s?)?(?P<frac>[{''.join(_VULGAR)}])"),
        _vulgar,
        'Unicode fractions: "2½" is "two and one half".',
    ),
    Rule(
        "slash_fraction",
        re.compile(
            r"(?<![\w/.])(?:(?P<whole>\d{1,2})\s)?(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|\.\d)"
        ),
        _slash_fraction,
        '"3/4" is "three quarters"; "9/11" and "24/7" are said as two numbers.',
    ),
    Rule(
        "dimensions",
        re.compile(rf"{_START}(?P<a>{NUM})\s?[x×]\s?(?P<b>{NUM}){_END}"),
        _times,
        '"2x4" and "3 × 5" are read with "by".',
    ),
    Rule(
        "letters_number",
        re.compile(r"\b(?P<letters>[A-Z]{1,5}|[a-z])-?\s?(?P<num>\d+)(?P<s>s)?(?!\w|[.,]\d)"),
        _letters_number,
        'Model names and codes "F-16", "G7", "COVID-19": letters, then the number.',
    ),
    Rule(
        "number_letters",
        re.compile(r"(?<![\w.,])(?P<num>\d+)(?P<letters>[A-Z]{1,2})\b"),
        _number_letters,
        '"3D", "4K", "5G": the number, then the letters.',
    ),
    Rule(
        "plain_number",
        re.compile(rf"(?<![\w])(?P<num>{_SIGN}{NUM})(?!\w)"),
        _plain_number,
        "Any number left: a four-digit number without separators is read as a year.",
    ),
)
