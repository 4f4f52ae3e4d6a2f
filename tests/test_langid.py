"""Language identification: ISO 639-1 codes for news text in many languages and scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from shared_data import article_for, gold_files, load_gold
from wirewatch.ingest import read_path
from wirewatch.model import Document
from wirewatch.stages.clean import clean
from wirewatch.stages.langid import detect_language, identify_language

SNIPPETS = {
    "en": (
        "The United States carried out air strikes against militia bases in western Iraq on Sunday."
    ),
    "id": (
        "Amerika Serikat melancarkan serangan udara terhadap markas "
        "milisi di Irak barat pada hari Minggu."
    ),
    "ar": "شنت الولايات المتحدة غارات جوية على قواعد لفصائل مسلحة في غرب العراق يوم الأحد.",
    "de": (
        "Die Vereinigten Staaten haben am Sonntag Luftangriffe "
        "auf Stützpunkte einer Miliz im Westirak geflogen."
    ),
    "fr": (
        "Les États-Unis ont mené dimanche des frappes aériennes "
        "contre des bases d'une milice dans l'ouest de l'Irak."
    ),
    "es": (
        "Estados Unidos llevó a cabo el domingo ataques aéreos "
        "contra bases de una milicia en el oeste de Irak."
    ),
    "fa": "ایالات متحده روز یکشنبه پایگاه‌های یک گروه شبه‌نظامی را در غرب عراق بمباران کرد.",
    "tr": (
        "Amerika Birleşik Devletleri pazar günü Irak'ın "
        "batısındaki milis üslerine hava saldırısı düzenledi."
    ),
    "ru": "В воскресенье Соединённые Штаты нанесли авиаудары по базам ополченцев на западе Ирака.",
    "hi": "अमेरिका ने रविवार को पश्चिमी इराक में मिलिशिया के ठिकानों पर हवाई हमले किए।",
    "zh": "美国星期日对伊拉克西部的民兵基地进行了空袭，造成至少二十五人死亡。",
}


@pytest.mark.parametrize("lang", sorted(SNIPPETS))
def test_snippet_language(lang):
    code, score = identify_language(SNIPPETS[lang])
    assert code == lang
    assert 0.0 < score <= 1.0


def test_snippets_are_told_apart():
    found = {identify_language(text)[0] for text in SNIPPETS.values()}
    assert len(found) == len(SNIPPETS)


INDONESIAN = (
    "Pemerintah Indonesia mengatakan tidak bisa menerima serangan tersebut karena melanggar "
    "kedaulatan Irak. Juru bicara kementerian juga menyatakan bahwa Amerika Serikat sudah "
    "diminta untuk menarik pasukannya setelah pemungutan suara di parlemen."
)
MALAY = (
    "Kerajaan Malaysia berkata ia tidak boleh menerima serangan itu kerana ia melanggar "
    "kedaulatan Iraq. Jurucakap kementerian ialah orang yang menyatakan perkara itu selepas "
    "mesyuarat kabinet, dan beliau berkata kenyataan lanjut akan dikeluarkan daripada pejabatnya."
)


def test_indonesian_is_not_read_as_malay():
    assert identify_language(INDONESIAN)[0] == "id"


def test_malay_stays_malay():
    assert identify_language(MALAY)[0] == "ms"


def test_mostly_english_with_an_arabic_quote_is_english():
    text = (
        SNIPPETS["en"] + " " + "The Iraqi prime minister told parliament that the strikes were "
        "a violation of sovereignty and that foreign troops must leave the country soon. "
        "He added: «" + SNIPPETS["ar"] + "» Officials in Washington declined to comment "
        "on the remarks, and the Pentagon said the operation had ended on Monday morning."
    )
    assert identify_language(text)[0] == "en"


def test_foreign_first_sentence_does_not_decide_alone():
    text = SNIPPETS["fr"] + "\n" + " ".join([SNIPPETS["en"]] * 4)
    assert identify_language(text)[0] == "en"


def test_urls_do_not_count_as_language():
    text = "https://www.example.com/english/words/here " + SNIPPETS["de"]
    assert identify_language(text)[0] == "de"


@pytest.mark.parametrize("text", ["", "   ", "12345 67 89", "!!! ??? ---", "2020-01-05 10:45"])
def test_text_without_letters_has_no_language(text):
    assert identify_language(text) == (None, 0.0)


def test_declared_language_is_kept():
    doc = detect_language(
        Document(id="x", raw_text=SNIPPETS["en"], text=SNIPPETS["en"], language="FR")
    )
    assert (doc.language, doc.language_confidence) == ("fr", 1.0)


def test_declared_locale_is_cut_to_two_letters():
    doc = detect_language(Document(id="x", raw_text="x", text="x", language="en-US"))
    assert doc.language == "en"


def test_stage_sets_language_and_confidence():
    doc = detect_language(Document(id="x", raw_text=SNIPPETS["ru"], text=SNIPPETS["ru"]))
    assert doc.language == "ru"
    assert doc.language_confidence is not None and doc.language_confidence > 0.5


def test_stage_uses_raw_text_before_cleaning():
    doc = detect_language(Document(id="x", raw_text=SNIPPETS["tr"]))
    assert doc.language == "tr"


@pytest.mark.shared
@pytest.mark.parametrize("gold", gold_files(), ids=lambda p: p.stem)
def test_shared_article_language_matches_gold(gold):
    (doc,) = list(read_path(article_for(gold)))
    doc = detect_language(clean(doc))
    assert doc.language == load_gold(gold)["language"]


@pytest.mark.shared
def test_shared_accuracy_is_perfect_on_all_40():
    golds = gold_files()
    if not golds:
        pytest.skip("../shared not present")
    assert len(golds) == 40
    correct = 0
    for gold in golds:
        (doc,) = list(read_path(article_for(gold)))
        correct += detect_language(clean(doc)).language == load_gold(gold)["language"]
    assert correct / len(golds) == 1.0


_FIXTURES = sorted((Path(__file__).parent / "data" / "multilingual").glob("*.yaml"))


@pytest.mark.issue(3)
@pytest.mark.parametrize("fixture", _FIXTURES, ids=lambda p: p.stem)
def test_wire_paragraphs_of_languages_missing_from_the_dev_set(fixture: Path) -> None:
    # Urdu was read as Shahmukhi Punjabi ("pnb") before the code map sent it to Urdu.

    data = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        assert identify_language(doc["text"])[0] == data["lang"]
