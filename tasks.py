#!/usr/bin/env python3
"""Project tasks that need nothing but python3: set up, run the demo, run the tests.

    python3 tasks.py demo    # set up .venv, ingest the bundled samples, show the result
    python3 tasks.py test    # set up .venv, then lint, format check, types and the test suite
    python3 tasks.py setup   # only create/refresh .venv

Setup creates ./.venv and installs the package with its pinned dependencies; it is
redone only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".wirewatch-setup"


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    code = subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)
    if code != 0:
        sys.exit(code)


def setup() -> None:
    """Create .venv and install wirewatch[dev] unless pyproject.toml is unchanged since last time."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def demo() -> None:
    setup()
    db = ROOT / "wirewatch-demo.duckdb"
    run(BIN / "wirewatch", "demo", "--db", db)


def test() -> None:
    setup()
    run(BIN / "ruff", "check", "src", "tests", "benchmarks", "scripts", "tasks.py")
    run(BIN / "ruff", "format", "--check", "src", "tests", "benchmarks", "scripts", "tasks.py")
    run(BIN / "mypy")
    run(BIN / "python", "-m", "pytest", "-q", *sys.argv[2:])


TASKS = {"setup": setup, "demo": demo, "test": test}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        print(__doc__)
        sys.exit(2)
    TASKS[sys.argv[1]]()
