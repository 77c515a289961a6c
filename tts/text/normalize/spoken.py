"""Normalisation: one sentence of news text to the words a listener should hear.

espeak-ng alone reads "Aug. 6, 2018" as "og six", "$4.5 billion" as "dollar four point
five billion" and "World War II" as "World War Roman two". `normalize` runs a table of
named rules over the sentence, web addresses, handles and tags first, then numbers with a
meaning (dates, money, measures), then abbreviations, Roman numerals and acronyms. Every
rule is a pure function of its match; the tables they read are data modules beside this one.
"""

from __future__ import annotations

import re

from tts.text.normalize.number_rules import NUMERIC_RULES
from tts.text.normalize.plain import plain_speech, without_markup
from tts.text.normalize.rule import Rule
from tts.text.normalize.web_rules import WEB_RULES
from tts.text.normalize.word_rules import WORD_RULES

# Web addresses, e-mail, handles and tags go first: their dots, digits and slashes are not
# numbers or abbreviations, and the words they are read as still meet the rules after them.
# Brackets next, then the number rules, then the remaining word rules.
_BRACKETS = tuple(r for r in WORD_RULES if r.name == "editorial_bracket")
RULES: tuple[Rule, ...] = (
    WEB_RULES + _BRACKETS + NUMERIC_RULES + tuple(r for r in WORD_RULES if r not in _BRACKETS)
)

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Return the spoken form of one sentence: words only (see plain.py), "" when it has
    nothing to say."""
    text = _SPACES.sub(" ", without_markup(text)).strip()
    for rule in RULES:
        text = rule.apply(text)
    return _SPACES.sub(" ", plain_speech(text)).strip()
