"""CLI helpers for the knowledge base: ``kb-check`` (validate user files) and ``explain``.

Plain click commands; the main CLI group registers them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from wirewatch.errors import KBError
from wirewatch.kb import KBEntry, KnowledgeBase, load_kb


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def kb_check_command(files: tuple[Path, ...]) -> None:
    """Validate user KB FILES (against the packaged KB, which they may extend)."""
    try:
        kb = load_kb(list(files))
    except KBError as exc:
        where = f"{exc.where}: " if exc.where else ""
        fix = f" (fix: {exc.fix})" if exc.fix else ""
        click.echo(f"{where}{exc.message}{fix}", err=True)
        sys.exit(1)
    user = [e for e in kb.entries.values() if any(str(f) in e.source for f in files)]
    click.echo(f"ok: {len(files)} file(s), {len(user)} entries added or extended")


def find_entry(kb: KnowledgeBase, query: str) -> KBEntry | None:
    """An entry by id, canonical name or any alias (case-insensitive), actors first."""
    if query in kb.entries:
        return kb.entries[query]
    hit = kb.by_canonical(query)
    if hit is not None:
        return hit
    folded = query.casefold()
    matches = [
        e
        for e in kb.entries.values()
        for names in (*e.aliases.values(), *e.demonyms.values())
        if any(n.casefold() == folded for n in names)
    ]
    matches.sort(key=lambda e: e.type == "PLACE")
    return matches[0] if matches else None


@click.command("explain")
@click.argument("actor")
@click.option("--kb", "extra", multiple=True, type=click.Path(path_type=Path), help="user KB file")
def explain_command(actor: str, extra: tuple[Path, ...]) -> None:
    """Show what the KB knows about ACTOR (an id, canonical name or alias)."""
    try:
        kb = load_kb(list(extra))
    except KBError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    entry = find_entry(kb, actor)
    if entry is None:
        click.echo(f"no KB entry matches {actor!r}", err=True)
        sys.exit(1)
    console = Console()
    console.print(f"[bold]{entry.canonical}[/bold]  ({entry.type}, id {entry.id})")
    facts = [
        ("qid", entry.qid),
        ("country", entry.country),
        ("admin_level", entry.admin_level),
        ("coordinates", f"{entry.lat}, {entry.lon}" if entry.lat is not None else None),
        ("source", entry.source),
    ]
    for name, value in facts:
        if value is not None:
            console.print(f"  {name}: {value}")
    table = Table("kind", "lang", "forms")
    for kind in ("aliases", "demonyms", "metonyms"):
        for lang, names in sorted(getattr(entry, kind).items()):
            table.add_row(kind, lang, ", ".join(names))
    console.print(table)
    for rel in entry.relations:
        target = kb.get(rel.target)
        span = f" [{rel.start or '…'} – {rel.end or '…'}]" if rel.start or rel.end else ""
        console.print(f"  {rel.type} → {target.canonical if target else rel.target}{span}")
    for office, tenure in kb.offices_held(entry.id):
        console.print(f"  holds {office.name} [{tenure.start or '…'} – {tenure.end or 'now'}]")


@click.group("kb")
def kb_group() -> None:
    """Knowledge-base tools: validate your own KB files."""


kb_group.add_command(kb_check_command)

COMMANDS = [kb_group, explain_command]
