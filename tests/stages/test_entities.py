"""EntityStage: resolution, senses, offices, NER integration, fallback and robustness."""

from __future__ import annotations

import time

import pytest

from wirewatch.kb.model import KBEntry, KnowledgeBase, Office, Tenure
from wirewatch.model import Document, Mention
from wirewatch.stages.entities import EntityStage


def _kb() -> KnowledgeBase:
    e = [
        KBEntry(
            "united_states",
            "United States",
            "GPE",
            country="US",
            admin_level=0,
            aliases={"en": ["United States", "US"], "fr": ["Etats-Unis"]},
            demonyms={"en": ["American"]},
            metonyms={"en": ["Washington"]},
        ),
        KBEntry(
            "washington_dc",
            "Washington, D.C.",
            "PLACE",
            country="US",
            admin_level=3,
            lat=38.9,
            lon=-77.04,
            aliases={"en": ["Washington"]},
        ),
        KBEntry(
            "iran",
            "Iran",
            "GPE",
            country="IR",
            admin_level=0,
            aliases={"en": ["Iran"]},
            demonyms={"en": ["Iranian"]},
        ),
        KBEntry(
            "iraq",
            "Iraq",
            "GPE",
            country="IQ",
            admin_level=0,
            aliases={"en": ["Iraq"]},
            demonyms={"en": ["Iraqi"]},
        ),
        KBEntry(
            "hezbollah",
            "Hezbollah",
            "MILITIA",
            country="LB",
            aliases={"en": ["Hezbollah"]},
            context=["Lebanon", "Beirut", "Nasrallah"],
        ),
        KBEntry(
            "kataib_hezbollah",
            "Kata'ib Hezbollah",
            "MILITIA",
            country="IQ",
            aliases={"en": ["Kataib Hezbollah", "Hezbollah"]},
            context=["Iraq", "Baghdad"],
        ),
        KBEntry(
            "baghdad",
            "Baghdad",
            "PLACE",
            country="IQ",
            admin_level=3,
            lat=33.34,
            lon=44.4,
            aliases={"en": ["Baghdad"]},
        ),
        KBEntry(
            "qasem_soleimani",
            "Qasem Soleimani",
            "PERSON",
            aliases={"en": ["Qasem Soleimani", "Soleimani"]},
        ),
        KBEntry(
            "adil_abdul_mahdi", "Adil Abdul-Mahdi", "PERSON", aliases={"en": ["Adil Abdul-Mahdi"]}
        ),
        KBEntry(
            "mustafa_al_kadhimi",
            "Mustafa Al-Kadhimi",
            "PERSON",
            aliases={"en": ["Mustafa al-Kadhimi"]},
        ),
    ]
    pm = Office(
        "iraq_pm",
        "Prime Minister of Iraq",
        "IQ",
        aliases={"en": ["Iraqi prime minister"]},
        holders=[
            Tenure("adil_abdul_mahdi", "2018-10-25", "2020-05-07"),
            Tenure("mustafa_al_kadhimi", "2020-05-07", "2022-10-27"),
        ],
    )
    return KnowledgeBase(entries={x.id: x for x in e}, offices={pm.id: pm})


@pytest.fixture(scope="module")
def stage() -> EntityStage:
    return EntityStage(_kb())


def _run(
    stage: EntityStage,
    text: str,
    lang: str = "en",
    published: str | None = None,
    ner: list[Mention] | None = None,
) -> Document:
    doc = Document("t", text, text=text, language=lang, published=published)
    doc.mentions = list(ner or [])
    return stage(doc)


def _names(doc: Document) -> set[str]:
    return {e.canonical for e in doc.entities}


def test_country_is_entity_city_is_location(stage: EntityStage) -> None:
    doc = _run(stage, "Iran fired missiles at a base near Baghdad.")
    assert _names(doc) == {"Iran"}
    assert [loc.canonical for loc in doc.locations] == ["Baghdad"]
    assert doc.locations[0].lat == pytest.approx(33.34)


