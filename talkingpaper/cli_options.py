"""What the commands of the command line share: the --show option, a warning line, the
choice of engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


# Show.engine, written here so that `--help` and a warm build need not load the show's
# modules (a test holds the two equal).
DEFAULT_ENGINE = "pyttsx3"


class EngineChoice(click.Choice):  # type: ignore[type-arg]
    """--engine's choices, read from tts.engines only when needed: that import loads every
    engine's module (about 20 ms), which a build with nothing to do never needs. So a
    value is checked by `checked_engine`, when the build has work to do (an unknown
    engine never made a build, so it can never match a warm build's stamp)."""

    def __init__(self) -> None:
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        from tts.engines import ENGINES

        return ENGINES

    @choices.setter
    def choices(self, _: object) -> None:
        pass  # click's own __init__ sets them; they are read above instead

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return value


def checked_engine(engine: str | None) -> str | None:
    """The --engine value, or click's usual error for one that is not an engine's name."""
    if engine is None:
        return None
    ctx = click.get_current_context()
    param = next(p for p in ctx.command.params if p.name == "engine")
    return str(click.Choice.convert(EngineChoice(), engine, param, ctx))
