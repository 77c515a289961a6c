"""The command line: a thin click layer over the tts and feeds libraries."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from talkingpaper.cli_errors import plain_warnings, user_errors
from talkingpaper.cli_options import (
    DEFAULT_ENGINE,
    EngineChoice,
    checked_engine,
    show_option,
    warn_line,
)
from talkingpaper.cli_sources import SOURCE_COMMANDS
from talkingpaper.errors import UserError
from talkingpaper.worker_command import worker_command


class _Commands(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        plain_warnings()
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # Every writer renames whole files into place, so nothing is left half-written.
            click.echo(
                "\ninterrupted: what was finished is kept and nothing is half-written; run the "
                "command again to continue",
                err=True,
            )
            sys.exit(130)  # 128 + SIGINT, as shells report it


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="talkingpaper")
def main() -> None:
    """Turn news articles into a multi-voice podcast.

    Example: talkingpaper build && talkingpaper serve
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@show_option
@click.option(
    "--quiet",
    "-q",
    count=True,
    help="No progress bars (-q); not even the summary line (-qq). Bars are only drawn on a "
    "terminal anyway.",
)
@click.option(
    "--bulletin", metavar="NAME", help="Put all the articles in one episode, a chapter each."
)
@click.option(
    "--engine",
    type=EngineChoice(),
    help="The speech engine (default: show.toml's [voices] engine).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes that speak at once (default: one per core).",
)
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The date of the episodes made (YYYY-MM-DD); kept by later builds.",
)
@click.option("--prune", is_flag=True, help="Remove the episodes whose articles left content/.")
@click.option("--cluster", metavar="tcp://HOST:8786", help="Speak on a dask cluster's workers.")
def build(
    paths: tuple[Path, ...],
    show_dir: Path,
    quiet: int,
    bulletin: str | None,
    engine: str | None,
    jobs: int | None,
    day: datetime | None,
    prune: bool,
    cluster: str | None,
) -> None:
    """Make an episode of every article in content/ (or of PATHS), then the feed.

    Each article becomes output/episodes/SLUG.mp3; output/feed.xml lists every episode.
    Only articles whose script or settings changed are rebuilt.

    Example: talkingpaper build content/npr-freed-labor-activists.txt

    Example: talkingpaper build --bulletin "Morning edition"
    """
    from talkingpaper.cli_summary import say_summary, stopped_early
    from talkingpaper.warm_build import Options

    started = time.monotonic()
    options = Options(paths, bulletin, engine, day.date().isoformat() if day else None, prune)
    if stopped_early(show_dir, options, quiet, started):  # nothing changed since the last build
        return
    from dataclasses import replace

    from talkingpaper.build import build_show
    from talkingpaper.build_stamp import Stamping
    from talkingpaper.show import load_show

    engine = checked_engine(engine)
    with user_errors():
        stamping = Stamping(show_dir, options, warn_line)  # before the build reads anything
        show = load_show(show_dir, required=True)
        if engine:
            show = replace(show, engine=engine)
        show = replace(show, cluster=cluster or show.cluster)
        with stamping.watching():
            report = build_show(
                show, list(paths) or None, quiet=quiet > 0, warn=stamping.warn,
                bulletin=bulletin, jobs=jobs, day=day.date() if day else None, prune=prune,
                finished=stamping.finished,
            )  # fmt: skip
    if quiet < 2:
        built, failed, removed = len(report.built), len(report.failed), len(report.removed)
        say_summary(started, built, len(report.unchanged), failed, removed, report.feed)
    if report.failed:
        sys.exit(1)


