"""py3langid's model, loaded in a tenth of the time. The package ships it LZMA-compressed
(4.5 MB holding 68 MB of arrays) and decompresses it in every process that asks: 0.8 s of
every build on the 2-core bench machine, even when nothing changed. The first load keeps
the decompressed arrays in the user's cache folder (written whole or not at all); later
loads read them from there. Any trouble with that copy (no home, a full disk, a damaged
file) falls back to the package's own loader: detection never depends on the cache.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from array import array
from contextlib import suppress
from pathlib import Path
from typing import Any

from tts.files import replace_durably, temporary_name

# The arrays of a LanguageIdentifier, by the name its constructor gives them.
_ARRAYS = ("nb_ptc", "nb_pc", "nb_classes", "tk_nextmove", "tk_row", "tk_output")
# array typecodes by item size, as py3langid's own loader picks them.
_TYPECODE = {2: "H", 4: "I", 8: "L"}


def cache_folder() -> Path:
    """The user's cache folder for talkingpaper (XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "talkingpaper"


def cached_model_path() -> Path:
    """Where the decompressed copy of the installed model lives: named after the model
    file's size and time, so a new py3langid gets a new copy."""
    from py3langid import langid

    source = (langid.MODEL_DIR / langid.MODEL_FILE).resolve()
    stat = source.stat()
    key = hashlib.sha256(f"{source}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()
    return cache_folder() / f"py3langid-{key[:16]}.npz"


def load_identifier() -> Any:
    """py3langid's LanguageIdentifier (probabilities normalised), from the cached copy when
    there is a good one; else from the package, then cached for the next process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    path: Path | None = None
    try:
        path = cached_model_path()
        return _from_arrays(LanguageIdentifier, _read(path))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        pass  # no copy yet, or one that cannot be read: made again below
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if path is not None:
        with suppress(OSError):  # a read-only home, a full disk: decompressed again next time
            _write(path, identifier)
    return identifier


def _read(path: Path) -> dict[str, Any]:
    """The arrays of the cached copy, mapped from the file rather than read: the 68 MB of
    probabilities are paged in as detection touches them (a whole read took 0.15 s of every
    build). The copy is an uncompressed .npz, so each member is a .npy file at an offset."""
    import numpy as np
    from numpy.lib import format as npy

    arrays = {}
    with zipfile.ZipFile(path) as archive, path.open("rb") as raw:
        for name in _ARRAYS:
            info = archive.getinfo(f"{name}.npy")
            if info.compress_type != zipfile.ZIP_STORED:
                raise ValueError(f"{path}: {name} is compressed")
            raw.seek(info.header_offset)
            local = raw.read(30)  # the member's local header: its name and extra field follow
            start = info.header_offset + 30 + int.from_bytes(local[26:28], "little")
            raw.seek(start + int.from_bytes(local[28:30], "little"))
            read_header = {(1, 0): npy.read_array_header_1_0, (2, 0): npy.read_array_header_2_0}
            shape, fortran, dtype = read_header[npy.read_magic(raw)](raw)
            if fortran or dtype.hasobject:
                raise ValueError(f"{path}: {name} is not a plain array")
            mapped = np.memmap(path, dtype=dtype, mode="r", offset=raw.tell(), shape=shape)
            arrays[name] = mapped.view(np.ndarray)  # a plain array, the mapping its base
    return arrays


def _from_arrays(cls: Any, arrays: dict[str, Any]) -> Any:
    """The identifier py3langid's loader builds from the same arrays: numpy for the
    probabilities, stdlib arrays and lists for the byte automaton it walks in Python."""
    return cls(
        arrays["nb_ptc"],
        arrays["nb_pc"],
        arrays["nb_classes"].tolist(),
        _stdlib_array(arrays["tk_nextmove"]),
        arrays["tk_output"].tolist(),
        norm_probs=True,
        tk_row=_stdlib_array(arrays["tk_row"]),
    )


def _stdlib_array(values: Any) -> array[int]:
    out = array(_TYPECODE[values.dtype.itemsize])
    out.frombytes(memoryview(values).cast("B"))  # contiguous: np.load gives whole arrays
    return out


def _write(path: Path, identifier: Any) -> None:
    import numpy as np

    arrays = {
        "nb_ptc": np.asarray(identifier.nb_ptc),
        "nb_pc": np.asarray(identifier.nb_pc),
        "nb_classes": np.array(identifier.nb_classes),
        "tk_nextmove": _numpy_array(identifier.tk_nextmove),
        "tk_row": _numpy_array(identifier.tk_row),
        "tk_output": np.asarray(identifier.tk_output, dtype=np.int32),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    try:
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)  # uncompressed: reading it is a copy, not a decompression
        replace_durably(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _numpy_array(values: array[int]) -> Any:
    import numpy as np

    return np.frombuffer(values, dtype=np.dtype(f"u{values.itemsize}"))
