"""Voices for an article's language. English is read by the show's own engine and palette;
another language by espeak-ng's voice for it (about 100 languages), in the show's engine
when it is espeak-ng itself (pyttsx3 or the espeak-ng program), else as "espeak-ng:VOICE"
beside the show's neural narrator. A language with no voice that can read it is refused:
never spelled out letter by letter by an English voice.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache

from tts.errors import InputError
from tts.text.language import primary
from tts.voices import Casting, Palette

ENGLISH = "en"
ESPEAK_ENGINES = ("pyttsx3", "espeak-ng")
# espeak-ng 1.51 reads Chinese characters as English words with tone digits ("ni three")
# and every kanji as "Chinese letter" (measured): it has no voice for these in practice.
ESPEAK_CANNOT_READ = {"zh": "Chinese", "ja": "Japanese"}
# espeak-ng's Latin American Spanish; only es-MX is its own alias of it.
_LATIN_AMERICA = {"es-" + r for r in ("419", "MX", "AR", "CO", "CL", "PE", "VE", "US", "CU",
                                      "EC", "GT", "BO", "DO", "HN", "PY", "SV", "NI", "CR",
                                      "PA", "UY", "PR")}  # fmt: skip
# Female and male variants of one voice, pitched apart, for the people quoted.
_FEMALE = (("f3", 50), ("f2", 45), ("f4", 55), ("f1", 50), ("f5", 40))
_MALE = (("m3", 40), ("m2", 60), ("m1", 45), ("m4", 35), ("m7", 55), ("m6", 30))


@cache
def espeak_languages() -> dict[str, str]:
    """espeak-ng's voices by language code (lower case): "es" -> "roa/es", "zh" -> ...;
    {} when espeak-ng is not installed."""
    program = shutil.which("espeak-ng")
    if not program:
        return {}
    listing = subprocess.run([program, "--voices"], capture_output=True, text=True, check=False)
    found: dict[str, tuple[int, str]] = {}  # code -> (priority: lower is preferred, voice)

    def offer(code: str, priority: int, file: str) -> None:
        if code not in found or priority < found[code][0]:
            found[code] = (priority, file)

    for line in listing.stdout.splitlines()[1:]:
        cols = line.split()
        if len(cols) < 5 or not cols[0].isdigit():
            continue
        file = cols[4].lower()
        offer(cols[1].lower(), int(cols[0]), file)
        for other in " ".join(cols[5:]).strip("()").split(")("):  # "(es-mx 6)(es 6)"
            parts = other.split()
            if len(parts) == 2 and parts[1].isdigit():
                offer(parts[0].lower(), int(parts[1]), file)
    return {code: file for code, (_, file) in found.items()}


def espeak_voice(tag: str) -> str | None:
    """espeak-ng's voice for a BCP-47 tag, or None: the region's own voice (pt-BR), Latin
    American Spanish for its regions, else the language's (de-AT -> de, fr-CA -> fr)."""
    if primary(tag) in ESPEAK_CANNOT_READ:
        return None
    voices = espeak_languages()
    wanted = "es-419" if tag in _LATIN_AMERICA else tag.lower()
    return (
        voices.get(wanted)
        or voices.get(primary(tag))
        or voices.get(f"{primary(tag)}-{primary(tag)}")
    )


def language_palette(tag: str, engine: str) -> Palette | None:
    """The palette that reads `tag` for a show on `engine`: None for English (the engine's
    own); InputError naming the voice to install when no installed voice reads it."""
    if primary(tag) == ENGLISH:
        return None
    voice = espeak_voice(tag)
    if voice is None:
        raise InputError(_no_voice(tag))
    prefix = "" if engine in ESPEAK_ENGINES else "espeak-ng:"
    base = f"{prefix}{voice}"
    return Palette(
        Casting(base, 50),
        tuple(Casting(f"{base}+{v}", p) for v, p in _FEMALE),
        tuple(Casting(f"{base}+{v}", p) for v, p in _MALE),
    )


def _no_voice(tag: str) -> str:
    name = ESPEAK_CANNOT_READ.get(primary(tag)) or _language_name(tag)
    return (
        f"it is in {name} ({tag}), and no installed voice reads {name}: install a Piper voice "
        f"for it (a .onnx file from the Piper voices list) and name it in show.toml's [voices] "
        "narrator, or leave this article out"
    )


def _language_name(tag: str) -> str:
    """The language's English name from Babel's CLDR data, else the tag itself."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(tag.replace("-", "_")).english_name or tag)
    except (UnknownLocaleError, ValueError):
        return tag
