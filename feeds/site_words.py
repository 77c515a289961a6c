"""How the show page words lengths, sizes, chapter times and speakers, as people say them."""

from __future__ import annotations

NARRATOR = "narrator"  # the app's name for the narrating voice (feeds never imports tts)
DETERMINERS = frozenset({"a", "an", "the", "one", "another", "some", "several", "two", "three"})


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def duration_words(seconds: float) -> str:
    """A length as people say it: "45 seconds", "7 minutes", "1 hour 5 minutes"."""
    if seconds < 59.5:
        return _plural(round(seconds), "second")
    hours, minutes = divmod(round(seconds / 60), 60)
    if not hours:
        return _plural(minutes, "minute")
    return _plural(hours, "hour") + (f" {_plural(minutes, 'minute')}" if minutes else "")


def size_words(size: int) -> str:
    """A file size in decimal units, as download links usually give it: "3.2 MB"."""
    if size < 100_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB"


def clock(seconds: float) -> str:
    """A chapter time as players show it: 4:05 or 1:02:03."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def speaker_label(speaker: str) -> str:
    """The name shown before a turn; a description ("an official") starts with a capital."""
    if speaker == NARRATOR:
        return "Narrator"
    # Only descriptions are capitalised: a name is shown as written ("bell hooks").
    first, _, rest = speaker.partition(" ")
    return f"{first.capitalize()} {rest}" if first in DETERMINERS and rest else speaker
