"""The Python API: what the CLI, the HTTP layer and users' scripts all call."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from wirewatch.ingest import IngestProblem, read_inputs
from wirewatch.model import Document
from wirewatch.pipeline import DocumentFailure, Pipeline, run_pipeline
from wirewatch.settings import Settings

Outcome = Document | IngestProblem | DocumentFailure


def analyze_documents(
    docs: Iterable[Document], settings: Settings | None = None, pipeline: Pipeline | None = None
) -> Iterator[Document | DocumentFailure]:
    """Run the pipeline over Documents you built yourself."""
    yield from run_pipeline(docs, settings or Settings(), pipeline)


def iter_analyze(
    paths: Iterable[str | os.PathLike[str]],
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Outcome]:
    """Read files/folders and analyze every document; problems come out in order."""
    settings = settings or Settings()
    problems: list[IngestProblem] = []

    def documents() -> Iterator[Document]:
        for item in read_inputs(paths, settings.max_bytes):
            if isinstance(item, IngestProblem):
                problems.append(item)
            else:
                yield item

    for result in run_pipeline(documents(), settings, pipeline):
        while problems:
            yield problems.pop(0)
        yield result
    yield from problems


def analyze(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Document,
    settings: Settings | None = None,
) -> list[Document]:
    """Analyze a path, several paths, or one Document; returns the analysed documents.

    >>> docs = wirewatch.analyze("articles/")          # doctest: +SKIP
    >>> docs[0].events[0].type                          # doctest: +SKIP
    """
    if isinstance(source, Document):
        return [d for d in analyze_documents([source], settings) if isinstance(d, Document)]
    paths = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    return [d for d in iter_analyze(paths, settings) if isinstance(d, Document)]


def analyze_text(text: str, doc_id: str = "text", **metadata: str | None) -> Document:
    """Analyze one article given as a string (metadata: url, title, published, language...)."""
    doc = Document(id=doc_id, raw_text=text, **metadata)  # type: ignore[arg-type]
    results = analyze(doc)
    if not results:
        raise ValueError("the text could not be analysed (empty or not an article)")
    return results[0]


def write_analysis(doc: Document, out_dir: Path) -> Path:
    """Write ``out_dir/<id>.json`` in the SCHEMA.md shape."""
    out_dir.mkdir(parents=True, exist_ok=True)
    safe_id = "".join(c if c.isalnum() or c in "-_." else "_" for c in doc.id)
    path = out_dir / f"{safe_id}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(doc.to_analysis(), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path
