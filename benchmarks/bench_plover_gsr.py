"""Event typing (and roles) on the PLOVER gold standard records (English, CC BY-SA 4.0).

    .venv/bin/python benchmarks/bench_plover_gsr.py [--gsr PATH] [--no-parse] [--show N]

Each record's sentence becomes a document (published 2000-01-01); its SRC/TAR actor texts become
mentions (canonical = the text), so typing is measured with ideal entities. The records use an
older PLOVER draft: DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT.
Prints: coverage (records with >= 1 event), type accuracy (first event's type), accuracy among
covered records, actor and recipient accuracy among correctly typed records.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from wirewatch.model import Document, Mention
from wirewatch.stages.events import EventStage

DEFAULT_GSR = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "benchmarks"
    / "plover_gsr"
    / "PLOVER_GSR_CAMEO.txt"
)
OLD_TO_NEW = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


def _actors(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText")]


def build(record: dict[str, Any], nlp: Any) -> Document:
    text = record["text"]
    doc = Document(id=record["id"], raw_text=text, text=text, language="en", published="2000-01-01")
    if nlp is not None:
        doc = nlp(doc)
    # longest first, no overlaps: "Palestinian Islamic Jihad" and its word "Palestinian" are
    # one mention (iterating a set made the result depend on the hash seed)
    taken: list[tuple[int, int]] = []
    actors = set(_actors(record.get("source")) + _actors(record.get("target")))
    for actor in sorted(actors, key=lambda a: (-len(a), a)):
        pos = text.find(actor)
        end = pos + len(actor)
        if pos >= 0 and not any(pos < b and a < end for a, b in taken):
            taken.append((pos, end))
            doc.mentions.append(Mention(actor, pos, end, "ORG", canonical=actor))
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def _as_list(value: Any) -> list[str]:
    return value if isinstance(value, list) else ([value] if value else [])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gsr", type=Path, default=DEFAULT_GSR)
    ap.add_argument("--no-parse", action="store_true", help="positional roles only")
    ap.add_argument("--show", type=int, default=0, help="print N mistyped records")
    args = ap.parse_args()
    if not args.gsr.exists():
        print(f"{args.gsr} not found (../shared is optional)", file=sys.stderr)
        return 1
    records = [
        r
        for r in json.loads(args.gsr.read_text(encoding="utf-8"))
        if r.get("event") not in (None, "DOCUMENT") and r.get("text")
    ]
    nlp = None
    if not args.no_parse:
        from wirewatch.stages.nlp import NlpStage

        nlp = NlpStage()
    stage = EventStage(classifier=None)
    covered = correct = actor_ok = rec_ok = with_rec = 0
    per_type: Counter[str] = Counter()
    per_type_ok: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    shown = 0
    start = time.perf_counter()
    for r in records:
        gold = OLD_TO_NEW.get(r["event"], r["event"])
        events = stage(build(r, nlp)).events
        per_type[gold] += 1
        if not events:
            confusion[(gold, "-")] += 1
            continue
        covered += 1
        ev = events[0]
        if ev.type != gold:
            confusion[(gold, ev.type)] += 1
            if shown < args.show:
                print(f"{gold:>9} -> {ev.type:<9} [{ev.trigger}] {r['text'][:110]}")
                shown += 1
            continue
        correct += 1
        per_type_ok[gold] += 1
        src, tar = _actors(r.get("source")), _actors(r.get("target"))
        actor_ok += bool(set(src) & set(_as_list(ev.actor))) or (not src and not ev.actor)
        if tar:
            with_rec += 1
            rec_ok += bool(set(tar) & set(_as_list(ev.recipient)))
    n = len(records)
    took = time.perf_counter() - start
    print(
        f"records {n}  coverage {covered / n:.3f}  type accuracy {correct / n:.3f}  "
        f"accuracy when covered {correct / max(covered, 1):.3f}"
    )
    print(
        f"actor accuracy {actor_ok / max(correct, 1):.3f}  recipient accuracy "
        f"{rec_ok / max(with_rec, 1):.3f} (of correctly typed)  {took:.1f}s"
    )
    for t in sorted(per_type):
        print(f"  {t:<10} {per_type_ok[t]:>3}/{per_type[t]:<3}")
    print("most common confusions:", confusion.most_common(8))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
