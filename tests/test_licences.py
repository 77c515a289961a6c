"""Every Python package talkingpaper installs has a licence that GPL-3.0-or-later can take in.

The packages are the ones pyproject.toml asks for (runtime, the `piper`, `hibari` and
`cluster` extras and the `test` extra) and, recursively, what those ask for, with markers
evaluated for this Python. Each licence is read from the installed metadata
(License-Expression, else License, else the trove classifiers), normalised to SPDX and
checked against ACCEPTED. README's licence table is checked against the same metadata, so it
cannot drift.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression
from packaging.requirements import Requirement
from packaging.utils import NormalizedName, canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = canonicalize_name("talkingpaper")

# Licences we may combine with GPL-3.0-or-later code, each checked against the FSF's list of
# GPL-compatible licences (gnu.org/licenses/license-list.html). Only licences some installed
# package uses are here: a new one needs the same check before it is added.
ACCEPTED = frozenset(
    {
        "GPL-3.0-or-later",  # piper-tts
        "GPL-2.0-or-later",  # mutagen: "or later" lets us take it under GPL-3.0
        "LGPL-2.1-or-later",  # num2words, tld (one of its three choices)
        "LGPL-3.0-or-later",  # feedgen (one of its two choices)
        "Apache-2.0",  # compatible with GPL-3 (not with GPL-2-only)
        "MPL-2.0",  # section 3.3 allows GPL; none of ours carries the Exhibit B
        # "Incompatible With Secondary Licenses" notice (grepped in site-packages)
        "MIT",  # FSF: Expat
        "MIT-0",  # Expat without even the notice condition
        "MIT-CMU",  # pillow: an HPND-style permission notice; FSF lists HPND as compatible
        "BSD-2-Clause",  # FSF: FreeBSD licence
        "BSD-3-Clause",  # FSF: Modified BSD licence
        "0BSD",  # public-domain-like permission, no conditions
        "ISC",
        "Zlib",
        "PSF-2.0",  # FSF: Python 2.0.1, 2.1.1 and newer
        "Unlicense",
        "CC0-1.0",
    }
)

# Packages whose licence expression is NOT all ACCEPTED, taken in after review. The key is the
# package and the exact expression reviewed, so a new licence in a later release fails again.
REVIEWED: dict[tuple[str, str], str] = {
    # Apache-2.0 for regex's own code; CNRI-Python for the SRE engine it grew from, the same
    # Secret Labs code, under the same "CNRI's Python 1.6 license" notice, as CPython's own
    # Modules/_sre (see regex's LICENSE.txt). The FSF lists that licence as GPL-incompatible
    # for its Virginia choice-of-law clause; CNRI said it was "not incompatible". We do not
    # ship regex (pip installs it for trafilatura -> htmldate -> dateparser).
    ("regex", "Apache-2.0 AND CNRI-Python"): "reviewed: SRE code under CPython's own terms",
}


@dataclass(frozen=True)
class Known:
    """A licence read by hand, for metadata too vague to normalise."""

    spdx: str
    metadata_says: str  # the exact statement checked; different metadata is checked again


KNOWN: dict[str, Known] = {
    # "BSD License" names no clause count; pocketsphinx-5.1.1.dist-info/licenses/LICENSE is
    # the 2-clause BSD text (Carnegie Mellon University).
    "pocketsphinx": Known("BSD-2-Clause", "Classifier: BSD License"),
    # webencodings-0.6.1.dist-info/licenses/LICENSE is the 3-clause BSD text (Simon Sapin).
    "webencodings": Known("BSD-3-Clause", "Classifier: BSD License"),
    # "LGPL" names no version; num2words/__init__.py says "version 2.1 of the License, or
    # (at your option) any later version" and the wheel's COPYING is LGPL 2.1.
    "num2words": Known("LGPL-2.1-or-later", "License: LGPL"),
    # The project description says: "licensed under the terms of both, the FreeBSD license
    # and the LGPLv3+. Choose the one which is more convenient for you."
    "feedgen": Known("BSD-2-Clause OR LGPL-3.0-or-later", "License: FreeBSD and LGPLv3+"),
    # The cluster extra (distributed). Each wheel's LICENSE is the 3-clause BSD text:
    # jinja2-3.1.6.dist-info/licenses/LICENSE.txt (Pallets), partd-1.4.2.dist-info/LICENSE.txt
    # (Continuum Analytics), zict-3.0.0.dist-info/LICENSE.txt (Matthew Rocklin).
    "jinja2": Known("BSD-3-Clause", "Classifier: BSD License"),
    "partd": Known("BSD-3-Clause", "License: BSD"),
    "zict": Known("BSD-3-Clause", "License: BSD"),
}

# Free-text License fields seen in our packages, with the SPDX id each one names.
ALIASES = {
    "apache 2.0": "Apache-2.0",
    "mit license": "MIT",
    "isc license": "ISC",
    "the bsd 2-clause license": "BSD-2-Clause",
    "3-clause bsd license": "BSD-3-Clause",
}

# Only classifiers that name one licence and version; "BSD License" or "GNU Library or Lesser
# General Public License (LGPL)" do not, and send the package to KNOWN.
CLASSIFIERS = {
    "License :: OSI Approved :: MIT License": "MIT",
    "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "License :: OSI Approved :: The Unlicense (Unlicense)": "Unlicense",
    "License :: OSI Approved :: ISC License (ISCL)": "ISC",
    "License :: OSI Approved :: Python Software Foundation License": "PSF-2.0",
    "License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)": (
        "GPL-3.0-or-later"
    ),
    "License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)": (
        "GPL-2.0-or-later"
    ),
    "License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)": (
        "LGPL-3.0-or-later"
    ),
    "License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": "CC0-1.0",
}

SCOPES = ("runtime", "optional-piper", "optional-hibari", "optional-cluster", "test")


# -- reading a licence ---------------------------------------------------------------------


@dataclass(frozen=True)
class Licence:
    """What one distribution's metadata says about its licence."""

    name: str
    expression: str | None  # SPDX, or None when the metadata is too vague
    said: str  # the statement it came from, for messages


