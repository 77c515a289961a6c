"""Article metadata found in page text: bylines, author bios, sign-offs and dates.

Pure functions over single lines; `clean.py` decides where on the page to look.
"""

from __future__ import annotations

import re
from datetime import date

# A person's name as bylines print it: two to four capitalised words, allowing initials,
# particles ("de", "van") and hyphens or apostrophes ("Sue-Lin", "O'Brien").
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
_PARTICLE = r"(?:de|da|del|della|di|van|von|der|den|la|le|bin|al|el|dos|du)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{1,3}}"
_NAME_RE = re.compile(rf"^{NAME}$")

# "By Daniel Kraker", "By Jane Doe and John Roe", "By Jane Doe, Associated Press",
# "By Tom Gillespie News reporter".
_BYLINE = re.compile(
    rf"^(?i:by)[:\s]+(?P<names>{NAME}(?:\s*(?:,|and|&)\s*{NAME})*)"
    r"(?:\s*(?:,|\||-|–|—|\s)\s*(?P<rest>(?:[^.!?]|\.(?=\S)){0,100}))?\.?$"
)
# Words that end a person's name in a byline and begin a job or an employer: "Tom Gillespie
# News reporter", "Jane Roe Staff Writer", "Example Media Group National Content Desk".
_ROLE_WORDS = frozenset(
    re.findall(
        r"\w+",
        """news reporter reporters staff writer writers editor editors correspondent producer desk
        media press group radio tv television network wire service services report reports digital
        content team contributor contributing columnist anchor host sports weather meteorologist
        photographer photojournalist associated times post daily online inc llc company senior
        chief managing political national international investigative business entertainment
        editorial freelance special bureau multimedia""",
    )
)
_ROLE_LINE_WORDS = 10
_PARTICLES = frozenset(re.findall(r"\w+", _PARTICLE))
# "By Ann Lee on Monday, May 4th, 2020 at 11:08 a.m.": the byline's own date.
_ON_DATE = re.compile(r"^on\s+\S.*\b(?:19|20)\d\d\b")
_STAMP_WORDS = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct"
    r"|nov|dec)[a-z]*|[ap]\.?m\.?|at|on|posted|published|updated|last|(?:\d+)(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)
_TIME_ZONE = re.compile(r"\b[A-Z]{2,4}\b")
# A date stamp and then a byline on one line: "Monday November 4, 2019 7:45 am PST by Ann Lee".
_STAMP_BY = re.compile(
    rf"^(?P<stamp>[^|]{{0,40}}?\d{{4}}[^|]{{0,30}}?)\s*[|·•–—-]?\s*(?i:by)\s+(?P<name>{NAME})$"
)
_MONTH_WORD = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*$")
# "Courtney Lane, reporting." optionally followed by an address: a TV reporter's sign-off.
_SIGN_OFF = re.compile(rf"^(?P<name>{NAME}),\s+(?:reporting|for \S+ news)\.?(?:\s+\S+@\S+)?$")
# A closing bio: "Emily Feng is NPR's Beijing correspondent.", "X joined the newsroom in 2013".
_BIO = re.compile(
    rf"^(?P<name>{NAME})\s+(?:is|was|joined|has been|covers|reports|writes|edits|hosts"
    r"|serves|became|came to|started)\b"
)
# Words that make a "Name is ..." sentence a journalist's bio rather than a story sentence
# ("Emily Davis is a Grand Canyon spokesperson." is story, and must stay).
_JOURNALISM = re.compile(
    r"\b(correspondent|reporter|editor|producer|newsroom|journalist|writer|columnist|host"
    r"|anchor|contributor|freelance|bureau|news director|staff writer|covers|reporting)\b",
    re.IGNORECASE,
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d\d)[-/](?P<m>\d\d)[-/](?P<d>\d\d)\b")
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_MDY = re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I)
_DMY = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>{_MONTH}),?\s+{_YEAR}\b", re.I)


def is_name(text: str) -> bool:
    """True for a line that is only a person's name ("Ryan Heinsius", "Sue-Lin Wong").

    A job or an employer is not a name: "CBS Sports Writer", "Metro News Desk".
    """
    text = text.strip()
    return (
        bool(_NAME_RE.match(text))
        and not any(ch.isdigit() for ch in text)
        and not any(word.lower().strip(".,") in _ROLE_WORDS for word in text.split())
    )


