"""Helpers for KB tests: write a user KB file and load it."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def kb_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write dedented YAML text to a fresh file and return its path."""
    counter = {"n": 0}

    def write(text: str) -> Path:
        counter["n"] += 1
        path = tmp_path / f"user{counter['n']}.yaml"
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write
