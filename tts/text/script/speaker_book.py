"""The people and groups of one article, filled in reading order.

`find_mentions` finds the names the narration uses; a `SpeakerBook` resolves a reference
to the fullest name the article gives ("Friedman" -> "Eli Friedman", "he" -> the most
recent compatible person) and records who speaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tts.text.model import Speaker
from tts.text.script.speakers import (
    DESCRIPTION,
    DETERMINERS,
    GROUP,
    NAME_RUN,
    NOT_NAMES,
    PERSON,
    PLACE_PREPOSITIONS,
    POSSESSIVE,
    PRONOUN,
    PRONOUN_GENDER,
    TITLES,
    SpeakerRef,
    bare_word,
    entity_kind,
    is_label,
    strip_titles,
    word_set,
)

_PRONOUN_WINDOW = 3  # how many recent people a "she" looks back over for a known woman


@dataclass(frozen=True)
class Mention:
    """A named entity seen in the narration (or as a speaker) at a position in the article."""

    position: int
    name: str
    kind: str
    gender: str | None = None
    governed: bool = False  # after a preposition (`contributed to Pell Grants`): an object


def find_mentions(text: str, offset: int) -> list[Mention]:
    """Full names in narration text, each with its kind; `offset` places them in the article."""
    mentions = []
    for match in NAME_RUN.finditer(text):
        tokens = match.group(0).split()
        start = match.start()
        while tokens and bare_word(tokens[0]) in NOT_NAMES:
            start += len(tokens[0]) + 1
            tokens = tokens[1:]
        # "Washington's National Zoo": a possessive ends one name and starts another.
        # A sentence end ("to Americans. He said") ends one too.
        groups: list[list[str]] = [[]]
        for token in tokens:
            groups[-1].append(token)
            if POSSESSIVE.search(token) or _ends_sentence(token):
                groups.append([])
        for group in groups:
            while group and bare_word(group[0]) in NOT_NAMES and groups[0] is not group:
                start += len(group.pop(0)) + 1
            if not group:
                continue
            raw = " ".join(group)
            name, gender = strip_titles(POSSESSIVE.sub("", raw.rstrip(".,")))
            if not name:
                continue
            kind = entity_kind(name)
            if kind == PERSON and len(name.split()) < 2:
                kind = "single"  # a lone capital word: a surname at best, resolved later
            elif kind == PERSON and _not_a_person_here(text, start):
                kind = GROUP if bare_word(text[:start].split()[-1]) in DETERMINERS else "place"
            before = text[max(0, start - 30) : start].split()
            governed = bool(before) and bare_word(before[-1]) in _GOVERNING
            mentions.append(
                Mention(
                    offset + start,
                    name,
                    kind,
                    gender or _gender_after(text, match.end()),
                    governed,
                )
            )
            start += len(raw) + 1
    return mentions


def _ends_sentence(token: str) -> bool:
    """`Americans.`: a full stop after a word that is no title or initial."""
    bare = token.rstrip(".")
    return token.endswith(".") and len(bare) > 3 and bare.isalpha() and bare.lower() not in TITLES


_GOVERNING = word_set("to for on with about against from of in at by into over toward towards")


def _not_a_person_here(text: str, start: int) -> bool:
    """People are not "a Mega Millions ticket" nor "in Milford Mill"."""
    before = text[max(0, start - 30) : start].split()
    return bool(before) and bare_word(before[-1]) in (DETERMINERS | PLACE_PREPOSITIONS)


def _gender_after(text: str, end: int) -> str | None:
    """A he/she soon after a name, before another name, is a gender cue."""
    window = text[end : end + 80]
    cut = NAME_RUN.search(window, 1)
    if cut and len(cut.group(0).split()) > 1:
        window = window[: cut.start()]
    # subject pronouns only: in "Tom Baker, her deputy," the "her" is someone else
    match = re.search(r"\b(he|she)\b", window, re.IGNORECASE)
    if not match:
        return None
    return "male" if match.group(1).lower() == "he" else "female"


@dataclass
class SpeakerBook:
    """The people and groups of one article, filled in reading order."""

    mentions: list[Mention] = field(default_factory=list)
    speakers: dict[str, Speaker] = field(default_factory=dict)

    def add_mentions(self, mentions: list[Mention]) -> None:
        self.mentions.extend(mentions)
        self.mentions.sort(key=lambda m: m.position)

    def resolve(self, ref: SpeakerRef, position: int) -> str | None:
        """The fullest name for `ref` at `position`; records it as a speaker."""
        if ref.kind == PRONOUN:
            name = self._antecedent(ref.text, position)
            if name is None:
                return None
            self._add_speaker(name, None, ref.gender, position)
            return name
        if ref.kind == DESCRIPTION:
            self._add_speaker(ref.text, None, ref.gender, position, entity_kind(ref.text))
            return ref.text
        name = self._full_name(ref.text, position)
        self._add_speaker(name, ref.text if name != ref.text else None, ref.gender, position)
        return name

    def gender_of(self, name: str) -> str | None:
        """The gender the article gives `name` (a title, a pronoun after it), if any."""
        known = self.speakers.get(name)
        if known and known.gender:
            return known.gender
        genders = {m.gender for m in self.mentions if m.name == name and m.gender}
        return genders.pop() if len(genders) == 1 else None

    def full_name(self, name: str, position: int) -> str:
        """The fullest form of `name` the article gives, without recording a speaker."""
        return self._full_name(name, position)

    def _full_name(self, name: str, position: int) -> str:
        """'Friedman' -> 'Eli Friedman' when the article named him so before."""
        tokens = name.split()
        best: Mention | None = None
        for mention in self.mentions:
            full = mention.name.split()
            if len(full) <= len(tokens) or mention.kind in ("place", "single"):
                continue
            if not is_label(mention.name):
                continue  # `Chris Christie Is Over Marco Rubio`: a headline, not a name
            fits = full[-len(tokens) :] == tokens or (len(tokens) == 1 and tokens[0] in full[1:])
            if not fits and len(tokens) == 1 and full[0] == tokens[0] and mention.kind == PERSON:
                fits = best is None  # "Ava said" after "Ava Reed": a first name, if no surname fits
            if not fits:
                continue
            # prefer the most recent one named before this point; else the first named after
            if mention.position < position or best is None:
                best = mention
        return best.name if best else name

    def _antecedent(self, pronoun: str, position: int) -> str | None:
        """The most recent compatible mention; one whose gender is known to match wins over
        a nearer one of unknown gender if it is among the last few candidates."""
        gender = PRONOUN_GENDER.get(pronoun)
        wants = GROUP if pronoun in ("they", "it", "we") else PERSON
        candidates: list[Mention] = []
        for mention in reversed(self.mentions):
            if mention.position >= position:
                continue
            if mention.kind == "single" and wants == PERSON:
                # "Later, Gonzalez added ...": a surname stands for the full name met before
                full = self._full_name(mention.name, mention.position)
                if full == mention.name or entity_kind(full) != PERSON:
                    continue
                mention = Mention(mention.position, full, PERSON, mention.gender)
            elif mention.kind != wants:
                continue
            if mention.governed and pronoun in ("he", "she"):
                continue  # `gave to Pell Grants ... he said`: an object is rarely the speaker
            seen = mention.gender or self.gender_of(mention.name)
            if gender and seen and seen != gender:
                continue
            if not gender or seen == gender:
                return self._full_name(mention.name, mention.position)
            candidates.append(mention)
            if len({c.name for c in candidates}) >= _PRONOUN_WINDOW:
                break
        if not candidates:
            return None
        return self._full_name(candidates[0].name, candidates[0].position)

    def _add_speaker(
        self, name: str, alias: str | None, gender: str | None, position: int, kind: str = ""
    ) -> None:
        speaker = self.speakers.setdefault(name, Speaker(name))
        if alias and alias not in speaker.aliases:
            speaker.aliases.append(alias)
        if gender and not speaker.gender:
            speaker.gender = gender
        kind = kind or entity_kind(name)
        self.add_mentions([Mention(position, name, kind, speaker.gender)])

    def finished_speakers(self) -> dict[str, Speaker]:
        """The speakers, each with its surname as an alias when no one else shares it."""
        surnames: dict[str, list[str]] = {}
        for name in self.speakers:
            tokens = name.split()
            if (
                entity_kind(name) == PERSON
                and len(tokens) > 1
                and all(t[0].isupper() for t in tokens)
            ):
                surnames.setdefault(name.split()[-1], []).append(name)
        for surname, names in surnames.items():
            if len(names) == 1 and surname not in self.speakers[names[0]].aliases:
                self.speakers[names[0]].aliases.append(surname)
            elif len(names) > 1:  # "Gee" could be either Gee: an alias would mislead an editor
                for name in names:
                    aliases = self.speakers[name].aliases
                    aliases[:] = [a for a in aliases if a != surname]
        return self.speakers
