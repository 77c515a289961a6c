"""Attribution: the words around a quotation that say who speaks it.

Patterns are data: each has a name (reported by `attribution_after`/`attribution_before`,
so a test or a user can see which rule fired) and a comment saying what it is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tts.text.speakers import (
    NAME,
    PERSON,
    SpeakerRef,
    entity_kind,
    is_function_word,
    parse_subject,
)


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and extend than a list)."""
    return frozenset(text.split())


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
SPEECH_VERBS = tuple(sorted(_words(_VERB_WORDS)))
# Verbs of two words: `shot back`, `put it`, `tweeted out`.
_PHRASAL = (
    r"(?:shot|fired|hit|wrote|snapped)\s+back|(?:put|puts|putting)\s+it"
    r"|(?:tweeted|tweets|pointed|points|spelled|spelt|lashed)\s+out|(?:went|goes|go)\s+on"
    r"|(?:spoke|speaks)\s+up|(?:chimed|chimes|weighed|weighs)\s+in|(?:summed|sums)\s+(?:it\s+)?up"
)
_VERB = r"(?:" + _PHRASAL + "|" + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True)) + r")"

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
    ("verb-first", re.compile(rf"^[\s,]*{_VERB}\s+(?P<subj>[^\"“”]+)", re.DOTALL)),
    # `"...," according to police.`
    ("according-to", re.compile(r"^[\s,]*according\s+to\s+(?P<subj>[^\"“”]+)", re.DOTALL)),
    # `"...," he says.` / `Sanders, a former player, said.` / `The Wichita Eagle reports.`
    # (the subject is whatever precedes a speech verb; see _subject_first)
    ("subject-first", re.compile(rf"\b{_VERB}\b")),
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
_VERB_SET = frozenset(SPEECH_VERBS)
_LOWER_WORD = re.compile(r"\b[a-z][a-z-]*\b")
_PHRASAL_VERB = re.compile(rf"\b(?:{_PHRASAL})\b")


def _speech_verbs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every speech verb in `text`, in reading order."""
    found = [(m.start(), m.end()) for m in _LOWER_WORD.finditer(text) if m.group(0) in _VERB_SET]
    found += [(m.start(), m.end()) for m in _PHRASAL_VERB.finditer(text)]
    return sorted(found)


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


_SUBJECT_STOP = _words(
    """is was are were be been has have had will would can could may might must do does did
    in at on with from after before during because when while if but and as so then where
    since until than into onto about over under between against among without although though
    also just not never already still even only"""
)
_RELATIVES = _words("that who which")


def _max_words(ref: SpeakerRef | None, limit: int = 12) -> SpeakerRef | None:
    if ref is None or len(ref.text.split()) > limit:
        return None
    return ref


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
        ref = _max_words(parse_subject(subject))
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
        subject = _strip_trailing_adverbs(subject.rstrip())  # `he will say`, `she often says`
        last = subject.rsplit(",", 1)[1] if "," in subject else ""
        if last.strip() and _bare_first(subject) not in _DETERMINERS_LOWER:
            # `"..." income, he said`: narration after the quote, then the attribution
            tail = parse_subject(last)
            if tail is not None and tail.kind in (NAME, "pronoun") and len(last.split()) <= 4:
                return tail
        ref = _max_words(parse_subject(subject))
        if ref is not None and _is_subject(ref):
            return ref
    return None


_INFINITIVE = re.compile(
    r"\s+(?:(?:was|were|is|are|has|had|have|been|be|got|gets)\s+)?[a-z]+(?:\s+on)?\s+to$"
)
_DETERMINERS_LOWER = _words("a an the this that these those")
# `Trump, the frontrunner in South Carolina after the primaries, said`: a long appositive
_NAME_APPOSITIVE = re.compile(r"^[\s,]*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},\s+(?:a|an|the)\s")

# Words that open a phrase which cannot be a subject: prepositions and conjunctions.
_CLAUSE_OPENERS = _words(
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
    return not all(w in _SUBJECT_STOP or w in ("a", "an", "the", "this") for w in words)


# Abbreviations a subject may contain before its end: `said Gov. Jim Justice.`
_SUBJECT_ABBREVIATIONS = _words(
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
_SUBJECT_WINDOW = 300


def attribution_before(text: str) -> tuple[str, SpeakerRef] | None:
    """Who speaks, from the words before an opening mark (`Buell said, "`); None if none."""
    if not text.strip():
        return None
    # An attribution stands near its quote; a window keeps the patterns linear in a long
    # sentence. Patterns anchored at the sentence start cannot use a cut sentence.
    cut = len(text) > _BEFORE_WINDOW
    text = text[-_BEFORE_WINDOW:]
    verbs = _speech_verbs(text)
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
            subject_text = _LEADING_ADVERBIAL.sub("", text) if name == "colon-subject" else text
            match = pattern.search(subject_text)
            if not match:
                continue
            ref = parse_subject(match.group("subj"))
            if name in ("colon-subject", "name-colon"):
                ref = ref if ref is not None and ref.kind == NAME else None
            else:
                ref = _max_words(ref)
        if ref is not None:
            return name, ref
    return None


_NOUN = SpeakerRef("description", "")  # the "verb" was a noun: try the next pattern


def _verb_speaker(found: _VerbMatch) -> SpeakerRef | None:
    if _DETERMINER_END.search(found.left):
        return _NOUN  # `filed this report for our unit:`: a noun, not a verb
    if found.obj.startswith("by "):  # `told by a federal official that`: the agent speaks
        return parse_subject(found.obj[3:])
    if found.verb.endswith("ing") and not _PROGRESSIVE.search(found.left):
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
    verbs = _speech_verbs(text)
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
# `they're reporting`, `is saying`: an -ing form after an auxiliary is a finite verb.
_PROGRESSIVE = re.compile(r"(?:\b(?:is|are|was|were|be|been|am)|['’](?:re|s|m))\s*$", re.I)
# Adverbs and modals between a subject and its verb: `also posted`, `would now ask`.
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:\w+ly|also|then|now|later|further|still|again|once|often|never|even|just|"
    r"would|will|could|can|may|might|should|must|did|does|do|has|have|had|had\s+once)){1,4}$"
)
# A clause that opens the sentence before its subject: `In an August speech, Trump ...`.
_LEADING_ADVERBIAL = re.compile(
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


def _strip_trailing_adverbs(left: str) -> str:
    """`Ann Lee also` -> `Ann Lee`; only the last words are looked at (linear in `left`)."""
    tail = left[-80:]
    match = _TRAILING_ADVERBS.search(tail)
    return left[: len(left) - len(tail) + match.start()] if match else left


def leading_subject(clause: str) -> SpeakerRef | None:
    """The subject a sentence opens with, past an opening adverbial clause: `During a speech,
    Trump attacked ...` -> Trump; `He then defended ...` -> he. A person or a pronoun only:
    a description there is too often an object or a place."""
    text = _LEADING_ADVERBIAL.sub("", clause.lstrip(" \"“”'‘’"))
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
    left = _strip_trailing_adverbs(left[-_SUBJECT_WINDOW:].rstrip(" ,"))
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
        if bare in _SUBJECT_STOP:
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
    return _max_words(parse_subject(phrase))