def _spdx(text: str) -> str | None:
    try:
        return str(canonicalize_license_expression(text))
    except InvalidLicenseExpression:
        return None


def read_licence(
    name: str,
    license_expression: str | None,
    license_field: str | None,
    classifiers: Iterable[str],
) -> Licence:
    """The SPDX expression a package's metadata states, or KNOWN's reading of vague metadata."""
    if license_expression:
        return Licence(name, _spdx(license_expression), f"License-Expression: {license_expression}")
    said = ""
    if license_field and license_field.strip():
        field = license_field.strip()
        said = f"License: {field}"
        found = _spdx(field) or ALIASES.get(field.lower())
        if found:
            return Licence(name, found, said)
    trove = [c for c in classifiers if c.startswith("License ::")]
    if len(trove) == 1 and trove[0] in CLASSIFIERS:
        return Licence(name, CLASSIFIERS[trove[0]], f"Classifier: {trove[0]}")
    if not said and trove:
        said = "; ".join("Classifier: " + c.rsplit(" :: ", 1)[-1] for c in trove)
    known = KNOWN.get(canonicalize_name(name))
    if known and known.metadata_says == said:
        return Licence(name, known.spdx, f"KNOWN ({said})")
    return Licence(name, None, said or "no licence in the metadata")


def _tokens(expression: str) -> Iterator[str]:
    for token in re.findall(r"\(|\)|[^\s()]+", expression):
        # the SPDX "+" operator: LGPL-2.1+ is LGPL-2.1-or-later
        yield re.sub(r"^((?:A|L)?GPL-\d\.\d)\+$", r"\1-or-later", token)


def accepted(expression: str) -> bool:
    """Whether an SPDX expression leaves us a GPL-3.0-or-later compatible choice.

    OR takes either side, AND needs both; AND binds tighter, as SPDX says.
    """
    tokens = list(_tokens(expression))
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        if position >= len(tokens):
            raise ValueError(f"licence expression ends early: {expression!r}")
        position += 1
        return tokens[position - 1]

    def either() -> bool:
        ok = both()
        while peek() == "OR":
            take()
            ok = both() or ok
        return ok

    def both() -> bool:
        ok = one()
        while peek() == "AND":
            take()
            ok = one() and ok
        return ok

    def one() -> bool:
        token = take()
        if token == "(":
            ok = either()
            if take() != ")":
                raise ValueError(f"unbalanced licence expression: {expression!r}")
            return ok
        if peek() == "WITH":
            take()
            # an exception only ever adds permissions to an accepted licence
            take()
        return token in ACCEPTED

    result = either()
    if position != len(tokens):
        raise ValueError(f"unparsed licence expression: {expression!r}")
    return result


