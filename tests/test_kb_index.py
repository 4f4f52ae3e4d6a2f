"""Alias index: normalisation, token keys and matching rules across scripts."""

from __future__ import annotations

import time

import pytest

from wirewatch.kb.fuzzy import FuzzyIndex, similarity
from wirewatch.kb.index import AliasIndex, normalize, token_keys
from wirewatch.kb.model import KBEntry, KnowledgeBase, Office


def _kb() -> KnowledgeBase:
    us = KBEntry(
        "united_states",
        "United States",
        "GPE",
        country="US",
        admin_level=0,
        aliases={
            "en": ["United States", "US", "U.S."],
            "id": ["Amerika Serikat", "AS"],
            "ar": ["الولايات المتحدة", "أمريكا"],
            "zh": ["美国"],
            "ru": ["США"],
        },
        demonyms={"en": ["American"]},
        case_sensitive=["AS"],
    )
    iraq = KBEntry(
        "iraq",
        "Iraq",
        "GPE",
        country="IQ",
        admin_level=0,
        aliases={
            "en": ["Iraq"],
            "de": ["Irak"],
            "ar": ["العراق"],
            "fa": ["عراق"],
            "ru": ["Ирак"],
            "bn": ["ইরাক"],
            "id": ["Irak"],
        },
        demonyms={"en": ["Iraqi"]},
    )
    qaeda = KBEntry("al_qaeda", "Al-Qaeda", "MILITIA", aliases={"ar": ["القاعدة"]})
    kh = KBEntry(
        "kataib_hezbollah",
        "Kata'ib Hezbollah",
        "MILITIA",
        aliases={"en": ["Kataib Hezbollah", "Kata'ib Hezbollah"]},
    )
    sol = KBEntry(
        "qasem_soleimani",
        "Qasem Soleimani",
        "PERSON",
        aliases={"en": ["Qasem Soleimani", "Soleimani"]},
    )
    pm = Office("iraq_pm", "Prime Minister of Iraq", "IQ", aliases={"en": ["Iraqi prime minister"]})
    entries = {e.id: e for e in (us, iraq, qaeda, kh, sol)}
    return KnowledgeBase(entries=entries, offices={pm.id: pm})


@pytest.fixture(scope="module")
def index() -> AliasIndex:
    return AliasIndex(_kb())


def _found(index: AliasIndex, text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.targets[0].ref) for m in index.match(text, lang)]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Iraq’s", "iraqs"),
        ("إيـران", "ايران"),
        ("ی", "ي"),
        ("Ç", "c"),
        ("حوثی\u200cها", "حوثيها"),
        ("ЁЛКА", "елка"),
        ("ك", "ك"),
        ("مُحَمَّد", "محمد"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("surface", "lang", "key"),
    [
        ("للعراق", "ar", "العراق"),
        ("والعراق", "ar", "العراق"),
        ("Ирака", "ru", "ирак"),
        ("Irak'ta", "tr", "irak"),
        ("Iraknya", "id", "irak"),
        ("Irans", "de", "iran"),
        ("যুক্তরাষ্ট্রের", "bn", "যুক্তরাষ্ট্র"),
    ],
)
def test_token_keys_reach_base_form(surface: str, lang: str, key: str) -> None:
    assert key in token_keys(surface, lang)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("US forces left", "en", [("US", "united_states")]),
        ("let us go", "en", []),
        ("pasukan AS tiba", "id", [("AS", "united_states")]),
        ("as well", "id", []),
        (
            "قوات الولايات المتحدة في العراق",
            "ar",
            [("الولايات المتحدة", "united_states"), ("العراق", "iraq")],
        ),
        ("وصل إلى للعراق", "ar", [("للعراق", "iraq")]),
        ("美国和伊朗", "zh", [("美国", "united_states")]),
        ("войска США в Ираке", "ru", [("США", "united_states"), ("Ираке", "iraq")]),
        (
            "Kata'ib Hezbollah and Kataib Hezbollah",
            "en",
            [("Kata'ib Hezbollah", "kataib_hezbollah"), ("Kataib Hezbollah", "kataib_hezbollah")],
        ),
        ("the U.S. said", "en", [("U.S", "united_states")]),
    ],
)
def test_match(index: AliasIndex, text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert _found(index, text, lang) == expected


def test_arabic_alias_keeps_article(index: AliasIndex) -> None:
    # "قاعدة" (a base) is not "القاعدة" (al-Qaeda).
    assert _found(index, "قاعدة عين الأسد", "ar") == []


def test_longest_match_wins(index: AliasIndex) -> None:
    kb = _kb()
    kb.entries["usaf"] = KBEntry(
        "usaf", "United States Armed Forces", "ORG", aliases={"en": ["US forces"]}
    )
    got = _found(AliasIndex(kb), "US forces struck", "en")
    assert got == [("US forces", "usaf")]


def test_office_title_matches(index: AliasIndex) -> None:
    (m,) = index.match("the Iraqi prime minister said", "en")
    assert m.targets[0].kind == "office"


def test_names_do_not_cross_sentences(index: AliasIndex) -> None:
    assert _found(index, "Kataib. Hezbollah", "en") == []


@pytest.mark.parametrize(
    "text",
    ["x" * 100_000, "!?.,;:" * 20_000, "Iraq العراق 美国 Ирак " * 5_000, ""],
)
def test_pathological_text_is_fast(index: AliasIndex, text: str) -> None:
    t = time.perf_counter()
    index.match(text, "en")
    assert time.perf_counter() - t < 5.0


@pytest.mark.parametrize(
    ("a", "b", "lo", "hi"),
    [
        ("soleimani", "soleimani", 1.0, 1.0),
        ("suleimani", "soleimani", 0.85, 0.95),
        ("abc", "xyz", 0.0, 0.01),
    ],
)
def test_similarity(a: str, b: str, lo: float, hi: float) -> None:
    assert lo <= similarity(a, b) <= hi


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Qassim Suleimani", "qasem_soleimani"),
        ("Suleimani", "qasem_soleimani"),
        ("Donald Trump", None),
        ("Sole", None),
    ],
)
def test_fuzzy(surface: str, expected: str | None) -> None:
    hit = FuzzyIndex(_kb()).lookup(surface)
    assert (hit[0] if hit else None) == expected