@main.command()
@click.argument("path")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="text",
    show_default=True,
    help="json: the editable script (SCRIPT_FORMAT.md); text: for reading.",
)
@click.option("--explain", is_flag=True, help="Also list every line cleaning dropped, and why.")
@show_option
def script(path: str, fmt: str, explain: bool, show_dir: Path) -> None:
    """Print the script of PATH (a file or a URL): its segments and who speaks each.

    Example: talkingpaper script content/npr-freed-labor-activists.txt --format json

    Example: talkingpaper script content/npr-freed-labor-activists.txt --explain
    """
    from talkingpaper.show import load_show
    from tts.prepare import speak_script
    from tts.text.pipeline import article_from_source
    from tts.text.script import script_article

    with user_errors():
        show = load_show(show_dir)
        article = article_from_source(
            path, captions=show.captions, keep=show.keep, embeds=show.embeds
        )
        script = script_article(article, announce_caption=show.captions == "announce")
        result = speak_script(script, show.reading)  # with the show's lexicon, as a build
    if fmt == "json":
        data = result.to_dict()
        if explain:
            data["dropped"] = [{"rule": c.rule, "text": c.text} for c in article.dropped]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if explain:
        click.echo(f"Cleaning dropped {len(article.dropped)} lines:")
        for cut in article.dropped:
            click.echo(f"  [{cut.rule}] {cut.text}")
        click.echo("To keep one, add it to [cleaning] keep in show.toml.\n")
    for seg in result.segments:
        label = "" if seg.speaker == "narrator" else f"[{seg.speaker}] "
        kind = f"({seg.kind}) " if seg.kind in ("headline", "caption", "announcement") else ""
        click.echo(f"{kind}{label}{seg.text}")


@main.command()
def normalize() -> None:
    """Read sentences on standard input, one a line; print each one's spoken form.

    Example: echo 'On Aug. 6, 2018, it cost $4.5 billion.' | talkingpaper normalize
    """
    from tts.text.normalize import normalize as to_spoken

    write: Callable[[str], Any] = sys.stdout.write
    for line in sys.stdin:
        write(to_spoken(line.rstrip("\n")) + "\n")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The show's title (default: the folder's name).")
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="The show's language (BCP-47): its announcements and its articles' default.",
)
def init(directory: Path, title: str | None, language: str) -> None:
    """Make a new show folder: show.toml, content/ and output/.

    Example: talkingpaper init ~/my-paper --title "My Paper"

    Example: talkingpaper init ~/noticias --title "Noticias" --language es
    """
    from talkingpaper.show import init_show

    with user_errors():
        path = init_show(directory, title, language)
    click.echo(f"made {path}; put articles in {directory / 'content'} and run talkingpaper build")


@main.command()
@click.option("--engine", default=DEFAULT_ENGINE, show_default=True, help="The speech engine.")
@click.option("--language", default="en", show_default=True, help="Only voices for this language.")
def voices(engine: str, language: str) -> None:
    """List the voices the engine offers (use an ID in show.toml or a script).

    Example: talkingpaper voices --language en
    """
    from tts.engines import get_engine

    with user_errors():
        found = get_engine(engine).voices()
        chosen = [
            v for v in found if (v.language or "").lower().startswith(language.lower())
        ]  # every voice when no language is given
        if not chosen:
            languages = sorted({(v.language or "").split("-")[0] for v in found} - {""})
            raise UserError(
                f"{engine} has no voice for {language!r}; its languages: {', '.join(languages)}"
            )
    for voice in chosen:
        click.echo(f"{voice.id:28} {voice.gender or '-':7} {voice.language or '-':10} {voice.name}")


@main.command()
@click.argument("url")
@show_option
@click.option("--force", is_flag=True, help="Replace an article of the same name.")
def add(url: str, show_dir: Path, force: bool) -> None:
    """Fetch the article at URL and save it into content/ with its metadata.

    Example: talkingpaper add https://www.example.org/news/2024/bridge-vote
    """
    from talkingpaper.adding import add_article
    from talkingpaper.show import load_show

    with user_errors():
        show = load_show(show_dir, required=True)
        path = add_article(show, url, overwrite=force)
    click.echo(f"saved {path}; build it with: talkingpaper build {path}")


@main.command()
@show_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="0.0.0.0 lets a phone on this network connect.")  # fmt: skip
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", help="A secret path prefix: a private feed at /TOKEN/feed.xml.")
@click.option("--quiet", "-q", is_flag=True, help="No line per request.")
def serve(show_dir: Path, host: str, port: int, token: str | None, quiet: bool) -> None:
    """Serve output/ so a podcast app can subscribe (byte ranges, ETags, HEAD).

    The feed's links follow the address each app connects to, token included; show.toml
    needs no edit (a public https base_url is served as built).

    Example: talkingpaper serve --host 0.0.0.0 --port 8000
    """
    from feeds.serve import serve as run
    from talkingpaper.show import load_show

    with user_errors():
        show = load_show(show_dir, required=True)
        run(
            show.output, host, port, token, announce=lambda m: click.echo(m, err=True),
            quiet=quiet, published_base=show.base_url,
        )  # fmt: skip


