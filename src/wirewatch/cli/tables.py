"""Rich tables shared by several commands."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.table import Table


def names(value: Any) -> str:
    """An actor or recipient (a name, a list of names or None) as one cell."""
    if value is None:
        return ""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def events_table(rows: Iterable[dict[str, Any]], title: str | None = None) -> Table:
    """Events as returned by ``store.queries.event_rows``."""
    table = Table(
        "date", "type", "mode", "actor", "recipient", "location", "dead", "doc", title=title
    )
    for r in rows:
        table.add_row(
            r["date"] or "?",
            r["type"],
            r["mode"] or "",
            names(r["actor"]),
            names(r["recipient"]),
            r["location"] or "",
            "" if r["fatalities"] is None else str(r["fatalities"]),
            r["doc_id"],
        )
    return table
