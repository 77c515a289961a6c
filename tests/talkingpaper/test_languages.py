"""Shows and articles in other languages, built for real: a Spanish show from init to its
feed and page, an Arabic story read by an Arabic voice (not spelled out letter by letter by
an English one), a Chinese story skipped with one line that says what to install."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result

from talkingpaper.cli import main

pytestmark = [pytest.mark.espeak_ng, pytest.mark.ffmpeg]

SPANISH = """---
title: El Ayuntamiento aprueba el plan de vivienda
author: Lucía Romero
published: 2026-11-30
---

El Ayuntamiento aprobó el lunes un plan para construir 1.250 viviendas de alquiler antes de 2030.

"Es el mayor esfuerzo en vivienda pública de la última década", dijo la concejala María Pérez.

El 40 % de los pisos se reservará para menores de 35 años.
"""
ARABIC = """وافق مجلس المدينة يوم الاثنين على خطة لبناء ألف مسكن جديد للإيجار.

وقالت رئيسة البلدية إن العمل سيبدأ في الربيع في ثلاثة أحياء شمال المدينة.

وستكلف الخطة نحو مئة مليون دولار على مدى خمس سنوات.
"""
CHINESE = """市议会周一批准了一项在北部三个街区建造一千套出租公寓的计划。

市长表示，工程将于明年春天开始，预计耗资一亿美元。
"""


def _run(show: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--show", str(show)])


def _show(tmp_path: Path, language: str) -> Path:
    show = tmp_path / "show"
    made = CliRunner().invoke(
        main, ["init", str(show), "--title", "Noticias", "--language", language]
    )
    assert made.exit_code == 0, made.output
    toml = (show / "show.toml").read_text(encoding="utf-8")
    (show / "show.toml").write_text(toml.replace('engine = "pyttsx3"', 'engine = "espeak-ng"'))
    return show


def _record(show: Path, slug: str) -> dict:
    return json.loads((show / "output" / "episodes" / f"{slug}.json").read_text())


def test_a_spanish_show_reads_in_spanish_from_init_to_feed(tmp_path: Path) -> None:
    show = _show(tmp_path, "es")
    (show / "content" / "vivienda.txt").write_text(SPANISH, encoding="utf-8")
    result = _run(show, "build", "--quiet")
    assert result.exit_code == 0, result.output
    cues = _record(show, "vivienda")["cues"]
    assert {c["voice"] for c in cues} == {"roa/es"}  # the narrator reads the quote too
    said = " ".join(c["text"] for c in cues)
    assert said.startswith("Noticias. El Ayuntamiento aprueba el plan de vivienda. Por Lucía")
    assert "30 de noviembre de 2026" in said
    assert "Los derechos pertenecen al editor original." in said
    feed = feedparser.parse((show / "output" / "feed.xml").read_bytes())
    assert feed.feed.language == "es"
    page = (show / "output" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*lang="es"', page)


def test_an_arabic_story_is_read_by_an_arabic_voice_not_spelled_out(tmp_path: Path) -> None:
    show = _show(tmp_path, "en")
    (show / "content" / "housing.txt").write_text(ARABIC, encoding="utf-8")
    result = _run(show, "build", "--quiet")
    assert result.exit_code == 0, result.output
    record = _record(show, "housing")
    assert {c["voice"] for c in record["cues"]} == {"sem/ar"}
    # Three sentences spelled letter by letter took almost three minutes; read, well under one.
    assert record["duration"] < 45
    # The language goes with the episode: its record, the feed's transcripts, its page.
    assert record["language"] == "ar"
    feed = (show / "output" / "feed.xml").read_text(encoding="utf-8")
    assert re.search(r'<podcast:transcript [^>]*language="ar"', feed)
    page = (show / "output" / "episodes" / "housing.html").read_text(encoding="utf-8")
    assert '<div class="transcript" lang="ar">' in page and 'srclang="ar"' in page


def test_a_story_in_a_language_no_voice_reads_is_skipped_with_one_line(tmp_path: Path) -> None:
    show = _show(tmp_path, "en")
    (show / "content" / "housing.txt").write_text(CHINESE, encoding="utf-8")
    (show / "content" / "vivienda.txt").write_text(SPANISH, encoding="utf-8")
    result = _run(show, "build", "--quiet")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "housing.txt" in line]
    assert len(lines) == 1 and "no installed voice reads Chinese: install a Piper" in lines[0]
    assert (show / "output" / "episodes" / "vivienda.mp3").exists()  # the others still build
    assert not (show / "output" / "episodes" / "housing.mp3").exists()


@pytest.mark.parametrize("tag", ["english", "es_ES!", "x"])
def test_a_language_that_is_not_a_tag_is_refused_in_one_line(tmp_path: Path, tag: str) -> None:
    made = CliRunner().invoke(main, ["init", str(tmp_path / "a"), "--language", tag])
    assert made.exit_code == 1 and "is not a language tag" in made.output
    show = _show(tmp_path, "en")
    toml = (show / "show.toml").read_text(encoding="utf-8")
    (show / "show.toml").write_text(toml.replace('language = "en"', f'language = "{tag}"'))
    result = _run(show, "build")
    assert result.exit_code == 1
    assert "show.language" in result.output and "is not a language tag (BCP-47)" in result.output
