"""Rules for what the web puts in news text: addresses, e-mail, links, @handles, #hashtags.

A listener hears an address as a person would say it: "example dot org slash news", never
letter by letter. The scheme and "www" are dropped, and a path of ids, dates or hashes is
not read at all: the host is what a listener can use. A link from a shortener
("https://t.co/AbC123") says nothing and is dropped. Handles and tags are split at their
capitals: "@JaneDoe" is "at Jane Doe", "#MeToo" "hashtag Me Too".

Linear time: the rules first find a run of address characters with a pattern that starts
only where such a run starts, then read it in Python; a run longer than any real address
is not an e-mail address, and a long path is not read. A 60 KB token is looked at once,
not once per character.
"""

from __future__ import annotations

import re

from tts.text.normalize.english_words import split_words
from tts.text.normalize.number_words import cardinal, digits
from tts.text.normalize.rule import Rule, spell

# Characters an address or e-mail is made of, and a run of them that holds a dot, an @ or a
# slash. The lookbehind makes a run start only at its first character; the tokenised
# "http : //" of reference lists is joined to the run that follows it.
_ADDRESS_CHARS = r"[\w.:/@%?=&#~+\-]"
_RUN = re.compile(
    rf"(?:\b(?:https?|ftp)\s?:\s?(?=//)|(?<!{_ADDRESS_CHARS}))"
    rf"(?={_ADDRESS_CHARS}*?[.@/]){_ADDRESS_CHARS}+",
    re.IGNORECASE,
)
# Longer than any e-mail address (RFC 5321 allows 254 characters) with "mailto:" before it
# and a sentence's punctuation after it.
_MAX_EMAIL_RUN = 254 + 16

# Top-level domains that mark a bare address without "http" or "www" ("Amazon.com").
# Only lower case: "end.It was" is a missing space, "example.it" an address.
_TLDS = frozenset(
    {
        *("com", "org", "net", "gov", "edu", "mil", "int", "info", "biz", "app", "news", "dev"),
        *("io", "co", "uk", "us", "ca", "au", "nz", "de", "fr", "es", "it", "nl", "ru", "jp"),
        *("cn", "in", "ie", "za", "br", "mx", "ch", "se", "no", "dk", "fi", "pl", "eu", "tv"),
        *("me", "ly", "ai"),
    }
)

# Hosts whose links only redirect: the address carries nothing a listener could use.
LINK_ONLY_HOSTS = (
    "t.co",
    "pic.twitter.com",
    "bit.ly",
    "bitly.com",
    "buff.ly",
    "ow.ly",
    "goo.gl",
    "tinyurl.com",
    "tiny.cc",
    "is.gd",
    "j.mp",
    "dlvr.it",
    "trib.al",
    "lnkd.in",
    "fb.me",
    "amzn.to",
    "wp.me",
    "youtu.be",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "nyti.ms",
    "wapo.st",
    "reut.rs",
    "bloom.bg",
    "apne.ws",
    "n.pr",
)

_SCHEME = re.compile(r"(?:(?:https?|ftp)\s?:\s?)?//|mailto:", re.IGNORECASE)
_GLUED_SCHEME = re.compile(r"(?:https?|ftp)://", re.IGNORECASE)
# A host name: labels of letters, digits and hyphens, each bounded, ending in letters.
_LABEL = r"[A-Za-z0-9][A-Za-z0-9-]{0,62}"
_HOST = re.compile(rf"(?:{_LABEL}\.){{1,9}}[A-Za-z]{{2,24}}(?![A-Za-z0-9-])(?::\d{{1,5}})?")
_EMAIL = re.compile(rf"(?P<user>[\w.+-]{{1,64}})@(?P<host>(?:{_LABEL}\.){{1,9}}[A-Za-z]{{2,24}})")

# What follows an address in a sentence and is not part of it.
_TAIL = ".,:;?!"

# Pieces of a name or label: capital runs ("CNN", "NY"), words, single letters, digits.
_PIECE = re.compile(r"[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]+|[A-Z]|\d+")
_PATH_PIECE = re.compile(r"[A-Za-z]+|\d+|[-_.]|[^A-Za-z\d\-_.]+")
_VOWEL = re.compile(r"[aeiouyAEIOUY]")
# Page endings nobody says: "story.html" is read "story".
_PAGE_ENDINGS = re.compile(r"\.(?:s?html?|php|aspx?|jsp|cfm)$", re.IGNORECASE)
# A path is read only when it is short and made of words: at most this many segments and
# words. "/2020/05/12/us/politics/a-long-slug.html" is left out, the host said alone.
_MAX_PATH_SEGMENTS = 3
_MAX_PATH_WORDS = 6
_LONGEST_WORD = 20

