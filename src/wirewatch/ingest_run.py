"""Ingest into the store: read, skip what is unchanged, run the pipeline, write in batches."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from wirewatch.ingest import IngestProblem, read_inputs
from wirewatch.model import Document
from wirewatch.pipeline import DocumentFailure, Pipeline, run_pipeline
from wirewatch.settings import Settings
from wirewatch.store import Store

# Documents per write transaction: big enough to amortise DuckDB's per-statement cost,
# small enough that a kill loses little work (what is committed is kept).
WRITE_BATCH = 256


@dataclass
class IngestSummary:
    """What an ingest run did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.new + self.updated + self.unchanged + self.rejected


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    settings: Settings | None = None,
    on_item: Callable[[IngestSummary], None] | None = None,
    pipeline: Pipeline | None = None,
) -> IngestSummary:
    """Store every document under ``paths``; bad input is recorded in the store and skipped.

    Pass a ``pipeline`` built once to reuse its loaded models across calls.
    """
    settings = settings or Settings()
    stages = ",".join(settings.stages)
    known = store.content_hashes()
    summary = IngestSummary()
    status: dict[str, str] = {}
    problems: list[dict[str, object]] = []

    def note_problem(problem: dict[str, object], text: str) -> None:
        summary.rejected += 1
        problems.append(problem)
        summary.problems.append(text)
        if on_item:
            on_item(summary)

    def to_process() -> Iterator[Document]:
        for item in read_inputs(paths, settings.max_bytes):
            if isinstance(item, IngestProblem):
                note_problem(
                    {
                        "path": item.path,
                        "line": item.line,
                        "code": item.code,
                        "message": item.message,
                        "stage": "read",
                    },
                    str(item),
                )
                continue
            previous = known.get(item.id)
            if previous is not None and previous == (item.content_hash, stages):
                summary.unchanged += 1
                if on_item:
                    on_item(summary)
                continue
            status[item.id] = "updated" if previous is not None else "new"
            yield item

    pending: list[Document] = []
    try:
        for result in run_pipeline(to_process(), settings, pipeline):
            if isinstance(result, DocumentFailure):
                note_problem(
                    {
                        "path": result.source,
                        "doc_id": result.doc_id,
                        "stage": result.stage,
                        "code": result.code,
                        "message": result.message,
                    },
                    f"{result.source or result.doc_id}: [{result.code}] {result.message}",
                )
                continue
            pending.append(result)
            if len(pending) >= WRITE_BATCH:
                _flush(store, pending, settings, summary, status, known, stages)
            if on_item:
                on_item(summary)
    finally:
        # On Ctrl-C the finished batch is still written; the rest is picked up by a rerun.
        _flush(store, pending, settings, summary, status, known, stages)
        store.record_errors(problems)
    return summary


def _flush(
    store: Store,
    pending: list[Document],
    settings: Settings,
    summary: IngestSummary,
    status: dict[str, str],
    known: dict[str, tuple[str, str]],
    stages: str,
) -> None:
    if not pending:
        return
    store.write_documents(pending, settings.stages)
    for doc in pending:
        if status.get(doc.id) == "updated" or doc.id in known:
            summary.updated += 1
        else:
            summary.new += 1
        known[doc.id] = (doc.content_hash, stages)
    pending.clear()
