"""Encodings: a stray byte in a UTF-8 file costs that byte, never the file or its other
characters; a legacy file is still read whole, and binary data is still refused."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from tts.errors import InputError
from tts.prepare import Reading, speak_script
from tts.text.pipeline import article_from_source
from tts.text.read.article import StrayBytesWarning, decode_text
from tts.text.script.segments import script_article

TITLE = "Café reopens on the quay\n\n".encode()
BODY = "The owner — Zoë Martín — said the café’s terrace opens in May.\n".encode()


def decoded(data: bytes) -> tuple[str, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = decode_text(data, "quay.txt")
    return text, [str(w.message) for w in caught if w.category is StrayBytesWarning]


@pytest.mark.parametrize("stray", [b"\xe9", b"\x92", b"\xff", b"\xc3"])
def test_one_stray_byte_in_utf8_costs_only_that_byte(stray: bytes) -> None:
    data = TITLE + b"Tides rose" + stray + b" overnight.\n" + BODY
    text, warned = decoded(data)
    assert text == (TITLE + b"Tides rose\xef\xbf\xbd overnight.\n" + BODY).decode()
    assert "â€" not in text and "Ã" not in text  # no mojibake of the good characters
    [message] = warned
    assert message.startswith("quay.txt: 1 byte not valid UTF-8 (the first at byte ")
    assert f"at byte {len(TITLE) + len(b'Tides rose')})" in message


def test_many_stray_bytes_are_reported_once_with_the_first_offset() -> None:
    data = TITLE + BODY + b"Fares rose \x92 again \x93 and again.\n" + BODY
    text, warned = decoded(data)
    assert text.count("\ufffd") == 2 and text.count("Zoë Martín") == 2
    assert len(warned) == 1 and "2 bytes" in warned[0]
    assert f"at byte {len(TITLE + BODY) + len(b'Fares rose ')})" in warned[0]


def test_a_legacy_file_is_read_whole_without_a_warning() -> None:
    latin = "Café owner Zoë Martín says the naïve plan failed.\n".encode("latin-1")
    text, warned = decoded(latin)
    assert text == "Café owner Zoë Martín says the naïve plan failed.\n" and not warned
    smart = (
        "Harbour fees rise\n\nThe mayor’s “plan” for the harbour costs €500 a berth — for "
        "now, the board said on Tuesday. “We’ll look again in the spring,” its chair said.\n"
    )
    text, warned = decoded(smart.encode("cp1252"))
    assert text == smart and not warned


def test_binary_data_is_still_refused() -> None:
    noise = bytes((i * 37 + 11) % 32 for i in range(2000))  # control codes, no text
    with pytest.raises(InputError, match="binary data"):
        decode_text(noise, "quay.txt")


def test_the_replaced_byte_is_not_spoken(tmp_path: Path) -> None:
    path = tmp_path / "quay.txt"
    path.write_bytes(TITLE + b"The skipper\x92s boat left at dawn, crews said.\n" + BODY)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", StrayBytesWarning)
        article = article_from_source(path)
    script = speak_script(script_article(article), Reading("Quay", "espeak-ng", "gmw/en-us"))
    spoken = " ".join(s.spoken for s in script.segments)
    assert "The skippers boat left at dawn" in spoken and "\ufffd" not in spoken
    assert "Zoë Martín" in spoken
