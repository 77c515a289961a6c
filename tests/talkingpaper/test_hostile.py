"""Hostile and odd input: every article gives a clear error or a clean result, never a crash.

The small inputs are files in tests/data/bad/; the big ones (50 MB, a 100,000-character line,
a 5,000-digit number, HTML nested 100,000 deep) are made in tmp_path by the generators below,
so they are never committed. Each goes through `talkingpaper script`, and all of them at once
through a real `talkingpaper build`. A property test feeds random text through read -> clean
-> script and checks that no sentence of the cleaned story is lost on the way to the script.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from talkingpaper.cli import main
from tests.conftest import DATA
from tests.feeds.test_site import find, parse
from tts.errors import InputError
from tts.prepare import Reading, speak_script
from tts.text.clean.article import clean_article
from tts.text.model import Article, Script
from tts.text.pipeline import article_from_source
from tts.text.read.article import MAX_BYTES, decode_text, read_article, read_text
from tts.text.script.segments import script_article
from tts.text.sentences import split_sentences

SOURCE = "random.txt"

# ---- the property: nothing lost between the cleaned article and the script --------------


READING = Reading("Hostile", "espeak-ng", "gmw/en-us")  # no lexicon: the plain spoken form


def _listed(text: str) -> list[str]:
    """A word list written as one string (easier to read and extend than a list)."""
    return text.split()


_WORDS = _listed(
    "the a of to and in on at for with said says told added asked he she they we it is was "
    "not no but council bridge water mayor police school river city don't it's O'Brien "
    "Jean-Luc rock 'n' roll '90s Ann Lee Tom Park Rosa Alvarez Dr. Sen. Mr. Mrs. St. Inc. "
    "U.S. D-Mass. a.m. p.m. No. 4 1887 $4.5 3.5% 10,000 2nd café naïve Zürich "
    "محمد حداد שרה לוי 東京 🙂 ١٢٣ 𝟗𝟗 ² ½ 1/2 8/6/2018 2018-08-06 Aug. 6, 10:30 " + "9" * 400
)
_PUNCTUATION = list(".,!?;:…—–-()[]") + ["...", ". ", ", ", "!!"]
_QUOTES = list("\"'“”‘’„«»‹›‚")
# Noise pasted into real text: control codes, terminal colours, invisible and bidi marks.
_NOISE = [
    "\x0b", "\x0c", "\x00", "\x07", "\x7f", "\x85", "\x1b[31m", "\x1b[0m", "\u200b",
    "\u200d", "\u00ad", "\u00a0", "\u200f", "\u200e", "\u202e", "\u2028", "\ufeff", "\ufffe",
    "\t", "\r", "\r\n",
]  # fmt: skip
_SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", "  "]

_SENTENCE_ENDS = [".", ".", ".", "?", "!", "…", ":", '."', ".”", ",”", "?’", ""]


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    """Words with punctuation, quotation marks and noise stuck to them or standing alone."""
    word = st.sampled_from(_WORDS) | st.text(min_size=1, max_size=6)
    words = draw(st.lists(word, min_size=1, max_size=18))
    out = []
    for i, word in enumerate(words):
        if i == 0 or draw(st.integers(0, 9)) == 0:
            word = word.capitalize()
        before = draw(st.sampled_from(["", "", "", "", *_QUOTES, *_NOISE, "(", "— "]))
        after = draw(st.sampled_from(["", "", "", "", "", *_QUOTES, *_PUNCTUATION, *_NOISE]))
        out.append(before + word + after)
        out.append(draw(st.sampled_from(_SEPARATORS[:4] + [" ", " "])))
    return "".join(out).strip(" ") + draw(st.sampled_from(_SENTENCE_ENDS))


_paragraph = st.lists(_sentence(), min_size=1, max_size=4).map(" ".join)
# Prose-like text: a few paragraphs of sentences with every kind of quotation mark.
prose = st.tuples(
    st.lists(_paragraph, min_size=1, max_size=6),
    st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]),
).map(lambda parts: parts[1].join(parts[0]))
# Any text at all, for crashes only: most of it is cut as page furniture.
anything = st.text(
    alphabet=st.characters(exclude_categories=("Cs",))
    | st.sampled_from([c for c in _QUOTES + _NOISE if len(c) == 1]),
    max_size=300,
)


def word_characters(text: str) -> str:
    """The letters and digits of text in order: what a listener hears, marks aside."""
    return "".join(re.findall(r"\w", text))


def script_text(text: str) -> tuple[Article, Script] | None:
    """read -> clean -> script -> speak; None when the input is refused with a clear error."""
    try:
        article = clean_article(read_text(text, source=SOURCE))
    except InputError as exc:
        message = str(exc)
        assert message.startswith(f"{SOURCE}: ") and "; " in message, message
        assert "\n" not in message
        return None
    return article, speak_script(script_article(article), READING)


def assert_nothing_lost(article: Article, script: Script) -> None:
    """Every sentence of the cleaned story is in the script, in order.

    The script's segments are verbatim pieces of their paragraph, in order; quotation marks
    move out of them (a quote's segment is its inside), so sentences are compared by their
    letters and digits, which must all be there, in order, and nothing else.
    """
    title = " ".join((article.title or "").split())
    body = [s for s in script.segments if s.kind in ("body", "quote")]
    for index, paragraph in enumerate(article.paragraphs, start=1):
        text = " ".join(paragraph.split())
        pieces = [s.text for s in body if s.paragraph == index]
        if not pieces and index == 1 and text == title:
            continue  # the headline printed again above the story is read once
        cursor = 0
        for piece in pieces:
            found = text.find(piece, cursor)
            assert found >= 0, f"segment {piece!r} is not in order in paragraph {text!r}"
            cursor = found + len(piece)
        heard = word_characters("".join(pieces))
        cursor = 0
        for sentence in split_sentences(text):
            found = heard.find(word_characters(sentence), cursor)
            assert found >= 0, f"lost: {sentence!r} of paragraph {text!r} in {pieces!r}"
            cursor = found + len(word_characters(sentence))
        assert heard == word_characters(text), (text, pieces)
    assert {s.paragraph for s in body} <= set(range(1, len(article.paragraphs) + 1))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(prose)
# A later line equal to the headline was skipped as if it were the headline repeated.
@example(
    '"The The\r The. The The The The The The The The. The. The.\n'
    '"The The\r The. The The The The The The The The.'
)
# A quote resumed after an aside began at the first resumed quote, not the last quote:
# its segment repeated the `"Dr."` quote before it.
@example('The. The The The The The The" said The The The. "Dr." The The The The The The The".')
# A 400-digit number: num2words raised OverflowError (and int() refuses 4,300 digits).
@example("The. The. The The." + "9" * 400 + ".")
def test_prose_loses_nothing_on_the_way_to_the_script(text: str) -> None:
    result = script_text(text)
    event("scripted" if result else "refused")
    if result is not None:
        assert_nothing_lost(*result)


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(anything)
def test_any_text_is_scripted_or_refused_clearly(text: str) -> None:
    result = script_text(text)
    if result is not None:
        assert_nothing_lost(*result)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=400))
@example(b"\x00" * 100)
@example(b"Text with \x1b[31mcolour\x1b[0m codes.")
def test_any_bytes_decode_or_are_refused_clearly(data: bytes) -> None:
    try:
        text = decode_text(data, SOURCE)
    except InputError as exc:
        assert str(exc).startswith(f"{SOURCE}: ")
        return
    assert text.strip()


# ---- the corpus: committed small files and generated big ones ----------------------------

BAD = DATA / "bad"
TALKINGPAPER = Path(sys.executable).parent / "talkingpaper"
ODD_TITLE = 'Cats < Dogs & "]]>" tricks'
# Refused inputs: the words their one-line error must hold.
REFUSED = {
    "empty.txt": "the file is empty",
    "empty.html": "the file is empty",
    "pdf-saved-as.html": "this is a PDF",
    "whitespace-only.txt": "the file is empty",
    "binary.txt": "binary data",
    "no-article.html": "no article text",
    "only-chrome.txt": "no story text",
    "front-matter-only.txt": "no text after the front matter",
    "punctuation-only.txt": "no story text",
}
# Inputs that make a clean script: their headline.
SCRIPTED = {
    "latin1.txt": "Café owner wins award",
    "cp1252-smart-quotes.txt": "Bakery wins “best bread” prize",
    "utf16-bom.txt": "Café owner wins award",
    "utf8-bom-crlf.txt": "Road closed for bridge repairs",
    "mac-cr.txt": "Road closed for bridge repairs",
    "unbalanced-quotes.txt": 'Ferry service ends after "ninety years',
    "control-chars.txt": "Stormwater floods the old mill",
    "control-chars.html": "Council votes to fix the bridge",
    "rtl-arabic.txt": "افتتاح مكتبة جديدة في وسط المدينة",
    "rtl-hebrew.txt": "ספרייה חדשה נפתחה במרכז העיר",
    "rtl-names.txt": "Poets read in two languages at the city library",
    "odd-title.txt": ODD_TITLE,
    "odd-title.html": ODD_TITLE,
}
GENERATED_REFUSED = {
    "huge.txt": "too big for an article",
    "div-bomb.html": "tags nested too deep for the HTML parser",
    "bi-bomb.html": "tags nested too deep for the HTML parser",
}
# Characters that must reach neither the speech engine nor the feed's XML.
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b\ufeff\ufffe\uffff]")
GOOD_ARTICLE = """\
Library extends its opening hours

The city library will open until nine in the evening from next month, the council said on Monday.
"Students asked for it, and we listened," said the head librarian, Grace Obi.
"""
_SENTENCE = (
    "The council said on Monday that the bridge would stay closed. “We will reopen it in "
    "June,” said Mayor Ann Lee, who “cannot promise” more. "
)


def write_huge(path: Path, size: int = 50 * 1024 * 1024) -> Path:
    """A 50 MB text file of real sentences, written a megabyte at a time."""
    chunk = (_SENTENCE * (1024 * 1024 // len(_SENTENCE) + 1)).encode()[: 1024 * 1024]
    with path.open("wb") as out:
        for _ in range(size // len(chunk)):
            out.write(chunk)
    return path


def write_long_line(path: Path, chars: int = 100_000) -> Path:
    """An article pasted as one 100,000-character line: sentences and quotes, no breaks."""
    path.write_text((_SENTENCE * (chars // len(_SENTENCE) + 1))[:chars], encoding="utf-8")
    return path


def write_div_bomb(path: Path, depth: int = 100_000) -> Path:
    """An HTML bomb: a paragraph inside 100,000 nested <div>s."""
    path.write_text(
        "<!DOCTYPE html><html><head><title>Deep</title></head><body>"
        + "<div>" * depth
        + f"<p>{_SENTENCE}</p>"
        + "</div>" * depth
        + "</body></html>",
        encoding="utf-8",
    )
    return path


def write_bi_bomb(path: Path, depth: int = 50_000) -> Path:
    """An HTML bomb in an article: <b><i> nested 50,000 times, never closed."""
    path.write_text(
        "<!DOCTYPE html><html><head><title>Deep</title></head><body><article><p>"
        + "<b><i>" * depth
        + _SENTENCE,
        encoding="utf-8",
    )
    return path


def write_long_number(path: Path, digits: int = 5000) -> Path:
    """A number too long to name (int() refuses 4,300 digits, num2words about 306)."""
    path.write_text(
        f"Counter overflows\n\nThe counter showed {'7' * digits} before it broke, the council "
        "said on Monday. It will be replaced with a new one.\n",
        encoding="utf-8",
    )
    return path


GENERATORS = {
    "huge.txt": write_huge,
    "long-line.txt": write_long_line,
    "long-number.txt": write_long_number,
    "div-bomb.html": write_div_bomb,
    "bi-bomb.html": write_bi_bomb,
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, write in GENERATORS.items():
        write(folder / name)
    return folder


def test_every_corpus_file_has_an_expected_outcome() -> None:
    assert {p.name for p in BAD.iterdir()} == set(REFUSED) | set(SCRIPTED)


def run_script(path: Path, tmp_path: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, ["script", str(path), "--format", "json", "--show", str(tmp_path)]
    )
    # Anything but a clean exit is an uncaught exception: a traceback for the user.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def assert_clear_error(stderr: str, path: Path, words: str) -> None:
    """One line that names the file, says what is wrong and how to fix it (after a ;)."""
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"error: {path}: "), stderr
    assert words in stderr and "; " in stderr and "Traceback" not in stderr, stderr


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_files_give_one_clear_error(name: str, tmp_path: Path) -> None:
    code, out, err = run_script(BAD / name, tmp_path)
    assert (code, out) == (1, "")
    assert_clear_error(err, BAD / name, REFUSED[name])


@pytest.mark.parametrize("name", sorted(GENERATED_REFUSED))
def test_generated_files_give_one_clear_error(name: str, generated: Path, tmp_path: Path) -> None:
    code, out, err = run_script(generated / name, tmp_path)
    assert (code, out) == (1, "")
    assert_clear_error(err, generated / name, GENERATED_REFUSED[name])


def check_script(path: Path, tmp_path: Path) -> dict:
    """Script a file through the CLI and the library: clean text, nothing lost."""
    code, out, err = run_script(path, tmp_path)
    assert (code, err) == (0, "")
    data = json.loads(out)
    texts = [data["title"] or "", data["author"] or ""] + [s["text"] for s in data["segments"]]
    texts += [s["spoken"] for s in data["segments"]]
    assert not [t for t in texts if INVISIBLE.search(t)]
    article = article_from_source(path)
    assert_nothing_lost(article, script_article(article))
    return data


@pytest.mark.parametrize("name", sorted(SCRIPTED))
def test_odd_files_make_a_clean_script(name: str, tmp_path: Path) -> None:
    data = check_script(BAD / name, tmp_path)
    assert data["title"] == SCRIPTED[name]
    assert [s for s in data["segments"] if s["kind"] in ("body", "quote")]


def spoken_words(data: dict) -> str:
    return " ".join(s["text"] for s in data["segments"])


def test_decoding_keeps_every_letter(tmp_path: Path) -> None:
    assert "naïve" in spoken_words(check_script(BAD / "latin1.txt", tmp_path))
    data = check_script(BAD / "cp1252-smart-quotes.txt", tmp_path)
    assert "José Muñoz" in data["speakers"] and "€500" in spoken_words(data)


def test_control_codes_and_invisible_marks_are_taken_out_of_words(tmp_path: Path) -> None:
    words = spoken_words(check_script(BAD / "control-chars.txt", tmp_path))
    for word in ("Heavy rain on Monday flooded", "heartbreaking", "sandbags", "building on"):
        assert word in words
    assert "[31m" not in words and "[0m" not in words
    words = spoken_words(check_script(BAD / "control-chars.html", tmp_path))
    assert "voted to fix" in words and "roads department" in words and "[1m" not in words


def test_right_to_left_text_and_marks_are_kept(tmp_path: Path) -> None:
    words = spoken_words(check_script(BAD / "rtl-names.txt", tmp_path))
    assert "\u202bمحمود درويش\u202c" in words and "\u200fقصيدة\u200f" in words
    data = check_script(BAD / "rtl-arabic.txt", tmp_path)
    assert "سارة حداد" in spoken_words(data)


def test_unbalanced_quotes_lose_no_line(tmp_path: Path) -> None:
    data = check_script(BAD / "unbalanced-quotes.txt", tmp_path)
    heard = word_characters(spoken_words(data))
    lines = (BAD / "unbalanced-quotes.txt").read_text(encoding="utf-8").splitlines()
    for line in lines[2:]:
        assert word_characters(line) in heard, line
    # A lone ' between spaces is a stray mark: the narration after it is no one's quote.
    shrugged = [s for s in data["segments"] if "shrugged" in s["text"]]
    assert [s["speaker"] for s in shrugged] == ["narrator"]


def test_odd_title_keeps_its_marks_in_the_body(tmp_path: Path) -> None:
    data = check_script(BAD / "odd-title.txt", tmp_path)
    assert data["author"] == "Sam <Lee> & Co"
    assert "<noon> ]]> and <![CDATA[" in spoken_words(data)


def test_a_100000_character_line_is_scripted_whole(generated: Path, tmp_path: Path) -> None:
    data = check_script(generated / "long-line.txt", tmp_path)
    quotes = [s for s in data["segments"] if s["kind"] == "quote"]
    assert quotes and {s["speaker"] for s in quotes} == {"Ann Lee"}


def test_a_number_too_long_to_name_is_read_digit_by_digit(generated: Path, tmp_path: Path) -> None:
    data = check_script(generated / "long-number.txt", tmp_path)
    spoken = " ".join(s["spoken"] for s in data["segments"])
    assert "seven seven seven" in spoken and not re.search(r"\d", spoken)


def test_huge_file_is_refused_before_it_is_read(generated: Path) -> None:
    path = generated / "huge.txt"
    assert path.stat().st_size == 50 * 1024 * 1024 > MAX_BYTES
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="too big"):
            read_article(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # reading it would hold 50 MB


@pytest.mark.parametrize("name", ["div-bomb.html", "bi-bomb.html"])
def test_html_bomb_is_refused_not_half_read(name: str, generated: Path) -> None:
    with pytest.raises(InputError, match="tags nested too deep for the HTML parser"):
        read_article(generated / name)


def test_markup_nested_just_within_the_parser_limit_is_read(tmp_path: Path) -> None:
    path = write_div_bomb(tmp_path / "deep.html", depth=200)
    assert read_article(path).paragraphs == [_SENTENCE.strip()]


# ---- a real build of a show holding all of them ------------------------------------------


def own_name(name: str) -> str:
    """odd-title.html -> odd-title-html.html: a name no other article's episode shares."""
    path = Path(name)
    return f"{path.stem}-{path.suffix[1:]}{path.suffix}"


@pytest.mark.espeak_ng
@pytest.mark.ffmpeg
def test_build_skips_bad_articles_and_publishes_the_rest(generated: Path, tmp_path: Path) -> None:
    show = tmp_path / "show"
    init = subprocess.run(
        [TALKINGPAPER, "init", str(show), "--title", "Hostile Times"], capture_output=True
    )
    assert init.returncode == 0, init.stderr
    content = (show / "content").resolve()
    # x.txt and x.html would make the same episode, x.mp3 (see the report on build.py):
    # every article gets a name of its own.
    files = {name: BAD / name for name in [*REFUSED, *SCRIPTED]}
    files |= {name: generated / name for name in GENERATED_REFUSED}
    placed = {name: content / own_name(name) for name in files}
    for name, source in files.items():
        os.symlink(source, placed[name])
    (content / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")

    build = subprocess.run(
        [TALKINGPAPER, "build", "--show", str(show), "--engine", "espeak-ng", "-qq"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stderr
    lines = build.stderr.splitlines()
    assert all(line.startswith("warning: skipped: ") for line in lines), build.stderr
    for name, words in {**REFUSED, **GENERATED_REFUSED}.items():
        start = f"warning: skipped: {placed[name]}: "
        skipped = [line for line in lines if line.startswith(start)]
        assert len(skipped) == 1 and words in skipped[0], (name, build.stderr)
    assert len(lines) == len(REFUSED) + len(GENERATED_REFUSED)

    made = {"good": "Library extends its opening hours"}
    made |= {placed[name].stem: title for name, title in SCRIPTED.items()}
    episodes = show / "output" / "episodes"
    for slug in made:
        assert (episodes / f"{slug}.mp3").stat().st_size > 1000, slug

    feed = feedparser.parse((show / "output" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert sorted(titles) == sorted(made.values())  # the odd title exactly, twice
    assert titles.count(ODD_TITLE) == 2

    html = (show / "output" / "index.html").read_text(encoding="utf-8")
    page = parse(html)  # well-formed: every tag closed in order
    headings = [find(article, "h2")[0].text() for article in find(page, "article")]
    assert sorted(headings) == sorted(made.values())
    assert ODD_TITLE not in html and "Cats &lt; Dogs &amp; &quot;]]&gt;&quot; tricks" in html
