"""The typed document model every pipeline stage reads and writes.

Stages are plain functions ``Document -> Document`` with no I/O; everything they
add lives on the document, so a batch engine can pickle documents between workers.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

PIPELINE_VERSION = "0.1.0"

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "MILITIA", "FACILITY")


def input_hash(raw_text: str, *metadata: str | None) -> str:
    """SHA-256 of the raw input plus given metadata: changes when the article changes."""
    h = hashlib.sha256()
    for part in (raw_text, *metadata):
        h.update((part or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass
class RemovedLine:
    """A line the cleaner took out of the raw text, and why (so a user can check it)."""

    line: str
    reason: str


@dataclass(slots=True)  # millions of these: slots make them faster to build and smaller
class Token:
    """One token of a sentence (from spaCy for English, a rule tokenizer elsewhere).

    ``start``/``end`` are character offsets into ``Document.text``; ``head`` is the
    index of the syntactic head inside ``Document.tokens`` (itself for the root, or
    -1 when no parser ran).
    """

    text: str
    start: int
    end: int
    lemma: str = ""
    pos: str = ""
    dep: str = ""
    head: int = -1


@dataclass(slots=True)
class Sentence:
    """A sentence as character offsets into ``Document.text`` plus its token range."""

    start: int
    end: int
    token_start: int = 0
    token_end: int = 0


@dataclass
class Mention:
    """A span of text naming an actor or a place.

    ``kb_id`` is the knowledge-base entry it resolved to, or None when unresolved
    (statistical NER found a name the knowledge base does not know).
    """

    text: str
    start: int
    end: int
    label: str  # PERSON, ORG, GPE, MILITIA, FACILITY, PLACE
    kb_id: str | None = None
    canonical: str | None = None
    source: str = "kb"  # kb, ner, fuzzy, demonym, office, coref
    score: float = 1.0


@dataclass
class Entity:
    """An actor the document mentions, with all its mentions merged."""

    canonical: str
    type: str
    mentions: list[str] = field(default_factory=list)
    spans: list[list[int]] = field(default_factory=list)
    kb_id: str | None = None
    qid: str | None = None
    resolved: bool = True


@dataclass
class Location:
    """A place where things happen (city, region, base, site), geocoded when possible."""

    canonical: str
    mentions: list[str] = field(default_factory=list)
    spans: list[list[int]] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    kb_id: str | None = None
    geonames_id: int | None = None
    ambiguous: bool = False


@dataclass
class Event:
    """A PLOVER event stated by the article."""

    type: str
    mode: str | None = None
    date: str | None = None
    actor: str | list[str] | None = None
    recipient: str | list[str] | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    fatalities: int | None = None
    injured: int | None = None
    arrested: int | None = None
    evidence: str = ""
    span: list[int] = field(default_factory=lambda: [0, 0])
    confidence: float = 0.0
    intensity: float | None = None
    reported_by: str | list[str] | None = None
    trigger: str | None = None
    method: str | None = None


@dataclass
class Document:
    """One article as it moves through the pipeline."""

    id: str
    raw_text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    source_path: str | None = None
    raw_format: str = "text"  # text, html, markdown
    language: str | None = None
    language_confidence: float | None = None
    text: str = ""
    removed: list[RemovedLine] = field(default_factory=list)
    genre: str | None = None
    policy_position: str | None = None
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pipeline_version: str = PIPELINE_VERSION
    content_hash: str = ""

    def __post_init__(self) -> None:
        # Fixed at construction, before stages fill in metadata found in the text.
        if not self.content_hash:
            self.content_hash = input_hash(self.raw_text, self.url, self.title, self.published)

    def to_analysis(self) -> dict[str, Any]:
        """The analysis JSON of SCHEMA.md (plus a few extra fields)."""
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "language_confidence": self.language_confidence,
            "genre": self.genre,
            "policy_position": self.policy_position,
            "text": self.text,
            "removed": [asdict(r) for r in self.removed],
            "entities": [asdict(e) for e in self.entities],
            "locations": [asdict(loc) for loc in self.locations],
            "events": [asdict(ev) for ev in self.events],
            "warnings": list(self.warnings),
            "pipeline_version": self.pipeline_version,
        }

    def to_dict(self) -> dict[str, Any]:
        """Every field, for pickling-free transport and for the store."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document written by :meth:`to_dict`."""
        data = dict(data)
        data["removed"] = [RemovedLine(**r) for r in data.get("removed", [])]
        data["tokens"] = [Token(**t) for t in data.get("tokens", [])]
        data["sentences"] = [Sentence(**s) for s in data.get("sentences", [])]
        data["mentions"] = [Mention(**m) for m in data.get("mentions", [])]
        data["entities"] = [Entity(**e) for e in data.get("entities", [])]
        data["locations"] = [Location(**loc) for loc in data.get("locations", [])]
        data["events"] = [Event(**e) for e in data.get("events", [])]
        return cls(**data)
