"""The pipeline runner: stage order, per-document failures, batches, worker processes."""

from __future__ import annotations

import pytest

from shared_data import LIGHT, SCHEMA_FIELDS
from wirewatch.errors import NoMainText, WirewatchError
from wirewatch.model import Document, Entity, Event, Location, Mention, RemovedLine, Sentence, Token
from wirewatch.pipeline import DocumentFailure, Pipeline, run_pipeline
from wirewatch.settings import Settings

BODY = (
    "The US military carried out air strikes on Sunday against militia bases in Iraq, "
    "officials said."
)


def docs(n: int) -> list[Document]:
    return [Document(id=f"d{i}", raw_text=f"Report {i}. {BODY}") for i in range(n)]


def custom(*stages) -> Pipeline:
    pipeline = Pipeline(Settings(stages=()))
    pipeline.stages = list(stages)
    return pipeline


def test_light_pipeline_has_its_two_stages():
    assert [name for name, _ in Pipeline(LIGHT).stages] == ["clean", "language"]


def test_light_pipeline_fills_text_and_language():
    (doc,) = list(Pipeline(LIGHT).pipe(docs(1)))
    assert isinstance(doc, Document)
    assert (doc.text, doc.language) == (f"Report 0. {BODY}", "en")


def test_calling_a_pipeline_runs_every_stage():
    doc = Pipeline(LIGHT)(docs(1)[0])
    assert doc.language == "en"


def test_unknown_stage_is_an_error():
    with pytest.raises(WirewatchError, match="unknown stage 'parse'"):
        Pipeline(Settings(stages=("clean", "parse")))


def test_stages_run_in_order():
    seen: list[str] = []

    def first(doc):
        seen.append("first")
        return doc

    def second(doc):
        seen.append("second")
        return doc

    list(custom(("a", first), ("b", second)).pipe(docs(1)))
    assert seen == ["first", "second"]


def test_library_error_becomes_a_failure_with_its_code():
    def reject(doc):
        raise NoMainText("nothing here", doc.id)

    (result,) = list(custom(("clean", reject)).pipe(docs(1)))
    assert isinstance(result, DocumentFailure)
    assert (result.doc_id, result.stage, result.code, result.message) == (
        "d0",
        "clean",
        "E006",
        "nothing here",
    )


def test_a_bug_in_a_stage_fails_only_that_document():
    def flaky(doc):
        if doc.id == "d1":
            raise ZeroDivisionError("division by zero")
        return doc

    results = list(custom(("flaky", flaky)).pipe(docs(3)))
    assert [type(r).__name__ for r in results] == ["Document", "DocumentFailure", "Document"]
    assert results[1].code == "E099"
    assert "ZeroDivisionError" in results[1].message


def test_later_stages_skip_failed_documents():
    calls: list[str] = []

    def fail_d0(doc):
        if doc.id == "d0":
            raise ValueError("bad")
        return doc

    def record(doc):
        calls.append(doc.id)
        return doc

    list(custom(("a", fail_d0), ("b", record)).pipe(docs(3)))
    assert calls == ["d1", "d2"]


class BatchStage:
    """A stage with ``pipe`` whose batch call fails when one document is bad."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def __call__(self, doc: Document) -> Document:
        if doc.id == "d2":
            raise ValueError("bad document")
        doc.warnings = ["batched"]  # idempotent, as batched stages must be (a failed batch reruns)
        return doc

    def pipe(self, batch: list[Document]):
        self.batches.append(len(batch))
        return [self(d) for d in batch]


def test_batched_stage_gets_batches_of_the_configured_size():
    stage = BatchStage()
    pipeline = custom(("batch", stage))
    pipeline.settings = Settings(stages=(), batch_size=2)
    list(pipeline.pipe([d for d in docs(5) if d.id != "d2"]))
    assert stage.batches == [2, 2]


def test_one_bad_document_does_not_sink_its_batch():
    pipeline = custom(("batch", BatchStage()))
    pipeline.settings = Settings(stages=(), batch_size=4)
    results = list(pipeline.pipe(docs(4)))
    assert [r.doc_id if isinstance(r, DocumentFailure) else r.id for r in results] == [
        "d0",
        "d1",
        "d2",
        "d3",
    ]
    assert isinstance(results[2], DocumentFailure)
    assert all(r.warnings == ["batched"] for r in results if isinstance(r, Document))


def test_failures_keep_their_place_through_a_batched_stage():
    def fail_d1(doc):
        if doc.id == "d1":
            raise ValueError("bad")
        return doc

    pipeline = custom(("a", fail_d1), ("batch", BatchStage()))
    pipeline.settings = Settings(stages=(), batch_size=8)
    results = list(pipeline.pipe(docs(4)))
    assert [type(r).__name__ for r in results] == [
        "Document",
        "DocumentFailure",
        "DocumentFailure",
        "Document",
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_run_pipeline_keeps_input_order(workers):
    settings = Settings(stages=("clean", "language"), workers=workers, batch_size=3)
    inputs = docs(10) + [Document(id="blank", raw_text="top of page")]
    results = list(run_pipeline(inputs, settings))
    ids = [r.doc_id if isinstance(r, DocumentFailure) else r.id for r in results]
    assert ids == [d.id for d in inputs]
    assert isinstance(results[-1], DocumentFailure)


def test_workers_give_the_same_results_as_one_process():
    one = list(run_pipeline(docs(6), Settings(stages=("clean", "language"), workers=1)))
    two = list(
        run_pipeline(docs(6), Settings(stages=("clean", "language"), workers=2, batch_size=2))
    )
    assert [d.to_dict() for d in one] == [d.to_dict() for d in two]


# ---- the document model -------------------------------------------------------------------------


def full_document() -> Document:
    doc = Document(id="x", raw_text="raw", url="https://e.com/a", published="2020-01-05")
    doc.text = "US forces"
    doc.removed = [RemovedLine("Share this", "share")]
    doc.tokens = [Token("US", 0, 2, "US", "PROPN", "compound", 1), Token("forces", 3, 9)]
    doc.sentences = [Sentence(0, 9, 0, 2)]
    doc.mentions = [Mention("US", 0, 2, "GPE", "us", "United States")]
    doc.entities = [Entity("United States", "GPE", ["US"], [[0, 2]])]
    doc.locations = [Location("Baghdad", ["Baghdad"], [[0, 7]], 33.3, 44.4)]
    doc.events = [Event("ASSAULT", actor=["United States"], recipient="Iraq", span=[0, 9])]
    return doc


def test_document_round_trips_through_a_dict():
    doc = full_document()
    assert Document.from_dict(doc.to_dict()) == doc


def test_content_hash_is_fixed_at_construction():
    doc = Document(id="x", raw_text="raw")
    before = doc.content_hash
    doc.published = "2020-01-05"
    assert doc.content_hash == before


def test_analysis_has_the_schema_fields():
    data = full_document().to_analysis()
    assert set(data) >= SCHEMA_FIELDS
    assert data["removed"] == [{"line": "Share this", "reason": "share"}]
    assert data["events"][0]["span"] == [0, 9]
    assert data["entities"][0]["spans"] == [[0, 2]]