_SIGNS = {"-": "dash", "_": "underscore", ".": "dot", "+": "plus"}


def split_name(name: str, *, capitalised: bool = False) -> list[str]:
    """The words of a handle, tag or domain label: "BlackLivesMatter" -> Black Lives Matter.

    Capitals begin a word, a run of capitals is an acronym ("NYTimes" -> NY Times), digits
    stand alone, and "Mc" stays with the name it begins ("McDonald"). A run in lower case
    that is common words written together is split into them ("worldbank" -> world bank);
    a capitalised one only when `capitalised` (a site's name, "Worldbank.org"), since in a
    handle written in capitals each capitalised piece is one name ("RAMansour").
    """
    words: list[str] = []
    for piece in _PIECE.findall(name):
        if words and words[-1] == "Mc" and piece[0].isupper():
            words[-1] += piece
        elif piece.islower() or (capitalised and piece[1:].islower()):
            words.extend(split_words(piece) or [piece])
        else:
            words.append(piece)
    return words


def _say_number(number: str) -> str:
    return digits(number) if len(number) > 3 else cardinal(int(number))


def _say_label(label: str, *, last: bool = False) -> str:
    """One label of a host: "CNNMoney" -> "CNN Money", "uk" -> "U.K.", "my-site" -> "my dash site".

    Capitals are left for the acronym rule, which knows "NASA" from "CNN".
    """
    if len(label) == 2 and label.isalpha() and label.lower() != "co":
        # Country codes and two-letter names are spelled; "co" is said as written.
        return spell(label.upper())
    words: list[str] = []
    for part in label.split("-"):
        if words:
            words.append("dash")
        for piece in split_name(part, capitalised=True):
            if piece.isdigit():
                words.append(_say_number(piece))
            else:
                words.append(piece.lower() if last else piece)
    return " ".join(words)


def say_host(host: str) -> str:
    """A host as said aloud: "www.NYTimes.com" -> "NY Times dot com" (then "N.Y." to spell)."""
    host = host.split(":", 1)[0]
    labels = host.split(".")
    if len(labels) > 2 and re.fullmatch(r"www\d?", labels[0], re.IGNORECASE):
        labels = labels[1:]
    last = len(labels) - 1
    return " dot ".join(_say_label(label, last=i == last) for i, label in enumerate(labels))


def _say_segment(segment: str) -> list[str] | None:
    """The words of one path segment, or None when it is no words (an id, a date, a hash)."""
    words: list[str] = []
    for piece in _PATH_PIECE.findall(_PAGE_ENDINGS.sub("", segment)):
        if piece in _SIGNS:
            words.append(_SIGNS[piece])
            continue
        if not piece.isalpha():
            return None
        for word in split_name(piece):
            if len(word) > _LONGEST_WORD:
                return None
            if not (_VOWEL.search(word) or word.isupper()):
                if len(word) > 4:
                    return None
                word = spell(word.upper())  # "pdf", "faq"
            words.append(word)
    return words


def say_path(path: str) -> str:
    """A path when it is a few words ("/news/local" -> "slash news slash local"), else ""."""
    path = re.split(r"[?#]", path, maxsplit=1)[0]
    segments = [s for s in path.split("/") if s]
    if not segments or len(segments) > _MAX_PATH_SEGMENTS:
        return ""
    said: list[list[str]] = []
    for segment in segments:
        words = _say_segment(segment)
        if not words:
            return ""
        said.append(words)
    if sum(w not in _SIGNS.values() for words in said for w in words) > _MAX_PATH_WORDS:
        return ""
    return "".join(" slash " + " ".join(words) for words in said)


def _split_tail(run: str) -> tuple[str, str]:
    """An address and the sentence punctuation after it: "example.com." -> example.com, "."."""
    core = run.rstrip(_TAIL)
    return core, run[len(core) :]


def _is_link_only(host: str, path: str) -> bool:
    return host.lower() in LINK_ONLY_HOSTS and bool(path.strip("/"))


