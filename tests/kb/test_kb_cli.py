"""The kb check and explain commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from wirewatch.cli.kb_cmd import explain_command, kb_check_command


def test_kb_check_accepts_a_good_file(kb_file: Callable[[str], Path]) -> None:
    path = kb_file("version: 1\nentries:\n  - {id: a1, canonical: A, type: ORG}\n")
    result = CliRunner().invoke(kb_check_command, [str(path)])
    assert result.exit_code == 0


def test_kb_check_reports_file_line_and_fix(kb_file: Callable[[str], Path]) -> None:
    path = kb_file("version: 1\nentries:\n  - {id: a1, canonical: A, type: NOPE}\n")
    result = CliRunner().invoke(kb_check_command, [str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: bad type" in result.output
    assert "(fix:" in result.output


def test_explain_finds_an_alias() -> None:
    result = CliRunner().invoke(explain_command, ["Suleimani"])
    assert result.exit_code == 0
    assert "Qasem Soleimani" in result.output
    assert "Commander of the Quds Force" in result.output


def test_explain_unknown_actor_fails() -> None:
    result = CliRunner().invoke(explain_command, ["Nobody McNobodyface"])
    assert result.exit_code == 1
