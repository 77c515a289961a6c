"""How well the text front end holds on news: one table from the shared scorers.

    python bench/text_quality.py [--shared DIR] [--polnear-dev DIR] [--only NAME ...]
                                 [--misses FILE]

Rows: the shared fixtures, PolNeAR dev (the gold made by shared/tools/polnear_gold.py; by
default ../polnear-gold-dev or $POLNEAR_DEV_GOLD, skipped with a note when absent), and the
article-extraction benchmark fed as page text and as HTML. Each row is the scorer's own TOTAL
line; the scorers are the shared ones, run unchanged on the scripts this build writes.
PolNeAR dev's misses are then counted by cause (see `miss_cause`). --misses writes every
PolNeAR miss with its cause as JSON lines, for reading one by one.

Scripts are made in-process, the way `talkingpaper script PATH --format json` makes them,
two articles at a time (one per core), so a full run takes about a minute, not ten.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib.util
import io
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def script_json(path: str) -> dict[str, Any]:
    """What `talkingpaper script PATH --format json` prints (spoken forms left out: the
    scorers read the text)."""
    from tts.text.pipeline import article_from_source
    from tts.text.script.segments import script_article

    article = article_from_source(path)
    script = script_article(article).to_dict()
    script["dropped"] = [cut.text for cut in article.dropped]  # as `--explain` adds them
    return script


def is_label(label: str) -> bool:
    from tts.text.script.speakers import is_label as rule

    return rule(label)


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scripts(paths: list[Path], jobs: int) -> list[dict[str, Any]]:
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(script_json, [str(p) for p in paths], chunksize=4))


def _article_of(gold: Path) -> Path | None:
    stem = gold.name[: -len(".gold.json")]
    return next(
        (p for p in (gold.with_name(f"{stem}.txt"), gold.with_name(f"{stem}.html")) if p.exists()),
        None,
    )


def score_gold_dir(scorer: ModuleType, folder: Path, jobs: int) -> tuple[str, list[dict]]:
    """Write this build's scripts for a gold folder and run the script scorer on them."""
    golds = sorted(folder.glob("*.gold.json"))
    pairs = [(g, a) for g in golds if (a := _article_of(g)) is not None]
    scripts = _scripts([a for _, a in pairs], jobs)
    with tempfile.TemporaryDirectory() as tmp:
        for (gold, _), script in zip(pairs, scripts, strict=True):
            stem = gold.name[: -len(".gold.json")]
            Path(tmp, f"{stem}.json").write_text(json.dumps(script), encoding="utf-8")
        out = io.StringIO()
        argv = sys.argv
        sys.argv = ["score_script.py", "--json-dir", tmp, str(folder)]
        try:
            with contextlib.redirect_stdout(out):
                scorer.main()
        finally:
            sys.argv = argv
    total = out.getvalue().strip().splitlines()[-1]
    labels = [
        s["speaker"]
        for script in scripts
        for s in script["segments"]
        if s["speaker"] != "narrator" and s["kind"] != "announcement"
    ]
    bad = [x for x in labels if not scorer.speaker_ok(x, [x]) or not is_label(x)]
    total += f"  labels with sentence words {len(bad)}/{len(labels)}"
    details = []
    for (gold, _), script in zip(pairs, scripts, strict=True):
        result = scorer.score_one(script, json.loads(gold.read_text(encoding="utf-8")))
        details.append({"article": gold.name, "script": script, "result": result})
    return total, details


def score_extraction(module: ModuleType, kind: str, jobs: int) -> str:
    """The extraction scorer's metric on this build's body and quote segments."""
    data = module.DATA
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    page_text = json.loads((data / "page-text.json").read_text(encoding="utf-8"))["output"]
    ids = [k for k in sorted(gold) if module.is_english(gold[k]["articleBody"])]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for key in ids:
            if kind == "html":
                path = Path(tmp) / f"{key}.html"
                path.write_bytes(gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()))
            else:
                path = Path(tmp) / f"{key}.txt"
                path.write_text(page_text[key]["articleBody"], encoding="utf-8")
            paths.append(path)
        scripts = _scripts(paths, jobs)
    precisions, recalls = [], []
    for key, script in zip(ids, scripts, strict=True):
        got = "\n".join(s["text"] for s in script["segments"] if s["kind"] in module.SPOKEN_BODY)
        p, r = module.page_scores(gold[key]["articleBody"], got)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
    precision, recall = statistics.mean(precisions), statistics.mean(recalls)
    f1 = 2 * precision * recall / (precision + recall)
    return f"{len(ids)} pages: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}"


