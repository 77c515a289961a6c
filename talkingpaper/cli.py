"""The command line: a thin click layer over the tts and feeds libraries."""

from __future__ import annotations

import json
import sys

import click

from talkingpaper.errors import UserError
from tts.errors import TTSError


def _fail(exc: Exception) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


@click.group()
@click.version_option(package_name="talkingpaper")
def main() -> None:
    """Turn news articles into a multi-voice podcast."""


@main.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text",
              show_default=True, help="json: the editable script (SCRIPT_FORMAT.md)")
def script(path: str, fmt: str) -> None:
    """Print the script of the article at PATH.

    Example: talkingpaper script content/npr-freed-labor-activists.txt --format json
    """
    from tts.text.pipeline import script_from_source

    try:
        result = script_from_source(path)
    except (UserError, TTSError) as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for seg in result.segments:
            label = "" if seg.speaker == "narrator" else f"[{seg.speaker}] "
            click.echo(f"{label}{seg.text}")


@main.command()
def normalize() -> None:
    """Read sentences on standard input, one a line; print each one's spoken form.

    Example: echo 'On Aug. 6, 2018, $4.5 billion.' | talkingpaper normalize
    """
    from tts.text.normalize import normalize as to_spoken

    out = sys.stdout
    for line in sys.stdin:
        out.write(to_spoken(line.rstrip("\n")) + "\n")
