"""Loading the packaged KB, user files that extend it, and the query API."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from wirewatch.kb import KB_TYPES, affix_variants, load_kb
from wirewatch.kb.loader import _build, _packaged_docs
from wirewatch.kb.model import TARGET_LANGUAGES


def test_packaged_kb_loads_with_hundreds_of_entries() -> None:
    kb = load_kb()
    assert len(kb.entries) > 700
    assert len(kb.offices) >= 20


def test_default_kb_is_cached() -> None:
    assert load_kb() is load_kb()


def test_load_time_is_reported() -> None:
    start = time.perf_counter()
    kb = _build(_packaged_docs())
    built = time.perf_counter() - start
    _packaged_docs.cache_clear()
    start = time.perf_counter()
    _build(_packaged_docs())
    cold = time.perf_counter() - start
    print(
        f"KB build from parsed YAML {built:.3f}s, parse+build {cold:.3f}s, {len(kb.entries)} entries"
    )


@pytest.mark.parametrize(
    ("entry_id", "canonical", "etype"),
    [
        ("united_states", "United States", "GPE"),
        ("iran", "Iran", "GPE"),
        ("kataib_hezbollah", "Kata'ib Hezbollah", "MILITIA"),
        ("popular_mobilization_forces", "Popular Mobilization Forces", "MILITIA"),
        ("us_embassy_baghdad", "US Embassy in Baghdad", "FACILITY"),
        ("al_asad_airbase", "Al Asad Airbase", "PLACE"),
        ("qasem_soleimani", "Qasem Soleimani", "PERSON"),
    ],
)
def test_known_entries(entry_id: str, canonical: str, etype: str) -> None:
    entry = load_kb().get(entry_id)
    assert entry is not None
    assert (entry.canonical, entry.type) == (canonical, etype)


def test_every_entry_has_a_valid_type() -> None:
    assert {e.type for e in load_kb().entries.values()} <= set(KB_TYPES)


def test_places_have_coordinates() -> None:
    missing = [e.id for e in load_kb().entries.values() if e.type == "PLACE" and e.lat is None]
    assert missing == []


@pytest.mark.parametrize("place", ["baghdad", "erbil", "al_qaim", "camp_taji", "k1_air_base"])
def test_iraqi_places_lie_in_iraq(place: str) -> None:
    entry = load_kb().get(place)
    assert entry is not None and entry.lat is not None and entry.lon is not None
    assert 29.0 <= entry.lat <= 37.5 and 38.8 <= entry.lon <= 48.6


def test_by_canonical_prefers_the_actor_over_the_place() -> None:
    entry = load_kb().by_canonical("White House")
    assert entry is not None and entry.type == "ORG"


def test_by_canonical_with_type_finds_the_place() -> None:
    entry = load_kb().by_canonical("White House", type="PLACE")
    assert entry is not None and entry.lat is not None


def test_related_follows_membership_backwards() -> None:
    kb = load_kb()
    members = {e.id for e in kb.related("popular_mobilization_forces", "member_of", reverse=True)}
    assert {"kataib_hezbollah", "asaib_ahl_al_haq"} <= members


def test_related_respects_dates() -> None:
    kb = load_kb()
    assert [e.id for e in kb.related("abu_mahdi_al_muhandis", "leader_of", "2019")] == [
        "kataib_hezbollah"
    ]
    assert kb.related("abu_mahdi_al_muhandis", "leader_of", "2021") == []


def test_languages_cover_the_target_set() -> None:
    assert set(TARGET_LANGUAGES) <= load_kb().languages


def test_user_file_adds_an_entry(kb_file: Callable[[str], Path]) -> None:
    path = kb_file(
        """
        version: 1
        entries:
          - id: test_brigade
            canonical: Test Brigade
            type: MILITIA
            aliases: {en: [Test Brigade]}
            relations: [{type: member_of, target: popular_mobilization_forces, start: 2015}]
        """
    )
    kb = load_kb([path])
    assert kb.get("test_brigade") is not None
    assert load_kb().get("test_brigade") is None  # the cached default is untouched


def test_user_file_extends_a_packaged_entry(kb_file: Callable[[str], Path]) -> None:
    path = kb_file(
        """
        version: 1
        entries:
          - id: kataib_hezbollah
            aliases: {en: [Brigades of the Party of God]}
        """
    )
    entry = load_kb([path]).get("kataib_hezbollah")
    assert entry is not None
    assert "Brigades of the Party of God" in entry.aliases["en"]
    assert "Hezbollah Brigades" in entry.aliases["en"]  # packaged aliases kept
    assert entry.canonical == "Kata'ib Hezbollah"


def test_user_file_overrides_a_scalar(kb_file: Callable[[str], Path]) -> None:
    path = kb_file(
        """
        version: 1
        entries:
          - {id: camp_taji, lat: 33.53, lon: 44.27}
        """
    )
    entry = load_kb([path]).get("camp_taji")
    assert entry is not None and entry.lat == 33.53


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("للعراق", "ar", "العراق"),
        ("والعراق", "ar", "العراق"),
        ("Irak'ın", "tr", "Irak"),
        ("Iraqê", "ku", "Iraq"),
        ("آمریکایی‌ها", "fa", "آمریکایی"),
        ("Iraq’s", "en", "Iraq's"),
    ],
)
def test_affix_variants(text: str, lang: str, expected: str) -> None:
    assert expected in affix_variants(text, lang)
