"""Shared fixtures: files built in tmp_path, temporary stores, one spaCy load per session.

Helpers that test modules import (paths into ../shared, light settings) live in
``shared_data.py``: several conftest.py files exist under tests/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from wirewatch.store import Store


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[..., Path]:
    """Write a file (text, or bytes as they are) under tmp_path/in; return its path."""

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store(db_path) as s:
        yield s


@pytest.fixture(scope="session")
def nlp_stage() -> Any:
    """spaCy loads once per session (~1 s)."""
    from wirewatch.stages.nlp import NlpStage

    return NlpStage()
