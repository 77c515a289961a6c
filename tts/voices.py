"""Casting: every speaker of a script gets a voice, the same one in every episode of a show.

A cast is a plain mapping `speaker name -> Casting`, kept by the app in a file under
output/. Speakers of one episode never share a voice with each other or with the narrator,
so a listener can tell them apart; across episodes a speaker keeps the voice first given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tts.text.model import NARRATOR, Script, Speaker


@dataclass(frozen=True)
class Casting:
    voice: str
    pitch: int = 50


# espeak-ng voices and variants chosen to differ in accent, timbre and pitch. Female variants
# sit near 200-250 Hz, male voices near 100-110 Hz (measured, TRAPS.md); the pitch offsets
# separate two voices of the same accent further.
NARRATOR_CASTING = Casting("gmw/en-us", 50)
FEMALE = (
    Casting("gmw/en-gb-x-rp+f3", 50),
    Casting("gmw/en-us+f2", 45),
    Casting("gmw/en-gb-scotland+f4", 55),
    Casting("gmw/en-029+f1", 50),
    Casting("gmw/en-us-nyc+f5", 40),
    Casting("gmw/en-gb-x-gbclan+f3", 62),
)
MALE = (
    Casting("gmw/en-gb-x-rp+m3", 40),
    Casting("gmw/en-gb-scotland+m2", 60),
    Casting("gmw/en-029+m1", 45),
    Casting("gmw/en-us-nyc+m4", 35),
    Casting("gmw/en-gb-x-gbcwmd+m7", 55),
    Casting("gmw/en-gb-x-gbclan+m6", 30),
)


@dataclass(frozen=True)
class Palette:
    """The voices one engine offers for casting."""

    narrator: Casting
    female: tuple[Casting, ...]
    male: tuple[Casting, ...]

    def pool(self, gender: str | None) -> tuple[Casting, ...]:
        if gender == "female":
            return self.female + self.male
        if gender == "male":
            return self.male + self.female
        # No gender cue: alternate, so two unknown speakers in a row still sound different.
        return tuple(v for pair in zip(self.male, self.female, strict=False) for v in pair)

    def knows(self, voice: str) -> bool:
        return any(c.voice == voice for c in (self.narrator, *self.female, *self.male))


ESPEAK = Palette(NARRATOR_CASTING, FEMALE, MALE)
# The packaged Piper voice is one man's: speakers differ by pitch (applied after synthesis),
# higher for a woman's words, lower for a man's, the narrator's own pitch never reused.
PIPER = Palette(
    Casting("joe", 50),
    tuple(Casting("joe", p) for p in (68, 76, 62, 82, 72, 58)),
    tuple(Casting("joe", p) for p in (36, 28, 42, 22, 32, 46)),
)


def cast_script(
    script: Script,
    cast: dict[str, Casting],
    narrator: Casting = NARRATOR_CASTING,
    palette: Palette = ESPEAK,
) -> tuple[Script, dict[str, Casting]]:
    """Give every speaker of `script` a voice; return the script and the grown cast.

    Speakers already in `cast` (or given a voice by hand) keep it; new speakers get the first
    voice of their gender's pool that no one in this episode has, preferring one that no
    speaker of the show has yet.
    """
    new_cast = dict(cast)
    names = [s.speaker for s in script.segments if s.speaker != NARRATOR]
    ordered = list(dict.fromkeys(names + list(script.speakers)))
    infos = {name: script.speakers.get(name, Speaker(name=name)) for name in ordered}

    def kept(name: str) -> Casting | None:
        """The voice this speaker already has: chosen by hand, or from earlier episodes."""
        info = infos[name]
        if info.voice:
            return Casting(info.voice, info.pitch if info.pitch is not None else 50)
        known = cast.get(name)
        return known if known and palette.knows(known.voice) else None

    # Reserve the voices of returning speakers first, so a newcomer never takes one of them.
    reserved = {c for c in map(kept, ordered) if c is not None}
    in_cast = set(cast.values())
    taken: set[Casting] = {narrator}
    speakers: dict[str, Speaker] = {}
    for name in ordered:
        choice = kept(name)
        if choice is None or choice in taken:
            pool = palette.pool(infos[name].gender)
            free = [c for c in pool if c not in taken and c not in reserved]
            # Prefer a voice no other speaker of the show has, so a newcomer does not sound
            # like someone listeners know from another episode.
            fresh = [c for c in free if c not in in_cast]
            choice = (fresh or free or [_repitched(pool[len(taken) % len(pool)], taken)])[0]
        taken.add(choice)
        new_cast.setdefault(name, choice)
        speakers[name] = replace(infos[name], voice=choice.voice, pitch=choice.pitch)
    speakers_with_narrator = {
        NARRATOR: Speaker(name=NARRATOR, voice=narrator.voice, pitch=narrator.pitch),
        **speakers,
    }
    return replace(script, speakers=speakers_with_narrator), new_cast


def _repitched(base: Casting, taken: set[Casting]) -> Casting:
    for pitch in (20, 80, 10, 90, 30, 70):
        candidate = Casting(base.voice, pitch)
        if candidate not in taken:
            return candidate
    return base


def casting_of(script: Script, speaker: str) -> Casting:
    """The voice a cast script gives `speaker`."""
    info = script.speakers.get(speaker) or script.speakers[NARRATOR]
    return Casting(info.voice or NARRATOR_CASTING.voice, 50 if info.pitch is None else info.pitch)
