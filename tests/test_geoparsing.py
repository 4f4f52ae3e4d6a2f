"""World geoparsing in English: toponym recognition F1 and accuracy within 161 km.

tests/data/geoparsing.yaml holds sentences written for this test with the toponyms a
geoparsing benchmark marks and their coordinates. Predicted toponyms are the mentions labelled
PLACE (coordinates from the document's location) or GPE (countries and states: coordinates
from the KB entry); demonym mentions ("Peruvian police") are not toponyms. A predicted mention
matches a gold toponym when the normalised names are equal or one contains the other
("Paris, Texas" / "Paris", "Everest" / "Mount Everest").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from wirewatch.gazetteer import distance_km
from wirewatch.kb.index import normalize_text
from wirewatch.model import Document
from wirewatch.pipeline import Pipeline
from wirewatch.settings import Settings

DATA = Path(__file__).parent / "data" / "geoparsing.yaml"
TOLERANCE_KM = 161.0
MIN_F1 = 0.70
MIN_WITHIN = 0.85

Point = tuple[float, float] | None


def predicted_places(pipeline: Pipeline, text: str) -> list[tuple[str, Point]]:
    """(surface, coordinates) of every toponym mention the pipeline finds."""
    doc = pipeline(Document(id="geo", raw_text=text, language="en"))
    kb = next(s for n, s in pipeline.stages if n == "entities").kb  # type: ignore[attr-defined]
    by_span = {tuple(sp): loc for loc in doc.locations for sp in loc.spans}
    out: list[tuple[str, Point]] = []
    for m in doc.mentions:
        if m.label not in ("PLACE", "GPE") or m.source == "demonym":
            continue
        loc = by_span.get((m.start, m.end))
        entry = kb.get(m.kb_id) if m.kb_id else None
        if loc is not None and loc.lat is not None and loc.lon is not None:
            out.append((m.text, (loc.lat, loc.lon)))
        elif entry is not None and entry.lat is not None and entry.lon is not None:
            out.append((m.text, (entry.lat, entry.lon)))
        elif (m.text, None) not in out and loc is None:
            out.append((m.text, None))
    return out


def _same(a: str, b: str) -> bool:
    x, y = normalize_text(a), normalize_text(b)
    return x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} "


def score(pipeline: Pipeline, cases: list[dict[str, Any]]) -> dict[str, Any]:
    tp = n_gold = n_pred = within = 0
    notes: list[str] = []
    for case in cases:
        gold = [(str(n), (float(la), float(lo))) for n, la, lo in case["places"]]
        pred = predicted_places(pipeline, case["text"])
        n_gold += len(gold)
        n_pred += len(pred)
        free = list(pred)
        for name, point in gold:
            hit = next((p for p in free if _same(p[0], name)), None)
            if hit is None:
                notes.append(f"missed {name!r} in {case['text'][:40]!r}")
                continue
            free.remove(hit)
            tp += 1
            km = distance_km(hit[1], point) if hit[1] else float("inf")
            if km <= TOLERANCE_KM:
                within += 1
            else:
                notes.append(f"{name!r} off by {km:.0f} km")
        notes.extend(f"extra {p[0]!r} in {case['text'][:40]!r}" for p in free)
    precision, recall = tp / max(n_pred, 1), tp / max(n_gold, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return {
        "f1": f1,
        "precision": precision,
        "recall": recall,
        "within": within / max(tp, 1),
        "notes": notes,
    }


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    pipeline = Pipeline(Settings(stages=("clean", "language", "nlp", "entities")))
    return score(pipeline, yaml.safe_load(DATA.read_text(encoding="utf-8")))


def test_recognition_f1(result: dict[str, Any]) -> None:
    assert result["f1"] >= MIN_F1, result


def test_within_161_km(result: dict[str, Any]) -> None:
    assert result["within"] >= MIN_WITHIN, result


def test_fixture_is_well_formed() -> None:
    cases = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert len(cases) >= 40
    for case in cases:
        for name, lat, lon in case["places"]:
            assert name.split(",")[0].split()[0] in case["text"], name
            assert -90 <= lat <= 90 and -180 <= lon <= 180
