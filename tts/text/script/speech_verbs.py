"""Verbs that report speech or writing, and where they stand in a sentence.

About 150 base forms; every tense and the participles are spelled out (`_inflections`, with
`_IRREGULAR` for the rest), and verbs of two words (`shot back`, `put it`) are listed whole.
Verbs are found by a word lookup, not one regex of hundreds of alternatives, so a long
sentence costs time linear in its length.
"""

from __future__ import annotations

import re

from tts.text.script.speakers import word_set

# Verbs that report speech or writing, as base forms; every tense and the participles are
# spelled out by `_inflections` (regular) or `_IRREGULAR` (the rest).
_VERB_BASES = """
    say tell add explain state write recall note ask reply answer report post tweet announce
    acknowledge insist argue claim admit warn shout yell exclaim whisper estimate remind recount
    observe predict declare joke quip concede continue caution testify muse laugh sigh confirm
    emphasize emphasise stress agree read demand conclude comment boast chant sing assert urge
    plead vow pledge suggest counter retort respond charge contend allege complain lament scoff
    snap marvel promise threaten proclaim scream cry mutter murmur grumble recommend remark
    inform describe advise repeat summarize summarise concur worry wonder chime interject
    opine posit reassure reiterate reckon blast fume gush rail tout brag bemoan grouse protest
    email e-mail blog preach chide scold lecture taunt mock bark beam boom bellow gasp hiss
    growl cheer stammer sneer quip press interrupt
    """


_IRREGULAR = {
    "say": "said",
    "tell": "told",
    "write": "wrote written",
    "read": "read",
    "sing": "sang sung",
    "begin": "began begun",
    "speak": "spoke spoken",
    "cry": "cried",
    "reply": "replied",
    "testify": "testified testifies",
    "worry": "worried worries",
    "snap": "snapped snapping",
    "quip": "quipped quipping",
}


def _inflections(base: str) -> set[str]:
    """say -> say says saying said: the regular forms plus any irregular past."""
    stem = base[:-1] if base.endswith("e") else base
    third = base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
    if base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    irregular = _IRREGULAR.get(base, "").split()
    past = stem + "ed" if not base.endswith("e") else base + "d"
    ing = stem + "ing"
    if base.endswith("y") and base[-2] not in "aeiou":
        past = base[:-1] + "ied"
    if any(w.endswith("ing") for w in irregular):
        ing = next(w for w in irregular if w.endswith("ing"))
    return {base, third, ing, *(irregular or [past])}


_VERB_WORDS = " ".join(sorted({f for b in _VERB_BASES.split() for f in _inflections(b)}))


SPEECH_VERBS = tuple(sorted(word_set(_VERB_WORDS)))


# Verbs of two words: `shot back`, `put it`, `tweeted out`.
_PHRASAL = (
    r"(?:shot|fired|hit|wrote|snapped)\s+back|(?:put|puts|putting)\s+it"
    r"|(?:tweeted|tweets|pointed|points|spelled|spelt|lashed)\s+out|(?:went|goes|go)\s+on"
    r"|(?:spoke|speaks)\s+up|(?:chimed|chimes|weighed|weighs)\s+in|(?:summed|sums)\s+(?:it\s+)?up"
)


VERB = r"(?:" + _PHRASAL + "|" + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True)) + r")"


_VERB_SET = frozenset(SPEECH_VERBS)


_LOWER_WORD = re.compile(r"\b[a-z][a-z-]*\b")


_PHRASAL_VERB = re.compile(rf"\b(?:{_PHRASAL})\b")


def speech_verbs_in(text: str) -> list[tuple[int, int]]:
    """(start, end) of every speech verb in `text`, in reading order."""
    found = [(m.start(), m.end()) for m in _LOWER_WORD.finditer(text) if m.group(0) in _VERB_SET]
    found += [(m.start(), m.end()) for m in _PHRASAL_VERB.finditer(text)]
    return sorted(found)
