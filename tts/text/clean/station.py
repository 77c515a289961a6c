"""Station identity lines: a broadcaster's frequencies and call letters, never story text.

Radio and TV pages print where they can be heard: "90.1 Springfield 88.3 Dover 91.7 Milton",
"KXYZ 89.9", "WXYZ-FM 101.5 | 1230 AM". Such a list can run to any length, so a word limit
cannot catch it; instead each token is classified (a frequency, a band, call letters, a
place name, a separator) and the line is station identity when it holds nothing else.
Token by token, so the test is linear in the length of the line.
"""

from __future__ import annotations

import re

# FM frequencies are printed with one decimal (87.5-108.0); AM ones are whole kHz (530-1700).
_FM = re.compile(r"^(?:8[7-9]|9\d|10[0-8])\.\d$")
_AM = re.compile(r"^(?:5[3-9]\d|[6-9]\d\d|1[0-6]\d\d|1700)$")
_BAND = re.compile(r"^(?:fm|am|hd\d?|hd-\d)$", re.IGNORECASE)
# North American call letters: K or W and two or three more capitals, with a band suffix.
_CALL = re.compile(r"^[KW][A-Z]{2,3}(?:-(?:FM|AM|TV|DT|LP|HD\d?))?$")
_PLACE = re.compile(r"^(?:[A-Z][\w'’.-]*|&|of|the|de|la)$")
_SEPARATORS = re.compile(r"[\s|,/·•–—]+|\s-\s")
# Place names between frequencies: "91.7 Fort Collins" has two words per frequency.
_PLACE_WORDS_PER_STATION = 4


def is_station_identity(line: str) -> bool:
    """True for a line made only of frequencies, call letters, bands and place names.

    It needs two stations ("88.3 Dover 91.7 Milton") or call letters beside a frequency
    ("KXYZ 89.9"): one number beside a word is too weak ("Highway 101").
    """
    tokens = [t for t in _SEPARATORS.split(line.strip()) if t]
    frequencies = calls = places = 0
    pending_am = False  # an AM frequency ("1230") counts only when its band follows
    for token in tokens:
        if _BAND.match(token):
            frequencies += pending_am
            pending_am = False
            continue
        if pending_am:
            return False
        if _FM.match(token):
            frequencies += 1
        elif _AM.match(token):
            pending_am = True
        elif _CALL.match(token):
            calls += 1
        elif _PLACE.match(token):
            places += 1
        else:
            return False
    stations = max(frequencies, calls)
    if pending_am or frequencies == 0 or places > _PLACE_WORDS_PER_STATION * stations:
        return False
    return frequencies >= 2 or calls >= 1
