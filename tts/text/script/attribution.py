"""Attribution: the words around a quotation that say who speaks it.

Patterns are data: each has a name (reported by `attribution_after`/`attribution_before`,
so a test or a user can see which rule fired) and a comment saying what it is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tts.text.script.speakers import (
    NAME,
    PERSON,
    SpeakerRef,
    entity_kind,
    parse_subject,
    word_set,
)
from tts.text.script.speech_verbs import VERB, speech_verbs_in
from tts.text.script.subjects import (
    LEADING_ADVERBIAL,
    PROGRESSIVE,
    SUBJECT_STOP,
    leading_subject,
    max_words,
    strip_trailing_adverbs,
    subject_before,
)

# What may stand between a speech verb and the quotation it introduces.
_OBJECT = (
    r"(?:(?:to|by)\s+)?(?:me|us|him|her|them|reporters|[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}"
    r"|(?:the|a|an|his|her|their|its|our)\s+[\w'’-]+(?:\s+[\w'’-]+)?)"
)


_CIRCUMSTANCE = (
    r"(?:(?:in|on|via|through|at|during|after|of|about|to|for)\s+"
    r"(?:a|an|the|his|her|their|its)?\s*[\w'’-]+(?:\s+[\w'’-]+){0,3}"
    r"|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"earlier|later|recently|then|again|also|once|simply|flatly|bluntly))"
)


# After a quotation, up to the end of its sentence.
AFTER_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # `"...," said Eli Friedman, an expert ...` / `said one neighbor.` (verb first)
    ("verb-first", re.compile(rf"^[\s,]*{VERB}\s+(?P<subj>[^\"“”]+)", re.DOTALL)),
    # `"...," according to police.`
    ("according-to", re.compile(r"^[\s,]*according\s+to\s+(?P<subj>[^\"“”]+)", re.DOTALL)),
    # `"...," he says.` / `Sanders, a former player, said.` / `The Wichita Eagle reports.`
    # (the subject is whatever precedes a speech verb; see _subject_first)
    ("subject-first", re.compile(rf"\b{VERB}\b")),
]


# `"..." -- Maria Lopez` / `"..." ― Ann Ruiz, a teacher`: a signature after a dash, nothing else
# after it (`"Yes" - and then he left` is narration: the dash is followed by lower case).
_DASH_ATTRIBUTION = re.compile(
    r"^\s*(?:--|[—–―-])\s*(?P<subj>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}"
    r"(?:,\s+[^\"“”]{1,80})?)\s*[.]?\s*$"
)


# Before a quotation, from the start of its sentence. Two kinds of pattern: whole-text ones,
# and "tails" tried at the end of each speech verb (found by a word lookup, which keeps a long
# sentence linear): the verb's object and adjuncts up to the opening mark.
BEFORE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # `According to Hostess CEO Gregory Rayburn, "..."`
    ("according-to", re.compile(r"according\s+to\s+(?P<subj>[^,:\"“”]+?)\s*[,:]?\s*$", re.I)),
    # `Buell said, "..."` / `NBC News reports that "..."` / `officials told the activist "..."`
    (
        "verb-before",
        re.compile(
            rf"(?:\s+(?P<obj>{_OBJECT}))?,?(?:\s+{_CIRCUMSTANCE}){{0,2}}"
            rf"(?:\s*,?\s+that)?\s*[,:]?\s*$"
        ),
    ),
    # `Friedman explains the union work highlighted ...: "..."` (a colon after any clause)
    ("colon", re.compile(r"\b.*:\s*$", re.DOTALL)),
    # `she told the mayors who gathered in the city of Indianapolis, "..."`: whatever stands
    # between a speech verb and a comma right before the quote is its object or an adjunct
    ("verb-comma", re.compile(r"\b[^\"“”.!?;:]{0,120},\s*$")),
    # `Said Dorothy Poynter, who grew up with her, "..."`: the verb first, then its subject
    (
        "said-first",
        re.compile(r"^\s*(?:Said|Says|Asked|Added|Wrote)\s+(?P<subj>[^,:\"“”]{2,80})[,:][^\"“”]*$"),
    ),
    # `Polls were wrong - Ann Lee: "..."`, `More from Lee: "..."`: a name labels what follows
    (
        "name-colon",
        re.compile(
            r"(?:^|\s[-—–―]\s*|\bfrom\s+)(?P<subj>(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]*)\s*:\s*$"
        ),
    ),
    # `Dr. Raj Patel put it bluntly: "..."`: no speech verb, the clause's named subject speaks
    (
        "colon-subject",
        re.compile(
            r"^\s*(?P<subj>(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]*)(?:,[^,]*,)?\s+[a-z][^:]*:\s*$"
        ),
    ),
]


_VERB_TAILS = frozenset(("verb-before", "colon", "verb-comma"))


@dataclass(frozen=True)
class _VerbMatch:
    left: str  # the sentence before the verb
    verb: str
    obj: str  # the verb's object, when the tail names one


def _verb_tail(text: str, verbs: list[tuple[int, int]], tail: re.Pattern[str]) -> _VerbMatch | None:
    """The first speech verb whose tail runs to the end of `text`."""
    for start, end in verbs:
        match = tail.match(text, end)
        if match:
            obj = match.groupdict().get("obj") or ""
            return _VerbMatch(text[:start], text[start:end], obj)
    return None


def attribution_after(text: str) -> tuple[str, SpeakerRef] | None:
    """Who speaks, from the words after a closing mark (`," said X.`); None if no attribution."""
    # stray marks after the closing one (`roof,"' Beck said`) belong to the quote
    head = text.split("\n")[0].lstrip(" ,'’\"”")
    dash = _DASH_ATTRIBUTION.match(head)
    if dash:
        ref = parse_subject(dash.group("subj"))
        return ("dash", ref) if ref is not None and ref.kind == NAME else None
    if not head.strip() or not re.match(r"^[\s,]*[\w(]", head):
        return None
    for name, pattern in AFTER_PATTERNS:
        if name == "subject-first":
            found = _subject_first(head, pattern)
            if found is not None:
                return name, found
            continue
        match = pattern.match(head)
        if not match:
            continue
        subject = match.group("subj")
        if name == "verb-first" and re.match(r"[\s,]*\w+ing\b", head):
            continue  # `," adding that its value rose`: the sentence's subject speaks
        if name in ("verb-first", "according-to"):
            subject = _end_of_subject(subject)
        ref = max_words(parse_subject(subject))
        if ref is not None and _is_subject(ref):
            return name, ref
    return None


def _subject_first(head: str, verb: re.Pattern[str]) -> SpeakerRef | None:
    """`he says`, `the report says` (where "report" is a verb too), `Sanders, 19, said`."""
    for match in verb.finditer(head):
        subject = head[: match.start()]
        limit = 300 if _NAME_APPOSITIVE.match(subject) else 140
        if len(subject) > limit or re.search(r"[!?;\"“”]|\.\s", _mask_abbreviations(subject)):
            return None  # the sentence went on past any attribution
        subject = re.sub(r"^[\s,]*(?:as\s+)?", "", subject)
        if _bare_first(subject) in _CLAUSE_OPENERS:
            # `"..." to drive up the price, she said`: narration goes on after the quote;
            # the attribution is the clause after its last comma
            if "," not in subject:
                return None
            subject = subject.rsplit(",", 1)[1]
            if not subject.strip():
                # `"..." since most cases were close, said Lee Epstein`: the verb comes first
                ref = parse_subject(_end_of_subject(head[match.end() :]))
                return ref if ref is not None and _is_subject(ref) else None
        subject = strip_trailing_adverbs(subject.rstrip())  # `he will say`, `she often says`
        last = subject.rsplit(",", 1)[1] if "," in subject else ""
        if last.strip() and _bare_first(subject) not in _DETERMINERS_LOWER:
            # `"..." income, he said`: narration after the quote, then the attribution
            tail = parse_subject(last)
            if tail is not None and tail.kind in (NAME, "pronoun") and len(last.split()) <= 4:
                return tail
        ref = max_words(parse_subject(subject))
        if ref is not None and _is_subject(ref):
            return ref
    return None


_DETERMINERS_LOWER = word_set("a an the this that these those")


# `Trump, the frontrunner in South Carolina after the primaries, said`: a long appositive
_NAME_APPOSITIVE = re.compile(r"^[\s,]*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},\s+(?:a|an|the)\s")


# Words that open a phrase which cannot be a subject: prepositions and conjunctions.
_CLAUSE_OPENERS = word_set(
    """to for in on at with from by about after before and but or because when while if than
    into over under without during against since until so"""
)


def _bare_first(text: str) -> str:
    words = text.split()
    return words[0].lower().strip(",.;:") if words else ""


def _mask_abbreviations(text: str) -> str:
    """Hide the periods of initials and titles so that they do not look like sentence ends."""
    return re.sub(r"\b([A-Z]|" + "|".join(sorted(_SUBJECT_ABBREVIATIONS)) + r")\.", r"\1", text)


def _is_subject(ref: SpeakerRef) -> bool:
    """A description must hold a noun, not only a determiner or a stop word (`the`, `only`)."""
    if ref.kind != "description":
        return True
    words = [w.lower().strip(",.") for w in ref.text.split()]
    return not all(w in SUBJECT_STOP or w in ("a", "an", "the", "this") for w in words)


# Abbreviations a subject may contain before its end: `said Gov. Jim Justice.`
_SUBJECT_ABBREVIATIONS = word_set(
    "Gov Sen Rep Dr Mr Mrs Ms St Jr Sr Lt Gen Col Sgt Capt Prof Rev Det Maj Cpl Adm Atty Mt Ft"
)


def _end_of_subject(text: str) -> str:
    """Cut `Eli Friedman, an expert on ... University.` to its subject phrase."""
    end = len(text)
    for match in re.finditer(r"[,;:(—–]|\.(?=\s|$)", text):
        word = (text[: match.start()].split() or [""])[-1].lstrip("(")
        if match.group(0) == "." and (
            len(word) == 1 or word in _SUBJECT_ABBREVIATIONS or text[match.end() :].strip()
        ):
            # "Gov. Jim Justice", "John F. Kennedy", "Del. Mara Ortiz", "N.Y. Fire Chief":
            # the sentence splitter already ended the sentence, so an inner period is short
            continue
        end = match.start()
        break
    subject = text[:end]
    rest = text[end + 1 :] if end < len(text) and text[end] == "," else ""
    appositive = re.match(r"\s*((?:[A-Z][\w'’.-]*\s*){1,4})(?=[,.;]|$)", rest)
    if subject[:1].islower() and appositive:
        subject = (
            f"{subject}, {appositive.group(1).strip().rstrip('.')}"  # `said her brother, Noah Reed`
        )
    # `wrote Cameron Easley for Morning Consult`: the writer speaks, not the outlet
    subject = re.split(r"\s+(?:after|before|as|when|while|in|on|at|to|during|for)\s+", subject)[0]
    # `Del. Ortiz of the Islands`: a place after a person's name (not `Secretary of State`)
    place = re.match(r"(?P<who>.*?[A-Z][\w'’-]+)\s+of\s+(?:the\s+)?[A-Z]", subject)
    if place and parse_subject(place.group("who")) is not None:
        who = parse_subject(place.group("who"))
        if who is not None and who.kind == NAME and entity_kind(who.text) == PERSON:
            return place.group("who")
    return subject


_BEFORE_WINDOW = 400


def attribution_before(text: str) -> tuple[str, SpeakerRef] | None:
    """Who speaks, from the words before an opening mark (`Buell said, "`); None if none."""
    if not text.strip():
        return None
    # An attribution stands near its quote; a window keeps the patterns linear in a long
    # sentence. Patterns anchored at the sentence start cannot use a cut sentence.
    cut = len(text) > _BEFORE_WINDOW
    text = text[-_BEFORE_WINDOW:]
    verbs = speech_verbs_in(text)
    for name, pattern in BEFORE_PATTERNS:
        if cut and pattern.pattern.startswith("^"):
            continue
        if name in _VERB_TAILS:
            found = _verb_tail(text, verbs, pattern)
            if found is None:
                continue
            ref = _verb_speaker(found)
            if ref is _NOUN:
                continue
        else:
            # `On July 6, Sanders made the following comment:`: past the opening adverbial
            subject_text = LEADING_ADVERBIAL.sub("", text) if name == "colon-subject" else text
            match = pattern.search(subject_text)
            if not match:
                continue
            ref = parse_subject(match.group("subj"))
            if name in ("colon-subject", "name-colon"):
                ref = ref if ref is not None and ref.kind == NAME else None
            else:
                ref = max_words(ref)
        if ref is not None:
            return name, ref
    return None


_NOUN = SpeakerRef("description", "")  # the "verb" was a noun: try the next pattern


def _verb_speaker(found: _VerbMatch) -> SpeakerRef | None:
    if _DETERMINER_END.search(found.left):
        return _NOUN  # `filed this report for our unit:`: a noun, not a verb
    if found.obj.startswith("by "):  # `told by a federal official that`: the agent speaks
        return parse_subject(found.obj[3:])
    if found.verb.endswith("ing") and not PROGRESSIVE.search(found.left):
        # `Trump attacked Clinton on Iraq, saying, "..."`: a participle's speaker is the
        # subject of its clause, not the noun just before it
        return leading_subject(found.left)
    return subject_before(found.left)


def introduces_quote(text: str) -> bool:
    """True when `text` (sentence start up to an opening mark) leads straight into speech."""
    stripped = text.rstrip()
    if stripped.endswith(":"):
        return True
    text = text[-_BEFORE_WINDOW:]
    verbs = speech_verbs_in(text)
    for name, pattern in BEFORE_PATTERNS:
        if name == "colon":
            continue
        if name in _VERB_TAILS:
            if any(pattern.match(text, end) for _, end in verbs):
                return True
        elif pattern.search(text):
            return True
    return False


_DETERMINER_END = re.compile(
    r"\b(?:this|the|a|an|his|her|their|its|our|my|your|following|same|brief|written)\s*$", re.I
)
