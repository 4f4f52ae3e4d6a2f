"""Lexicon schema validation, term syntax and matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.errors import LexiconError
from wirewatch.stages.events_lexicon import (
    LANG_DIR,
    TermSet,
    intensity,
    load_event_lexicons,
    normalize,
    parse_lexicon,
    plover_types,
)

GOOD = """language: xx
version: 1
triggers:
  - type: ASSAULT
    mode: aerial
    terms: ["airstrike*"]
negation: ["not"]
"""


@pytest.mark.parametrize(
    "path", sorted(LANG_DIR.glob("*/events.yaml")), ids=lambda p: p.parent.name
)
def test_every_shipped_lexicon_validates(path: Path) -> None:
    lex = load_event_lexicons([path.parent.name])[path.parent.name]
    assert lex.groups


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        (GOOD.replace("ASSAULT", "BOMB"), 4, "unknown PLOVER type"),
        (GOOD.replace('"airstrike*"', '"Airstrike*"'), 6, "not lowercase"),
        (GOOD.replace('"airstrike*"', '""'), 6, "empty"),
        (GOOD.replace('"airstrike*"', '"air**strike"'), 6, "'**'"),
        (GOOD.replace("version: 1\n", ""), 1, "missing key 'version'"),
        (GOOD + "colour: red\n", 8, "unknown key"),
        (GOOD.replace("    mode: aerial\n", "    modus: aerial\n"), 5, "unknown trigger key"),
        (GOOD + "numbers: {two: deux}\n", 8, "integer or null"),
        (GOOD.replace("    mode: aerial\n", "    subject: target\n"), 5, "subject must be"),
        (GOOD.replace("terms:", "terms: [\n"), 8, "not valid YAML"),
    ],
)
def test_invalid_lexicon_points_at_the_line(text: str, line: int, needle: str) -> None:
    with pytest.raises(LexiconError) as exc:
        parse_lexicon(text, Path("events.yaml"))
    assert needle in exc.value.message
    assert exc.value.where == f"events.yaml:{line}"
    assert exc.value.fix


def test_language_must_match_folder() -> None:
    with pytest.raises(LexiconError, match="does not match folder"):
        parse_lexicon(GOOD, Path("de/events.yaml"), language="de")


def test_broken_file_is_skipped_when_errors_are_collected(tmp_path: Path) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "events.yaml").write_text(GOOD.replace("ASSAULT", "BOMB"))
    errors: list[LexiconError] = []
    assert load_event_lexicons(lang_dir=tmp_path, errors=errors) == {}
    assert len(errors) == 1


@pytest.mark.parametrize(
    ("term", "text", "hit"),
    [
        ("droht*", "er drohte gestern", "drohte"),
        ("droht*", "androhte", None),  # must start on a word
        ("*هجوم", "والهجوم على", "هجوم"),  # leading * for clitics
        ("threaten* more attacks", "they threatened more attacks", "threatened more attacks"),
        ("hold * accountable", "will hold the group accountable", "hold the group accountable"),
        ("autobomb*-anschlag*", "ein autobombe-anschlags", "autobombe-anschlags"),
        ("strike", "airstrikes", None),
        ("air strike", "air   strike", "air   strike"),
        # '...': a separable verb's particle later in the same clause, never past punctuation
        ("griff ... an", "israel griff am sonntag ziele an", "griff am sonntag ziele an"),
        ("griff ... an", "israel griff ein, die armee rückte an", None),
        ("griff ... an", "sie griff an", "griff an"),
        # vowel marks, shadda and tatweel written in an Arabic text
        ("هدد*", "وفي السياق ذاته هدّد الحرس", "هدّد"),
        ("*هجوم", "والهجُوم على", "هجُوم"),
        ("هجوم", "هجـوم", "هجـوم"),
    ],
)
def test_term_syntax(term: str, text: str, hit: str | None) -> None:
    m = TermSet([term]).search(normalize(text))
    assert (m.group() if m else None) == hit


def test_a_window_cutting_a_word_gives_no_match() -> None:
    # the passive "fue" is no prefix of "fuerzas" whose end the window cuts off
    text = normalize("contra las fuerzas estadounidenses")
    assert TermSet(["fue"]).search(text, 0, text.index("rzas")) is None
    assert TermSet(["fue*"]).search(text, 0, text.index("rzas")) is not None


def test_no_space_languages_match_inside_text() -> None:
    m = TermSet(["空袭"], nospace=True).search("美国空袭了基地")
    assert m is not None and m.group() == "空袭"


@pytest.mark.parametrize("text", ["İstanbul'da", "كتائب حزب الله", "یکشنبه ي ك", "ẞtraße"])
def test_normalize_keeps_length(text: str) -> None:
    assert len(normalize(text)) == len(text)


def test_arabic_letter_variants_fold_together() -> None:
    assert normalize("يكشنبه") == normalize("یکشنبه")


def test_sixteen_plover_types() -> None:
    assert len(plover_types()) == 16


@pytest.mark.parametrize(
    ("etype", "mode", "score"),
    [
        ("ASSAULT", "aerial", -9.5),
        ("ASSAULT", None, -9.0),
        ("CONSULT", "visit", 4.0),
        ("ACCUSE", "allege", -3.5),
        ("AID", None, 10.0),
        ("THREATEN", "territory", -4.0),
    ],
)
def test_intensity(etype: str, mode: str | None, score: float) -> None:
    assert intensity(etype, mode) == score


def test_trigger_with_leading_star_reports_the_whole_word() -> None:
    text = GOOD.replace('"airstrike*"', '"*هجوم"').replace("language: xx", "language: ar")
    lex = parse_lexicon(text, Path("events.yaml"))
    norm = normalize("وقع والهجوم على القاعدة")
    (match,) = lex.triggers(norm, 0, len(norm))
    assert norm[match.start : match.end] == "والهجوم"


@pytest.mark.parametrize(
    ("graded", "term", "expected"),
    [
        (False, "angriff", 0.5),  # ungraded lexicon: one word is generic
        (False, "angriff auf", 0.8),  # ... several words are specific
        (True, "angriff", 0.8),  # graded lexicon: ungraded groups are specific
    ],
)
def test_default_trigger_confidence(graded: bool, term: str, expected: float) -> None:
    text = GOOD.replace('"airstrike*"', f'"{term}"')
    if graded:
        text = text.replace(
            "negation:", '  - type: PROTEST\n    confidence: 0.5\n    terms: ["demo"]\nnegation:'
        )
    lex = parse_lexicon(text, Path("events.yaml"))
    norm = normalize(f"ein {term} heute")
    match = next(m for m in lex.triggers(norm, 0, len(norm)) if m.group.type == "ASSAULT")
    assert match.confidence == expected
