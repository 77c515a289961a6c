"""Intelligibility and speed of each voice, and a build in Spanish, French and German.

English: each engine's voice speaks the same 10 real news paragraphs (the first paragraph of
40-120 words of each of the first English gold bodies of the shared extraction benchmark,
read at run time, never stored here) in their spoken form at the show's default rate. Speed
is audio seconds over wall seconds of synthesis pinned to one core (a child process under
`taskset -c 0`); intelligibility is pocketsphinx's word error rate against that spoken form,
with the recogniser of the engine tests. Other languages: the real CLI builds one article
of about 300 words (bench/texts/) in a fresh show of that language, and its spoken form is
checked for English number words and for words spelled letter by letter.

Run alone: .venv/bin/python bench/voices.py (also part of `make bench`).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(Path(__file__).resolve().parent))

import workloads  # noqa: E402

TEXTS = Path(__file__).resolve().parent / "texts"
VOICES = [
    ("espeak-ng", "gmw/en-us"),
    ("pyttsx3", "gmw/en-us"),
    ("piper", "joe"),
    ("hibari", "heart"),
]
PARAGRAPHS = 10
MIN_WORDS, MAX_WORDS = 40, 120
RATE = workloads.WORDS_PER_MINUTE  # the show's default
WER_TARGET = 0.15
LANGUAGES = ["es", "fr", "de"]
Row = tuple[str, str, str, str, str]

# A number read by the English rules in another language's text is heard as English words.
# A word the language itself uses for a number (French "six", German "Million") is fine.
ENGLISH_ONLY = {"percent"}  # num2words has no word for "%"
# Single letters that are words of the language: anything else alone is a letter spelled.
LETTER_WORDS = {"es": {"a", "e", "o", "u", "y"}, "fr": {"a", "à", "y"}, "de": set()}
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def english_paragraphs(count: int = PARAGRAPHS) -> list[str]:
    """The first paragraph of MIN_WORDS-MAX_WORDS words of each of the first `count` English
    gold articles that have one, in the benchmark's fixed order."""
    from tts.text.language import detect

    found: list[str] = []
    for _, body in workloads.gold_articles():
        if detect(body)[0] != "en":
            continue
        paragraphs = (p.strip() for p in body.split("\n"))
        fit = next((p for p in paragraphs if MIN_WORDS <= len(p.split()) <= MAX_WORDS), None)
        if fit:
            found.append(fit)
            if len(found) == count:
                break
    return found


def _cpu_seconds() -> float:
    """CPU time of this process and of the programs it ran (espeak-ng, ffmpeg): on a busy
    machine the wall time of one core also counts the other programs that shared it."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def speak(engine_name: str, voice: str, texts_file: Path, out: Path) -> int:
    """In the child process, pinned by its parent: speak each text into out/N.wav and write
    out/result.json with the engine's load time, synthesis time and audio seconds."""
    start = time.perf_counter()
    try:
        from tts.engines import get_engine

        engine = get_engine(engine_name)
    except Exception as exc:  # an engine that is not installed is a row, not a crash
        (out / "result.json").write_text(json.dumps({"error": str(exc)}), encoding="utf-8")
        return 0
    # A neural engine loads its model on first use: once per build worker, not per text, so
    # it is timed apart from the speed.
    engine.synthesize("Good morning.", voice, RATE, out / "warm.wav")
    loaded, cpu = time.perf_counter(), _cpu_seconds()
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    audio = 0.0
    for i, text in enumerate(texts):
        audio += engine.synthesize(text, voice, RATE, out / f"{i}.wav")
    done = time.perf_counter()
    result = {
        "load": loaded - start, "seconds": done - loaded, "cpu": _cpu_seconds() - cpu,
        "audio": audio,
    }  # fmt: skip
    (out / "result.json").write_text(json.dumps(result), encoding="utf-8")
    return 0


def voice_row(engine: str, voice: str, spoken: list[str], work: Path) -> Row:
    """Speak `spoken` with one voice on one core, then score the audio with pocketsphinx."""
    from tests.tts.engines.test_engines import _words, recognise, word_error_rate

    out = work / f"{engine}-{voice.replace('/', '-')}"
    out.mkdir(parents=True)
    texts_file = out / "texts.json"
    texts_file.write_text(json.dumps(spoken), encoding="utf-8")
    child = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--speak",
        engine,
        voice,
        str(texts_file),
        str(out),
    ]
    name = f"voice {engine} {voice}"
    try:
        run = workloads.measured(child, prefix=["taskset", "-c", "0"])
    except RuntimeError as exc:
        return (name, "", "", "", f"failed: {str(exc)[-200:]}")
    result = json.loads((out / "result.json").read_text(encoding="utf-8"))
    if "error" in result:
        return (name, "", "", "", f"not installed: {result['error'][:120]}")
    # Recognising takes longer than speaking: one paragraph a core.
    with ProcessPoolExecutor() as pool:
        heard = list(pool.map(recognise, [out / f"{i}.wav" for i in range(len(spoken))]))
    # The scorer splits "governor’s" at its typographic apostrophe into two words that no
    # recogniser writes: the reference gets the typewriter one, as the hypothesis has.
    said = [text.replace("\u2019", "'") for text in spoken]
    errors = sum(word_error_rate(t, h) * len(_words(t)) for t, h in zip(said, heard, strict=True))
    wer = errors / sum(len(_words(t)) for t in said)
    verdict = "met" if wer < WER_TARGET else "MISSED"
    plain = plain_wer(engine, voice, out)
    by_cpu = result["audio"] / max(result["cpu"], 1e-3)
    notes = (
        f"WER {wer:.1%} (target < {WER_TARGET:.0%}: {verdict}), {plain} on 5 plain sentences; "
        f"{result['audio']:.0f} s "
        f"of audio, {len(spoken)} paragraphs; {by_cpu:.1f}x by CPU time; "
        f"load {result['load']:.1f} s, untimed"
    )
    speed = f"{result['audio'] / result['seconds']:.1f}x"
    return (name, f"{result['seconds']:.2f}", speed, f"{run.peak_tree_mb:.0f}", notes)


