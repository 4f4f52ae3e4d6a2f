"""The pipeline runner: the one place that knows about batches and worker processes.

Stages are callables ``Document -> Document`` (optionally with a ``pipe`` method
for batches); they do no I/O, so the same stage objects can be mapped by a local
loop, a process pool or a distributed engine.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from wirewatch.errors import WirewatchError
from wirewatch.model import Document
from wirewatch.settings import ALL_STAGES, Settings


class Stage(Protocol):
    def __call__(self, doc: Document) -> Document: ...


@dataclass
class DocumentFailure:
    """A document a stage could not process; the batch goes on without it."""

    doc_id: str
    source: str | None
    stage: str
    code: str
    message: str


def _build_stage(name: str, settings: Settings) -> Stage:
    # Imports are local so that a light pipeline (clean + language) never loads spaCy or the KB.
    if name == "clean":
        from wirewatch.stages.clean import clean

        return clean
    if name == "language":
        from wirewatch.stages.langid import detect_language

        return detect_language
    if name == "nlp":
        from wirewatch.stages.nlp import NlpStage

        return NlpStage()
    if name == "entities":
        from wirewatch.kb import load_kb
        from wirewatch.stages.entities import EntityStage
        from wirewatch.stages.geocode import load_gazetteer

        return EntityStage(load_kb(extra=list(settings.kb_paths)), load_gazetteer())
    if name == "events":
        from wirewatch.stages.events import EventStage

        return EventStage()
    if name == "genre":
        from wirewatch.stages.genre import classify_genre

        return classify_genre
    raise WirewatchError(f"unknown stage '{name}'", fix=f"choose from {', '.join(ALL_STAGES)}")


class Pipeline:
    """An ordered list of named stages with per-document error handling."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.stages: list[tuple[str, Stage]] = [
            (name, _build_stage(name, self.settings)) for name in self.settings.stages
        ]

    def __call__(self, doc: Document) -> Document:
        for _, stage in self.stages:
            doc = stage(doc)
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document | DocumentFailure]:
        """Run every stage over ``docs``; failures come out as DocumentFailure, in order."""
        stream: Iterator[Document | DocumentFailure] = iter(docs)
        for name, stage in self.stages:
            stream = _apply(name, stage, stream, self.settings.batch_size)
        yield from stream


def _apply(
    name: str, stage: Stage, stream: Iterator[Document | DocumentFailure], batch_size: int
) -> Iterator[Document | DocumentFailure]:
    pipe = getattr(stage, "pipe", None)
    if pipe is None:
        for item in stream:
            yield item if isinstance(item, DocumentFailure) else _safe(name, stage, item)
        return
    # Batched stage: collect documents, keep failures in their place.
    pending: list[Document | DocumentFailure] = []
    for item in stream:
        pending.append(item)
        if sum(isinstance(p, Document) for p in pending) >= batch_size:
            yield from _run_batch(name, stage, pipe, pending)
            pending = []
    if pending:
        yield from _run_batch(name, stage, pipe, pending)


def _run_batch(
    name: str,
    stage: Stage,
    pipe: Callable[..., Iterable[Document]],
    items: list[Document | DocumentFailure],
) -> Iterator[Document | DocumentFailure]:
    docs = [i for i in items if isinstance(i, Document)]
    try:
        results = iter(list(pipe(docs)))
    except Exception:
        # One bad document should not sink its batch: fall back to one at a time.
        results = iter([_safe(name, stage, d) for d in docs])  # type: ignore[misc]
    for item in items:
        yield item if isinstance(item, DocumentFailure) else next(results)


def _safe(name: str, stage: Stage, doc: Document) -> Document | DocumentFailure:
    try:
        return stage(doc)
    except WirewatchError as e:
        return DocumentFailure(doc.id, doc.source_path, name, e.code, e.message)
    except Exception as e:  # a bug in a stage must not stop the batch; it is recorded
        return DocumentFailure(doc.id, doc.source_path, name, "E099", f"{type(e).__name__}: {e}")


# ---- worker processes ---------------------------------------------------------------------

_WORKER: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Pipeline(settings)


def _work(docs: list[Document]) -> list[Document | DocumentFailure]:
    assert _WORKER is not None  # set by _init_worker in every worker process
    results = list(_WORKER.pipe(docs))
    for item in results:
        # Tokens are the bulk of a processed document and no output (store, analysis JSON)
        # uses them: not sending them back to the parent saves most of the pickling.
        if isinstance(item, Document):
            item.tokens = []
    return results


_SHARED: dict[tuple[object, ...], Pipeline] = {}


def shared_pipeline(settings: Settings) -> Pipeline:
    """One pipeline per stage list and knowledge-base files (and their modification times) in
    this process: building one loads the models, the KB and the calendar (seconds), so
    ``analyze_text`` in a loop must not rebuild it."""
    key = (
        settings.stages,
        tuple((str(p), p.stat().st_mtime if p.exists() else None) for p in settings.kb_paths),
    )
    if key not in _SHARED:
        _SHARED.clear()  # the latest one only: a changed KB file frees the old models
        _SHARED[key] = Pipeline(settings)
    return _SHARED[key]


def run_pipeline(
    docs: Iterable[Document], settings: Settings, pipeline: Pipeline | None = None
) -> Iterator[Document | DocumentFailure]:
    """Run the pipeline locally (workers=1) or over a process pool, preserving order."""
    if settings.workers <= 1:
        yield from (pipeline or shared_pipeline(settings)).pipe(docs)
        return
    global _WORKER
    if "fork" in mp.get_all_start_methods():
        # Build once here: forked workers share the loaded models and KB copy-on-write.
        _WORKER = pipeline or shared_pipeline(settings)
        pool = mp.get_context("fork").Pool(settings.workers)
    else:
        pool = mp.get_context().Pool(
            settings.workers, initializer=_init_worker, initargs=(settings,)
        )
    with pool:
        for batch in pool.imap(_work, _batches(docs, settings.batch_size)):
            yield from batch


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Any] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
