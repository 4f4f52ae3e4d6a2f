"""One frozen settings object, built once and handed to the pipeline and the store."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = "wirewatch.duckdb"
# genre runs before events: the event stage is stricter in opinion pieces.
ALL_STAGES = ("clean", "language", "nlp", "genre", "entities", "events")


@dataclass(frozen=True)
class Settings:
    """What a run needs to know; the CLI fills it from flags and environment."""

    stages: tuple[str, ...] = ALL_STAGES
    kb_paths: tuple[Path, ...] = ()
    batch_size: int = 64
    workers: int = 1
    max_bytes: int = 20 * 1024 * 1024


def default_db_path() -> Path:
    """``$WIREWATCH_DB`` if set, else ``./wirewatch.duckdb``."""
    return Path(os.environ.get("WIREWATCH_DB") or DEFAULT_DB)