def person_name(text: str) -> str | None:
    """The person's name that opens text, without the job after it.

    "Tom Gillespie News reporter" -> "Tom Gillespie"; "Associated Press" -> None.
    """
    words: list[str] = []
    tokens = text.split()
    for word, following in zip(tokens, [*tokens[1:], ""], strict=True):
        key = word.lower().strip(".,;:")
        if key in _ROLE_WORDS or (_MONTH_WORD.match(key) and following[:1].isdigit()):
            break
        if not any(ch.isalpha() for ch in word) or (word[0].islower() and key not in _PARTICLES):
            break  # "|", "-", a date, "on Monday": the name is over
        words.append(word)
        if word[-1] in ",;:":
            break
    name = " ".join(words).strip(" ,;:|-–—")
    return name if is_name(name) else None


def name_with_role(line: str) -> str | None:
    """The name in a line that is a name and a job: "Tom Gillespie, News reporter"."""
    line = line.strip()
    name = person_name(line)
    if not name or len(line.split()) > _ROLE_LINE_WORDS or line[-1:] in ".!?":
        return None
    rest = line[len(name) :].strip(" ,;:|-–—").split()
    roles = [w for w in rest if w.lower().strip(".,") in _ROLE_WORDS]
    return name if rest and len(roles) * 2 >= len(rest) else None


def stamp_author(line: str) -> str | None:
    """The name in a date stamp ending in a byline ("Monday May 4, 2020 7:45 am by Ann Lee")."""
    match = _STAMP_BY.match(line.strip())
    if not match or not find_date(match.group("stamp")):
        return None
    # Only a stamp: "On May 4, 2019 the prize was given by Ann Lee" is a sentence.
    leftover = _STAMP_WORDS.sub(" ", _TIME_ZONE.sub(" ", match.group("stamp")))
    return None if re.search(r"[^\W\d_]", leftover) else person_name(match.group("name"))


def byline_author(line: str) -> str | None:
    """The name(s) in a byline line ("By Daniel Kraker" -> "Daniel Kraker"), else None.

    A byline naming no person ("By Associated Press", "By the Metro Desk") gives "".
    """
    line = line.strip()
    match = _BYLINE.match(line)
    if not match:
        return None
    names = match.group("names").strip()
    rest = match.group("rest") or ""
    lower_rest = rest and not rest[:1].isupper() and not rest[:1].isdigit()
    if lower_rest and not name_with_role(f"{names} {rest}") and not _ON_DATE.match(rest):
        return None  # "By Jane Roe for years" is not a byline
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", names)
    parts[-1] += line[match.end("names") :]  # what follows tells where the last name stops
    people = [person_name(part) for part in parts]
    return " and ".join(p for p in people if p)


def sign_off_author(line: str) -> str | None:
    """The reporter in a sign-off ("Courtney Lane, reporting." -> "Courtney Lane"), else None."""
    match = _SIGN_OFF.match(line.strip())
    return match.group("name") if match else None


def bio_author(line: str, *, strict: bool = True) -> str | None:
    """The journalist a closing bio describes ("Emily Feng is NPR's ... correspondent.").

    strict: also require a journalism word, for lines that could still be story sentences.
    """
    match = _BIO.match(line.strip())
    if not match:
        return None
    if strict and not _JOURNALISM.search(line):
        return None
    return match.group("name")


def find_date(text: str) -> str | None:
    """The first calendar date in text as an ISO string ("Oct 30, 2016" -> "2016-10-30")."""
    found: list[tuple[int, str]] = []
    for pattern in (_ISO_DATE, _MDY, _DMY):
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        month = int(groups["m"]) if "m" in groups else _MONTHS.get(_month_key(groups["mon"]))
        if month is None:
            continue
        try:
            day = date(int(groups["y"]), month, int(groups["d"]))
        except ValueError:
            continue
        found.append((match.start(), day.isoformat()))
    return min(found)[1] if found else None


def _month_key(word: str) -> str:
    word = word.lower().rstrip(".")
    return word if word in _MONTHS else word[:3]
