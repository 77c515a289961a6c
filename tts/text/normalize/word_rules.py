"""Rules for words written short or as symbols: titles, states, street types, abbreviations,
Roman numerals, acronyms, words in capitals and signs.

Each rule is a named pattern with a function that says its match; the tables they read are
in `normalize_abbreviations`. Order matters: a Roman numeral is read before its letters
could be spelled. Web addresses have their own rules, in `normalize_web`, run first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

from tts.text.normalize.capital_tables import (
    ACRONYM_SPOKEN,
    ACRONYMS_LIKE_WORDS,
    NUMBERED_NOUNS,
    REGNAL_NAMES,
    WORD_ACRONYMS,
)
from tts.text.normalize.english_words import is_common_word
from tts.text.normalize.number_words import cardinal, ordinal, roman
from tts.text.normalize.rule import Rule, keep_full_stop, spell
from tts.text.normalize.word_tables import (
    ABBREVIATIONS,
    AP_STATES,
    BARE_ABBREVIATIONS,
    NAME_SUFFIXES,
    PARTIES,
    POSTAL_STATES,
    POSTAL_WORDS,
    STREET_TYPES,
    TITLES,
    UNAMBIGUOUS_STATES,
)


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# --- brackets and signs -----------------------------------------------------------------


def _bracket(m: re.Match[str]) -> str:
    inner = m["inner"].strip()
    # "[sic]" and "[...]" mark the editor's hand, not words anyone said.
    if inner.lower() in ("sic", "...", "…", ". . .") or not inner:
        return ""
    return " " + inner


def _ampersand(m: re.Match[str]) -> str:
    if m["letters"]:
        # "A&M" stays: espeak-ng says it "ay and em", but "A and M" as "uh and em".
        return m.group(0)
    if m["a"]:
        # "AT&T" is letters on both sides, never the word "at": "A.T. and T".
        return f"{spell(m['a'])} and {m['b'] if len(m['b']) == 1 else spell(m['b'])}"
    return " and "


# --- names, titles, places --------------------------------------------------------------


def _is_name(word: str) -> bool:
    return bool(word) and word[0].isupper() and word[1:].islower() if len(word) > 1 else False


def _words_around(m: re.Match[str]) -> tuple[str, str]:
    before = m.string[: m.start()].split()
    after = m.string[m.end() :].split()
    return (before[-1] if before else ""), (after[0] if after else "")


def _title(m: re.Match[str]) -> str:
    key = m["dotted"] or m["bare"]
    # The benchmark's "dr Arnold" and British "Dr Arnold" have no period: match either case.
    spoken = TITLES.get(key) or TITLES[key[0].upper() + key[1:]]
    return spoken + (m["space"] or " ")


_ORDINAL_WORD = re.compile(r"[a-z]*(?:th|first|second|third)")


def _street_or_name(m: re.Match[str]) -> str:
    """ "St." and "Dr." are Saint and Doctor before a name, Street and Drive after one."""
    key = m["abbr"].capitalize()
    before, after = _words_around(m)
    if m["abbr"].islower():
        # Lower case "st Mary" (as in tokenised references) can only be the title.
        before = ""
    after_is_name = bool(after) and after[0].isupper()
    # A street name may be an ordinal already said in words: "5th Ave." -> "fifth Ave.".
    before_is_name = bool(before) and (
        before[0].isupper() or before[0].isdigit() or bool(_ORDINAL_WORD.fullmatch(before))
    )
    if before_is_name and not after_is_name:
        return keep_full_stop(m, STREET_TYPES[key])
    if key in ("St", "Dr") and after_is_name:
        return {"St": "Saint", "Dr": "Doctor"}[key]
    if key not in ("St", "Dr") and before_is_name:
        return keep_full_stop(m, STREET_TYPES[key])
    return m.group(0)


def _name_suffix(m: re.Match[str]) -> str:
    return m["sep"] + keep_full_stop(m, NAME_SUFFIXES[m["suffix"].capitalize()])


def _state_name(key: str) -> str | None:
    return AP_STATES.get(key.rstrip(".")) or POSTAL_STATES.get(key.rstrip("."))


def _party_state(m: re.Match[str]) -> str:
    state = _state_name(m["state"]) or (m["state"] if m["state"][1:].islower() else None)
    if state is None:
        return m.group(0)
    return keep_full_stop(m, f"{PARTIES[m['party']]} of {state}")


def _ap_state(m: re.Match[str]) -> str:
    return keep_full_stop(m, AP_STATES[m["state"] or m["safe"]])


def _postal_state(m: re.Match[str]) -> str:
    return POSTAL_STATES[m["state"]]


def _abbreviation(m: re.Match[str]) -> str:
    key = m["abbr"]
    if not m.group(0).endswith(".") and key not in BARE_ABBREVIATIONS:
        return m.group(0)
    return keep_full_stop(m, ABBREVIATIONS[key])


# --- Roman numerals, initials, acronyms -------------------------------------------------


def _roman(m: re.Match[str]) -> str:
    text = m["numeral"]
    value = roman(text)
    if value is None:
        return m.group(0)
    before, _ = _words_around(m)
    before = before.rstrip(".,")
    counted = before.lower() in NUMBERED_NOUNS
    if len(text) == 1 and (text in "CDLM" or _INITIAL.match(m.string, m.end())):
        # A single C, D, L or M, or any letter with a period ("John D. Rockefeller"), is an
        # initial, never a numeral.
        return m.group(0)
    if before in REGNAL_NAMES:
        return f"the {ordinal(value)}"
    if text == "I" and not (counted and _is_name(before)):
        # The pronoun, unless after a capitalised counting noun ("World War I", "Part I").
        return m.group(0)
    if len(text) == 1 or text in _CODE_NUMERALS or set(text) & set("CDM"):
        # Single letters, and numerals with C, D or M ("CCL", "MD"), are far more often
        # letters or codes: count them only after nouns that number things ("Class V").
        return cardinal(value) if counted else m.group(0)
    if _is_name(before) or counted or before.isupper():
        return cardinal(value)
    return m.group(0)


# A letter with a period before a capitalised word is an initial ("John D. Rockefeller").
_INITIAL = re.compile(r"\s?\.\s*[A-Z]")

# Valid numerals that are more often sizes, codes or abbreviations ("XL", "LI" Long Island).
_CODE_NUMERALS = frozenset({"XL", "LI", "LV", "LX", "XXL"})


def _initials(m: re.Match[str]) -> str:
    # "U.S ." and "J. K." closed up to "U.S." and "J.K.", the form espeak-ng spells best.
    letters = "".join(re.findall(r"[A-Za-z]", m.group(0)))
    return spell(letters, before=m.string[m.end() :])


def _acronym(m: re.Match[str]) -> str:
    word, tail = m["word"], m["tail"] or ""
    if _is_word_in_capitals(m):
        # "He walked OUT", "NEVER", a headline in capitals: the word, not its letters.
        said = word.lower() if m.start() else word.capitalize()
        return said + tail
    if _is_shouting(m):
        return m.group(0)
    if word in ACRONYM_SPOKEN:
        return ACRONYM_SPOKEN[word] + tail
    if word in WORD_ACRONYMS or (len(word) >= 5 and _sayable(word)):
        return m.group(0)
    if tail:
        # "CDs" and "FBI's" -> "C.D.'s", "F.B.I.'s": said "see dees", "eff bee eye's".
        return spell(word) + "'s"
    return spell(word, before=m.string[m.end() :])


def _is_word_in_capitals(m: re.Match[str]) -> bool:
    """A common English word written in capitals, and no acronym that is spelled like one.

    "US", "IT", "IS", "AM" and "ACT" are far more often the acronym in news; so is a word
    in brackets after its long form ("binge eating disorder (BED)") and two capitals after
    a city ("Portland, OR", "Toronto, ON"); known word acronyms ("WHO", "AIDS", "ICE") keep
    their own reading.
    """
    word, text = m["word"], m.string
    if word in WORD_ACRONYMS or word in ACRONYM_SPOKEN or word in ACRONYMS_LIKE_WORDS:
        return False
    if text[m.start() - 1 : m.start()] == "(" and text[m.end() : m.end() + 1] == ")":
        return False
    if len(word) == 2 and _AFTER_CITY.search(text, max(0, m.start() - 40), m.start()):
        return False
    return is_common_word(word, headline=_is_shouting(m))


# "Portland, " before a region's code.
_AFTER_CITY = re.compile(r"[A-Z][a-z]+, $")

_VOWELS = set("AEIOUY")


def _sayable(word: str) -> bool:
    """Whether a long capitalised word reads as a word: vowels, no long consonant runs."""
    runs = re.findall(r"[^AEIOUY]+", word)
    return (
        sum(ch in _VOWELS for ch in word) * 3 >= len(word) and max(map(len, runs), default=0) <= 2
    )


_CAPITALS_RUN = re.compile(r"\b[A-Z]{2,}\b(?:[\s,:;&-]+\b[A-Z]{2,}\b){2,}")


def _is_shouting(m: re.Match[str]) -> bool:
    """A headline or label in capitals: its words are words, not acronyms to spell."""
    all_capitals, runs = _capitals(m.string)
    if all_capitals:
        return True
    # Three capitalised words in a row ("OUTSTANDING WRITING IN A COMEDY").
    at = bisect_right(runs, (m.start(), len(m.string))) - 1
    return at >= 0 and runs[at][0] <= m.start() < runs[at][1]


@lru_cache(maxsize=16)
def _capitals(text: str) -> tuple[bool, tuple[tuple[int, int], ...]]:
    """Whether most of the text's words are in capitals, and its runs of capitalised words.

    Worked out once per text, not once per acronym in it: a long line in capitals would
    otherwise take time growing with the square of its length.
    """
    words = re.findall(r"[A-Za-z]{3,}", text)
    mostly = len(words) >= 3 and sum(w.isupper() for w in words) * 2 > len(words)
    return mostly, tuple(r.span() for r in _CAPITALS_RUN.finditer(text))


def _symbol(m: re.Match[str]) -> str:
    return f" {_SYMBOLS[m.group(0).strip()]} "


_SYMBOLS = {
    "%": "percent",
    "+": "plus",
    "=": "equals",
    "@": "at",
    "°": "degrees",
    "~": "about",
    "±": "plus or minus",
}


_TITLE_KEYS = _alternatives(TITLES)
_BARE_TITLES = "[Mm]rs|[Mm]r|[Mm]s|[Dd]r|[Pp]rof|[Mm]t|[Ff]t"

WORD_RULES: tuple[Rule, ...] = (
    Rule(
        "editorial_bracket",
        re.compile(r"\s?\[(?P<inner>[^\[\]]*)\]"),
        _bracket,
        'Editors\' brackets are silent: "[sic]" is dropped, "[the president]" is said plainly.',
    ),
    Rule(
        "party_state",
        re.compile(r"\b(?P<party>[DRI])-(?P<state>[A-Z][A-Za-z]*(?:\.[A-Z][a-z]?)?\.?)(?![\w-])"),
        _party_state,
        '"D-Mass." after a lawmaker\'s name is "Democrat of Massachusetts".',
    ),
    Rule(
        "street_or_name",
        re.compile(rf"\b(?P<abbr>{_alternatives(STREET_TYPES)}|st|dr)\b(?:\.|(?=\s|,|$))"),
        _street_or_name,
        '"St." is Saint before a name and Street after one; espeak-ng spells "Blvd." out.',
    ),
    Rule(
        "title",
        re.compile(
            rf"\b(?:(?P<dotted>{_TITLE_KEYS})\.|(?P<bare>{_BARE_TITLES})\b)(?P<space>\s?)(?=[A-Z])"
        ),
        _title,
        '"Sen. Warren" is said "Senator Warren"; espeak-ng reads "Sen." as "sen".',
    ),
    Rule(
        "name_suffix",
        re.compile(r"(?<=[A-Za-z])(?P<sep>\s?,?\s)(?P<suffix>[JS]r|[js]r)(?:\.|\b)"),
        _name_suffix,
        '"Jr." and "Sr." after a name; espeak-ng spells "Jr." letter by letter.',
    ),
    Rule(
        "ap_state",
        re.compile(
            rf"(?:(?<=[a-z],\s)(?P<state>{_alternatives(AP_STATES)})|"
            rf"\b(?P<safe>{_alternatives(UNAMBIGUOUS_STATES)}))\."
        ),
        _ap_state,
        '"Springfield, Ill." and "Calif.": AP state abbreviations are said in full.',
    ),
    Rule(
        "postal_state",
        re.compile(
            rf"(?<=[a-z],\s)(?P<state>{_alternatives(POSTAL_STATES.keys() - POSTAL_WORDS)})\b"
            r"(?![\w.-])"
        ),
        _postal_state,
        '"Austin, TX": a postal code after a city is the state.',
    ),
    Rule(
        "abbreviation",
        re.compile(rf"(?<![\w.])(?P<abbr>{_alternatives(ABBREVIATIONS)})(?:\.|\b)(?!\.\w)"),
        _abbreviation,
        'Common shortenings said in full: "vs." versus, "Inc." Incorporated, "etc." etcetera.',
    ),
    Rule(
        "ampersand",
        re.compile(
            r"\b(?P<letters>[A-Z]&[A-Z])\b|\b(?P<a>[A-Z]{1,4})&(?P<b>[A-Z]{1,4})\b"
            r"|\s?&(?:amp;)?\s?"
        ),
        _ampersand,
        '"AT&T", "Texas A&M", "Simon & Schuster": the sign is "and".',
    ),
    Rule(
        "roman_numeral",
        re.compile(r"(?<![\w'’.-])(?P<numeral>[IVXLCDM]+)\b(?![.-]\w)"),
        _roman,
        '"World War II" is "two", "Henry VIII" "the eighth"; the pronoun "I" stays a word.',
    ),
    Rule(
        "dotted_initials",
        re.compile(r"(?<![\w.])(?:[A-Za-z]\.\s?){1,}[A-Za-z]\b\.?(?!\w)"),
        _initials,
        '"U.S ." and "J. K.": initials closed up to "U.S.", "J.K.", which espeak-ng spells.',
    ),
    Rule(
        "acronym",
        re.compile(r"(?<![\w.'’])(?P<word>[A-Z]{2,})(?P<tail>s\b|['’]s\b)?(?![\w'’])"),
        _acronym,
        'Letter acronyms dotted so espeak-ng spells them ("A.C.L.U."); word acronyms kept; '
        'words in capitals for emphasis ("NEVER") said as words.',
    ),
    Rule(
        "symbol",
        re.compile(r"\s?(?:[%=~±°@]|(?<=\s)\+(?=\s))\s?"),
        _symbol,
        "Signs left after the number rules are said as words.",
    ),
)