@main.command()
@click.argument("targets", nargs=-1, required=True, metavar="SLUG|ARTICLE...")
@show_option
def remove(targets: tuple[str, ...], show_dir: Path) -> None:
    """Take episodes out of the show: out of the feed and the pages, their files deleted.

    Each article is moved to content/.removed/ (so no build makes it again); the voices of
    speakers no other episode quotes are freed.

    Example: talkingpaper remove bridge-vote
    """
    from talkingpaper.build import publish
    from talkingpaper.lifecycle import find_episode, remove_episode
    from talkingpaper.output import build_lock
    from talkingpaper.show import load_show

    with user_errors():
        show = load_show(show_dir, required=True)
        with build_lock(show.output):
            episodes = [find_episode(show, target) for target in targets]  # all found first
            for episode in episodes:
                removal = remove_episode(show, episode)
                moved = "".join(f"; article moved to {a}" for a in removal.articles)
                click.echo(f"removed {episode.slug}: {len(removal.files)} files{moved}")
            publish(show)


@main.command()
@show_option
@click.option(
    "--server", metavar="URL", help="Also check a running server, e.g. http://127.0.0.1:8000/"
)
def check(show_dir: Path, server: str | None) -> None:
    """Check the feed, episodes and server against podcast apps' rules.

    Each problem is printed with its rule id and the fix; the exit status is 1 on errors.

    Example: talkingpaper check --server http://127.0.0.1:8000/
    """
    from feeds.check import Targets, check_output, format_finding
    from talkingpaper.show import load_show

    with user_errors():
        show = load_show(show_dir, required=True)
        if not (show.output / "feed.xml").exists():
            raise UserError(f"{show.output / 'feed.xml'} does not exist; run talkingpaper build")
        targets = Targets(loudness=show.loudness, sample_rate=show.sample_rate, rate=show.rate)
        findings = check_output(show.output, show.base_url + "feed.xml", server, targets=targets)
    for finding in findings:
        click.echo(format_finding(finding))
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    click.echo(f"{errors} errors, {warnings} warnings", err=True)
    if errors:
        sys.exit(1)


@main.command()
@click.argument("text")
@show_option
@click.option("--voice", help="A voice id (default: the show's narrator).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a WAV file instead of playing it.")  # fmt: skip
def say(text: str, show_dir: Path, voice: str | None, out: Path | None) -> None:
    """Speak TEXT at once, normalised and with the show's lexicon, to hear a word.

    Example: talkingpaper say "Xi Jinping met Sen. Warren on Aug. 6, 2018."
    """
    import shutil
    import subprocess
    import tempfile

    from talkingpaper.show import load_show
    from tts.engines import get_engine
    from tts.prepare import spoken_form

    with user_errors():
        if not text.strip():
            raise UserError('nothing to say: give a word or a sentence, e.g. talkingpaper say "Xi"')
        show = load_show(show_dir)
        spoken = spoken_form(text, show.reading)
        click.echo(spoken, err=True)
        engine = get_engine(show.engine)
        with tempfile.TemporaryDirectory() as tmp:
            target = out or Path(tmp) / "say.wav"
            engine.synthesize(spoken, voice or show.narrator_voice, show.rate, target)
            if out:
                click.echo(f"wrote {out}", err=True)
                return
            player = shutil.which("aplay") or shutil.which("ffplay") or shutil.which("afplay")
            if not player:
                raise UserError("no audio player found (aplay, ffplay); use --out FILE.wav")
            args = [player, "-nodisp", "-autoexit"] if player.endswith("ffplay") else [player]
            played = subprocess.run([*args, str(target)], check=False, capture_output=True)
            if played.returncode != 0:
                said = played.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
                raise UserError(
                    f"{Path(player).name} could not play the sound ({said[0]}); check the "
                    "sound device, or write it to a file with --out FILE.wav"
                )


main.add_command(worker_command)  # talkingpaper worker: in its own module
for _command in SOURCE_COMMANDS:  # follow, unfollow, sources, update: in their own module
    main.add_command(_command)

if __name__ == "__main__":
    main()
