"""Ingest into the store: new / updated / unchanged, rejects recorded, nothing lost, kill-safe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from shared_data import LIGHT
from wirewatch.ingest_run import ingest
from wirewatch.settings import Settings
from wirewatch.store import Store

BODY = (
    "The US military carried out air strikes on Sunday against militia bases in Iraq, "
    "officials said."
)


def body(i: int) -> str:
    return f"Report {i}. {BODY}\n\nIraqi sources said {i} fighters were killed near Al-Qaim."


def doc_count(store: Store) -> int:
    return store.query("SELECT count(*) AS n FROM documents")[0]["n"]


def error_rows(store: Store) -> list[dict]:
    return store.query(
        "SELECT path, line, doc_id, stage, code, message FROM ingest_errors ORDER BY error_id"
    )


@pytest.fixture
def folder(write_file, tmp_path) -> Path:
    for i in range(3):
        write_file(f"a{i}.txt", body(i))
    return tmp_path / "in"


def test_first_ingest_counts_new(folder, store):
    summary = ingest([folder], store, LIGHT)
    assert (summary.new, summary.updated, summary.unchanged, summary.rejected) == (3, 0, 0, 0)
    assert doc_count(store) == 3


def test_stored_documents_are_cleaned_and_identified(folder, store):
    ingest([folder], store, LIGHT)
    doc = store.get_document("a1")
    assert doc is not None
    assert (doc["language"], doc["text"], doc["stages"]) == ("en", body(1), "clean,language")


def test_reingest_of_the_same_content_is_a_no_op(folder, store):
    ingest([folder], store, LIGHT)
    before = store.query("SELECT id, updated_at FROM documents ORDER BY id")
    summary = ingest([folder], store, LIGHT)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 3)
    assert store.query("SELECT id, updated_at FROM documents ORDER BY id") == before


def test_changed_content_under_the_same_id_updates(folder, store, write_file):
    ingest([folder], store, LIGHT)
    write_file("a1.txt", body(1) + "\n\nA new paragraph was added later.")
    summary = ingest([folder], store, LIGHT)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 2)
    assert doc_count(store) == 3
    doc = store.get_document("a1")
    assert doc and doc["text"].endswith("A new paragraph was added later.")


def test_same_id_from_another_format_updates(folder, store, write_file):
    ingest([folder], store, LIGHT)
    jsonl = write_file("other/extra.jsonl", json.dumps({"id": "a0", "text": body(99)}))
    summary = ingest([jsonl], store, LIGHT)
    assert (summary.new, summary.updated) == (0, 1)
    assert doc_count(store) == 3


def test_other_stages_reprocess_unchanged_content(folder, store):
    ingest([folder], store, LIGHT)
    summary = ingest([folder], store, Settings(stages=("clean",)))
    assert (summary.updated, summary.unchanged) == (3, 0)


def test_ids_without_a_given_id_are_stable_across_runs(write_file, store):
    path = write_file("x.jsonl", "\n".join(json.dumps({"text": body(i)}) for i in range(4)))
    ingest([path], store, LIGHT)
    summary = ingest([path], store, LIGHT)
    assert (summary.new, summary.unchanged, doc_count(store)) == (0, 4, 4)


# ---- bad input is recorded, the batch goes on, nothing is lost ----------------------------------


def test_bad_files_are_recorded_and_the_batch_goes_on(write_file, tmp_path, store):
    write_file("good1.txt", body(1))
    write_file("empty.txt", b"")
    write_file("scan.txt", b"%PDF-1.4\n...")
    write_file(
        "lines.jsonl",
        "\n".join([json.dumps({"id": "j1", "text": body(2)}), "{oops", json.dumps({"id": "j3"})]),
    )
    write_file("good2.txt", body(3))
    summary = ingest([tmp_path / "in", tmp_path / "nowhere"], store, LIGHT)
    assert (summary.new, summary.rejected) == (3, 5)
    codes = sorted((Path(r["path"]).name, r["line"], r["code"]) for r in error_rows(store))
    assert codes == [
        ("empty.txt", None, "E003"),
        ("lines.jsonl", 2, "E005"),
        ("lines.jsonl", 3, "E003"),
        ("nowhere", None, "E007"),
        ("scan.txt", None, "E004"),
    ]


def test_summary_problems_are_one_line_each_and_name_the_file(write_file, tmp_path, store):
    write_file("empty.txt", b"")
    write_file("x.jsonl", "{bad")
    summary = ingest([tmp_path / "in"], store, LIGHT)
    assert len(summary.problems) == 2
    assert all("\n" not in p for p in summary.problems)
    assert any("empty.txt" in p for p in summary.problems)
    assert any("x.jsonl:1" in p for p in summary.problems)


def test_stage_failure_is_recorded_with_its_stage(write_file, store):
    ok = write_file("ok.txt", body(1))
    nav = write_file("nav.html", "<html><body><script>x()</script></body></html>")
    summary = ingest([ok, nav], store, LIGHT)
    assert (summary.new, summary.rejected) == (1, 1)
    (row,) = error_rows(store)
    assert (row["doc_id"], row["stage"], row["code"]) == ("nav", "clean", "E006")


def test_size_cap_is_configurable(write_file, store):
    path = write_file("big.txt", body(1) * 5)
    summary = ingest([path], store, Settings(stages=("clean", "language"), max_bytes=64))
    assert (summary.new, summary.rejected) == (0, 1)
    assert error_rows(store)[0]["code"] == "E002"


def test_bad_batch_later_does_not_lose_earlier_documents(folder, write_file, tmp_path, store):
    ingest([folder], store, LIGHT)
    write_file("bad/empty.txt", b"")
    write_file("bad/bin.txt", bytes(range(256)) * 4)
    write_file("bad/x.jsonl", "not json at all")
    summary = ingest([tmp_path / "in" / "bad"], store, LIGHT)
    assert (summary.new, summary.rejected) == (0, 3)
    assert doc_count(store) == 3
    assert all(store.get_document(f"a{i}") for i in range(3))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cp1252.txt", "Le président a déclaré « non » à Bagdad — l’armée reste.".encode("cp1252")),
        ("latin1.txt", "Der Außenminister äußerte sich über die Lage in Bagdad.".encode("latin-1")),
        ("utf16.txt", "Le président a déclaré « non » à Bagdad — l’armée reste.".encode("utf-16")),
    ],
)
def test_other_encodings_are_stored_decoded(write_file, store, name, data):
    ingest([write_file(name, data)], store, LIGHT)
    doc = store.get_document(Path(name).stem)
    assert doc is not None
    assert "Bagdad" in doc["text"]
    assert "\ufffd" not in doc["text"]
    assert any(ch in doc["text"] for ch in "éäß")


def test_on_item_is_called_once_per_item(folder, write_file, store):
    write_file("empty.txt", b"")
    seen: list[int] = []
    summary = ingest([folder], store, LIGHT, on_item=lambda s: seen.append(s.rejected))
    assert (len(seen), summary.seen) == (4, 4)


def test_batches_larger_than_one_write(write_file, tmp_path, store, monkeypatch):
    monkeypatch.setattr("wirewatch.ingest_run.WRITE_BATCH", 4)
    for i in range(10):
        write_file(f"d{i:02d}.txt", body(i))
    summary = ingest([tmp_path / "in"], store, LIGHT)
    assert (summary.new, doc_count(store)) == (10, 10)


def test_interrupt_keeps_committed_batches(write_file, tmp_path, store, monkeypatch):
    monkeypatch.setattr("wirewatch.ingest_run.WRITE_BATCH", 4)
    for i in range(10):
        write_file(f"d{i:02d}.txt", body(i))
    calls = 0

    def stop_after_six(summary):
        nonlocal calls
        calls += 1
        if calls == 6:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([tmp_path / "in"], store, LIGHT, on_item=stop_after_six)
    kept = doc_count(store)
    assert 4 <= kept < 10
    summary = ingest([tmp_path / "in"], store, LIGHT)
    assert (summary.new, summary.unchanged, doc_count(store)) == (10 - kept, kept, 10)


# ---- SIGKILL mid-ingest -----------------------------------------------------------------------

KILL_FILES = 4000


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "Ctrl-C"])
def test_kill_mid_ingest_then_rerun(tmp_path, sig):
    src = tmp_path / "many"
    src.mkdir()
    for i in range(KILL_FILES):
        (src / f"k{i:05d}.txt").write_text(body(i), encoding="utf-8")
    db = tmp_path / "kill.duckdb"
    Store(db).close()  # migrated and checkpointed: the WAL appears with the first document commit
    wal = Path(str(db) + ".wal")
    cmd = [
        sys.executable,
        "-m",
        "wirewatch",
        "ingest",
        str(src),
        "--db",
        str(db),
        "--stages",
        "clean,language",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 0:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, sig)
    _, stderr = proc.communicate(timeout=60)
    if sig == signal.SIGINT:  # a clean stop: the batch in hand is written, no traceback
        assert proc.returncode == 130
        assert b"interrupted: everything committed so far is kept" in stderr
        assert b"Traceback" not in stderr

    with Store(db, read_only=True) as s:
        committed = doc_count(s)
        empty = s.query("SELECT count(*) AS n FROM documents WHERE text = '' OR raw_text = ''")[0][
            "n"
        ]
    assert 0 < committed < KILL_FILES
    assert empty == 0

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert (
        f"new {KILL_FILES - committed}, updated 0, unchanged {committed}, rejected 0"
        in rerun.stdout
    )
    with Store(db, read_only=True) as s:
        rows = s.query(
            "SELECT count(*) AS n, count(DISTINCT id) AS ids, min(length(text)) AS shortest, "
            "count(*) FILTER (WHERE language = 'en') AS en FROM documents"
        )[0]
    assert rows == {"n": KILL_FILES, "ids": KILL_FILES, "shortest": len(body(0)), "en": KILL_FILES}
