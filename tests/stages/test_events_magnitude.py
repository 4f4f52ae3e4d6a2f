"""Casualty counts in words and digits, and bad input that must stay cheap and silent."""

from __future__ import annotations

import time

import pytest
from events_helpers import make_doc

from wirewatch.stages.events import EventStage
from wirewatch.stages.events_lexicon import load_event_lexicons, normalize
from wirewatch.stages.magnitude import casualties
from wirewatch.stages.temporal import date_resolver


@pytest.fixture(scope="module")
def lexicons() -> dict:  # type: ignore[type-arg]
    return load_event_lexicons(["en", "id"])


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "US airstrikes killed 25 fighters and wounded 55", (25, 55, None)),
        ("en", "two Marines were killed and 12 were wounded", (2, 12, None)),
        ("en", "the attack killed an American contractor", (1, None, None)),
        ("en", "police arrested 1,200 people", (None, None, 1200)),
        ("en", "dozens were killed", (None, None, None)),  # imprecise
        ("en", "a strike killed people on 29 December 2019", (None, None, None)),
        ("id", "serangan itu menewaskan tiga orang dan melukai 12", (3, 12, None)),
    ],
)
def test_casualties(
    lexicons: dict,
    lang: str,
    text: str,  # type: ignore[type-arg]
    expected: tuple[int | None, ...],
) -> None:
    n = normalize(text)
    found = date_resolver(lang).find(text, n, 0, len(n), "2020-01-05")
    got = casualties(n, 0, len(n), lexicons[lang], [(d.start, d.end) for d in found])
    assert (got["fatalities"], got["injured"], got["arrested"]) == expected


BAD_INPUTS = {
    "giant sentence": " ".join(["the attack on the base killed soldiers"] * 700),
    "flattened table": "\n".join(f"{i} | attack | strike | killed | {i * 3}" for i in range(400)),
    "list of names": ", ".join(["Kataib Hezbollah", "Donald Trump", "Iran", "Iraq"] * 300),
    "no verbs": " ".join(["airstrikes rockets drones missiles"] * 500),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_bounded_and_silent(lexicons: dict, name: str) -> None:  # type: ignore[type-arg]
    stage = EventStage(lexicons)
    doc = make_doc(BAD_INPUTS[name])
    start = time.perf_counter()
    events = stage(doc).events
    assert time.perf_counter() - start < 2.0
    assert events == []