def body_dropped(details: list[dict]) -> str:
    """PolNeAR texts are a headline and the story with a few credit lines (photo, reporting),
    no page chrome: a line cleaning drops after the headline is mostly story lost. Counted
    here because PolNeAR's gold marks no body for the scorer to recall."""
    lines = words = 0
    for item in details:
        dropped = item["script"]["dropped"]
        headline = item["script"]["title"] or ""
        lost = [t for t in dropped if t.strip() and t.strip() != headline.strip()]
        lines += len(lost)
        words += sum(len(t.split()) for t in lost)
    return f"{len(details)} articles: {lines} lines dropped after the headline ({words} words)"


def speed_rows() -> list[tuple[str, str]]:
    """In-process scripting time of the demo article, and of one long paragraph at two
    lengths (a rule that is not linear in a paragraph shows as a ratio far above 10)."""
    from tts.text.clean.article import clean_article
    from tts.text.model import Article
    from tts.text.read.article import read_article
    from tts.text.script.segments import script_article

    demo = clean_article(read_article(ROOT / "content" / "npr-freed-labor-activists.txt"))
    script_article(demo)  # compiles the patterns once per process, as any first article does
    times = []
    for _ in range(100):
        _forget()  # each run as a new article: nothing remembered from the one before
        start = time.perf_counter()
        script_article(demo)
        times.append(time.perf_counter() - start)
    median = statistics.median(times) * 1000
    rows = [
        ("script demo article", f"{median:.1f} ms (median of 100, fastest {min(times) * 1000:.1f})")
    ]
    clause = "the council said on Monday that the plan, which officials told reporters "
    took = {}
    for size in (10_000, 100_000):
        text = (clause * (size // len(clause)))[:size] + ', "We will build it," she said.'
        start = time.perf_counter()
        script_article(Article(source="bench", paragraphs=[text]))
        took[size] = time.perf_counter() - start
    ratio = took[100_000] / took[10_000]
    rows.append(("script, slowest hostile paragraph", _hostile_time()))
    rows.append(("normalise one sentence", _normalise_time()))
    rows.append(("split 51,000 characters", _split_time()))
    rows.append(
        (
            "script 10 KB / 100 KB paragraph",
            f"{took[10_000] * 1000:.0f} ms / {took[100_000] * 1000:.0f} ms (x{ratio:.1f})",
        )
    )
    return rows


# Shapes that once made the text front end stall (issue 13), at the sizes that did.
_SENTENCE = "The ferry ran late on Monday"
_HOSTILE = {
    "80 dots ending a sentence": _SENTENCE + "." * 80,
    "1,000 short quotes": "The skipper said " + '"no" ' * 1000 + "to the board.",
    "a 60 KB address": "https://" + "ab.cd/" * 10_000,
    "10,000 quote marks": '"' * 10_000,
    "5,000 brackets": f"{_SENTENCE} {'[' * 5000}x{']' * 5000} now.",
    "5,000 !? ending a sentence": _SENTENCE + "!?" * 5000 + " Then it stops.",
}


def _hostile_time() -> str:
    """The slowest of the hostile paragraphs through script and spoken forms."""
    from tts.text.model import Article
    from tts.text.normalize.spoken import normalize
    from tts.text.script.segments import script_article

    took = {}
    for name, text in _HOSTILE.items():
        _forget()
        start = time.perf_counter()
        script = script_article(Article(source="bench", paragraphs=[text]))
        for segment in script.segments:
            normalize(segment.text)
        took[name] = time.perf_counter() - start
    worst = max(took, key=took.__getitem__)
    return f"{took[worst] * 1000:.0f} ms ({worst}; {len(took)} shapes)"


def _forget() -> None:
    """Empty the per-process caches of the text front end."""
    from tts.text.script.speakers import is_label
    from tts.text.sentences import _sentence_spans

    _sentence_spans.cache_clear()
    is_label.cache_clear()


def _normalise_time() -> str:
    """Median time to normalise one sentence of the repository's normalisation cases."""
    from tts.text.normalize.spoken import normalize

    cases = ROOT / "tests" / "data" / "normalize"
    sentences = [
        line
        for path in sorted(cases.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and line[0] not in "#>"
    ]
    normalize(sentences[0])  # imports and word lists load once per process
    times = []
    for sentence in sentences * 3:
        start = time.perf_counter()
        normalize(sentence)
        times.append(time.perf_counter() - start)
    return f"{statistics.median(times) * 1000:.2f} ms (median of {len(times)})"


def _split_time() -> str:
    from tts.text.sentences import split_sentences

    text = ("Sen. Ann Lee, D-Mass., said the U.S. plan works. It cost $4.5 billion! " * 700)[
        :51_000
    ]
    start = time.perf_counter()
    split_sentences(text)
    return f"{(time.perf_counter() - start) * 1000:.0f} ms (pysbd: 2.9 s)"


# ---- why a PolNeAR quote was missed ---------------------------------------------------------

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "who"}


def miss_cause(miss: dict[str, Any], script: dict[str, Any]) -> str:
    """One cause per missed quote, from what the script did with it.

    not voiced: the quote's words are read by the narrator (no speaker found or not taken
      for speech); not found: no single segment holds the quote's opening words (cut in two
      or lost); label: the speaker label holds words of the sentence (a verb, a pronoun);
      wrong: another speaker, split by whether the gold source is a pronoun or descriptor
      the gold resolves only to the article's named sources (unresolved) or a name.
    """
    got = miss["got"]
    want = miss["want"]
    if got is None:
        return "not found (quote split or lost)"
    if got == "narrator":
        return "not voiced (narrator reads it)"
    words = {w.lower().strip(".,") for w in re.findall(r"[\w'.-]+", got)}
    if words & {"said", "says", "told", "wrote", "reads", "filed", "this", "that", "also"}:
        return "label holds sentence words"
    if want.lower() in _PRONOUNS or want[:1].islower():
        return "wrong speaker (gold source a pronoun/descriptor)"
    return "wrong speaker (gold source named)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("TALKINGPAPER_SHARED", ROOT.parent / "shared")),
    )
    ap.add_argument(
        "--polnear-dev",
        type=Path,
        default=Path(os.environ.get("POLNEAR_DEV_GOLD", ROOT.parent / "polnear-gold-dev")),
    )
    ap.add_argument(
        "--only",
        nargs="*",
        default=None,
        help="rows to run: fixtures polnear text html speed (default all)",
    )
    ap.add_argument("--misses", type=Path, help="write PolNeAR dev misses as JSON lines here")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    tools = args.shared / "tools"
    if not (tools / "score_script.py").exists():
        print(f"the shared scorers are not at {tools}: give --shared DIR", file=sys.stderr)
        return 2
    rows = args.only or ["fixtures", "polnear", "text", "html", "speed"]
    scorer = _load(tools / "score_script.py")
    table: list[tuple[str, str]] = []
    causes: Counter[str] = Counter()
    if "fixtures" in rows:
        total, _ = score_gold_dir(scorer, args.shared / "fixtures" / "articles", args.jobs)
        table.append(("shared fixtures", total))
    if "polnear" in rows:
        if args.polnear_dev.is_dir():
            total, details = score_gold_dir(scorer, args.polnear_dev, args.jobs)
            table.append(("PolNeAR dev", total))
            table.append(("PolNeAR dev, cleaning", body_dropped(details)))
            lines = []
            for item in details:
                for miss in item["result"]["details"]["misattributed"]:
                    cause = miss_cause(miss, item["script"])
                    causes[cause] += 1
                    lines.append(json.dumps({"article": item["article"], "cause": cause, **miss}))
            if args.misses:
                args.misses.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            table.append(
                (
                    "PolNeAR dev",
                    f"skipped: no gold at {args.polnear_dev} "
                    "(shared/tools/polnear_gold.py makes it)",
                )
            )
    extraction = _load(tools / "score_extraction.py")
    for kind in ("text", "html"):
        if kind in rows:
            table.append(
                (
                    f"extraction, page {kind}" if kind == "text" else "extraction, HTML",
                    score_extraction(extraction, kind, args.jobs),
                )
            )
    if "speed" in rows:
        table.extend(speed_rows())
    width = max(len(name) for name, _ in table)
    for name, total in table:
        print(f"{name:{width}}  {total.removeprefix('TOTAL ')}")
    if causes:
        print("\nPolNeAR dev misses by cause:")
        for cause, count in causes.most_common():
            print(f"  {count:4d}  {cause}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
