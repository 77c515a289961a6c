"""The spoken form of a sentence in a language other than English. The English rules
(abbreviations, "Aug. 6", "$4.5 billion") would read it wrongly, so only what every
language needs is done: markup out, and numbers as words by num2words in the languages
where its words were checked (es, fr, de, it, pt, nl), with the language's own decimal comma
and thousands point ("1.234,5"), years as years, percent and the euro and dollar signs as
words. Elsewhere the digits are left to the voice, which reads them in its language.
"""

from __future__ import annotations

import re
from functools import cache

from tts.text.language import primary
from tts.text.normalize.plain import plain_speech, without_markup

# The languages whose num2words output was read through (cardinals, years, decimals), all
# writing 1.234,5 (a decimal comma and a thousands point): percent, the euro and
# dollar signs, and the decimal separator as each says them ("4,50" is "cuatro coma
# cincuenta"). Elsewhere num2words has known faults (Arabic 2000 as "ألفا", Turkish words run
# together, Russian years as cardinals), so the digits are left to the voice.
_WORDS: dict[str, dict[str, str]] = {
    "es": {"%": "por ciento", "€": "euros", "$": "dólares", ",": "coma"},
    "fr": {"%": "pour cent", "€": "euros", "$": "dollars", ",": "virgule"},
    "de": {"%": "Prozent", "€": "Euro", "$": "Dollar", ",": "Komma"},
    "it": {"%": "per cento", "€": "euro", "$": "dollari", ",": "virgola"},
    "pt": {"%": "por cento", "€": "euros", "$": "dólares", ",": "vírgula"},
    "nl": {"%": "procent", "€": "euro", "$": "dollar", ",": "komma"},
}
_SPACES = re.compile(r"\s+")


@cache
def _number_pattern(comma: bool) -> re.Pattern[str]:
    group, decimal = (r"[.\u00a0\u202f ]", ",") if comma else (r"[,\u00a0\u202f]", r"\.")
    return re.compile(
        rf"(?P<pre>[€$]\s?)?(?<![\w.,])(?P<int>\d{{1,3}}(?:{group}\d{{3}})+|\d+)"
        rf"(?:{decimal}(?P<frac>\d+))?(?![\d])(?P<post>\s?(?:%|€|\$))?"
    )


def normalize_other(text: str, language: str) -> str:
    """The spoken form of one sentence in `language` (a BCP-47 tag other than English)."""
    lang = primary(language)
    text = _SPACES.sub(" ", without_markup(text)).strip()
    if lang in _WORDS:
        text = _TIME.sub(lambda m: _time(m, lang), text)
        if lang == "de":
            text = _GERMAN_DAY.sub(_german_day, text)
        pattern = _number_pattern(comma=True)
        text = pattern.sub(lambda m: _number(m, lang), text)
    return _SPACES.sub(" ", plain_speech(text)).strip()


# A time of day: "21:30", "5 h 30" and "21h" (French), the hour and minutes said as numbers.
_TIME = re.compile(
    r"(?<![\d:.,])(?P<hour>[01]?\d|2[0-3])(?::(?P<colon>[0-5]\d)|(?P<h>\s?h)\s?(?P<min>[0-5]\d)?)"
    r"(?![\d:])(?!\w)(?P<uhr>\s?Uhr\b)?"
)
_HOURS = {"fr": ("heure", "heures"), "de": ("Uhr", "Uhr")}
# German writes a day as an ordinal with a full stop: "am 5. Mai" is "am fünften Mai".
_GERMAN_DAY = re.compile(
    r"(?:\b(am|vom|zum|im|dem|den|bis|seit|ab)\s+)?\b(\d{1,2})\.\s+(?=(?:Januar|Jänner|Februar|"
    r"März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b)"
)


def _time(m: re.Match[str], lang: str) -> str:
    from num2words import num2words

    hour, minutes = int(m["hour"]), m["colon"] or m["min"]
    if m["h"] and lang != "fr":
        return m[0]  # "5 h" is French; elsewhere h is hours of a duration, left as written
    said = num2words(hour, lang=lang)
    feminine = {"fr": ("une", "vingt et une"), "es": ("una", "veintiuna")}  # la hora, l'heure
    if lang in feminine and hour in (1, 21):
        said = feminine[lang][0 if hour == 1 else 1]
    unit = _HOURS.get(lang)
    if unit:
        said += " " + (unit[0] if hour == 1 else unit[1])
    if minutes and int(minutes):
        said += " " + num2words(int(minutes), lang=lang)
    return said


def _german_day(m: re.Match[str]) -> str:
    from num2words import num2words

    ordinal = num2words(int(m[2]), lang="de", to="ordinal")
    # After am, vom, zum, dem, den ... the day is in the dative or accusative: "fünften".
    return f"{m[1]} {ordinal}n " if m[1] else f"{ordinal} "


def _number(m: re.Match[str], lang: str) -> str:
    from num2words import num2words

    digits = re.sub(r"\D", "", m["int"])
    whole = int(digits)
    words = _WORDS[lang]
    try:
        if m["frac"] is not None:
            # "4,50": the whole, the separator, then the decimals as said: each leading zero
            # a digit ("3,05" is "tres coma cero cinco"), the rest one number.
            frac = m["frac"]
            zeros = len(frac) - len(frac.lstrip("0"))
            rest = frac.lstrip("0")
            parts = [num2words(whole, lang=lang), words[","], *[num2words(0, lang=lang)] * zeros]
            said = " ".join(parts + ([num2words(int(rest), lang=lang)] if rest else []))
        elif len(m["int"]) == 4 and 1100 <= whole <= 2099 and not (m["pre"] or m["post"]):
            said = num2words(whole, lang=lang, to="year")
        else:
            said = num2words(whole, lang=lang)
    except (NotImplementedError, OverflowError, ValueError, TypeError):
        return m[0]  # the voice reads the digits itself
    sign = (m["pre"] or m["post"] or "").strip()
    unit = words.get(sign, sign) if sign else ""
    return f"{said} {unit}".strip() + (" " if m["post"] and m[0].endswith(" ") else "")
