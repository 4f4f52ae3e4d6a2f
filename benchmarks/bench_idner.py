"""Indonesian NER: entity-level P/R/F1 (PER, ORG, LOC) of the packaged CRF on idner dev.txt.

Usage: .venv/bin/python benchmarks/bench_idner.py [--data ../shared/benchmarks/idner_news_2k]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from train_idner_crf import read_conll  # noqa: E402

from wirewatch.stages.ner_fallback import CrfTagger, crf_model_path, spans_from_bio  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("../shared/benchmarks/idner_news_2k"))
    ap.add_argument("--split", default="dev.txt")
    args = ap.parse_args()
    tagger = CrfTagger(crf_model_path())
    counts: dict[str, list[int]] = {}
    for words, gold in read_conll(args.data / args.split):
        g = set(spans_from_bio(gold))
        p = set(spans_from_bio(tagger.tag(words)))
        for kind in ("PER", "ORG", "LOC"):
            c = counts.setdefault(kind, [0, 0, 0])
            gs = {s for s in g if s[2] == kind}
            ps = {s for s in p if s[2] == kind}
            c[0] += len(gs & ps)
            c[1] += len(ps)
            c[2] += len(gs)
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    for kind, (tp, np_, ng) in [*counts.items(), ("ALL", total)]:
        pr = tp / np_ if np_ else 0.0
        rc = tp / ng if ng else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        print(f"{kind:4} P={pr:.3f} R={rc:.3f} F1={f1:.3f} (gold {ng})")


if __name__ == "__main__":
    main()
