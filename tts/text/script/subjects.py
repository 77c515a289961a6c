"""The subject of a clause: who a speech verb's sentence says is speaking.

`subject_before` reads back from a verb (`the city council said`, `Ann Lee, 52, also
posted`), `leading_subject` reads the subject a sentence opens with, past an opening
adverbial (`During a speech, Trump ...`). Both look at a bounded window of words, so a long
sentence stays linear.
"""

from __future__ import annotations

import re

from tts.text.script.speakers import NAME, SpeakerRef, is_function_word, parse_subject, word_set

SUBJECT_STOP = word_set(
    """is was are were be been has have had will would can could may might must do does did
    in at on with from after before during because when while if but and as so then where
    since until than into onto about over under between against among without although though
    also just not never already still even only"""
)


_RELATIVES = word_set("that who which")


def max_words(ref: SpeakerRef | None, limit: int = 12) -> SpeakerRef | None:
    if ref is None or len(ref.text.split()) > limit:
        return None
    return ref


_INFINITIVE = re.compile(
    r"\s+(?:(?:was|were|is|are|has|had|have|been|be|got|gets)\s+)?[a-z]+(?:\s+on)?\s+to$"
)


_SUBJECT_WINDOW = 300


# `they're reporting`, `is saying`: an -ing form after an auxiliary is a finite verb.
PROGRESSIVE = re.compile(r"(?:\b(?:is|are|was|were|be|been|am)|['’](?:re|s|m))\s*$", re.I)


# Adverbs and modals between a subject and its verb: `also posted`, `would now ask`.
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:\w+ly|also|then|now|later|further|still|again|once|often|never|even|just|"
    r"would|will|could|can|may|might|should|must|did|does|do|has|have|had|had\s+once)){1,4}$"
)


# A clause that opens the sentence before its subject: `In an August speech, Trump ...`.
LEADING_ADVERBIAL = re.compile(
    r"^\s*(?:(?:In|On|At|After|Before|During|When|While|As|Since|Although|Though|If|Once|"
    r"Following|Despite|With|Without|Last|Earlier|Later|Speaking|Asked|Still|Meanwhile|However|"
    r"Instead|Yet|But|And|Then|Now|Also|Often|Again|Back|By|To|For|From|Under|Over|Amid|Among|"
    r"Like|Unlike|Throughout|Across|Inside|Outside|Here|There|Today|Yesterday|Tonight|Thus|So|"
    r"[A-Z][a-z]+(?:ing|ed))\b[^,]{0,120},\s*(?:\d{4},\s*)?)+"
)


_LEADING_NAME = re.compile(
    r"^(?P<name>(?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’-]*)"
    r"(?:\s*\([^()]{0,40}\))?(?:,[^,]{1,200},)?\s+(?=[a-z])"
)


_LEADING_PRONOUN = re.compile(r"^(?P<p>He|She|They|It|We)\s+(?=[a-z])")


def strip_trailing_adverbs(left: str) -> str:
    """`Ann Lee also` -> `Ann Lee`; only the last words are looked at (linear in `left`)."""
    tail = left[-80:]
    match = _TRAILING_ADVERBS.search(tail)
    return left[: len(left) - len(tail) + match.start()] if match else left


def leading_subject(clause: str) -> SpeakerRef | None:
    """The subject a sentence opens with, past an opening adverbial clause: `During a speech,
    Trump attacked ...` -> Trump; `He then defended ...` -> he. A person or a pronoun only:
    a description there is too often an object or a place."""
    text = LEADING_ADVERBIAL.sub("", clause.lstrip(" \"“”'‘’"))
    pronoun = _LEADING_PRONOUN.match(text)
    if pronoun:
        return parse_subject(pronoun.group("p"))
    match = _LEADING_NAME.match(text)
    if not match:
        return None
    name = match.group("name")
    if is_function_word(name.split()[0]):
        return None  # `The council released ...`: a description, not a name
    ref = parse_subject(name)
    return ref if ref is not None and ref.kind == NAME else None


def subject_before(left: str) -> SpeakerRef | None:
    """The noun phrase just before a verb: `From St. Louis, KSDK-TV` -> KSDK-TV."""
    # The subject stands just before its verb: a window keeps a long sentence linear.
    whole = len(left) <= _SUBJECT_WINDOW
    left = strip_trailing_adverbs(left[-_SUBJECT_WINDOW:].rstrip(" ,"))
    if whole and re.search(r"(?:^|\s)(?:and|but|then|before|after|while)$", left):
        # `She urges her husband to get out and repeatedly says`: the clause's subject
        return leading_subject(left)
    words = left.split()
    if words and words[-1].lower() in ("he", "she", "it", "they", "we"):
        return parse_subject(words[-1])  # `At the bottom it reads`: the pronoun is the subject
    infinitive = _INFINITIVE.search(left[-80:])
    if infinitive:
        # `Mr. Trump was prompted to say`, `Lee decided to write`: the subject of the verb
        # that governs the infinitive
        return subject_before(left[: len(left) - len(left[-80:]) + infinitive.start()])
    taken: list[str] = []
    for word in reversed(words):
        bare = word.strip('.,;:()—–"“”').lower()
        if re.search(r"[.!?\"“”]$", word) or word.strip("\"“”'‘’") == "":
            break  # the end of an earlier sentence or quotation
        if taken and re.search(r"[,;:(—–]$", word):
            # `Sanders, a former player,` : an appositive; the name before it is the subject
            break
        if bare in SUBJECT_STOP:
            break
        if bare in _RELATIVES and not taken:
            continue  # `a note that said`: the relative's antecedent speaks
        if bare in _RELATIVES:
            break
        taken.append(word)
    taken.reverse()
    phrase = " ".join(taken).strip(" ,")
    if not phrase:
        return None
    if phrase.split()[0].lower() in ("a", "an", "the") and words and "," in left:
        # `Sanders, a former player said` is rare; an appositive after a name is common
        before = left[: left.rfind(phrase)].rstrip(" ,")
        earlier = before.split(",")[-1].strip()
        if earlier and earlier[0].isupper() and len(earlier.split()) <= 4:
            ref = parse_subject(earlier)
            if ref is not None and ref.kind == "name":
                return ref
    return max_words(parse_subject(phrase))
