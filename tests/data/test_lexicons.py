"""Structural checks of the per-language event lexicons (src/wirewatch/data/lang/<iso>/events.yaml)."""

from __future__ import annotations

import pytest

from wirewatch.stages.events_lexicon import load_event_lexicons, normalize

PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
LANGS = [
    "ar",
    "fa",
    "de",
    "fr",
    "es",
    "ru",
    "it",
    "pt",
    "tr",
    "zh",
    "hi",
    "ur",
    "ku",
    "bn",
    "nl",
    "pl",
]


@pytest.fixture(scope="module")
def lexicons():
    return load_event_lexicons(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_lexicon_covers_all_plover_types(lexicons, lang):
    lex = lexicons[lang]
    assert {g.type for g in lex.groups} == PLOVER
    assert lex.casualty.get("killed")


# One everyday news phrase per language that must come out as ASSAULT (general vocabulary,
# not taken from any corpus article).
ASSAULT_PHRASES = {
    "ar": "شنت الطائرات غارة جوية على المدينة",
    "fa": "حمله هوایی به پایگاه",
    "de": "Bei einem Luftangriff",
    "fr": "une frappe aérienne a visé",
    "es": "un ataque aéreo contra",
    "ru": "нанесли авиаудар по базе",
    "it": "un attacco aereo contro",
    "pt": "um ataque aéreo contra",
    "tr": "hava saldırısı düzenledi",
    "zh": "美军发动空袭",
    "hi": "हवाई हमले में",
    "ur": "فضائی حملے میں",
    "ku": "êrîşa asmanî",
    "bn": "বিমান হামলায়",
    "nl": "een luchtaanval op",
    "pl": "nalot na bazę",
}


@pytest.mark.parametrize("lang", LANGS)
def test_assault_phrase(lexicons, lang):
    text = normalize(ASSAULT_PHRASES[lang])
    types = {m.group.type for m in lexicons[lang].triggers(text, 0, len(text))}
    assert "ASSAULT" in types
