"""The command line: a thin click layer over the tts and feeds libraries."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from feeds.errors import FeedError
from talkingpaper.errors import UserError
from tts.errors import TTSError

USER_ERRORS = (UserError, TTSError, FeedError)


def _fail(exc: BaseException) -> NoReturn:
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


@contextmanager
def user_errors() -> Iterator[None]:
    """Print a user's mistake as one line and exit 1; never a traceback for those."""
    try:
        yield
    except USER_ERRORS as exc:
        _fail(exc)
    except OSError as exc:  # a full disk, a read-only folder: name the file
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(UserError(f"{where}{exc.strerror or exc}"))


show_option = click.option(
    "--show",
    "show_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The show folder (holds show.toml, content/, output/).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="talkingpaper")
def main() -> None:
    """Turn news articles into a multi-voice podcast.

    Example: talkingpaper build && talkingpaper serve
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@show_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@click.option(
    "--bulletin", metavar="NAME", help="Put all the articles in one episode, a chapter each."
)
def build(paths: tuple[Path, ...], show_dir: Path, quiet: bool, bulletin: str | None) -> None:
    """Make an episode of every article in content/ (or of PATHS), then the feed.

    Each article becomes output/episodes/SLUG.mp3; output/feed.xml lists every episode.
    Only articles whose script or settings changed are rebuilt.

    Example: talkingpaper build content/npr-freed-labor-activists.txt

    Example: talkingpaper build --bulletin "Morning edition"
    """
    from talkingpaper.build import build_show
    from talkingpaper.show import load_show

    started = time.monotonic()
    with user_errors():
        show = load_show(show_dir)
        report = build_show(show, list(paths) or None, quiet=quiet, warn=_warn, bulletin=bulletin)
    if not quiet:
        seconds = time.monotonic() - started
        click.echo(
            f"{len(report.built)} built, {len(report.unchanged)} unchanged, "
            f"{len(report.failed)} failed in {seconds:.1f} s; feed: {report.feed}",
            err=True,
        )
    if report.failed:
        sys.exit(1)


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


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
@show_option
def script(path: str, fmt: str, show_dir: Path) -> None:
    """Print the script of the article at PATH: its segments and who speaks each.

    Example: talkingpaper script content/npr-freed-labor-activists.txt --format json
    """
    from talkingpaper.show import load_show
    from tts.text.pipeline import script_from_source

    with user_errors():
        show = load_show(show_dir)
        result = script_from_source(path, captions=show.captions, keep=show.keep)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
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
def init(directory: Path, title: str | None) -> None:
    """Make a new show folder: show.toml, content/ and output/.

    Example: talkingpaper init ~/my-paper --title "My Paper"
    """
    from talkingpaper.show import init_show

    with user_errors():
        path = init_show(directory, title)
    click.echo(f"made {path}; put articles in {directory / 'content'} and run talkingpaper build")


@main.command()
@click.option("--engine", default="pyttsx3", show_default=True, help="The speech engine.")
@click.option("--language", default="en", show_default=True, help="Only voices for this language.")
def voices(engine: str, language: str) -> None:
    """List the voices the engine offers (use an ID in show.toml or a script).

    Example: talkingpaper voices --language en
    """
    from tts.engines import get_engine

    with user_errors():
        found = get_engine(engine).voices()
    for voice in found:
        if language and not (voice.language or "").lower().startswith(language.lower()):
            continue
        click.echo(f"{voice.id:28} {voice.gender or '-':7} {voice.language or '-':10} {voice.name}")


if __name__ == "__main__":
    main()
