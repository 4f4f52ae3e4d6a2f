"""Gazetteer and geocoder: lookup in many spellings, homonyms, context, KB sites."""

from __future__ import annotations

import pytest

from wirewatch.gazetteer import Gazetteer, distance_km, load_gazetteer
from wirewatch.kb.model import KBEntry, KnowledgeBase
from wirewatch.model import Document, Location
from wirewatch.stages.geocode import Geocoder, GeocodeStage, display_name


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("Baghdad", 33.34, 44.40),
        ("Bagdad", 33.34, 44.40),
        ("بغداد", 33.34, 44.40),
        ("Arbil", 36.19, 44.01),
        ("Mossoul", 36.34, 43.12),
        ("Paris", 48.85, 2.35),
        ("Tokyo", 35.69, 139.69),
        ("Florida", 27.6, -81.5),
    ],
)
def test_lookup_within_tolerance(gaz: Gazetteer, name: str, lat: float, lon: float) -> None:
    place, _ = gaz.resolve(name)
    assert place is not None and distance_km((place.lat, place.lon), (lat, lon)) < 161


def test_country_context_picks_homonym(gaz: Gazetteer) -> None:
    us, _ = gaz.resolve("Paris", {"US"})
    fr, _ = gaz.resolve("Paris")
    assert us is not None and us.country == "US" and fr is not None and fr.country == "FR"


def test_new_york_is_the_city(gaz: Gazetteer) -> None:
    place, _ = gaz.resolve("New York")
    assert place is not None and place.kind == "city"


def test_even_homonyms_are_marked_ambiguous(gaz: Gazetteer) -> None:
    _, ambiguous = gaz.resolve("Springfield")
    assert ambiguous


def test_unknown_name(gaz: Gazetteer) -> None:
    assert gaz.resolve("Qwxzzy Flats") == (None, False)


def test_cached_load_is_shared() -> None:
    assert load_gazetteer() is load_gazetteer()


@pytest.mark.parametrize(
    ("surface", "expected"),
    [("BAGHDAD", "Baghdad"), ("the Green Zone", "Green Zone"), ("Iraq's", "Iraq")],
)
def test_display_name(surface: str, expected: str) -> None:
    assert display_name(surface) == expected


def test_kb_site_coordinates_win(gaz: Gazetteer) -> None:
    taji = KBEntry(
        "camp_taji", "Camp Taji", "PLACE", country="IQ", admin_level=4, lat=33.52, lon=44.26
    )
    loc = Geocoder(KnowledgeBase(), gaz).from_entry(taji, "Camp Taji", set())
    assert (loc.lat, loc.lon, loc.kb_id) == (33.52, 44.26, "camp_taji")


def test_kb_place_without_coordinates_uses_gazetteer(gaz: Gazetteer) -> None:
    kirkuk = KBEntry("kirkuk", "Kirkuk", "PLACE", country="IQ", admin_level=3)
    loc = Geocoder(KnowledgeBase(), gaz).from_entry(kirkuk, "Kirkuk", set())
    assert loc.lat is not None and distance_km((loc.lat, loc.lon or 0), (35.47, 44.39)) < 50


def test_stopwords_are_not_places(gaz: Gazetteer) -> None:
    assert Geocoder(KnowledgeBase(), gaz).from_name("The", set()) is None


def test_geocode_stage_fills_missing_coordinates(gaz: Gazetteer) -> None:
    doc = Document("t", "x", text="x")
    doc.locations = [Location("Mosul")]
    GeocodeStage(KnowledgeBase(), gaz)(doc)
    assert doc.locations[0].lat is not None


def _stage_doc(gaz: Gazetteer, text: str, ner: list[tuple[str, str]]) -> Document:
    from wirewatch.model import Mention
    from wirewatch.stages.entities import EntityStage

    doc = Document("t", text, text=text, language="en")
    for surface, label in ner:
        start = text.index(surface)
        doc.mentions.append(Mention(surface, start, start + len(surface), label, source="ner"))
    return EntityStage(KnowledgeBase(), gaz)(doc)


def test_city_qualified_by_region(gaz: Gazetteer) -> None:
    doc = _stage_doc(gaz, "The mayor of Springfield, Illinois, spoke.", [("Springfield", "GPE")])
    loc = next(x for x in doc.locations if x.canonical == "Springfield")
    assert loc.lat is not None and distance_km((loc.lat, loc.lon or 0), (39.80, -89.64)) < 50


def test_listed_town_missed_by_ner(gaz: Gazetteer) -> None:
    doc = _stage_doc(gaz, "Shelling continued in Kharkiv and Donetsk.", [("Kharkiv", "PLACE")])
    assert {x.canonical for x in doc.locations} == {"Kharkiv", "Donetsk"}


def test_big_town_tagged_as_person_becomes_place(gaz: Gazetteer) -> None:
    doc = _stage_doc(gaz, "Glasgow voted for the plan.", [("Glasgow", "PERSON")])
    assert [x.canonical for x in doc.locations] == ["Glasgow"] and doc.entities == []
