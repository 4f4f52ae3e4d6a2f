"""Scoring analysis JSON against gold, measure by measure, with hand-made gold/pred pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from shared_data import shared_path
from wirewatch.cli import main
from wirewatch.errors import GoldError
from wirewatch.evaluate import dates_compatible, evaluate, normalize_name, score_document


def ents(*names: str) -> list[dict]:
    return [{"canonical": n, "type": "ORG"} for n in names]


def ev(type_: str = "ASSAULT", actor=None, recipient=None, date=None, location=None) -> dict:
    return {
        "type": type_,
        "actor": actor,
        "recipient": recipient,
        "date": date,
        "location": location,
    }


def doc(**fields) -> dict:
    base = {
        "id": "d",
        "language": "en",
        "genre": "news",
        "policy_position": None,
        "entities": [],
        "locations": [],
        "events": [],
    }
    base.update(fields)
    return base


# ---- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("United States", "united states"),
        ("Qāsem Soleimani", "Qasem Soleimani"),
        ("Al-Qaim", "Al Qaim"),
        ("  Kirkuk ", "Kirkuk"),
        ("ÉTATS-UNIS", "etats unis"),
        ("Hezbollah – Iraq", "Hezbollah Iraq"),
        ("Popular Mobilization Forces", "popular  mobilization forces"),
    ],
)
def test_names_match_after_normalisation(a, b):
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.issue(2)
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kata'ib Hezbollah", "Kataib Hezbollah"),
        ("Asa’ib Ahl al-Haq", "Asaib Ahl al-Haq"),
        ("U.S.", "US"),
        ("Al-Qa'im", "Al Qaim"),
    ],
)
def test_punctuation_inside_a_word_is_removed(a, b):
    # SCHEMA.md: names compare after *removing* punctuation; "Kata'ib" became "kata ib" before.
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Iran", "Iraq"), ("US Army", "US Navy"), ("Hamas", "Hamas Iraq")]
)
def test_different_names_stay_different(a, b):
    assert normalize_name(a) != normalize_name(b)


# ---- entity and location sets ------------------------------------------------------------------


def test_entity_set_precision_recall_f1():
    gold = doc(entities=ents("United States", "Iraq", "Kata'ib Hezbollah", "Qasem Soleimani"))
    pred = doc(entities=ents("united states", "Iraq", "Iran"))
    counts = score_document(gold, pred).counts["entities"]
    assert (counts.tp, counts.pred, counts.gold) == (2, 3, 4)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == pytest.approx(0.5)
    assert counts.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_entity_duplicates_count_once():
    counts = score_document(doc(entities=ents("Iraq")), doc(entities=ents("Iraq", "IRAQ"))).counts[
        "entities"
    ]
    assert (counts.tp, counts.pred, counts.gold) == (1, 1, 1)


def test_entity_f1_with_nothing_is_zero():
    counts = score_document(doc(), doc()).counts["entities"]
    assert (counts.precision, counts.recall, counts.f1) == (0.0, 0.0, 0.0)


def test_location_sets_are_scored_like_entities():
    gold = doc(locations=[{"canonical": "Al-Qa'im"}, {"canonical": "Baghdad"}])
    pred = doc(locations=[{"canonical": "Al Qaim"}])
    counts = score_document(gold, pred).counts["locations"]
    assert (counts.tp, counts.pred, counts.gold) == (1, 1, 2)


def test_entity_counts_are_summed_over_documents(tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    write_docs(
        gold_dir, [doc(id="a", entities=ents("Iraq", "Iran")), doc(id="b", entities=ents("Syria"))]
    )
    write_docs(
        pred_dir,
        [doc(id="a", entities=ents("Iraq")), doc(id="b", entities=ents("Syria", "Turkey"))],
    )
    counts = evaluate(gold_dir, pred_dir).overall.counts["entities"]
    assert (counts.tp, counts.pred, counts.gold) == (2, 3, 3)


# ---- events -------------------------------------------------------------------------------------


def test_event_type_match():
    gold = doc(events=[ev("ASSAULT"), ev("PROTEST")])
    pred = doc(events=[ev("ASSAULT"), ev("COERCE")])
    counts = score_document(gold, pred).counts["events_type"]
    assert (counts.tp, counts.pred, counts.gold) == (1, 2, 2)


def test_each_gold_event_matches_once():
    counts = score_document(
        doc(events=[ev("ASSAULT")]), doc(events=[ev("ASSAULT"), ev("ASSAULT")])
    ).counts["events_type"]
    assert (counts.tp, counts.pred, counts.gold) == (1, 2, 1)


def strict_tp(gold_event: dict, pred_event: dict) -> int:
    return (
        score_document(doc(events=[gold_event]), doc(events=[pred_event]))
        .counts["events_strict"]
        .tp
    )


def test_strict_needs_same_actor_and_recipient():
    gold = ev(actor="United States", recipient="Kata'ib Hezbollah", date="2019-12-29")
    assert (
        strict_tp(gold, ev(actor="united states", recipient="Kataib Hezbollah", date="2019-12-29"))
        == 1
    )


@pytest.mark.parametrize(
    "pred",
    [
        ev(actor="Iran", recipient="Kata'ib Hezbollah", date="2019-12-29"),
        ev(actor="United States", recipient="Iraq", date="2019-12-29"),
        ev(actor=None, recipient="Kata'ib Hezbollah", date="2019-12-29"),
        ev("PROTEST", actor="United States", recipient="Kata'ib Hezbollah", date="2019-12-29"),
    ],
    ids=["wrong-actor", "wrong-recipient", "missing-actor", "wrong-type"],
)
def test_strict_mismatch(pred):
    assert (
        strict_tp(ev(actor="United States", recipient="Kata'ib Hezbollah", date="2019-12-29"), pred)
        == 0
    )


@pytest.mark.parametrize(
    ("gold_actor", "pred_actor", "tp"),
    [
        (["United States", "United Kingdom"], "United Kingdom", 1),
        ("United States", ["Iraq", "United States"], 1),
        (["United States", "United Kingdom"], ["France", "United States"], 1),
        (["United States", "United Kingdom"], ["France", "Iraq"], 0),
    ],
)
def test_strict_with_lists_shares_one_name(gold_actor, pred_actor, tp):
    assert strict_tp(ev(actor=gold_actor), ev(actor=pred_actor)) == tp


@pytest.mark.parametrize("gold_recipient", [None, [], ""])
def test_strict_null_gold_role_accepts_anything(gold_recipient):
    assert (
        strict_tp(ev(actor="Iran", recipient=gold_recipient), ev(actor="Iran", recipient="Israel"))
        == 1
    )


def test_strict_prefers_the_event_that_matches_strictly():
    gold = doc(
        events=[ev(actor="Iran", date="2020-01-08"), ev(actor="United States", date="2020-01-03")]
    )
    pred = doc(events=[ev(actor="United States", date="2020-01-03")])
    scores = score_document(gold, pred)
    assert scores.counts["events_strict"].tp == 1
    assert scores.accuracies["event_date"].value == 1.0


@pytest.mark.parametrize(
    ("gold", "pred", "ok"),
    [
        ("2019-12-29", "2019-12-29", True),
        ("2019-12-29", "2019-12-30", True),
        ("2019-12-29", "2019-12-28", True),
        ("2019-12-29", "2019-12-31", False),
        ("2019-12-31", "2020-01-01", True),
        ("2019-12", "2019-12-05", True),
        ("2019-12-05", "2019-12", True),
        ("2019-12", "2019-12", True),
        ("2019-11", "2019-12-01", False),
        ("2020", "2020-03-04", True),
        (None, None, True),
        ("2019-12-29", None, False),
        (None, "2019-12-29", False),
        ("2019-02-30", "2019-02-30", True),
    ],
)
def test_date_compatibility(gold, pred, ok):
    assert dates_compatible(gold, pred) is ok


def test_strict_needs_a_compatible_date():
    assert strict_tp(ev(actor="Iran", date="2020-01-08"), ev(actor="Iran", date="2020-01-10")) == 0
    assert strict_tp(ev(actor="Iran", date="2020-01"), ev(actor="Iran", date="2020-01-10")) == 1


def test_date_and_location_accuracy_over_type_matched_events():
    gold = doc(
        events=[
            ev("ASSAULT", date="2020-01-03", location="Baghdad"),
            ev("PROTEST", date="2020-01-05", location="Basra"),
            ev("COERCE", date="2020-01-06", location="Erbil"),
        ]
    )
    pred = doc(
        events=[
            ev("ASSAULT", date="2020-01-04", location="baghdad"),
            ev("PROTEST", date="2020-01-09", location="Najaf"),
        ]
    )
    acc = score_document(gold, pred).accuracies
    assert (acc["event_date"].correct, acc["event_date"].total) == (1, 2)
    assert (acc["event_location"].correct, acc["event_location"].total) == (1, 2)


def test_no_location_on_both_sides_is_correct():
    acc = score_document(doc(events=[ev()]), doc(events=[ev()])).accuracies["event_location"]
    assert (acc.correct, acc.total) == (1, 1)


# ---- document-level accuracies ----------------------------------------------------------------


@pytest.mark.parametrize(("pred_lang", "correct"), [("en", 1), ("de", 0), (None, 0)])
def test_language_accuracy(pred_lang, correct):
    acc = score_document(doc(language="en"), doc(language=pred_lang)).accuracies["language"]
    assert (acc.correct, acc.total) == (correct, 1)


@pytest.mark.parametrize(
    ("gold", "pred", "correct", "total"),
    [("news", "news", 1, 1), ("opinion", "news", 0, 1), (None, "news", 0, 0)],
)
def test_genre_accuracy(gold, pred, correct, total):
    acc = score_document(doc(genre=gold), doc(genre=pred)).accuracies["genre"]
    assert (acc.correct, acc.total) == (correct, total)


@pytest.mark.parametrize(
    ("genre", "gold_pos", "pred_pos", "correct", "total"),
    [
        ("opinion", "withdraw", "withdraw", 1, 1),
        ("opinion", "withdraw", "stay", 0, 1),
        ("opinion", "mixed", None, 0, 1),
        ("news", None, "stay", 0, 0),
    ],
)
def test_policy_position_only_on_opinion(genre, gold_pos, pred_pos, correct, total):
    acc = score_document(
        doc(genre=genre, policy_position=gold_pos), doc(genre=genre, policy_position=pred_pos)
    ).accuracies["policy_position"]
    assert (acc.correct, acc.total) == (correct, total)


def test_missing_prediction_counts_as_empty():
    scores = score_document(doc(entities=ents("Iraq"), events=[ev()]), None)
    assert scores.missing == 1
    assert scores.counts["entities"].gold == 1 and scores.counts["entities"].tp == 0
    assert scores.counts["events_type"].gold == 1
    assert scores.accuracies["language"].correct == 0


# ---- folders, languages, errors ---------------------------------------------------------------


def write_docs(folder: Path, docs: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (folder / f"{d['id']}.json").write_text(json.dumps(d), encoding="utf-8")


def test_scores_are_grouped_by_gold_language(tmp_path):
    write_docs(
        tmp_path / "gold",
        [doc(id="a", language="en"), doc(id="b", language="ar"), doc(id="c", language="ar")],
    )
    write_docs(
        tmp_path / "pred",
        [doc(id="a", language="en"), doc(id="b", language="fa"), doc(id="c", language="ar")],
    )
    result = evaluate(tmp_path / "gold", tmp_path / "pred")
    assert {k: v.documents for k, v in result.by_language.items()} == {"en": 1, "ar": 2}
    assert result.by_language["ar"].accuracies["language"].value == 0.5
    non_en = result.as_dict()["non_english"]
    assert non_en["documents"] == 2


def test_prediction_is_found_by_id_not_file_name(tmp_path):
    write_docs(tmp_path / "gold", [doc(id="a", entities=ents("Iraq"))])
    (tmp_path / "pred").mkdir()
    (tmp_path / "pred" / "renamed.json").write_text(json.dumps(doc(id="a", entities=ents("Iraq"))))
    result = evaluate(tmp_path / "gold", tmp_path / "pred")
    assert result.overall.missing == 0
    assert result.overall.counts["entities"].tp == 1


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("no-gold-dir", "does not exist"),
        ("empty-gold", "no gold"),
        ("bad-json", "not valid JSON"),
        ("not-object", "one JSON object"),
        ("no-pred-dir", "does not exist"),
    ],
)
def test_bad_gold_or_prediction_folders(tmp_path, setup, message):
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    pred.mkdir()
    if setup != "no-gold-dir":
        gold.mkdir()
    if setup == "bad-json":
        (gold / "x.json").write_text("{nope")
    elif setup == "not-object":
        (gold / "x.json").write_text("[1, 2]")
    elif setup == "no-pred-dir":
        write_docs(gold, [doc()])
        pred.rmdir()
    with pytest.raises(GoldError, match=message):
        evaluate(gold, pred)


def test_gold_scored_against_itself_is_perfect():
    gold_dir = shared_path("seeds", "gold")
    overall = evaluate(gold_dir, gold_dir).overall
    for measure in ("entities", "locations", "events_type", "events_strict"):
        assert overall.counts[measure].f1 == 1.0, measure
    for measure in ("language", "genre", "policy_position", "event_date", "event_location"):
        assert overall.accuracies[measure].value == 1.0, measure


# ---- CLI ----------------------------------------------------------------------------------------


@pytest.fixture
def scored_dirs(tmp_path) -> tuple[Path, Path]:
    write_docs(
        tmp_path / "gold",
        [
            doc(id="a", entities=ents("Iraq", "Iran"), events=[ev(actor="Iran")]),
            doc(id="b", language="ar"),
        ],
    )
    write_docs(tmp_path / "pred", [doc(id="a", entities=ents("Iraq"), events=[ev(actor="Iran")])])
    return tmp_path / "gold", tmp_path / "pred"


def test_cli_json_output(scored_dirs):
    gold, pred = scored_dirs
    result = CliRunner().invoke(
        main, ["evaluate", "--gold", str(gold), "--pred", str(pred), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"overall", "by_language", "non_english", "by_document"}
    assert data["overall"]["entities"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "tp": 1,
        "pred": 1,
        "gold": 2,
    }
    assert data["overall"]["missing_predictions"] == 1
    assert data["overall"]["events_strict"]["tp"] == 1
    assert set(data["by_language"]) == {"ar", "en"}


def test_cli_table_output(scored_dirs):
    gold, pred = scored_dirs
    result = CliRunner().invoke(main, ["evaluate", "--gold", str(gold), "--pred", str(pred)])
    assert result.exit_code == 0
    assert "entities F1" in result.stdout
    assert "0.667" in result.stdout


def test_cli_bad_gold_folder_is_one_clean_line(tmp_path):
    result = CliRunner().invoke(
        main, ["evaluate", "--gold", str(tmp_path / "x"), "--pred", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.strip().count("\n") == 0
    assert "E050" in result.stderr
