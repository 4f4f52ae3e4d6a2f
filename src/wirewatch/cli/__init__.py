"""The ``wirewatch`` command line: thin click commands over the Python API."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click
from rich.console import Console

from wirewatch.errors import WirewatchError

console = Console(stderr=True)
# Wide enough for the evaluate tables when output goes to a file or a pipe.
out = Console(width=None if sys.stdout.isatty() else 120)
F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(fn: F) -> F:
    """Turn library errors into one clean line and exit code 2 (no traceback)."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except WirewatchError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo(
                "interrupted: everything committed so far is kept; run again to finish", err=True
            )
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wirewatch")
def main() -> None:
    """wirewatch: who did what to whom, when and where — from news in any language."""


def _register() -> None:
    from wirewatch.cli import analyze_cmd, demo_cmd, kb_cmd, store_cmd

    for module in (analyze_cmd, store_cmd, kb_cmd, demo_cmd):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