def problem(licence: Licence) -> str | None:
    """Why this licence cannot be taken in, or None when it can."""
    if licence.expression is None:
        return f"{licence.name}: licence unknown ({licence.said}); read it and add it to KNOWN"
    if accepted(licence.expression):
        return None
    if (canonicalize_name(licence.name), licence.expression) in REVIEWED:
        return None
    return f"{licence.name}: {licence.expression} ({licence.said}) is not GPL-3.0 compatible"


def installed_licence(name: str) -> Licence:
    meta = metadata.metadata(name)

    def field(key: str) -> str | None:
        values = meta.get_all(key)
        return values[0] if values else None

    return read_licence(
        meta["Name"],
        field("License-Expression"),
        field("License"),
        meta.get_all("Classifier") or [],
    )


# -- what talkingpaper installs ------------------------------------------------------------


@dataclass
class Closure:
    scope: dict[NormalizedName, str]  # package -> the first scope (SCOPES order) that needs it
    missing: set[NormalizedName]  # needed here but not installed
    marked_off: set[NormalizedName]  # asked for only under markers false on this Python


def _wanted(requirement: Requirement, extras: Iterable[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({"extra": extra}) for extra in (*extras, ""))


def dependency_closure() -> Closure:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional = project.get("optional-dependencies", {})
    roots = {
        "runtime": project.get("dependencies", []),
        "optional-piper": optional.get("piper", []),
        "optional-hibari": optional.get("hibari", []),
        "optional-cluster": optional.get("cluster", []),
        "test": optional.get("test", []),
    }
    closure = Closure({}, set(), set())
    walked: set[tuple[NormalizedName, frozenset[str]]] = set()
    for scope in SCOPES:
        queue = [Requirement(text) for text in roots[scope]]
        while queue:
            requirement = queue.pop()
            name = canonicalize_name(requirement.name)
            if not _wanted(requirement, []):
                closure.marked_off.add(name)
                continue
            if name == PROJECT:
                # talkingpaper[piper] in the test extra: follow pyproject, not a stale install
                for extra in requirement.extras:
                    queue.extend(Requirement(text) for text in optional.get(extra, []))
                continue
            try:
                dist = metadata.distribution(name)
            except metadata.PackageNotFoundError:
                closure.missing.add(name)
                continue
            closure.scope.setdefault(name, scope)
            walk = (name, frozenset(requirement.extras))
            if walk in walked:
                continue
            walked.add(walk)
            for text in dist.requires or []:
                sub = Requirement(text)
                if _wanted(sub, requirement.extras):
                    queue.append(sub)
        closure.marked_off -= closure.scope.keys()
    return closure


CLOSURE = dependency_closure()


def test_the_closure_sees_every_extra() -> None:
    # one package of each scope, so an empty or wrongly-rooted walk cannot pass the tests below
    assert CLOSURE.scope.get(canonicalize_name("mutagen")) == "runtime"
    assert CLOSURE.scope.get(canonicalize_name("lxml")) == "runtime"  # via trafilatura
    assert CLOSURE.scope.get(canonicalize_name("piper-tts")) == "optional-piper"
    assert CLOSURE.scope.get(canonicalize_name("onnxruntime")) == "optional-piper"  # via piper
    assert CLOSURE.scope.get(canonicalize_name("hibari-tts")) == "optional-hibari"
    assert CLOSURE.scope.get(canonicalize_name("distributed")) == "optional-cluster"
    assert CLOSURE.scope.get(canonicalize_name("pytest")) == "test"
    assert CLOSURE.scope.get(canonicalize_name("pluggy")) == "test"  # via pytest


def test_every_dependency_is_installed() -> None:
    assert not CLOSURE.missing, f"not installed (run `make setup`): {sorted(CLOSURE.missing)}"


def test_every_dependency_licence_fits_gpl3() -> None:
    problems = [problem(installed_licence(name)) for name in sorted(CLOSURE.scope)]
    found = [p for p in problems if p]
    assert not found, "\n".join(found)


def test_known_and_reviewed_entries_are_still_needed() -> None:
    # a KNOWN reading that no longer applies, or a review of a licence nobody has, is stale
    for name, known in KNOWN.items():
        licence = installed_licence(name)
        assert name in CLOSURE.scope, f"KNOWN has {name}, which we no longer install"
        assert licence.said.startswith("KNOWN"), f"{name}: metadata now says {licence.said}"
        assert licence.expression == known.spdx
    for name, expression in REVIEWED:
        assert name in CLOSURE.scope, f"REVIEWED has {name}, which we no longer install"
        assert installed_licence(name).expression == expression, f"{name}'s licence changed"


# -- the normaliser and the acceptance rule on invented metadata ----------------------------


@pytest.mark.parametrize(
    ("expression", "license_field", "classifiers"),
    [
        ("MIT", None, []),
        (None, "mit", []),
        (None, "Apache 2.0", []),
        (None, "MPL-2.0 AND MIT", []),
        ("MIT OR SSPL-1.0", None, []),  # a choice: we take MIT
        ("(BSD-3-Clause OR Apache-2.0) AND Zlib", None, []),
        ("GPL-2.0+", None, []),  # deprecated "+" form: or later
        ("GPL-2.0-or-later WITH Classpath-exception-2.0", None, []),
        (None, None, ["License :: OSI Approved :: MIT License"]),
        (None, "", ["License :: OSI Approved :: The Unlicense (Unlicense)"]),
    ],
)
def test_compatible_metadata_is_accepted(
    expression: str | None, license_field: str | None, classifiers: list[str]
) -> None:
    licence = read_licence("invented", expression, license_field, classifiers)
    assert problem(licence) is None, licence


@pytest.mark.parametrize(
    ("expression", "license_field", "classifiers"),
    [
        ("SSPL-1.0", None, []),
        ("CC-BY-NC-4.0", None, []),
        ("MIT AND CC-BY-NC-SA-4.0", None, []),  # both apply: the NC part does not fit
        ("GPL-2.0-only", None, []),  # no "or later": cannot become GPL-3
        ("MPL-1.1 OR GPL-2.0-only", None, []),  # neither choice fits
        ("Apache-1.1", None, []),
        ("BUSL-1.1", None, []),
        ("LicenseRef-Proprietary", None, []),
        (None, "Apache-2.0 with Commons Clause", []),
        (None, "Proprietary", ["License :: Other/Proprietary License"]),
        (None, None, ["License :: Free for non-commercial use"]),
        (None, None, ["License :: OSI Approved :: BSD License"]),  # which BSD? ask a human
        (None, None, []),
        ("SSPL-1.0", "MIT", ["License :: OSI Approved :: MIT License"]),  # the expression wins
    ],
)
def test_incompatible_or_unclear_metadata_is_refused(
    expression: str | None, license_field: str | None, classifiers: list[str]
) -> None:
    licence = read_licence("invented", expression, license_field, classifiers)
    message = problem(licence)
    assert message is not None, licence
    assert message.startswith("invented: ")  # the failure names the package


def test_known_needs_the_exact_metadata_it_was_checked_against() -> None:
    vague = read_licence("pocketsphinx", None, None, ["License :: OSI Approved :: BSD License"])
    assert vague.expression == "BSD-2-Clause"
    changed = read_licence("pocketsphinx", None, "Proprietary", [])
    assert changed.expression is None and problem(changed) is not None


def test_reviewed_needs_the_exact_expression() -> None:
    assert problem(Licence("regex", "Apache-2.0 AND CNRI-Python", "")) is None
    assert problem(Licence("regex", "Apache-2.0 AND SSPL-1.0", "")) is not None
    assert problem(Licence("other", "Apache-2.0 AND CNRI-Python", "")) is not None


# -- README's table -------------------------------------------------------------------------


def readme_table() -> dict[NormalizedName, tuple[str, str]]:
    """README's Python package table under '## Licences': package -> (licence, scope)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Licences\n", 1)[1].split("\n## ", 1)[0]
    table = section.split("\n### Python packages\n", 1)[1].split("\n### ", 1)[0]
    rows: dict[NormalizedName, tuple[str, str]] = {}
    for line in table.splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("Package", "") or set(cells[0]) <= set("-: "):
            continue
        name = canonicalize_name(cells[0])
        assert name not in rows, f"README lists {cells[0]} twice"
        rows[name] = (cells[1], cells[2])
    return rows


def test_readme_table_matches_the_installed_metadata() -> None:
    rows = readme_table()
    unlisted = sorted(set(CLOSURE.scope) - rows.keys())
    assert not unlisted, f"README's licence table lacks {unlisted}"
    for name, (licence, scope) in rows.items():
        if name in CLOSURE.marked_off:
            continue  # asked for on other Pythons only: nothing installed here to compare
        assert name in CLOSURE.scope, f"README lists {name}, which talkingpaper does not need"
        expression = installed_licence(name).expression
        assert expression is not None
        assert _spdx(licence) == expression, f"README: {name} is {licence}, metadata {expression}"
        assert scope == CLOSURE.scope[name], f"README: {name} is {scope}, pyproject says otherwise"
