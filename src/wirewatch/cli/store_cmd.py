"""Commands over the embedded store: ingest, docs, show, stats, errors, actors, events."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from wirewatch.cli import console, friendly_errors, out
from wirewatch.cli.options import pipeline_options, progress, settings_from
from wirewatch.cli.tables import events_table
from wirewatch.ingest_run import IngestSummary, ingest
from wirewatch.settings import default_db_path
from wirewatch.store import Store
from wirewatch.store.queries import actor_counts, event_rows

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path),
    default=None,
    help="DuckDB file (default: $WIREWATCH_DB or ./wirewatch.duckdb).",
)


def _open(db_path: Path | None, read_only: bool = True) -> Store:
    return Store(db_path or default_db_path(), read_only=read_only)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--quiet", is_flag=True, help="No per-file messages; summary only.")
@pipeline_options
@friendly_errors
def ingest_command(
    paths: tuple[Path, ...], db_path: Path | None, quiet: bool, **options: Any
) -> None:
    """Store the documents under PATHS (files, folders, .jsonl) and everything found in them."""
    settings = settings_from(options)
    with _open(db_path, read_only=False) as store, progress() as bar:
        task = bar.add_task("ingesting", total=None)
        shown = 0

        def on_item(summary: IngestSummary) -> None:
            nonlocal shown
            bar.update(task, completed=summary.seen)
            # Thousands of bad files: show the first few, count the rest.
            while not quiet and shown < len(summary.problems) and shown < 20:
                # Escaped and unwrapped: a path like "[draft] a.txt" must show whole, on one line.
                bar.console.print(
                    f"[yellow]skipped[/yellow] {escape(summary.problems[shown])}",
                    highlight=False,
                    soft_wrap=True,
                )
                shown += 1

        summary = ingest(paths, store, settings, on_item)
    more = len(summary.problems) - min(len(summary.problems), 20)
    if more > 0 and not quiet:
        console.print(f"... and {more} more (see `wirewatch errors`)")
    out.print(
        f"new {summary.new}, updated {summary.updated}, unchanged {summary.unchanged}, "
        f"rejected {summary.rejected}"
    )
    ok = summary.new + summary.updated + summary.unchanged
    sys.exit(0 if not summary.rejected else (1 if ok else 3))


@click.command("docs")
@db_option
@click.option("--limit", default=50, show_default=True)
@click.option("--language", default=None, help="Only this language (ISO 639-1).")
@friendly_errors
def docs_command(db_path: Path | None, limit: int, language: str | None) -> None:
    """List stored documents."""
    with _open(db_path) as store:
        where, params = ("WHERE language = ?", [language]) if language else ("", [])
        rows = store.query(
            f"SELECT d.id, d.language, d.published, d.genre, left(coalesce(d.title, ''), 60) AS title, "
            f"(SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events "
            f"FROM documents d {where} ORDER BY d.published DESC NULLS LAST, d.id LIMIT ?",
            [*params, limit],
        )
    table = Table("id", "lang", "published", "genre", "events", "title")
    for r in rows:
        table.add_row(
            escape(r["id"]),
            r["language"] or "?",
            r["published"] or "",
            r["genre"] or "",
            str(r["events"]),
            escape(r["title"]),
        )
    out.print(table)


@click.command("show")
@click.argument("doc_id")
@db_option
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def show_command(doc_id: str, db_path: Path | None, as_json: bool) -> None:
    """Show one document: metadata, clean text, removed lines, entities and events."""
    with _open(db_path) as store:
        doc = store.get_document(doc_id)
    if doc is None:
        click.echo(f"error: no document with id '{doc_id}' (see `wirewatch docs`)", err=True)
        sys.exit(2)
    if as_json:
        out.print_json(json.dumps(doc, default=str, ensure_ascii=False))
        return
    for key in (
        "id",
        "title",
        "url",
        "outlet",
        "published",
        "language",
        "language_confidence",
        "genre",
        "policy_position",
        "source_path",
        "content_hash",
        "updated_at",
    ):
        out.print(f"[bold]{key}[/bold]: {escape(str(doc.get(key)))}", highlight=False)
    out.rule("text")
    out.print(doc["text"], highlight=False, markup=False)
    out.rule(f"removed ({len(doc['removed'])})")
    for r in doc["removed"]:
        out.print(f"[dim]{r['reason']:>14}[/dim]  {escape(r['line'])}", highlight=False)
    if doc["entities"]:
        out.rule("entities")
        for e in doc["entities"]:
            out.print(
                f"{e['canonical']} ({e['type']})  {e['mentions']}", highlight=False, markup=False
            )
    if doc["events"]:
        out.rule("events")
        for e in doc["events"]:
            out.print(
                f"{e['date'] or '?'} {e['type']}/{e['mode'] or '-'} {e['actor']} -> {e['recipient']}"
                f"  «{e['evidence']}»",
                highlight=False,
                markup=False,
            )


@click.command("stats")
@db_option
@click.option("--json", "as_json", is_flag=True)
@friendly_errors
def stats_command(db_path: Path | None, as_json: bool) -> None:
    """Counts of what the store holds."""
    with _open(db_path) as store:
        stats = store.stats()
    if as_json:
        out.print_json(json.dumps(stats))
        return
    for key, value in stats.items():
        out.print(f"[bold]{key}[/bold]: {value}", highlight=False)


@click.command("errors")
@db_option
@click.option("--limit", default=50, show_default=True)
@friendly_errors
def errors_command(db_path: Path | None, limit: int) -> None:
    """Inputs that were rejected, newest first, with the reason."""
    with _open(db_path) as store:
        rows = store.query("SELECT * FROM ingest_errors ORDER BY error_id DESC LIMIT ?", [limit])
    table = Table("at", "where", "stage", "code", "message")
    table.columns[1].overflow = "fold"  # the file name is the point: never cut it off
    for r in rows:
        where = r["path"] or r["doc_id"] or ""
        if r["line"]:
            where += f":{r['line']}"
        table.add_row(
            str(r["occurred_at"])[:19],
            escape(where),
            r["stage"] or "",
            r["code"],
            escape(r["message"]),
        )
    out.print(table)


@click.command("actors")
@db_option
@click.option("--match", "pattern", default=None, help="Only actors whose name contains this.")
@click.option("--type", "entity_type", default=None, help="PERSON, ORG, GPE, MILITIA or FACILITY.")
@click.option("--limit", default=50, show_default=True)
@friendly_errors
def actors_command(
    db_path: Path | None, pattern: str | None, entity_type: str | None, limit: int
) -> None:
    """Actors by number of mentions across the stored documents."""
    with _open(db_path) as store:
        rows = actor_counts(store, pattern, entity_type, limit)
    table = Table("actor", "type", "documents", "mentions", "resolved")
    for r in rows:
        table.add_row(
            r["canonical"],
            r["type"] or "",
            str(r["documents"]),
            str(r["mentions"]),
            "yes" if r["resolved"] else "no",
        )
    out.print(table)


@click.command("events")
@db_option
@click.option("--actor", default=None, help="Actor name (canonical, case-insensitive).")
@click.option("--recipient", default=None)
@click.option("--type", "event_type", default=None, help="PLOVER type, e.g. ASSAULT.")
@click.option("--since", default=None, help="YYYY[-MM[-DD]]")
@click.option("--until", default=None, help="YYYY[-MM[-DD]]")
@click.option("--limit", default=200, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@friendly_errors
def events_command(
    db_path: Path | None,
    actor: str | None,
    recipient: str | None,
    event_type: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Coded events, filtered by actor, recipient, type and date."""
    with _open(db_path) as store:
        rows = event_rows(
            store,
            actor=actor,
            recipient=recipient,
            event_type=event_type,
            since=since,
            until=until,
            limit=limit,
        )
    if fmt == "json":
        out.print_json(json.dumps(rows, default=str, ensure_ascii=False))
    elif fmt == "csv":
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(
                [
                    {k: json.dumps(v) if isinstance(v, list) else v for k, v in r.items()}
                    for r in rows
                ]
            )
        sys.stdout.write(buf.getvalue())
    else:
        table = events_table(rows)
        out.print(table)


COMMANDS = [
    ingest_command,
    docs_command,
    show_command,
    stats_command,
    errors_command,
    actors_command,
    events_command,
]
