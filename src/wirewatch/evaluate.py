"""Scoring analysis JSON against gold, exactly as SCHEMA.md describes.

Entities and locations: precision/recall/F1 of the sets of canonical names per
document, summed over documents. Events: a type-level match pairs a predicted
event with an unmatched gold event of the same type; a strict match also needs
the same actor and recipient (where gold gives one; lists share one name) and a
compatible date. Over type-matched pairs: date and location accuracy. Also
language, genre, and policy-position accuracy (opinion pieces). Names are compared
after case-folding and removing accents and punctuation.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirewatch.errors import GoldError

# Marks that sit inside a word ("Kata'ib", "U.S."): removed, so "Kataib" and "US" match.
# Other punctuation separates words, so "Al-Qaim" matches "Al Qaim".
_INWORD_MARKS = frozenset("'\u2018\u2019\u02bc`.")


def normalize_name(name: str) -> str:
    """Case-fold, strip accents and punctuation, collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    kept = []
    for ch in decomposed:
        cat = unicodedata.category(ch)
        if cat.startswith("M") or ch in _INWORD_MARKS:
            continue
        kept.append(" " if cat.startswith(("P", "S")) else ch)
    return " ".join("".join(kept).split())


def _names(value: Any) -> set[str]:
    if value is None:
        return set()
    values = value if isinstance(value, list) else [value]
    return {normalize_name(str(v)) for v in values if v is not None and str(v).strip()}


def _roles_match(gold: Any, pred: Any) -> bool:
    """Gold gives no name: anything goes. Else the lists must share one name."""
    g = _names(gold)
    return not g or bool(g & _names(pred))


def dates_compatible(gold: str | None, pred: str | None) -> bool:
    """Same day within one day; same month (or year) when either side gives only that."""
    if not gold or not pred:
        return not gold and not pred
    precision = min(len(gold), len(pred))
    if precision < 10:
        return gold[:precision] == pred[:precision]
    from datetime import date

    try:
        dg, dp = date.fromisoformat(gold[:10]), date.fromisoformat(pred[:10])
    except ValueError:
        return gold == pred
    return abs((dg - dp).days) <= 1


