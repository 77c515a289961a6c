"""What every command of the command line shares: the --show option and a warning line."""

from __future__ import annotations

from pathlib import Path

import click

show_option = click.option(
    "--show",
    "show_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The show folder (holds show.toml, content/, output/).",
)


def warn_line(message: str) -> None:
    click.echo(f"warning: {message}", err=True)
