"""The command line: analyze, ingest, docs, show, stats, errors; bad input never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from shared_data import SCHEMA_FIELDS, shared_path
from wirewatch.cli import main

LIGHT = ["--stages", "clean,language"]
BODY = (
    "The US military carried out air strikes on Sunday against militia bases in Iraq, "
    "officials said."
)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner(env=env).invoke(main, [str(a) for a in args])
    # Only clean exits: an uncaught exception would be a traceback for the user.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


@pytest.fixture
def articles(write_file, tmp_path) -> Path:
    write_file("a.txt", f" date 2020-01-05 Reuters\n\n{BODY}\n\nShare this")
    write_file(
        "b.txt",
        "Pemerintah Irak mengatakan serangan udara tersebut tidak bisa diterima karena melanggar "
        "kedaulatan negara.",
    )
    write_file(
        "c.jsonl",
        json.dumps(
            {
                "id": "c1",
                "text": BODY,
                "url": "https://www.reuters.com/x",
                "title": "Strikes",
                "published": "2020-01-03",
            }
        ),
    )
    return tmp_path / "in"


@pytest.fixture
def filled_db(articles, db_path) -> Path:
    result = run("ingest", articles, "--db", db_path, *LIGHT)
    assert result.exit_code == 0
    return db_path


# ---- analyze ----------------------------------------------------------------------------------


def test_analyze_writes_one_json_per_document(articles, tmp_path):
    out = tmp_path / "out"
    result = run("analyze", articles, "--out", out, "--stages", "clean,language,genre")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json", "c1.json"]
    assert "wrote 3 analyses" in result.stderr


def test_analysis_json_has_the_schema_fields(articles, tmp_path):
    out = tmp_path / "out"
    run("analyze", articles, "--out", out, "--stages", "clean,language,genre")
    data = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert set(data) >= SCHEMA_FIELDS
    assert (data["id"], data["published"], data["language"], data["genre"]) == (
        "a",
        "2020-01-05",
        "en",
        "news",
    )
    assert data["text"] == f"Reuters\n\n{BODY}"
    assert {"line": "Share this", "reason": "share"} in data["removed"]
    assert isinstance(data["entities"], list) and isinstance(data["events"], list)


def test_analysis_json_keeps_jsonl_metadata(articles, tmp_path):
    out = tmp_path / "out"
    run("analyze", articles, "--out", out, *LIGHT)
    data = json.loads((out / "c1.json").read_text(encoding="utf-8"))
    assert (data["url"], data["outlet"], data["title"], data["published"]) == (
        "https://www.reuters.com/x",
        "reuters.com",
        "Strikes",
        "2020-01-03",
    )


def test_analyze_with_some_bad_input_exits_1_and_names_the_file(articles, write_file, tmp_path):
    write_file("empty.txt", b"")
    result = run("analyze", articles, "--out", tmp_path / "out", *LIGHT)
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "E003" in result.stderr


def test_analyze_with_only_bad_input_exits_3(write_file, tmp_path):
    write_file("scan.txt", b"%PDF-1.4")
    result = run("analyze", tmp_path / "in", "--out", tmp_path / "out", *LIGHT)
    assert result.exit_code == 3
    assert "E004" in result.stderr


def test_unknown_stage_is_a_clean_error(articles, tmp_path):
    result = run("analyze", articles, "--out", tmp_path / "out", "--stages", "clean,magic")
    assert result.exit_code == 2
    assert "E030" in result.stderr and "magic" in result.stderr


@pytest.mark.slow
def test_analyze_with_default_stages_end_to_end(tmp_path):
    article = shared_path("corpus", "articles", "p1-03.txt")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "wirewatch", "analyze", str(article), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    data = json.loads((out / "p1-03.json").read_text(encoding="utf-8"))
    assert set(data) >= SCHEMA_FIELDS
    assert (data["language"], data["published"], data["genre"]) == ("en", "2019-12-31", "news")


# ---- ingest and the store commands -------------------------------------------------------------


def test_ingest_prints_a_summary(articles, db_path):
    result = run("ingest", articles, "--db", db_path, *LIGHT)
    assert result.exit_code == 0
    assert result.stdout.strip() == "new 3, updated 0, unchanged 0, rejected 0"


def test_reingest_prints_unchanged(filled_db, articles):
    result = run("ingest", articles, "--db", filled_db, *LIGHT)
    assert result.stdout.strip() == "new 0, updated 0, unchanged 3, rejected 0"


def test_ingest_bad_input_is_one_line_each_and_exit_1(articles, write_file, db_path):
    write_file("empty.txt", b"")
    write_file("bad.jsonl", '{"id": "x", "text": "ok text here for once"}\n{broken')
    result = run("ingest", articles, "--db", db_path, *LIGHT)
    assert result.exit_code == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 2
    assert any("bad.jsonl:2" in line for line in skipped)


def test_ingest_of_a_missing_path_exits_3(tmp_path, db_path):
    result = run("ingest", tmp_path / "nowhere", "--db", db_path, *LIGHT)
    assert result.exit_code == 3
    assert "no such file or folder" in result.stderr


def test_many_bad_files_show_the_first_20_and_count_the_rest(write_file, tmp_path, db_path):
    for i in range(30):
        write_file(f"e{i:02d}.txt", b"")
    result = run("ingest", tmp_path / "in", "--db", db_path, *LIGHT)
    assert sum(line.startswith("skipped") for line in result.stderr.splitlines()) == 20
    assert "... and 10 more" in result.stderr


def test_quiet_ingest_prints_only_the_summary(write_file, tmp_path, db_path):
    for i in range(5):
        write_file(f"e{i}.txt", b"")
    result = run("ingest", tmp_path / "in", "--db", db_path, "--quiet", *LIGHT)
    assert "skipped" not in result.stderr
    assert "rejected 5" in result.stdout


def test_two_thousand_good_files_print_no_per_file_noise(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(2000):
        (folder / f"n{i:04d}.txt").write_text(f"Note {i}. {BODY}", encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "wirewatch",
            "ingest",
            str(folder),
            "--db",
            str(tmp_path / "m.duckdb"),
            *LIGHT,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "new 2000, updated 0, unchanged 0, rejected 0"
    assert len(proc.stdout) + len(proc.stderr) < 300


def test_docs_lists_documents(filled_db):
    result = run("docs", "--db", filled_db)
    assert result.exit_code == 0
    assert all(doc_id in result.stdout for doc_id in ("a", "b", "c1"))


def test_docs_filters_by_language(filled_db):
    result = run("docs", "--db", filled_db, "--language", "id")
    assert " b " in result.stdout and " c1 " not in result.stdout


def test_show_prints_text_and_removed_lines(filled_db):
    result = run("show", "a", "--db", filled_db)
    assert result.exit_code == 0
    assert BODY in result.stdout
    assert "Share this" in result.stdout and "share" in result.stdout


def test_show_json(filled_db):
    result = run("show", "c1", "--db", filled_db, "--json")
    data = json.loads(result.stdout)
    assert (data["id"], data["title"], data["language"]) == ("c1", "Strikes", "en")


def test_show_unknown_id_is_a_clean_error(filled_db):
    result = run("show", "nope", "--db", filled_db)
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: no document with id 'nope' (see `wirewatch docs`)"


def test_stats_json(filled_db):
    result = run("stats", "--db", filled_db, "--json")
    data = json.loads(result.stdout)
    assert (data["documents"], data["languages"], data["errors"]) == (3, {"en": 2, "id": 1}, 0)


def test_stats_text(filled_db):
    assert "documents" in run("stats", "--db", filled_db).stdout


def test_errors_lists_rejected_input(articles, write_file, db_path, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_file("empty.txt", b"")
    write_file("bad.jsonl", "{broken")
    run("ingest", "in", "--db", db_path, *LIGHT)
    result = run("errors", "--db", db_path)
    assert result.exit_code == 0
    assert "in/empty.txt" in result.stdout and "E003" in result.stdout
    assert "in/bad.jsonl:1" in result.stdout and "E005" in result.stdout


@pytest.mark.issue(2)
def test_skipped_line_is_not_wrapped_however_long_the_path(write_file, tmp_path, db_path):
    path = write_file(
        "a/very/long/folder/name/to/push/the/line/past/eighty/columns/bad.jsonl", "{broken"
    )
    result = run("ingest", tmp_path / "in", "--db", db_path, *LIGHT)
    (line,) = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert line.startswith(f"skipped {path}:1: [E005] invalid JSON")


@pytest.mark.issue(2)
def test_file_names_with_brackets_are_shown_whole(write_file, tmp_path, db_path, monkeypatch):
    # Rich read "[draft]" as markup and printed "in/ story.txt".
    monkeypatch.chdir(tmp_path)
    write_file("[draft] story.txt", b"")
    ingested = run("ingest", "in", "--db", db_path, *LIGHT)
    assert "in/[draft] story.txt: [E003]" in ingested.stderr
    assert "in/[draft] story.txt" in run("errors", "--db", db_path).stdout


@pytest.mark.issue(2)
def test_errors_table_does_not_cut_off_the_file_name(write_file, tmp_path, db_path):
    write_file("deeply/nested/folder/with/a/long/path/for/testing/empty.txt", b"")
    run("ingest", tmp_path / "in", "--db", db_path, *LIGHT)
    cells = "".join(
        line.split("│")[2].strip()
        for line in run("errors", "--db", db_path).stdout.splitlines()
        if line.count("│") > 2
    )
    assert cells.endswith("/testing/empty.txt")
    assert "…" not in cells


@pytest.mark.parametrize("command", ["docs", "stats", "errors", "actors", "events"])
def test_commands_on_a_missing_store_are_clean_errors(command, tmp_path):
    result = run(command, "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 2
    assert "no store here yet" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()


@pytest.mark.parametrize("command", ["actors", "events"])
def test_query_commands_on_a_light_store(filled_db, command):
    assert run(command, "--db", filled_db).exit_code == 0


def test_events_bad_date_is_a_clean_error(filled_db):
    result = run("events", "--db", filled_db, "--since", "last week")
    assert result.exit_code == 2
    assert "E030" in result.stderr


def test_wirewatch_db_environment_variable(articles, tmp_path):
    env = {"WIREWATCH_DB": str(tmp_path / "env.duckdb")}
    assert run("ingest", articles, *LIGHT, env=env).exit_code == 0
    assert (tmp_path / "env.duckdb").exists()
    assert json.loads(run("stats", "--json", env=env).stdout)["documents"] == 3


def test_db_option_wins_over_the_environment(articles, tmp_path):
    env = {"WIREWATCH_DB": str(tmp_path / "env.duckdb")}
    run("ingest", articles, "--db", tmp_path / "flag.duckdb", *LIGHT, env=env)
    assert (tmp_path / "flag.duckdb").exists()
    assert not (tmp_path / "env.duckdb").exists()


def test_store_locked_by_another_process_is_a_clean_error(filled_db):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(30)",
            str(filled_db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = run("stats", "--db", filled_db)
        assert result.exit_code == 2
        assert "E040" in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_version():
    assert run("--version").exit_code == 0
