"""Paths into ../shared and the light pipeline settings, importable by any test module.

(A module of its own, not conftest.py: several conftest.py files exist under tests/, and
``from conftest import ...`` would pick whichever was imported first.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wirewatch.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
LIGHT = Settings(stages=("clean", "language"))


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (../shared is optional)")
    return path


def gold_files() -> list[Path]:
    """Every gold JSON of seeds/gold and corpus/gold (empty when ../shared is absent)."""
    return sorted(SHARED.glob("seeds/gold/*.json")) + sorted(SHARED.glob("corpus/gold/*.json"))


def article_for(gold: Path) -> Path:
    """The raw article a gold file describes."""
    folder = gold.parent.parent
    for candidate in (folder / f"{gold.stem}.txt", folder / "articles" / f"{gold.stem}.txt"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(gold.stem)


def load_gold(gold: Path) -> dict[str, Any]:
    return json.loads(gold.read_text(encoding="utf-8"))


# The fields SCHEMA.md requires in every analysis JSON.
SCHEMA_FIELDS = frozenset(
    {
        "id",
        "url",
        "outlet",
        "title",
        "published",
        "language",
        "genre",
        "policy_position",
        "text",
        "removed",
        "entities",
        "locations",
        "events",
    }
)
