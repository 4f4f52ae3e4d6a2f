"""``wirewatch analyze`` and ``wirewatch evaluate``: files in, analysis JSON out, scores."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table

from wirewatch.api import iter_analyze, write_analysis
from wirewatch.cli import console, friendly_errors, out
from wirewatch.cli.options import pipeline_options, progress, settings_from
from wirewatch.evaluate import ACCURACY_MEASURES, COUNT_MEASURES, Scores, evaluate
from wirewatch.ingest import IngestProblem
from wirewatch.model import Document
from wirewatch.pipeline import DocumentFailure


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for one <id>.json per document.",
)
@pipeline_options
@friendly_errors
def analyze(paths: tuple[Path, ...], out_dir: Path, **options: object) -> None:
    """Run the pipeline on PATHS (files or folders) without a store; write DIR/<id>.json."""
    settings = settings_from(options)
    written = rejected = 0
    with progress() as bar:
        task = bar.add_task("analyzing", total=None)
        for item in iter_analyze(paths, settings):
            if isinstance(item, Document):
                write_analysis(item, out_dir)
                written += 1
            else:
                rejected += 1
                _report_problem(item)
            bar.advance(task)
    console.print(f"wrote {written} analyses to {out_dir}; {rejected} rejected")
    sys.exit(1 if rejected and written else (3 if rejected else 0))


def _report_problem(item: IngestProblem | DocumentFailure) -> None:
    if isinstance(item, IngestProblem):
        click.echo(f"skipped {item}", err=True)
    else:
        click.echo(
            f"skipped {item.source or item.doc_id}: [{item.code}] {item.stage}: {item.message}",
            err=True,
        )


def _scores_table(title: str, columns: dict[str, Scores]) -> Table:
    table = Table(title=title)
    table.add_column("measure")
    for name in columns:
        table.add_column(name, justify="right")
    table.add_row("documents", *[str(s.documents) for s in columns.values()])
    for m in COUNT_MEASURES:
        table.add_row(
            f"{m} F1 (P/R)",
            *[
                f"{s.counts[m].f1:.3f} ({s.counts[m].precision:.2f}/{s.counts[m].recall:.2f})"
                if s.counts[m].gold or s.counts[m].pred
                else "-"
                for s in columns.values()
            ],
        )
    for m in ACCURACY_MEASURES:
        table.add_row(
            f"{m} acc",
            *[
                "-"
                if s.accuracies[m].value is None
                else f"{s.accuracies[m].value:.3f} ({s.accuracies[m].correct}/{s.accuracies[m].total})"
                for s in columns.values()
            ],
        )
    return table


def _language_table(by_language: dict[str, Scores]) -> Table:
    table = Table(title="by language")
    for name in (
        "lang",
        "docs",
        "entity F1",
        "location F1",
        "type F1",
        "strict F1",
        "date acc",
        "lang acc",
    ):
        table.add_column(name, justify="right")
    for lang, s in sorted(by_language.items()):
        accs = [s.accuracies[m].value for m in ("event_date", "language")]
        table.add_row(
            lang,
            str(s.documents),
            *[
                f"{s.counts[m].f1:.3f}" if s.counts[m].gold or s.counts[m].pred else "-"
                for m in COUNT_MEASURES
            ],
            *["-" if a is None else f"{a:.3f}" for a in accs],
        )
    return table


@click.command("evaluate")
@click.option(
    "--gold", "gold_dir", required=True, type=click.Path(path_type=Path), help="Gold JSON folder."
)
@click.option(
    "--pred",
    "pred_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Predicted JSON folder.",
)
@click.option("--json", "as_json", is_flag=True, help="Print all scores as JSON.")
@friendly_errors
def evaluate_command(gold_dir: Path, pred_dir: Path, as_json: bool) -> None:
    """Score predicted analysis JSON against gold, per language and overall."""
    result = evaluate(gold_dir, pred_dir)
    if as_json:
        out.print_json(json.dumps(result.as_dict()))
        return
    columns = {
        "all": result.overall,
        "en": result.group(lambda lang: lang == "en"),
        "non-en": result.group(lambda lang: lang != "en"),
    }
    out.print(_scores_table("wirewatch evaluate", columns))
    out.print(_language_table(result.by_language))
    if result.overall.missing:
        console.print(
            f"[yellow]{result.overall.missing} gold documents have no prediction[/yellow]"
        )


COMMANDS = [analyze, evaluate_command]
