"""Ingest throughput and peak memory on 10,000 documents (clean + language stages).

Replicates the dev corpus (../shared/seeds/*.txt + ../shared/corpus/articles/*.txt, or the
bundled samples when ../shared is absent) to N documents with unique ids and slightly varied
content (so every content hash differs), as plain text and as HTML article pages with a nav
bar and a footer. Each measurement runs in a fresh subprocess so peak RSS values are separate:

  text      ingest N .txt files into a fresh store          target >= 300 docs/s
  html      ingest N .html files into a fresh store         target >= 150 docs/s
  reingest  ingest the same N .txt files again (unchanged)  target >= 2,000 docs/s
  peak RSS  every measurement                                target <= 500 MB

Usage: python benchmarks/bench_ingest.py [--docs 10000] [--workdir DIR] [--profile]
Prints a table and one JSON line (``BENCH {...}``).
"""

from __future__ import annotations

import argparse
import html
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
TARGETS = {"text": 300.0, "html": 150.0, "reingest": 2000.0}
MAX_RSS_MB = 500.0


def source_articles() -> list[str]:
    files = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/articles/*.txt"))
    if not files:
        files = sorted((REPO / "src" / "wirewatch" / "data" / "samples").glob("*.txt"))
    if not files:
        sys.exit("no source articles: need ../shared or src/wirewatch/data/samples")
    return [f.read_text(encoding="utf-8") for f in files]


def vary(text: str, i: int) -> str:
    """A unique, plausible variant: a reference line and a number changed in the body."""
    return text.rstrip("\n") + f"\n\nReference {i}: this report was filed as item number {i}.\n"


def html_page(text: str, i: int) -> str:
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    title = html.escape(paragraphs[0][:80]) if paragraphs else f"Article {i}"
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body>\n"
        "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World</a></li>"
        "<li><a href='/politics'>Politics</a></li><li><a href='/opinion'>Opinion</a></li>"
        "</ul></nav></header>\n"
        f"<main><article><h1>{title}</h1>\n{body}\n</article></main>\n"
        "<footer><p>Copyright 2024 Example News. All rights reserved.</p>"
        "<a href='/about'>About</a> <a href='/contact'>Contact</a></footer>\n</body></html>\n"
    )


def build_corpus(workdir: Path, n: int) -> tuple[Path, Path]:
    articles = source_articles()
    text_dir, html_dir = workdir / "text", workdir / "html"
    text_dir.mkdir(parents=True, exist_ok=True)
    html_dir.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = vary(articles[i % len(articles)], i)
        (text_dir / f"doc{i:05d}.txt").write_text(text, encoding="utf-8")
        (html_dir / f"doc{i:05d}.html").write_text(html_page(text, i), encoding="utf-8")
    return text_dir, html_dir


def measure(corpus: Path, db: Path, profile: bool) -> dict[str, object]:
    """One ingest run in this (fresh) process; prints a JSON result."""
    from wirewatch.ingest_run import ingest
    from wirewatch.settings import Settings
    from wirewatch.store import Store

    settings = Settings(stages=("clean", "language"))
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    with Store(db) as store:
        summary = ingest([corpus], store, settings)
    seconds = time.perf_counter() - start
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    docs = summary.seen
    return {
        "docs": docs,
        "new": summary.new,
        "unchanged": summary.unchanged,
        "rejected": summary.rejected,
        "seconds": round(seconds, 3),
        "docs_per_s": round(docs / seconds, 1) if seconds else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_child(corpus: Path, db: Path, profile: bool) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", str(corpus), "--db", str(db)]
    if profile:
        cmd.append("--profile")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"measurement failed:\n{proc.stderr}")
    if profile:
        print(proc.stderr, file=sys.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument(
        "--workdir", type=Path, default=None, help="Keep the corpus and stores here."
    )
    parser.add_argument("--profile", action="store_true", help="cProfile each run (to stderr).")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(measure(args.child, args.db, args.profile)))
        return

    with tempfile.TemporaryDirectory(prefix="wirewatch-bench-") as tmp:
        workdir = args.workdir or Path(tmp)
        t0 = time.perf_counter()
        text_dir, html_dir = build_corpus(workdir, args.docs)
        print(
            f"built {args.docs} text + {args.docs} HTML documents in "
            f"{time.perf_counter() - t0:.1f} s under {workdir}",
            file=sys.stderr,
        )
        results = {
            "text": run_child(text_dir, workdir / "text.duckdb", args.profile),
            "html": run_child(html_dir, workdir / "html.duckdb", args.profile),
            "reingest": run_child(text_dir, workdir / "text.duckdb", args.profile),
        }

    print(
        f"{'run':<10} {'docs':>7} {'seconds':>8} {'docs/s':>9} {'target':>8} "
        f"{'peak RSS MB':>12}  ok"
    )
    ok_all = True
    for name, r in results.items():
        rate = float(r["docs_per_s"] or 0.0)
        ok = rate >= TARGETS[name] and float(r["peak_rss_mb"]) <= MAX_RSS_MB  # type: ignore[arg-type]
        ok_all &= ok
        print(
            f"{name:<10} {r['docs']:>7} {r['seconds']:>8} {rate:>9.1f} {TARGETS[name]:>8.0f} "
            f"{r['peak_rss_mb']:>12}  {'yes' if ok else 'NO'}"
        )
    print(
        "BENCH "
        + json.dumps(
            {
                "docs": args.docs,
                "results": results,
                "targets": TARGETS,
                "max_rss_mb": MAX_RSS_MB,
                "all_ok": ok_all,
            }
        )
    )


if __name__ == "__main__":
    main()