def plain_wer(engine_name: str, voice: str, out: Path) -> str:
    """The voice's WER on the engine tests' five plain sentences: beside the news paragraphs'
    WER it shows how much of that is the recogniser's, which knows plain words best."""
    from tests.tts.engines.test_engines import NEWS, _words, recognise, word_error_rate
    from tts.engines import get_engine

    engine = get_engine(engine_name)
    errors = 0.0
    for i, sentence in enumerate(NEWS):
        engine.synthesize(sentence, voice, RATE, out / f"plain{i}.wav")
        errors += word_error_rate(sentence, recognise(out / f"plain{i}.wav")) * len(
            _words(sentence)
        )
    return f"{errors / sum(len(_words(s)) for s in NEWS):.1%}"


def english_rows(work: Path) -> list[Row]:
    from tts.text.normalize import normalize

    spoken = [normalize(p) for p in english_paragraphs()]
    return [voice_row(engine, voice, spoken, work) for engine, voice in VOICES]


def number_words(language: str, ordinals: bool = True) -> set[str]:
    """The words num2words says numbers with in `language`: 0-100, the hundreds, powers of
    a thousand, and their ordinals."""
    from num2words import num2words  # type: ignore[import-untyped]

    numbers = [*range(101), *range(100, 1001, 100), 10**6, 2 * 10**6, 10**9, 2 * 10**9, 10**12]
    words: set[str] = set()
    for n in numbers:
        words.update(_TOKEN.findall(num2words(n, lang=language).lower()))
        if ordinals:
            words.update(_TOKEN.findall(num2words(n, lang=language, to="ordinal").lower()))
    return words


def spoken_faults(spoken: str, language: str) -> list[str]:
    """What a listener would hear wrong in another language's spoken form: English words
    for numbers, digits left for the engine, letters that are not words of the language
    (spelled one by one, or alone)."""
    tokens = _TOKEN.findall(spoken.lower())
    # Cardinals only: English ordinals share words with others ("second" is French too).
    english_words = (number_words("en", ordinals=False) - {"and"}) | ENGLISH_ONLY
    english = sorted(set(tokens) & (english_words - number_words(language)))
    faults = [f"English number word {w!r}" for w in english]
    faults += [f"digits {d!r}" for d in sorted(set(re.findall(r"\d+", spoken)))]
    words = LETTER_WORDS.get(language, set())
    runs: list[list[str]] = [[]]
    end = 0
    for match in _TOKEN.finditer(spoken.lower()):
        # A run of letters is broken by a longer word, punctuation or a digit.
        if len(match.group()) > 1 or spoken[end : match.start()].strip():
            runs.append([])
        if len(match.group()) == 1:
            runs[-1].append(match.group())
        end = match.end()
    # A letter that is no word is read by its name, alone too ("5 h 30"); "la O N U" has
    # words among its letters, but three single letters in a row are no sentence.
    faults += [
        f"spelled {' '.join(run)!r}"
        for run in runs
        if len(run) >= 3 or any(letter not in words for letter in run)
    ]
    return faults


def language_row(language: str, work: Path) -> Row:
    """Build bench/texts/LANGUAGE.txt with espeak-ng in a fresh show of that language."""
    show = work / f"show-{language}"
    cli = workloads.CLI
    subprocess.run([*cli, "init", str(show), "--language", language], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    article = show / "content" / f"{language}.txt"
    article.write_text((TEXTS / f"{language}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    name = f"build, {language}, espeak-ng"
    try:
        run = workloads.build(show, "--engine", "espeak-ng")
    except RuntimeError as exc:
        return (name, "", "", "", f"failed: {str(exc)[-200:]}")
    audio = workloads.audio_minutes(show) * 60
    script = subprocess.run([*cli, "script", str(article), "--format", "json", "--show", str(show)],
                            cwd=ROOT, check=True, capture_output=True, text=True)  # fmt: skip
    segments = json.loads(script.stdout)["segments"]
    spoken = " ".join(s["spoken"] for s in segments)
    words = sum(len(s["text"].split()) for s in segments if s["kind"] != "headline")
    faults = spoken_faults(spoken, language)
    checked = "spoken form clean" if not faults else "; ".join(faults[:6])
    notes = f"{words} words, {audio:.0f} s of audio, cold build, all cores; {checked}"
    speed = f"{audio / run.seconds:.1f}x"
    return (name, f"{run.seconds:.2f}", speed, f"{run.peak_tree_mb:.0f}", notes)


def voice_rows(work: Path) -> list[Row]:
    """Every row of this benchmark: English voices, then the other languages' builds."""
    return [*english_rows(work), *(language_row(lang, work) for lang in LANGUAGES)]


def print_table(rows: list[Row]) -> None:
    header = ("workload", "seconds", "speed", "peak MB", "notes")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(c.ljust(w) if i in (0, 4) else c.rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))))  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--speak", nargs=4, metavar=("ENGINE", "VOICE", "TEXTS", "OUT"),
                    help=argparse.SUPPRESS)  # fmt: skip
    args = ap.parse_args()
    if args.speak:
        engine, voice, texts, out = args.speak
        return speak(engine, voice, Path(texts), Path(out))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        rows = voice_rows(Path(tmp))
    print("speed = audio time / wall time (English voices: synthesis only, on one core)")
    print_table(rows)
    print(f"({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
