"""Rules for numbers with a meaning: dates, times, money, percentages, measures, ranges, years.

Each rule is a named pattern with a function that says its match. The patterns accept both
news text ("$4.5 billion", "Aug. 6, 2018") and text tokenised with spaces ("$ 4.5 billion",
"August 6 , 2018"), as published in the text-normalisation test data. Order matters: a date
is read before its year would be read as a plain number.
"""

from __future__ import annotations

import re

from tts.text.normalize.number_speech import (
    AMPM,
    CURRENCY,
    DASH,
    DAY,
    END,
    MAG,
    MONTH,
    NUM,
    SIGN,
    START,
    UNIT,
    VULGAR,
    YEAR,
    alternatives,
    clock,
    day_month_year,
    decade,
    digit_chain,
    hour_meridiem,
    iso_date,
    letters_number,
    magnitude,
    measure,
    minor_money,
    money,
    money_after,
    month_day_year,
    month_year,
    number_letters,
    number_plural,
    number_sign,
    per_unit,
    percent,
    phone,
    plain_number,
    range,
    say_ordinal,
    slash_date,
    slash_fraction,
    team_number,
    times,
    vulgar,
    year_range_short,
)
from tts.text.normalize.number_tables import CURRENCY_CODES, PER_UNITS
from tts.text.normalize.number_words import (
    digits,
)
from tts.text.normalize.rule import Rule

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
        iso_date,
        "2018-08-06 is a date in references and datelines; read day, month and year.",
    ),
    Rule(
        "dotted_date",
        re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?P<y>1\d{3}|20\d{2})(?![\d.]\d)"),
        iso_date,
        "25.12.2011: European day.month.year.",
    ),
    Rule(
        "slash_date",
        re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])"),
        slash_date,
        "8/6/2018: American month first unless the first field is over twelve.",
    ),
    Rule(
        "month_day_year",
        re.compile(
            rf"\b{MONTH}\s{DAY}(?:{DASH}(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?\b"
            rf"(?!\s?[:.,]\d)(?:(?:\s?,)?\s{YEAR}\b(?![.,]\d))?"
        ),
        month_day_year,
        'espeak-ng says "Aug. 6, 2018" as "og six"; the day of a date is an ordinal.',
    ),
    Rule(
        "day_month_year",
        re.compile(rf"\b{DAY}\s(?:of\s)?{MONTH}(?:,?\s{YEAR}\b(?![.,]\d))?(?!\w)"),
        day_month_year,
        'British order "6 August 2018" is said "the sixth of August".',
    ),
    Rule(
        "month_year",
        re.compile(rf"\b{MONTH}(?P<sep>\s?,?\s){YEAR}\b(?![.,]\d)"),
        month_year,
        '"August 2018": the number after a month is a year.',
    ),
    Rule(
        "clock_time",
        re.compile(
            rf"(?<![\d:.])(?P<h>[0-2]?\d):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:])(?:\s?{AMPM})?"
        ),
        clock,
        '"3:30 p.m." -> "three thirty p m"; "0:00" must not become "zero zero zero".',
    ),
    Rule(
        "dotted_time",
        re.compile(rf"(?<![\d.])(?P<h>[01]?\d)\.(?P<mi>[0-5]\d)(?P<s>)\s?{AMPM}"),
        clock,
        'British "10.30pm" is a time, not a decimal.',
    ),
    Rule(
        "hour_meridiem",
        re.compile(rf"(?<![\w:.])(?P<h>[01]?\d)\s?{AMPM}"),
        hour_meridiem,
        '"3 p.m." has no minutes; the letters are spelled.',
    ),
    Rule(
        "money_symbol",
        re.compile(
            rf"(?<![\w$£€¥])(?P<cur>{CURRENCY})\s?(?P<num>{NUM})"
            rf"(?:{DASH}(?:{CURRENCY})?\s?(?P<to>{NUM}))?{MAG}(?!\w|[.,]\d)"
        ),
        money,
        'espeak-ng says "$4.5 billion" as "dollar four point five billion".',
    ),
    Rule(
        "money_code_after",
        re.compile(rf"{START}(?P<num>{NUM}){MAG}\s(?P<cur>{alternatives(CURRENCY_CODES)})\b"),
        money_after,
        '"50 EUR": the code after the amount is the currency.',
    ),
    Rule(
        "money_minor",
        re.compile(rf"{START}(?P<num>\d+)\s?(?P<unit>p|¢)(?!\w)"),
        minor_money,
        '"50p" and "25¢" are pence and cents.',
    ),
    Rule(
        "magnitude",
        re.compile(rf"{START}(?P<num>{NUM})(?P<mag>bn|mn|tn)\b"),
        magnitude,
        '"3bn" without a currency is still "three billion".',
    ),
    Rule(
        "ordinal",
        re.compile(rf"{START}(?P<num>\d{{1,3}}(?:,\d{{3}})*)(?:st|nd|rd|th)\b"),
        say_ordinal,
        '"21st" is "twenty first".',
    ),
    Rule(
        "percent",
        re.compile(rf"{START}(?P<num>{SIGN}{NUM})(?:\s?%?{DASH}(?P<to>{NUM}))?\s?%"),
        percent,
        "The percent sign is said after the number.",
    ),
    Rule(
        "per_unit",
        re.compile(rf"{START}(?P<num>{NUM})\s?/\s?(?P<unit>{alternatives(PER_UNITS)})(?!\w)"),
        per_unit,
        '"280/km2" is a density: "two hundred eighty per square kilometer".',
    ),
    Rule(
        "measure",
        re.compile(
            rf"{START}(?P<num>{SIGN}{NUM})(?:{DASH}(?P<to>{NUM}))?(?:(?P<hyphen>-)|(?P<gap>\s)?)"
            rf"{UNIT}(?![\w/²³])"
        ),
        measure,
        "Unit abbreviations after a number are said in full, plural unless the number is one.",
    ),
    Rule(
        "number_sign",
        re.compile(r"(?:\b[Nn]os?\.|#)\s?(?=\d)"),
        number_sign,
        'espeak-ng reads "No. 1" as "no one"; "#1" is also "number one".',
    ),
    Rule(
        "phone_number",
        re.compile(r"(?<![\w-])\(?(\d{3})\)?[-. ](\d{3})[-.](\d{4})(?![\w-])"),
        phone,
        "Telephone numbers are read digit by digit in groups.",
    ),
    Rule(
        "digit_chain",
        re.compile(r"(?<![\w-])\d+(?:-\d+){2,}(?:-?X)?(?![\w-])"),
        digit_chain,
        "ISBNs and other codes of three or more hyphenated groups are read digit by digit.",
    ),
    Rule(
        "year_range_short",
        re.compile(rf"{START}(?P<a>1\d{{3}}|20\d{{2}}){DASH}(?P<b>\d\d)(?![\w-]|[.,]\d)"),
        year_range_short,
        '"2019-20" and "1837-38" are spans of years, the second written short.',
    ),
    Rule(
        "range",
        re.compile(rf"(?<![\w.,-])(?P<a>{NUM}){DASH}(?P<b>{NUM})(?![\w-]|[.,]\d)"),
        range,
        'espeak-ng says "3-2" as "three dash two"; ranges and scores are said with "to".',
    ),
    Rule(
        "decade",
        re.compile(r"(?:\b(?P<century>1\d|20)|(?<!\w)['’‘]|\b)(?P<tens>\d0)\s?['’]?s\b"),
        decade,
        '"1970s" is "nineteen seventies" and "\'90s" is "nineties".',
    ),
    Rule(
        "team_number",
        re.compile(r"(?<![\w.,])(?P<num>\d{1,2})ers\b"),
        team_number,
        '"49ers" and "76ers" are "forty niners" and "seventy sixers".',
    ),
    Rule(
        "number_plural",
        re.compile(r"(?<![\w.,])(?P<num>\d{1,3})\s?['’]s\b"),
        number_plural,
        '"the 21\'s": a number used as a noun takes the plural.',
    ),
    Rule(
        "vulgar_fraction",
        re.compile(rf"(?:(?P<whole>\d{{1,2}})\s?)?(?P<frac>[{''.join(VULGAR)}])"),
        vulgar,
        'Unicode fractions: "2½" is "two and one half".',
    ),
    Rule(
        "slash_fraction",
        re.compile(
            r"(?<![\w/.])(?:(?P<whole>\d{1,2})\s)?(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|\.\d)"
        ),
        slash_fraction,
        '"3/4" is "three quarters"; "9/11" and "24/7" are said as two numbers.',
    ),
    Rule(
        "dimensions",
        re.compile(rf"{START}(?P<a>{NUM})\s?[x×]\s?(?P<b>{NUM}){END}"),
        times,
        '"2x4" and "3 × 5" are read with "by".',
    ),
    Rule(
        "letters_number",
        re.compile(r"\b(?P<letters>[A-Z]{1,5}|[a-z])-?\s?(?P<num>\d+)(?P<s>s)?(?!\w|[.,]\d)"),
        letters_number,
        'Model names and codes "F-16", "G7", "COVID-19": letters, then the number.',
    ),
    Rule(
        "number_letters",
        re.compile(r"(?<![\w.,])(?P<num>\d+)(?P<letters>[A-Z]{1,2})\b"),
        number_letters,
        '"3D", "4K", "5G": the number, then the letters.',
    ),
    Rule(
        "plain_number",
        re.compile(rf"(?<![\w])(?P<num>{SIGN}{NUM})(?!\w)"),
        plain_number,
        "Any number left: a four-digit number without separators is read as a year.",
    ),
)
