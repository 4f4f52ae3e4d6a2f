"""The DuckDB store: migrations, transactional writes, read-only access, reads and stats."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from wirewatch.errors import StoreError
from wirewatch.model import Document, Entity, Event, Location, Mention, RemovedLine
from wirewatch.settings import DEFAULT_DB, default_db_path
from wirewatch.store import Store
from wirewatch.store.schema import MIGRATIONS, SCHEMA_VERSION


def make_doc(doc_id: str = "d1", text: str = "Body text.", **extra: object) -> Document:
    doc = Document(id=doc_id, raw_text=text, **extra)  # type: ignore[arg-type]
    doc.text = text
    doc.language = "en"
    return doc


def rich_doc(doc_id: str = "d1", events: int = 2) -> Document:
    doc = make_doc(doc_id, "The US struck Kataib Hezbollah near Al-Qaim.")
    doc.removed = [RemovedLine("Share this", "share")]
    doc.mentions = [Mention("US", 4, 6, "GPE", "us", "United States")]
    doc.entities = [
        Entity("United States", "GPE", ["US"], [[4, 6]]),
        Entity("Kata'ib Hezbollah", "MILITIA", ["Kataib Hezbollah"], [[16, 32]]),
    ]
    doc.locations = [Location("Al-Qaim", ["Al-Qaim"], [[38, 45]], 34.4, 41.0)]
    doc.events = [
        Event(
            "ASSAULT",
            actor="United States",
            recipient=["Kata'ib Hezbollah"],
            date=f"2019-12-{29 + i}",
            span=[0, 45],
        )
        for i in range(events)
    ]
    return doc


def count(store: Store, table: str) -> int:
    return store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]


# ---- schema ---------------------------------------------------------------------------------


def test_new_store_is_at_the_latest_schema(store):
    assert store.schema_version() == SCHEMA_VERSION == MIGRATIONS[-1][0]


def test_migrations_are_idempotent(db_path):
    for _ in range(3):
        with Store(db_path) as s:
            rows = s.query("SELECT version FROM schema_migrations ORDER BY version")
    assert [r["version"] for r in rows] == [m[0] for m in MIGRATIONS]


def test_reopening_keeps_the_data(db_path):
    with Store(db_path) as s:
        s.write_documents([make_doc()])
    with Store(db_path) as s:
        assert count(s, "documents") == 1


def test_older_store_is_migrated_when_opened_for_writing(db_path):
    con = duckdb.connect(str(db_path))
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
        "applied_at TIMESTAMP)"
    )
    con.execute(MIGRATIONS[0][2])
    con.execute("INSERT INTO schema_migrations VALUES (1, 'x', now())")
    con.close()
    with Store(db_path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert count(s, "events") == 0


def test_older_store_opened_read_only_says_how_to_migrate(db_path):
    con = duckdb.connect(str(db_path))
    con.execute(
        "CREATE TABLE schema_migrations "
        "(version INTEGER, description VARCHAR, applied_at TIMESTAMP)"
    )
    con.execute("INSERT INTO schema_migrations VALUES (1, 'x', now())")
    con.close()
    with pytest.raises(StoreError, match="older"):
        Store(db_path, read_only=True)


# ---- writes ---------------------------------------------------------------------------------


def test_write_and_get_document(store):
    store.write_documents([rich_doc()], ("clean", "language"))
    doc = store.get_document("d1")
    assert doc is not None
    assert (doc["id"], doc["text"], doc["language"], doc["stages"]) == (
        "d1",
        "The US struck Kataib Hezbollah near Al-Qaim.",
        "en",
        "clean,language",
    )
    assert doc["removed"] == [{"line": "Share this", "reason": "share"}]


def test_get_document_has_derived_rows(store):
    store.write_documents([rich_doc()])
    doc = store.get_document("d1")
    assert doc is not None
    assert [len(doc[t]) for t in ("entities", "mentions", "locations", "events")] == [2, 1, 1, 2]
    assert doc["events"][0]["span_start"] == 0 and doc["events"][0]["span_end"] == 45


def test_get_unknown_document_is_none(store):
    assert store.get_document("nope") is None


def test_rewrite_replaces_derived_rows(store):
    store.write_documents([rich_doc(events=3)])
    store.write_documents([rich_doc(events=1)])
    assert (count(store, "documents"), count(store, "events"), count(store, "entities")) == (
        1,
        1,
        2,
    )


def test_rewrite_keeps_first_ingested_at(store):
    store.write_documents([make_doc(text="one")])
    first = store.get_document("d1")
    store.write_documents([make_doc(text="two")])
    second = store.get_document("d1")
    assert first and second
    assert second["ingested_at"] == first["ingested_at"]
    assert second["updated_at"] >= first["updated_at"]
    assert second["text"] == "two"


def test_repeated_id_in_one_batch_keeps_the_last(store):
    store.write_documents([make_doc(text="first"), make_doc(text="last")])
    doc = store.get_document("d1")
    assert doc and doc["text"] == "last"
    assert count(store, "documents") == 1


def test_unicode_and_quotes_survive_a_round_trip(store):
    text = '«Lʼarmée» — "quoted" \\ back\nslash 美国 العراق \u200c'
    store.write_documents([make_doc(text=text)])
    doc = store.get_document("d1")
    assert doc and doc["text"] == text


def test_empty_write_is_a_no_op(store):
    store.write_documents([])
    assert count(store, "documents") == 0


def test_failing_write_leaves_old_data(store):
    store.write_documents([rich_doc(events=2)])
    broken = rich_doc(events=1)
    broken.text = "new text that must not be stored"
    broken.events[0].fatalities = "many"  # type: ignore[assignment]  # not an INTEGER
    with pytest.raises(duckdb.Error):
        store.write_documents([broken])
    doc = store.get_document("d1")
    assert doc is not None
    assert doc["text"] == "The US struck Kataib Hezbollah near Al-Qaim."
    assert len(doc["events"]) == 2


def test_failing_write_leaves_other_documents_of_the_batch_unwritten(store):
    good, broken = make_doc("good"), rich_doc("bad")
    broken.events[0].fatalities = "many"  # type: ignore[assignment]
    with pytest.raises(duckdb.Error):
        store.write_documents([good, broken])
    assert count(store, "documents") == 0


def test_store_is_usable_after_a_failed_write(store):
    broken = rich_doc()
    broken.events[0].fatalities = "many"  # type: ignore[assignment]
    with pytest.raises(duckdb.Error):
        store.write_documents([broken])
    store.write_documents([make_doc()])
    assert count(store, "documents") == 1


@pytest.mark.issue(2)
def test_ctrl_c_inside_a_query_is_a_keyboard_interrupt_and_keeps_old_data(store, monkeypatch):
    # DuckDB turns Ctrl-C into RuntimeError("Query interrupted") and rolls back itself; the
    # store's own ROLLBACK then failed ("no transaction is active") with a traceback.
    store.write_documents([make_doc(text="old")])

    def interrupted(table, rows):
        store.con.execute("ROLLBACK")  # what DuckDB does when it interrupts a query
        raise RuntimeError("Query interrupted") from KeyboardInterrupt()

    monkeypatch.setattr(store, "_bulk_insert", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.write_documents([make_doc(text="new")])
    monkeypatch.undo()
    doc = store.get_document("d1")
    assert doc and doc["text"] == "old"
    store.write_documents([make_doc("d2")])
    assert count(store, "documents") == 2


def test_content_hashes(store):
    doc = make_doc()
    store.write_documents([doc], ("clean", "language"))
    assert store.content_hashes() == {"d1": (doc.content_hash, "clean,language")}


def test_record_errors(store):
    store.record_errors(
        [
            {
                "path": "a.txt",
                "line": None,
                "code": "E003",
                "message": "empty file",
                "stage": "read",
            },
            {"path": "b.jsonl", "line": 7, "code": "E005", "message": "invalid JSON"},
        ]
    )
    rows = store.query(
        "SELECT path, line, code, message, stage FROM ingest_errors ORDER BY error_id"
    )
    assert rows == [
        {"path": "a.txt", "line": None, "code": "E003", "message": "empty file", "stage": "read"},
        {"path": "b.jsonl", "line": 7, "code": "E005", "message": "invalid JSON", "stage": None},
    ]


# ---- read-only ------------------------------------------------------------------------------


def test_read_only_open_of_a_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no store here yet"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_read_only_store_reads(db_path):
    with Store(db_path) as s:
        s.write_documents([make_doc()])
    with Store(db_path, read_only=True) as s:
        assert s.get_document("d1") is not None


@pytest.mark.parametrize("write", ["documents", "errors"])
def test_read_only_store_refuses_writes(db_path, write):
    Store(db_path).close()
    with Store(db_path, read_only=True) as s, pytest.raises(StoreError, match="read-only"):
        if write == "documents":
            s.write_documents([make_doc()])
        else:
            s.record_errors([{"code": "E001", "message": "x"}])


def test_opening_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "not.duckdb"
    path.write_text("this is not a database")
    with pytest.raises(StoreError, match="cannot open"):
        Store(path)


# ---- stats ----------------------------------------------------------------------------------


def test_stats_of_an_empty_store(store):
    assert store.stats() == {
        "documents": 0,
        "languages": {},
        "entities": 0,
        "locations": 0,
        "events": 0,
        "event_types": {},
        "errors": 0,
        "schema_version": SCHEMA_VERSION,
    }


def test_stats_count_everything(store):
    other = make_doc("d2")
    other.language = "ar"
    store.write_documents([rich_doc("d1", events=2), other, make_doc("d3")])
    store.record_errors([{"code": "E003", "message": "empty file"}])
    stats = store.stats()
    assert (
        stats["documents"],
        stats["languages"],
        stats["entities"],
        stats["locations"],
        stats["events"],
        stats["event_types"],
        stats["errors"],
    ) == (3, {"en": 2, "ar": 1}, 2, 1, 2, {"ASSAULT": 2}, 1)


# ---- where the store lives --------------------------------------------------------------------


def test_default_db_path_without_environment(monkeypatch):
    monkeypatch.delenv("WIREWATCH_DB", raising=False)
    assert default_db_path() == Path(DEFAULT_DB)


def test_default_db_path_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("WIREWATCH_DB", str(tmp_path / "env.duckdb"))
    assert default_db_path() == tmp_path / "env.duckdb"
