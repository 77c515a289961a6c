"""The tail of the text pipeline, one way for every caller: an article's script ready to speak.

`prepare_script` takes the edited `NAME.script.json` or scripts the article anew, adds the
show's intro and outro, casts a voice for every speaker and fills each segment's spoken form
once: normalised, then the show's lexicon (phonemes only for an engine that takes them).
`build` calls it for every article, `talkingpaper script` speaks a script with
`speak_script`, `talkingpaper say` a word with `spoken_form`: the same steps, so what `script`
prints is what a build says.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tts.engines import engine_class, split_voice
from tts.errors import InputError
from tts.language_voices import language_palette
from tts.reading import Reading
from tts.show_palette import show_palette
from tts.text.announce import with_announcements
from tts.text.language import choose_language, primary
from tts.text.lexicon import apply_lexicon
from tts.text.model import NARRATOR, Script
from tts.text.normalize import normalize
from tts.text.normalize.other_languages import normalize_other
from tts.text.pipeline import script_from_source
from tts.text.script_file import load_script, script_path_for
from tts.voices import Casting, Palette, cast_script


def spoken_form(text: str, reading: Reading, language: str | None = None) -> str:
    """What the engine is given for `text`: normalised for speech in its language (the
    show's by default), which leaves words only (no brackets, tags or control codes: an
    article cannot give the engine phonemes or markup), then the lexicon, the one source of
    phonemes. "" when there is nothing to say."""
    language = language or reading.language
    said = normalize(text) if primary(language) == "en" else normalize_other(text, language)
    if reading.lexicon is None:
        return said
    phonemes = engine_class(reading.engine).takes_phonemes  # [[...]] is espeak's alone
    return apply_lexicon(said, reading.lexicon, phonemes=phonemes)


def speak_script(script: Script, reading: Reading) -> Script:
    """Every segment with its spoken form, made once."""
    if not script.language:
        script = _in_language(script, _language(script, reading))
    language = script.language
    segments = [replace(s, spoken=spoken_form(s.text, reading, language)) for s in script.segments]
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
    script = _in_language(script, _language(script, reading), by_hand=edited.exists())
    palette = language_palette(script.language or reading.language, reading.engine)
    script = with_announcements(script, reading.title, story, reading.announcements)
    narrator, palette = _narrator(script, reading, palette)
    script, grown = cast_script(script, cast, narrator=narrator, palette=palette)
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


def _language(script: Script, reading: Reading) -> str:
    """The article's language: declared, else detected when sure, else the show's."""
    sample = " ".join([script.title or "", *(s.text for s in script.segments)])
    return choose_language(script.language, sample, reading.language)


def _in_language(script: Script, language: str, by_hand: bool = False) -> Script:
    """The script marked with its language. Who said a quote is found by English words
    ("said", "told reporters"): in another language those rules would guess wrong, so an
    edited script's speakers stay (`by_hand`) and an automatic script's quotes are read by
    the narrator."""
    if primary(language) == "en" or by_hand:
        return replace(script, language=language)
    segments = [replace(s, speaker=NARRATOR) for s in script.segments]
    return replace(script, language=language, segments=segments, speakers={})


def _narrator(script: Script, reading: Reading, palette: Palette | None) -> tuple[Casting, Palette]:
    """The narrator's voice and the palette the speakers are cast from: the language's
    (an article in another language than the show's engine speaks), else the engine's, with
    show.toml's narrator ("piper:joe" may name another engine) or one set by hand."""
    own = show_palette(reading.engine)  # from every installed engine when it is neural
    by_hand = script.speakers.get(NARRATOR)
    if by_hand and by_hand.voice:
        pitch = Casting.pitch if by_hand.pitch is None else by_hand.pitch
        return Casting(by_hand.voice, pitch), palette or own
    if palette is not None:
        return palette.narrator, palette
    named_engine, named_voice = split_voice(reading.narrator_voice, reading.engine)
    if not engine_class(named_engine).knows_voice(named_voice):
        return own.narrator, own  # show.toml names another engine's
    return Casting(reading.narrator_voice), own
