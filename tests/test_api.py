"""The Python API's shared pipeline."""

from __future__ import annotations

import os
from pathlib import Path

from wirewatch.pipeline import shared_pipeline
from wirewatch.settings import Settings


def test_analyze_text_reuses_one_pipeline_per_settings() -> None:
    first = shared_pipeline(Settings(stages=("clean", "language")))
    assert shared_pipeline(Settings(stages=("clean", "language"))) is first
    assert shared_pipeline(Settings(stages=("clean",))) is not first


def test_a_changed_kb_file_rebuilds_the_pipeline(tmp_path: Path) -> None:
    kb = tmp_path / "extra.yaml"
    kb.write_text("version: 1\nentries: []\n", encoding="utf-8")
    settings = Settings(stages=("clean",), kb_paths=(kb,))
    first = shared_pipeline(settings)
    assert shared_pipeline(settings) is first
    os.utime(kb, (1, 1))
    assert shared_pipeline(settings) is not first
