"""Who a speaker is, as an attribution writes it: names, titles, pronouns, descriptions.

`parse_subject` turns the words of an attribution ("firefighter Clay Williamson",
"Sanders, a former high school football player", "he", "one neighbor") into a SpeakerRef;
a SpeakerBook, filled in reading order, resolves references to the fullest name the article
gives ("Friedman" -> "Eli Friedman", "he" -> the most recent compatible person).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


def word_set(text: str) -> frozenset[str]:
    """A word list written as one string (easier to read and extend than a list)."""
    return frozenset(text.split())


NAME = "name"
PRONOUN = "pronoun"
DESCRIPTION = "description"

PERSON = "person"
GROUP = "group"  # organisations, outlets, documents, plural sources: "they"

PRONOUN_GENDER = {"he": "male", "she": "female", "they": None, "it": None, "we": None}

# Titles and roles written before a name; the name is what follows the last of them.
TITLES = word_set(
    """mr mrs ms miss mx dr prof professor sen senator rep representative gov governor
    lt gen col maj sgt capt cmdr adm officer deputy detective sheriff chief mayor judge justice
    president vice ceo cfo coo chairman chairwoman chair director manager coach quarterback
    spokesman spokeswoman spokesperson secretary minister commissioner superintendent principal
    pastor rev father sister brother dean chancellor firefighter trooper attorney councilman
    councilwoman councilmember inspector agent captain lieutenant sergeant general colonel
    assemblyman assemblywoman delegate ambassador king queen prince princess pope
    veterinarian doctor nurse teacher student coordinator founder owner analyst"""
)
# Titles that are also name particles ("Bill del Toro") count only abbreviated, with a period.
_ABBREVIATED_TITLES = word_set("Del. Sens. Reps. Govs. Supt. Asst. Insp.")
_TITLE_GENDER = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female"}
# Relation words in a description that say which pronoun fits.
_RELATION_GENDER = {
    **dict.fromkeys(
        word_set("mother wife daughter sister grandmother aunt woman girl niece mom widow"),
        "female",
    ),
    **dict.fromkeys(
        word_set("father husband son brother grandfather uncle man boy nephew dad widower"), "male"
    ),
}
# Head words of organisations, places and media; such a name is never "he" or "she".
_ORG_WORDS = word_set(
    """news post times journal herald tribune gazette eagle press radio tv television network
    zoo county city state university college school academy department dept police office
    company co corp inc llc ltd group association society center centre museum board
    council service services agency ministry station court bureau commission committee
    administration authority institute foundation party church hospital clinic club team
    league union airlines airline bank fund senate congress division district force
    army navy canyon river lake mountain street avenue road plan program project fire rescue
    restaurant restaurants store market mart magazine channel affiliate"""
)
# Nouns naming documents and outlets: the speaker is the document ("the note").
_DOCUMENTS = word_set(
    """note letter statement post message email e-mail report sign release tweet memo notice
    flyer leaflet poster banner ad advert advertisement website page document filing lawsuit
    complaint petition resolution editorial article column book study survey poll"""
)


def is_document(word: str) -> bool:
    """Nouns for writings that "say" things: `the letter reads`, `a flyer went up`."""
    return bare_word(word) in _DOCUMENTS


_PLURAL_SOURCES = word_set(
    """officials authorities police experts analysts neighbors neighbours residents witnesses
    organizers organisers activists workers researchers scientists investigators prosecutors
    officers sources critics supporters students parents doctors they"""
)
# Capitalised words that begin sentences but are not names.
NOT_NAMES = word_set(
    """the a an in on at but and as if when while after before now then so yet or for from with
    without under over it he she they we i you his her their our its this that these those
    there here some many most all each every other another one two three earlier later last
    next inside outside upon though although even also only still just meanwhile according
    speaking several both why what who how where since until because during despite like
    unfortunately however instead today yesterday tonight monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december christmas"""
)
DETERMINERS = word_set("a an the this that these those its their our his her your my")


_LABEL_STOP = word_set(
    """said says say told tells wrote writes filed reads read posted tweeted added adds asked
    explained noted this that these those is was were are has have had will would could should
    which who when where while it he she they we i you also then but"""
)


_LABEL_EDGE = word_set("to of for in on at by with from and or but as into")


@lru_cache(maxsize=1024)
def is_label(name: str) -> bool:
    """A speaker label is a name or a description, never a piece of the sentence around it:
    no verb or pronoun of the sentence (`Ryan filed this`), no sentence end inside
    (`Americans. He`), no lone function word (`The`, `U.S`)."""
    words = name.split()
    if not words or len(words) > 12 or not any(c.isalpha() for c in name):
        return False
    if any(bare_word(w) in _LABEL_STOP for w in words) or not name[:1].isalnum():
        return False
    if len(words) > 1 and re.fullmatch(r"[A-Z][a-z]+(?:ed|ing)", words[0]) and words[1].islower():
        return False  # `Informed of the district's lean`: a participle phrase, no one
    if len(words) > 2 and re.fullmatch(r"[a-z]+(?:ed|ing)", words[-1]):
        return False  # `Christie blamed Clinton for introducing`: a clause, cut mid-way
    ends = [w for w in words[:-1] if w[-1:] in ".!?" and len(w) > 4 and w[:-1].isalpha()]
    if any(bare_word(w) not in TITLES for w in ends):
        return False  # `Americans. He`: a sentence ended inside
    if len(words) == 1 and (is_function_word(words[0]) or len(name.strip(".")) < 2):
        return False
    if bare_word(words[-1]) in _LABEL_EDGE or (
        words[0].islower() and bare_word(words[0]) in _LABEL_EDGE
    ):
        return False  # `Sunday to`, `to drive up`: a piece of a clause
    return not re.fullmatch(r"[A-Z](?:\.[A-Z])*\.?|[A-Z]\.[A-Z]", name)


def trim_label(name: str) -> str:
    """`Donald J. Trump. Many Mexicans` -> `Donald J. Trump`; `it further` -> `it`: a label
    cut where a name run crossed a sentence end or picked up a trailing adverb."""
    words = name.split()
    for i, word in enumerate(words[:-1]):
        if (
            word[-1:] in ".!?"
            and len(word) > 4
            and word[:-1].isalpha()
            and (bare_word(word) not in TITLES)
        ):
            words = words[: i + 1]
            break
    while len(words) > 1 and (bare_word(words[-1]) in _LABEL_STOP or words[-1].endswith("ly")):
        words = words[:-1]
    return " ".join(words).rstrip(".") if len(words) < len(name.split()) else name


def is_function_word(word: str) -> bool:
    """`The`, `In`, `However`: capitalised at a sentence start, never a name."""
    return bare_word(word) in NOT_NAMES or bare_word(word) in DETERMINERS


PLACE_PREPOSITIONS = word_set("in at from near into across outside inside of")

# A capitalised word or an initial; also a name that starts with a digit but holds a
# capital (`9to5Mac.com`), never a bare number or `56-year-old`.
_TOKEN = r"(?:[A-Z][\w'’.-]*|[A-Z]\.|\d[\w.-]*[A-Z][\w'’.-]*)"
NAME_RUN = re.compile(rf"{_TOKEN}(?:\s+{_TOKEN})*")
_CONNECTED_RUN = re.compile(
    rf"{_TOKEN}(?:\s+(?:(?:of|to|the|and|de|del|la|van|von|der|da|du)\s+)?{_TOKEN})*"
)
POSSESSIVE = re.compile(r"['’]s?$")
_RELATIVE = re.compile(r"\s+(?:who|whom|whose|which|that|where)\b.*$", re.DOTALL)


@dataclass(frozen=True)
class SpeakerRef:
    """A speaker as an attribution writes it, before resolution."""

    kind: str  # NAME, PRONOUN or DESCRIPTION
    text: str
    gender: str | None = None


def bare_word(token: str) -> str:
    return token.strip(".,;:'’").lower()


def strip_titles(name: str) -> tuple[str, str | None]:
    """'Sheriff Bill Pribl' -> ('Bill Pribl', None); 'Mrs. Ann Lee' -> ('Ann Lee', 'female')."""
    tokens = name.split()
    gender = None
    last_title = -1
    for i, token in enumerate(tokens[:-1]):
        bare = bare_word(token)
        if bare in TITLES or token in _ABBREVIATED_TITLES:
            last_title = i
            gender = _TITLE_GENDER.get(bare, gender)
    tokens = tokens[last_title + 1 :]
    # A long run without a known title ("Reedsville Linebacker Jo Lee"): drop the leading
    # organisation words, keep the name at the end.
    if len(tokens) >= 4:
        org = [i for i, t in enumerate(tokens[:-1]) if bare_word(t) in _ORG_WORDS]
        if org:
            tokens = tokens[org[-1] + 1 :]
    return " ".join(tokens).rstrip(",;:"), gender


def entity_kind(name: str) -> str:
    """PERSON or GROUP, from the shape of a name or description."""
    tokens = name.split()
    if not tokens:
        return PERSON
    if tokens[0] == "The" or any(bare_word(t) in _ORG_WORDS for t in tokens):
        return GROUP
    if any(
        len(t.strip(".,-")) >= 2 and t.strip(".,").replace("-", "").isupper() and "." not in t
        for t in tokens
    ):
        return GROUP  # NPR, KSDK-TV
    last = bare_word(tokens[-1])
    if last in _DOCUMENTS or last in _PLURAL_SOURCES:
        return GROUP
    if tokens[0].islower() and any(bare_word(t) in _PLURAL_SOURCES for t in tokens):
        return GROUP
    return PERSON


def _clean_name_part(part: str) -> str | None:
    """The proper name in one comma-separated part of a subject, if it is a name."""
    part = part.strip()
    runs = list(_CONNECTED_RUN.finditer(part))
    if not runs:
        return None
    run = runs[-1]
    after = part[run.end() :].strip()
    if after and after[0].isalpha():
        return None  # "Sanders' mother": a capital word followed by a common noun
    name, _ = strip_titles(run.group(0))
    if POSSESSIVE.search(name):
        return None
    first = name.split()[0] if name else ""
    if not name or (bare_word(first) in NOT_NAMES and (first != "The" or name == "The")):
        return None
    return name


def parse_subject(phrase: str) -> SpeakerRef | None:
    """Read the subject of an attribution: a name, a pronoun or a description."""
    phrase = phrase.split("(")[0]
    phrase = _RELATIVE.sub("", phrase).strip(" ,;:—–-")
    if not phrase:
        return None
    words = phrase.split()
    first = re.sub(r"['’](?:re|s|ve|ll|d)$", "", words[0].lower())
    if len(words) == 1 and first in PRONOUN_GENDER:
        return SpeakerRef(PRONOUN, first, PRONOUN_GENDER[first])
    parts = [p.strip() for p in phrase.split(",") if p.strip()]
    gender = _gender_of_words(phrase)
    # "Sanders, a former player": the name comes first; "Sanders' mother, Nicole": later.
    for part in parts:
        name = _clean_name_part(part)
        if name:
            _, title_gender = strip_titles(_CONNECTED_RUN.findall(part)[-1])
            return SpeakerRef(NAME, name, title_gender or gender)
    description = parts[0]
    if description.split()[0].lower() in PRONOUN_GENDER and len(description.split()) == 1:
        return SpeakerRef(PRONOUN, description.lower(), PRONOUN_GENDER[description.lower()])
    if not any(c.isalpha() for c in description):
        return None
    return SpeakerRef(DESCRIPTION, _definite_document(description), gender)


def _gender_of_words(phrase: str) -> str | None:
    for word in re.findall(r"[A-Za-z]+", phrase):
        lower = word.lower()
        if lower in _RELATION_GENDER:
            return _RELATION_GENDER[lower]
        if lower in _TITLE_GENDER:
            return _TITLE_GENDER[lower]
    return None


def _definite_document(description: str) -> str:
    """'a note' -> 'the note': a document speaks as that document, named definitely."""
    words = description.split()
    if len(words) == 2 and words[0].lower() in ("a", "an") and words[1].lower() in _DOCUMENTS:
        return f"the {words[1]}"
    return description