@pytest.mark.parametrize(
    ("text", "entity", "place"),
    [
        ("Washington warned Tehran on Monday.", True, False),
        ("The talks took place in Washington on Monday.", False, True),
        ("WASHINGTON (Reuters) - The Pentagon said", False, True),
    ],
)
def test_metonym_vs_place(stage: EntityStage, text: str, entity: bool, place: bool) -> None:
    doc = _run(stage, text)
    assert ("United States" in _names(doc)) is entity
    assert any(loc.canonical == "Washington, D.C." for loc in doc.locations) is place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hezbollah fired rockets from Lebanon, Nasrallah said.", "Hezbollah"),
        ("In Iraq, Hezbollah attacked a base near Baghdad.", "Kata'ib Hezbollah"),
    ],
)
def test_context_picks_sense(stage: EntityStage, text: str, expected: str) -> None:
    assert expected in _names(_run(stage, text))


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2020-01-05", "Adil Abdul-Mahdi"), ("2021-03-01", "Mustafa Al-Kadhimi")],
)
def test_office_resolves_by_date(stage: EntityStage, published: str, expected: str) -> None:
    doc = _run(stage, "The Iraqi prime minister spoke.", published=published)
    assert expected in _names(doc)


def test_office_without_date_is_left_out(stage: EntityStage) -> None:
    doc = _run(stage, "The Iraqi prime minister spoke.")
    assert not any(e.type == "PERSON" for e in doc.entities)


def test_demonym_counts_but_not_as_qualifier(stage: EntityStage) -> None:
    assert "Iran" in _names(_run(stage, "An Iranian official spoke."))
    assert "Iran" not in _names(_run(stage, "Iranian-backed militias fired rockets."))


def test_ner_type_corrected_by_kb(stage: EntityStage) -> None:
    text = "Kataib Hezbollah denied it."
    doc = _run(stage, text, ner=[Mention("Kataib Hezbollah", 0, 16, "PERSON", source="ner")])
    (ent,) = doc.entities
    assert (ent.canonical, ent.type) == ("Kata'ib Hezbollah", "MILITIA")


def test_ner_fuzzy_spelling_resolves(stage: EntityStage) -> None:
    text = "Qassim Suleimani was killed."
    doc = _run(stage, text, ner=[Mention("Qassim Suleimani", 0, 16, "PERSON", source="ner")])
    assert _names(doc) == {"Qasem Soleimani"}


def test_unresolved_person_and_surname_link(stage: EntityStage) -> None:
    text = "Colonel Myles Caggins spoke. Later, Caggins added more."
    ner = [Mention("Myles Caggins", 8, 21, "PERSON", source="ner")]
    doc = _run(stage, text, ner=ner)
    (ent,) = doc.entities
    assert ent.canonical == "Myles Caggins" and not ent.resolved and len(ent.spans) == 2


def test_media_outlets_are_not_actors(stage: EntityStage) -> None:
    text = "Reuters reported the strike."
    doc = _run(stage, text, ner=[Mention("Reuters", 0, 7, "ORG", source="ner")])
    assert doc.entities == []


def test_fallback_finds_capitalised_names_in_other_languages(stage: EntityStage) -> None:
    doc = _run(stage, "Le ministre a rencontré Jean Dupont hier à Paris.", lang="fr")
    assert "Jean Dupont" in _names(doc)


def test_fallback_skips_german_nouns(stage: EntityStage) -> None:
    doc = _run(stage, "Nach Angaben der Regierung fielen Dutzende Raketen.", lang="de")
    assert doc.entities == []


def test_spans_point_into_text(stage: EntityStage) -> None:
    text = "Troops left Iraq. The United States and Iran talked."
    doc = _run(stage, text)
    for ent in doc.entities:
        for (a, b), m in zip(ent.spans, ent.mentions, strict=False):
            assert text[a:b] == m or text[a:b] in ent.mentions


