"""The DuckDB schema as numbered migrations; each runs once, in order, in a transaction."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "documents and ingest errors",
        """
CREATE TABLE documents (
    id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    url VARCHAR, outlet VARCHAR, title VARCHAR, author VARCHAR, published VARCHAR,
    language VARCHAR, language_confidence DOUBLE,
    genre VARCHAR, policy_position VARCHAR,
    source_path VARCHAR, raw_format VARCHAR,
    raw_text VARCHAR NOT NULL, text VARCHAR NOT NULL,
    removed JSON, warnings JSON,
    stages VARCHAR, pipeline_version VARCHAR,
    ingested_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL
);
CREATE SEQUENCE ingest_error_seq;
CREATE TABLE ingest_errors (
    error_id BIGINT PRIMARY KEY DEFAULT nextval('ingest_error_seq'),
    path VARCHAR, line INTEGER, doc_id VARCHAR, stage VARCHAR,
    code VARCHAR NOT NULL, message VARCHAR NOT NULL, occurred_at TIMESTAMP NOT NULL
);
""",
    ),
    (
        2,
        "entities, mentions, locations and events",
        """
CREATE TABLE entities (
    doc_id VARCHAR NOT NULL, canonical VARCHAR NOT NULL, type VARCHAR, kb_id VARCHAR, qid VARCHAR,
    resolved BOOLEAN, mentions JSON, spans JSON
);
CREATE TABLE mentions (
    doc_id VARCHAR NOT NULL, start_char INTEGER, end_char INTEGER, text VARCHAR, label VARCHAR,
    kb_id VARCHAR, canonical VARCHAR, source VARCHAR, score DOUBLE
);
CREATE TABLE locations (
    doc_id VARCHAR NOT NULL, canonical VARCHAR NOT NULL, lat DOUBLE, lon DOUBLE, country VARCHAR,
    kb_id VARCHAR, geonames_id BIGINT, ambiguous BOOLEAN, mentions JSON, spans JSON
);
CREATE TABLE events (
    doc_id VARCHAR NOT NULL, event_index INTEGER NOT NULL, type VARCHAR NOT NULL, mode VARCHAR,
    date VARCHAR, actor JSON, recipient JSON, location VARCHAR, lat DOUBLE, lon DOUBLE,
    fatalities INTEGER, injured INTEGER, arrested INTEGER, evidence VARCHAR,
    span_start INTEGER, span_end INTEGER, confidence DOUBLE, intensity DOUBLE,
    reported_by JSON, trigger VARCHAR, method VARCHAR
);
CREATE INDEX entities_doc ON entities(doc_id);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX locations_doc ON locations(doc_id);
CREATE INDEX events_doc ON events(doc_id);
""",
    ),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]
