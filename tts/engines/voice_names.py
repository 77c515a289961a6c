"""A voice name that does not exist is one line naming the closest ones."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from tts.errors import EngineError


def unknown_voice(engine: str, name: str, known: Iterable[str]) -> EngineError:
    """The error for a voice `engine` does not have, with up to three close names."""
    ids = sorted(set(known))
    close = difflib.get_close_matches(name, ids, n=3, cutoff=0.6)
    if not close:  # "spanish" for "roa/es": match on the part after the family
        tails = {i.rsplit("/", 1)[-1]: i for i in ids}
        close = [tails[t] for t in difflib.get_close_matches(name, list(tails), n=3, cutoff=0.6)]
    hint = f"did you mean {', '.join(close)}? " if close else ""
    return EngineError(
        f"{engine} has no voice {name!r}; {hint}list them with: talkingpaper voices --engine "
        f"{engine}"
    )
