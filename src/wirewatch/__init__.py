"""wirewatch: news articles in any language → who did what to whom, when and where."""

from wirewatch.api import analyze, analyze_documents, analyze_text, iter_analyze, write_analysis
from wirewatch.evaluate import evaluate
from wirewatch.ingest_run import IngestSummary, ingest
from wirewatch.model import Document, Entity, Event, Location, Mention
from wirewatch.pipeline import Pipeline
from wirewatch.settings import Settings
from wirewatch.store import Store

__all__ = [
    "Document",
    "Entity",
    "Event",
    "IngestSummary",
    "Location",
    "Mention",
    "Pipeline",
    "Settings",
    "Store",
    "analyze",
    "analyze_documents",
    "analyze_text",
    "evaluate",
    "ingest",
    "iter_analyze",
    "write_analysis",
]
__version__ = "0.1.0"
