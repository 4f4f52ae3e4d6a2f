"""Train the Indonesian NER CRF on idner_news_2k (MIT) and write it as package data.

Usage: .venv/bin/python scripts/train_idner_crf.py [--data ../shared/benchmarks/idner_news_2k]
The training data stays in ../shared; only the model ships (src/wirewatch/data/ner/).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pycrfsuite

from wirewatch.stages.ner_fallback import crf_features, crf_model_path

# L1/L2 weights picked by a small grid on dev.txt (c1 in {0.05,0.1,0.3}, c2 in {0.01,0.1}; best dev F1 0.818).
C1 = 0.05
C2 = 0.01
MAX_ITER = 200


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences as (words, BIO tags) from a three-column CoNLL file."""
    sents: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(parts[-1])
    if words:
        sents.append((words, tags))
    return sents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("../shared/benchmarks/idner_news_2k"))
    ap.add_argument("--out", type=Path, default=crf_model_path())
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    args = ap.parse_args()
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in read_conll(args.data / "train.txt"):
        trainer.append([crf_features(words, i) for i in range(len(words))], tags)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": MAX_ITER,
            "feature.possible_transitions": True,
        }
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