def _email(m: re.Match[str]) -> str:
    run = m.group(0)
    if len(run) > _MAX_EMAIL_RUN:
        return run
    core, tail = _split_tail(run)
    handle = ""
    if core.startswith("@"):
        # A fediverse address: "@jane@example.social".
        handle, core = "at ", core[1:]
    elif core.lower().startswith("mailto:"):
        core = core[len("mailto:") :]
    found = _EMAIL.fullmatch(core)
    if not found:
        return run
    user = " ".join(_say_user(piece) for piece in re.findall(r"[^.+_-]+|[.+_-]", found["user"]))
    return f"{handle}{user} at {say_host(found['host'])}{tail}"


def _say_user(piece: str) -> str:
    if piece in _SIGNS:
        return _SIGNS[piece]
    return " ".join(_say_number(p) if p.isdigit() else p for p in re.findall(r"\d+|\D+", piece))


def _url(m: re.Match[str]) -> str:
    return _say_url(m.group(0))


def _say_url(run: str) -> str:
    # No length bound here: the host is matched at the start with bounded labels, and a
    # long path is not read, so a link with a 5,000-character query still says its host.
    core, tail = _split_tail(run)
    scheme = _SCHEME.match(core)
    if not scheme:
        glued = _GLUED_SCHEME.search(core)
        if glued and "/" not in core[: glued.start()]:
            # "September 30.https://example.com": a link pasted onto the sentence before.
            return core[: glued.start()] + " " + _say_url(core[glued.start() :] + tail)
    rest = core[scheme.end() :] if scheme else core
    host = _HOST.match(rest)
    if not host:
        return run
    path = rest[host.end() :]
    if path and path[0] not in "/?#":
        return run
    name = host.group(0).split(":", 1)[0]
    if _is_link_only(name, path):
        return tail
    if not scheme and not name.lower().startswith("www."):
        first, _, tld = name.rpartition(".")
        first_label = first.split(".", 1)[0]
        if tld not in _TLDS or len(first_label) < 2 or first_label.isdigit():
            # "U.S." and "3.5" are no addresses.
            return run
    return say_host(name) + say_path(path) + tail


def _say_name(name: str) -> str:
    # Digits are left to the number rules: "@JaneDoe2020" ends "twenty twenty".
    return " ".join(split_name(name))


def _handle(m: re.Match[str]) -> str:
    return "at " + _say_name(m["name"])


def _hashtag(m: re.Match[str]) -> str:
    # "shared the hashtag #MeToo" says "hashtag" once.
    named = m.string[max(0, m.start() - 8) : m.start()].lower() == "hashtag "
    return ("" if named else "hashtag ") + _say_name(m["tag"])


def _link_only(m: re.Match[str]) -> str:
    # The pattern holds the colon, dash or brackets that introduced the link: all go.
    return ""


_LINK_HOSTS = "|".join(re.escape(h) for h in sorted(LINK_ONLY_HOSTS, key=len, reverse=True))
# With its scheme a link may be pasted onto the word before it ("victory.https://t.co/x").
_LINK = rf"(?:https?://|(?<![\w.@/-]))(?:{_LINK_HOSTS})/[A-Za-z0-9_/-]{{1,80}}(?![\w/-])"

WEB_RULES: tuple[Rule, ...] = (
    Rule(
        "link_only",
        re.compile(
            rf" ?(?:[:\u2013\u2014] ?)?(?:\( ?{_LINK} ?\)|{_LINK})"
            r"(?: (?=[.,;:!?\"'\u201d\u2019)\]]))?",
            re.IGNORECASE,
        ),
        _link_only,
        'A shortened link ("https://t.co/AbC123", "bit.ly/x") says nothing: it is dropped.',
    ),
    Rule(
        "email",
        _RUN,
        _email,
        'An e-mail address: "jane.doe@example.com" is "jane dot doe at example dot com".',
    ),
    Rule(
        "url",
        _RUN,
        _url,
        'Web addresses without "https" and "www": "example dot org slash news"; a path of '
        "ids or dates is left out.",
    ),
    Rule(
        "handle",
        re.compile(r"(?<![\w@.])@(?P<name>[A-Za-z0-9_]{1,30})(?![\w@])"),
        _handle,
        '"@JaneDoe" is said "at Jane Doe".',
    ),
    Rule(
        "hashtag",
        re.compile(r"(?<![\w&#])#(?P<tag>[A-Za-z][A-Za-z0-9_]{0,99})(?!\w)"),
        _hashtag,
        '"#MeToo" is said "hashtag Me Too".',
    ),
)
