"""``wirewatch demo``: the whole job on the bundled sample articles."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click
from rich.table import Table

from wirewatch.cli import friendly_errors, out
from wirewatch.cli.options import progress
from wirewatch.cli.tables import events_table
from wirewatch.ingest_run import ingest
from wirewatch.settings import Settings, default_db_path
from wirewatch.store import Store
from wirewatch.store.queries import actor_counts, event_rows


def samples_path() -> Path:
    """Folder of the sample articles shipped with the package."""
    return Path(str(resources.files("wirewatch").joinpath("data/samples")))


@click.command("demo")
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path),
    default=None,
    help="DuckDB file (default: $WIREWATCH_DB or ./wirewatch.duckdb).",
)
@friendly_errors
def demo_command(db_path: Path | None) -> None:
    """Ingest the bundled sample articles into the store and show what wirewatch found."""
    path = db_path or default_db_path()
    with Store(path) as store:
        with progress() as bar:
            task = bar.add_task("ingesting samples", total=None)
            summary = ingest(
                [samples_path()], store, Settings(), lambda s: bar.update(task, completed=s.seen)
            )
        out.print(
            f"[bold]store[/bold] {path}: new {summary.new}, updated {summary.updated}, "
            f"unchanged {summary.unchanged}, rejected {summary.rejected}"
        )
        docs = store.query(
            "SELECT id, language, published, genre, policy_position FROM documents ORDER BY id"
        )
        table = Table("document", "lang", "published", "genre", "position", title="documents")
        for d in docs:
            table.add_row(
                d["id"],
                d["language"] or "?",
                d["published"] or "",
                d["genre"] or "",
                d["policy_position"] or "",
            )
        out.print(table)
        actors = Table("actor", "type", "docs", "mentions", title="top actors")
        for a in actor_counts(store, limit=12):
            actors.add_row(a["canonical"], a["type"] or "", str(a["documents"]), str(a["mentions"]))
        out.print(actors)
        events = events_table(event_rows(store, limit=40), title="events")
        out.print(events)
    out.print("next: `wirewatch show ID`, `wirewatch events --type ASSAULT`, `wirewatch actors`")


COMMANDS = [demo_command]
