"""Options shared by the commands that run the pipeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from wirewatch.cli import console
from wirewatch.errors import ConfigError
from wirewatch.settings import ALL_STAGES, Settings


def pipeline_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--stages, --kb, --workers, --batch-size, --max-bytes."""
    for option in reversed(
        [
            click.option(
                "--stages",
                default=",".join(ALL_STAGES),
                show_default=True,
                help="Comma-separated pipeline stages to run, in order.",
            ),
            click.option(
                "--kb",
                "kb_paths",
                multiple=True,
                type=click.Path(path_type=Path),
                help="Extra knowledge-base YAML file (repeatable).",
            ),
            click.option(
                "--workers",
                default=1,
                show_default=True,
                type=click.IntRange(1, 64),
                help="Worker processes.",
            ),
            click.option(
                "--batch-size", default=64, show_default=True, type=click.IntRange(1, 10_000)
            ),
            click.option(
                "--max-bytes",
                default=20 * 1024 * 1024,
                show_default=True,
                type=click.IntRange(1),
                help="Reject files larger than this.",
            ),
        ]
    ):
        fn = option(fn)
    return fn


def settings_from(options: dict[str, Any]) -> Settings:
    """Build Settings from the pipeline options, rejecting unknown stage names."""
    stages = tuple(s.strip() for s in str(options["stages"]).split(",") if s.strip())
    unknown = [s for s in stages if s not in ALL_STAGES]
    if unknown:
        raise ConfigError(
            f"unknown stage(s) {', '.join(unknown)}", fix=f"choose from {', '.join(ALL_STAGES)}"
        )
    return Settings(
        stages=stages,
        kb_paths=tuple(options.get("kb_paths") or ()),
        workers=int(options["workers"]),
        batch_size=int(options["batch_size"]),
        max_bytes=int(options["max_bytes"]),
    )


def progress() -> Progress:
    """A progress bar on stderr (hidden when stderr is not a terminal)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