@dataclass
class Counts:
    """True positives, predicted and gold totals for one measure."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "pred": self.pred,
            "gold": self.gold,
        }


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1

    def merge(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_dict(self) -> dict[str, float | int | None]:
        v = self.value
        return {
            "accuracy": None if v is None else round(v, 4),
            "correct": self.correct,
            "total": self.total,
        }


COUNT_MEASURES = ("entities", "locations", "events_type", "events_strict")
ACCURACY_MEASURES = ("event_date", "event_location", "language", "genre", "policy_position")


@dataclass
class Scores:
    counts: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in COUNT_MEASURES})
    accuracies: dict[str, Accuracy] = field(
        default_factory=lambda: {m: Accuracy() for m in ACCURACY_MEASURES}
    )
    documents: int = 0
    missing: int = 0

    def merge(self, other: Scores) -> None:
        for m in COUNT_MEASURES:
            self.counts[m].add(other.counts[m])
        for m in ACCURACY_MEASURES:
            self.accuracies[m].merge(other.accuracies[m])
        self.documents += other.documents
        self.missing += other.missing

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"documents": self.documents, "missing_predictions": self.missing}
        out.update({m: c.as_dict() for m, c in self.counts.items()})
        out.update({m: a.as_dict() for m, a in self.accuracies.items()})
        return out


def _set_counts(gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]]) -> Counts:
    g = {normalize_name(str(e.get("canonical", ""))) for e in gold} - {""}
    p = {normalize_name(str(e.get("canonical", ""))) for e in pred} - {""}
    return Counts(len(g & p), len(p), len(g))


def _strict(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return (
        _roles_match(g.get("actor"), p.get("actor"))
        and _roles_match(g.get("recipient"), p.get("recipient"))
        and dates_compatible(g.get("date"), p.get("date"))
    )


def _match_events(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], strict: bool
) -> list[tuple[int, int]]:
    """Greedy matching in prediction order; among candidates prefer the closest gold event."""
    used: set[int] = set()
    pairs = []
    for pi, p in enumerate(pred):
        best, best_score = None, -1
        for gi, g in enumerate(gold):
            if gi in used or g.get("type") != p.get("type"):
                continue
            if strict and not _strict(g, p):
                continue
            score = (
                2 * _strict(g, p)
                + dates_compatible(g.get("date"), p.get("date"))
                + (
                    normalize_name(str(g.get("location") or ""))
                    == normalize_name(str(p.get("location") or ""))
                )
            )
            if score > best_score:
                best, best_score = gi, score
        if best is not None:
            used.add(best)
            pairs.append((best, pi))
    return pairs


def score_document(gold: dict[str, Any], pred: dict[str, Any] | None) -> Scores:
    """All measures for one document (a missing prediction counts as empty)."""
    s = Scores(documents=1, missing=int(pred is None))
    pred = pred or {}
    s.counts["entities"] = _set_counts(gold.get("entities", []), pred.get("entities", []))
    s.counts["locations"] = _set_counts(gold.get("locations", []), pred.get("locations", []))
    g_events, p_events = gold.get("events", []), pred.get("events", [])
    type_pairs = _match_events(g_events, p_events, strict=False)
    strict_pairs = _match_events(g_events, p_events, strict=True)
    s.counts["events_type"] = Counts(len(type_pairs), len(p_events), len(g_events))
    s.counts["events_strict"] = Counts(len(strict_pairs), len(p_events), len(g_events))
    for gi, pi in type_pairs:
        g, p = g_events[gi], p_events[pi]
        s.accuracies["event_date"].add(dates_compatible(g.get("date"), p.get("date")))
        s.accuracies["event_location"].add(_names(g.get("location")) == _names(p.get("location")))
    s.accuracies["language"].add(gold.get("language") == pred.get("language"))
    if gold.get("genre"):
        s.accuracies["genre"].add(gold.get("genre") == pred.get("genre"))
    if gold.get("genre") == "opinion":
        s.accuracies["policy_position"].add(
            gold.get("policy_position") == pred.get("policy_position")
        )
    return s


def _load_dir(path: Path, what: str) -> dict[str, dict[str, Any]]:
    if not path.is_dir():
        raise GoldError(
            f"{what} folder does not exist", str(path), "pass a folder of <id>.json files"
        )
    docs: dict[str, dict[str, Any]] = {}
    for file in sorted(path.glob("*.json")):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise GoldError(f"not valid JSON ({e})", str(file)) from e
        if not isinstance(data, dict):
            raise GoldError("expected one JSON object", str(file))
        docs[str(data.get("id") or file.stem)] = data
    return docs


@dataclass
class Evaluation:
    """Overall scores, scores per gold language, and per-document scores."""

    overall: Scores
    by_language: dict[str, Scores]
    by_document: dict[str, Scores]

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict(),
            "by_language": {k: v.as_dict() for k, v in sorted(self.by_language.items())},
            "non_english": self.group(lambda lang: lang != "en").as_dict(),
            "by_document": {k: v.as_dict() for k, v in sorted(self.by_document.items())},
        }

    def group(self, keep: Any) -> Scores:
        """Scores summed over the languages for which ``keep(lang)`` is true."""
        total = Scores()
        for lang, s in self.by_language.items():
            if keep(lang):
                total.merge(s)
        return total


def evaluate(gold_dir: str | Path, pred_dir: str | Path) -> Evaluation:
    """Score every gold document against the prediction with the same id."""
    gold = _load_dir(Path(gold_dir), "gold")
    pred = _load_dir(Path(pred_dir), "prediction")
    if not gold:
        raise GoldError("no gold .json files", str(gold_dir))
    overall, by_doc = Scores(), {}
    by_lang: defaultdict[str, Scores] = defaultdict(Scores)
    for doc_id, g in gold.items():
        s = score_document(g, pred.get(doc_id))
        by_doc[doc_id] = s
        overall.merge(s)
        by_lang[str(g.get("language") or "unknown")].merge(s)
    return Evaluation(overall, dict(by_lang), by_doc)
