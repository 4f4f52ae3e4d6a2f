"""Regression floors on the shared dev data (skipped when ../shared is absent)."""

from __future__ import annotations

import json
import re

import pytest
from events_helpers import make_doc

from shared_data import gold_files, shared_path
from wirewatch.stages.events import EventStage
from wirewatch.stages.events_lexicon import load_event_lexicons

# Share of English gold evidence snippets typed correctly on their own (ideal mentions);
# measured 0.88 when written; the floor leaves room for lexicon changes.
MIN_EVIDENCE_TYPE_ACCURACY = 0.75
ADVICE = re.compile(r"\b(should|must|ought to|needs? to|it is time)\b", re.I)


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage(load_event_lexicons(["en"]), classifier=None)


def _actors(gold: dict) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [(m, e["canonical"], e["type"]) for e in gold["entities"] for m in set(e["mentions"])]


@pytest.mark.shared
def test_english_gold_evidence_is_typed(stage: EventStage) -> None:
    files = gold_files()
    if not files:
        pytest.skip("../shared not present")
    total = correct = 0
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["language"] != "en":
            continue
        for ev in gold["events"]:
            text = ev["evidence"].rstrip(".") + "."
            doc = make_doc(text, published=gold.get("published"), actors=_actors(gold))
            total += 1
            correct += any(e.type == ev["type"] for e in stage(doc).events)
    assert total and correct / total >= MIN_EVIDENCE_TYPE_ACCURACY


@pytest.mark.shared
@pytest.mark.parametrize("name", ["002_36c4457fcfdffb84.txt", "004_ba0d1f7edb4551af.txt"])
def test_policy_advice_in_opinion_seeds_is_not_coded(stage: EventStage, name: str) -> None:
    text = shared_path("seeds", name).read_text(encoding="utf-8")
    advice = [s for s in re.split(r"(?<=[.!?])\s+", text) if ADVICE.search(s)]
    assert advice
    coded = [s for s in advice if stage(make_doc(s)).events]
    assert coded == []
