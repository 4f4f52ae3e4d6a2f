"""Read queries shared by the CLI and the Python API."""

from __future__ import annotations

import json
import re
from typing import Any

from wirewatch.store.store import Store

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def actor_counts(
    store: Store, pattern: str | None = None, entity_type: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Actors with the number of documents and mentions, most mentioned first."""
    where, params = [], []
    if pattern:
        where.append("lower(canonical) LIKE ?")
        params.append(f"%{pattern.lower()}%")
    if entity_type:
        where.append("type = ?")
        params.append(entity_type.upper())
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    return store.query(
        f"SELECT canonical, any_value(type) AS type, count(DISTINCT doc_id) AS documents, "
        f"sum(json_array_length(spans)) AS mentions, bool_or(resolved) AS resolved "
        f"FROM entities {clause} GROUP BY canonical ORDER BY mentions DESC, canonical LIMIT ?",
        [*params, limit],
    )


def _check_date(value: str | None, name: str) -> None:
    if value is not None and not _DATE.match(value):
        from wirewatch.errors import ConfigError

        raise ConfigError(f"--{name} is '{value}'", fix="use YYYY, YYYY-MM or YYYY-MM-DD")


def event_rows(
    store: Store,
    actor: str | None = None,
    recipient: str | None = None,
    event_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Events matching the filters, oldest first; actor/recipient lists decoded."""
    _check_date(since, "since")
    _check_date(until, "until")
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("actor", actor), ("recipient", recipient)):
        if value:
            # actor is JSON: a string or a list of strings; match any element case-insensitively.
            where.append(f"(lower(CAST({column} AS VARCHAR)) LIKE ?)")
            params.append(f'%"{value.lower()}"%')
    if event_type:
        where.append("type = ?")
        params.append(event_type.upper())
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        # "--until 2020-01" keeps every date in January 2020.
        where.append("left(date, ?) <= ?")
        params += [len(until), until]
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    rows = store.query(
        f"SELECT doc_id, event_index, date, type, mode, actor, recipient, location, lat, lon, "
        f"fatalities, injured, arrested, confidence, intensity, evidence FROM events {clause} "
        f"ORDER BY date NULLS LAST, doc_id, event_index LIMIT ?",
        [*params, limit],
    )
    for r in rows:
        for key in ("actor", "recipient"):
            if isinstance(r[key], str):
                r[key] = json.loads(r[key])
    return rows
