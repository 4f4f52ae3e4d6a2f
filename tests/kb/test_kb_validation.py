"""Each validator error names file:line and a fix; nothing is loaded on error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from wirewatch.errors import KBError
from wirewatch.kb import load_kb

CASES = [
    # (yaml text, line the error must point at, words in the message)
    (
        "version: 1\nentries:\n  - id: a1\n    canonical: A\n    type: ORG\n    alias: {en: [A]}\n",
        6,
        "unknown key 'alias'",
    ),
    ("version: 1\nentries:\n  - id: a1\n    canonical: A\n    type: ARMY\n", 5, "bad type"),
    ("version: 1\nentries:\n  - id: a1\n    type: ORG\n", 3, "missing 'canonical'"),
    ("version: 1\nentries:\n  - canonical: A\n    type: ORG\n", 3, "missing 'id'"),
    (
        "version: 1\nentries:\n  - id: a1\n    canonical: A\n    type: ORG\n"
        "  - id: a1\n    canonical: B\n    type: ORG\n",
        6,
        "duplicate entry id",
    ),
    (
        "version: 1\nentries:\n  - id: a1\n    canonical: A\n    type: ORG\n"
        "    relations:\n      - {type: member_of, target: nowhere_at_all}\n",
        7,
        "not a known entry",
    ),
    (
        "version: 1\nentries:\n  - id: a1\n    canonical: A\n    type: ORG\n"
        "    relations:\n      - {type: member_of, target: iran, start: 2020-13}\n",
        7,
        "bad date",
    ),
    (
        "version: 1\nentries:\n  - id: a1\n    canonical: A\n    type: PLACE\n    lat: 95\n",
        6,
        "out of range",
    ),
    (
        "version: 1\nentries:\n  - id: a1\n    canonical: A\n    type: ORG\n"
        "    aliases:\n      xx: [A]\n",
        7,
        "unknown language code 'xx'",
    ),
    (
        "version: 1\noffices:\n  - id: o1\n    name: Boss\n    holders:\n"
        "      - {holder: nobody_here, start: 2020}\n",
        6,
        "office holder",
    ),
    (
        "version: 1\nentries:\n  - id: a1\n    canonical: A\n    type: ORG\n"
        "    relations:\n      - {type: friend_of, target: iran}\n",
        7,
        "unknown relation type",
    ),
    ("version: 1\nentries: [\n", 3, "not valid YAML"),
    (
        "version: 1\noffices:\n  - id: o1\n    name: Boss\n    holders:\n"
        "      - {holder: mike_pompeo, start: 2021, end: 2020}\n",
        6,
        "after end",
    ),
]


@pytest.mark.parametrize(("text", "line", "words"), CASES)
def test_error_names_file_line_and_fix(
    kb_file: Callable[[str], Path], text: str, line: int, words: str
) -> None:
    path = kb_file(text)
    with pytest.raises(KBError) as info:
        load_kb([path])
    err = info.value
    assert words in err.message
    assert err.where == f"{path}:{line}"
    assert err.fix


def test_unknown_key_suggests_the_right_one(kb_file: Callable[[str], Path]) -> None:
    path = kb_file(
        "version: 1\nentries:\n  - id: a1\n    canonical: A\n    type: ORG\n    qidd: Q1\n"
    )
    with pytest.raises(KBError) as info:
        load_kb([path])
    assert "did you mean 'qid'" in (info.value.fix or "")


def test_duplicate_ids_across_user_files(kb_file: Callable[[str], Path]) -> None:
    first = kb_file("version: 1\nentries:\n  - {id: a1, canonical: A, type: ORG}\n")
    second = kb_file("version: 1\nentries:\n  - {id: a1, canonical: B, type: ORG}\n")
    with pytest.raises(KBError, match="duplicate entry id"):
        load_kb([first, second])


def test_norway_code_is_not_a_boolean(kb_file: Callable[[str], Path]) -> None:
    path = kb_file("version: 1\nentries:\n  - {id: a1, canonical: A, type: ORG, country: NO}\n")
    entry = load_kb([path]).get("a1")
    assert entry is not None and entry.country == "NO"


def test_error_leaves_the_default_kb_intact(kb_file: Callable[[str], Path]) -> None:
    path = kb_file("version: 1\nentries:\n  - {id: zz_broken, canonical: A, type: NOPE}\n")
    with pytest.raises(KBError):
        load_kb([path])
    assert load_kb().get("zz_broken") is None
