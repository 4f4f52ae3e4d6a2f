"""The embedded DuckDB store."""

from wirewatch.store.store import Store

__all__ = ["Store"]
