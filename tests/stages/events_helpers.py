"""Hand-built documents for the event-stage tests (no pipeline, no knowledge base)."""

from __future__ import annotations

import re

from wirewatch.api import analyze_documents
from wirewatch.model import Document, Event, Location, Mention
from wirewatch.pipeline import Pipeline
from wirewatch.settings import Settings

# (surface form, canonical name, label)
ACTORS = [
    ("United States", "United States", "GPE"),
    ("US", "United States", "GPE"),
    ("AS", "United States", "GPE"),
    ("Iran", "Iran", "GPE"),
    ("Iraq", "Iraq", "GPE"),
    ("Irak", "Iraq", "GPE"),
    ("Kataib Hezbollah", "Kata'ib Hezbollah", "MILITIA"),
    ("Donald Trump", "Donald Trump", "PERSON"),
    ("Mike Pompeo", "Mike Pompeo", "PERSON"),
    ("Iraqi officials", "Government of Iraq", "ORG"),
    ("United Kingdom", "United Kingdom", "GPE"),
    ("UK", "United Kingdom", "GPE"),
    ("US military", "United States Armed Forces", "ORG"),
]
PLACES = [("Baghdad", 33.31, 44.37), ("Kirkuk", 35.47, 44.39)]


def make_doc(
    text: str,
    language: str = "en",
    published: str | None = "2020-01-05",
    actors: list[tuple[str, str, str]] | None = None,
) -> Document:
    """A document with mentions found by exact, word-bounded surface match."""
    doc = Document(id="t", raw_text=text, text=text, language=language, published=published)
    taken: list[tuple[int, int]] = []
    for surface, canonical, label in sorted(actors or ACTORS, key=lambda a: -len(a[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            doc.mentions.append(Mention(surface, m.start(), m.end(), label, canonical=canonical))
    for name, lat, lon in PLACES:
        spans = [[m.start(), m.end()] for m in re.finditer(re.escape(name), text)]
        if spans:
            doc.locations.append(Location(name, [name], spans, lat, lon))
            for a, b in spans:
                doc.mentions.append(Mention(name, a, b, "PLACE", canonical=name))
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def sentence_events(
    pipeline: Pipeline, settings: Settings, lang: str, sentence: str, published: str
) -> list[Event]:
    """The events of one sentence run through the whole pipeline as an article (a lone first
    line is taken as the title and skipped, hence the "Title" line)."""
    doc = Document(id="text", raw_text="Title\n\n" + sentence, published=published, language=lang)
    (out,) = analyze_documents([doc], settings, pipeline)
    assert isinstance(out, Document)
    return out.events
