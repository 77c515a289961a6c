"""The tail of the text pipeline, one way for every caller: an article's script ready to speak.

`prepare_script` takes the edited `NAME.script.json` or scripts the article anew, adds the
show's intro and outro, casts a voice for every speaker and fills each segment's spoken form
once: normalised, then the show's lexicon (phonemes only for an engine that takes them).
`build` calls it for every article, `talkingpaper script` speaks a script with
`speak_script`, `talkingpaper say` a word with `spoken_form`: the same steps, so what `script`
prints is what a build says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tts.engines import engine_class, split_voice
from tts.errors import InputError
from tts.text.announce import Announcements, with_announcements
from tts.text.lexicon import Lexicon, apply_lexicon
from tts.text.model import NARRATOR, Script
from tts.text.normalize import normalize
from tts.text.pipeline import script_from_source
from tts.text.script_file import load_script, script_path_for
from tts.voices import Casting, cast_script


@dataclass(frozen=True)
class Reading:
    """How a show reads its articles: the settings the text pipeline's tail needs."""

    title: str  # the show's title, said in every intro and outro
    engine: str
    narrator_voice: str
    lexicon: Lexicon | None = None
    captions: str = "announce"
    keep: Sequence[str] = ()
    embeds: str = "quote"
    announcements: Announcements = Announcements()  # the show's own intro and outro


def spoken_form(text: str, reading: Reading) -> str:
    """What the engine is given for `text`: normalised for speech, which leaves words only (no
    brackets, tags or control codes: an article cannot give the engine phonemes or markup),
    then the lexicon, the one source of phonemes. "" when there is nothing to say."""
    said = normalize(text)
    if reading.lexicon is None:
        return said
    phonemes = engine_class(reading.engine).takes_phonemes  # [[...]] is espeak's alone
    return apply_lexicon(said, reading.lexicon, phonemes=phonemes)


def speak_script(script: Script, reading: Reading) -> Script:
    """Every segment with its spoken form, made once."""
    segments = [replace(s, spoken=spoken_form(s.text, reading)) for s in script.segments]
    return replace(script, segments=segments)


def prepare_script(
    article: Path,
    reading: Reading,
    cast: dict[str, Casting],
    story: tuple[int, int] | None = None,
) -> Script:
    """Script the article (or take its edited NAME.script.json), add intro and outro, cast
    voices (growing `cast`), fill the spoken forms."""
    edited = script_path_for(article)
    if edited.exists():
        script = load_script(edited)
    else:
        script = script_from_source(
            article, captions=reading.captions, keep=reading.keep, embeds=reading.embeds
        )
    if not any(s.text.strip() for s in script.segments if s.kind != "headline"):
        raise InputError(f"{article}: no story text found after cleaning; nothing to read")
    script = with_announcements(script, reading.title, story, reading.announcements)
    engine = engine_class(reading.engine)
    by_hand = script.speakers.get(NARRATOR)
    named_engine, named_voice = split_voice(reading.narrator_voice, reading.engine)
    if by_hand and by_hand.voice:
        pitch = Casting.pitch if by_hand.pitch is None else by_hand.pitch
        narrator = Casting(by_hand.voice, pitch)
    elif not engine_class(named_engine).knows_voice(named_voice):
        narrator = engine.palette.narrator  # show.toml's narrator names another engine's voice
    else:
        narrator = Casting(reading.narrator_voice)
    script, grown = cast_script(script, cast, narrator=narrator, palette=engine.palette)
    cast.update(grown)
    spoken = speak_script(script, reading)
    # A segment of marks only ("[[[[", "!?!?") has an empty spoken form and is skipped; an
    # article with nothing else is refused here, not sent to the engine as silence.
    if not any(s.spoken for s in spoken.segments if s.kind not in ("headline", "announcement")):
        raise InputError(
            f"{article}: its story has no words to read, only marks and symbols; "
            "check that the file holds the article's text"
        )
    return spoken