@pytest.mark.parametrize("lang", ["xx", None, "sw"])
def test_language_not_covered(stage: EntityStage, lang: str | None) -> None:
    doc = _run(stage, "Habari kutoka Iraq leo.", lang=lang or "")
    assert isinstance(doc.entities, list)


@pytest.mark.parametrize(
    "text",
    ["a" * 100_000, "!?.,;:-" * 15_000, ("Iraq العراق 美国 Ирак Iran " * 4_000)],
)
def test_pathological_text_bounded(stage: EntityStage, text: str) -> None:
    t = time.perf_counter()
    _run(stage, text, lang="en")
    assert time.perf_counter() - t < 10.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Secretary of State Mike Pompeo spoke.", False),
        ("the president of Iran's parliament spoke.", False),
        ("The former Iraqi prime minister spoke.", False),
        ("The Iraqi prime minister spoke.", True),
    ],
)
def test_office_only_when_title_stands_alone(stage: EntityStage, text: str, expected: bool) -> None:
    kb = _kb()
    kb.offices["iraq_pm"].aliases["en"] += ["Secretary of State", "president of Iran"]
    doc = _run(EntityStage(kb), text, published="2020-01-05")
    assert ("Adil Abdul-Mahdi" in _names(doc)) is expected


def test_officials_in_capital_mean_government(stage: EntityStage) -> None:
    doc = _run(stage, "Officials in Washington said the talks failed.")
    assert "United States" in _names(doc) and doc.locations == []


def test_dateline_after_agency_name(stage: EntityStage) -> None:
    doc = _run(stage, "Agency, Washington | Talks resumed on Monday.")
    assert [loc.canonical for loc in doc.locations] == ["Washington, D.C."]


def test_indonesian_crf_finds_unknown_person(stage: EntityStage) -> None:
    if stage.fallback._crf is None:
        pytest.skip("python-crfsuite or the packaged CRF model is not available")
    text = "Juru bicara militer, Brigadir Jenderal Budi Santoso, mengatakan serangan itu gagal."
    doc = _run(stage, text, lang="id")
    assert any("Budi Santoso" in e.canonical for e in doc.entities)


@pytest.mark.parametrize(
    ("text", "lang", "org", "place"),
    [
        ("The White House said the talks would go on.", "en", True, False),
        ("Leaders met at the White House on Monday.", "en", False, True),
        ("Obama menerima tamu di Gedung Putih.", "id", False, True),
    ],
)
def test_institution_or_venue(text: str, lang: str, org: bool, place: bool) -> None:
    kb = _kb()
    for e in (
        KBEntry(
            "white_house",
            "White House",
            "ORG",
            country="US",
            aliases={"en": ["White House"], "id": ["Gedung Putih"]},
        ),
        KBEntry(
            "white_house_place",
            "White House",
            "PLACE",
            country="US",
            admin_level=4,
            lat=38.9,
            lon=-77.04,
            aliases={"en": ["White House"]},
        ),
    ):
        kb.entries[e.id] = e
    kb.reindex()
    doc = _run(EntityStage(kb), text, lang=lang)
    assert ("White House" in _names(doc)) is org
    assert any(loc.canonical == "White House" for loc in doc.locations) is place


@pytest.mark.parametrize("lang", ["en", "de", "id", "ar", "zh"])
@pytest.mark.parametrize(
    "text",
    [
        "Abc Def Ghi Jkl " * 10_000,
        "in Kharkiv and Donetsk and Paris, " * 3_000,
        "美国和伊朗" * 20_000,
    ],
)
def test_pathological_text_bounded_with_gazetteer(lang: str, text: str) -> None:
    from wirewatch.gazetteer import load_gazetteer

    stage = EntityStage(_kb(), load_gazetteer())
    t = time.perf_counter()
    _run(stage, text, lang=lang)
    assert time.perf_counter() - t < 10.0
