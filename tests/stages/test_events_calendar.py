"""Calendar of known events: loader validation, document anchor, per-event dating, guards."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.stages.events_helpers import make_doc

from wirewatch.errors import LexiconError
from wirewatch.model import Entity, RemovedLine
from wirewatch.stages.events import EventStage
from wirewatch.stages.events_calendar import (
    Calendar,
    CalendarEvent,
    default_calendar,
    load_calendar,
    refine,
)
from wirewatch.stages.events_lexicon import normalize

ACTORS = [
    ("United States", "United States", "GPE"),
    ("US", "United States", "GPE"),
    ("Iran", "Iran", "GPE"),
    ("Iraq", "Iraq", "GPE"),
    ("Iraqi parliament", "Iraqi Parliament", "ORG"),
    ("Kataib Hezbollah", "Kata'ib Hezbollah", "MILITIA"),
    ("Soleimani", "Qasem Soleimani", "PERSON"),
    ("Donald Trump", "Donald Trump", "PERSON"),
    ("Israel", "Israel", "GPE"),
    ("Hezbollah", "Hezbollah", "MILITIA"),
]


def _stage() -> EventStage:
    return EventStage(classifier=None)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "calendar.yaml"
    path.write_text("version: 1\nevents:\n" + body, encoding="utf-8")
    return path


# ---------------------------------------------------------------- loader


def test_shipped_calendar_is_valid_and_broad() -> None:
    events = load_calendar()
    assert len(events) >= 100
    years = {e.date[:4] for e in events}
    assert {"2003", "2007", "2011", "2014", "2017", "2019", "2020", "2024"} <= years
    assert all(e.cues for e in events)
    soleimani = next(e for e in events if e.id == "soleimani_killed")
    assert soleimani.date == "2020-01-03" and "ASSAULT" in soleimani.types


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ("- {id: a, date: 2020-13-01, type: ASSAULT, cues: {en: [x]}}\n", 3, "bad date"),
        ("- {id: a, date: 2020-02-30, type: ASSAULT, cues: {en: [x]}}\n", 3, "no such day"),
        ("- {id: a, date: 2020-01, type: BOMB, cues: {en: [x]}}\n", 3, "unknown type"),
        ("- {id: a, date: 2020-01, type: ASSAULT}\n", 3, "missing key"),
        ("- {id: a, date: 2020-01, type: ASSAULT, cues: {en: [x]}, when: 1}\n", 3, "unknown key"),
        ("- {id: a, date: 2020-01, type: ASSAULT, cues: {english: [x]}}\n", 3, "bad language"),
        (
            "- {id: a, date: 2020-01, type: ASSAULT, cues: {en: [x]}}\n"
            "- {id: a, date: 2020-02, type: ASSAULT, cues: {en: [y]}}\n",
            4,
            "duplicate id",
        ),
        ("- {id: a, date: 2020-01, type: ASSAULT, cues: {en: ['']}}\n", 3, "non-empty"),
    ],
)
def test_loader_reports_file_and_line(tmp_path: Path, body: str, line: int, what: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(LexiconError) as err:
        load_calendar(path)
    assert err.value.where == f"{path}:{line}"
    assert what in err.value.message
    assert err.value.fix


def test_loader_accepts_lists_and_month_dates(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "- {id: a, date: 2020-09, type: [THREATEN, REQUEST], actor: [X, Y], place: Baghdad,\n"
        "   cues: {en: [close the embassy], zh: [关闭大使馆]}}\n",
    )
    (ev,) = load_calendar(path)
    assert ev.types == ("THREATEN", "REQUEST") and ev.actors == ("X", "Y") and ev.line == 3


def test_refine_never_contradicts_an_explicit_date() -> None:
    assert refine(None, "2020-01-03") == "2020-01-03"
    assert refine("2020", "2020-01-03") == "2020-01-03"
    assert refine("2020-01", "2020-01-03") == "2020-01-03"
    assert refine("2019", "2020-01-03") == "2019"


def test_cues_match_across_scripts_and_zwnj() -> None:
    cal = Calendar(
        [
            CalendarEvent("a", "2018-08-07", ("SANCTION",), cues=("تحریم‌های آمریکا",)),
            CalendarEvent("b", "2024-01-28", ("ASSAULT",), cues=("\x00三名美军",)),
        ]
    )
    assert [h[2] for h in cal.hits(normalize("گفت تحریمهای آمریکا را"))] == [0]
    assert [h[2] for h in cal.hits(normalize("无人机袭击造成三名美军死亡"))] == [1]


# ---------------------------------------------------------------- anchor and dating

K1_TEXT = (
    "Rockets struck the K-1 Air Base near Kirkuk on Friday, killing a US contractor.\n"
    "The US military carried out airstrikes on five facilities of Kataib Hezbollah in Iraq "
    "and Syria on Sunday, including Al-Qaim.\n"
    "Iraqi officials condemned the strikes."
)


def test_anchor_replaces_missing_publication_date() -> None:
    doc = make_doc(K1_TEXT, published=None, actors=ACTORS)
    ctx = default_calendar().context(doc, normalize(doc.text))
    assert ctx is not None and ctx.anchor is not None
    assert ctx.anchor.date in ("2019-12-27", "2019-12-29")
    out = _stage()(doc)
    dates = [e.date for e in out.events if e.type == "ASSAULT"]
    assert dates == ["2019-12-27", "2019-12-29"]


def test_per_event_dates_from_the_calendar() -> None:
    text = (
        "Soleimani was killed in a US drone strike at Baghdad airport.\n"
        "Days later the Iraqi parliament voted to expel foreign troops from Iraq."
    )
    doc = make_doc(text, published=None, actors=ACTORS)
    out = _stage()(doc)
    by_type = {e.type: e.date for e in out.events}
    assert by_type.get("ASSAULT") == "2020-01-03"
    assert by_type.get("SANCTION") == "2020-01-05"


def test_explicit_date_is_never_overridden() -> None:
    text = "On 3 March 2021 a US drone strike at Baghdad airport killed Soleimani's successor."
    doc = make_doc(text, published=None, actors=ACTORS)
    out = _stage()(doc)
    assert out.events and all(e.date == "2021-03-03" for e in out.events)


def test_no_effect_when_published_is_a_full_date() -> None:
    text = "Soleimani was killed in a US drone strike at Baghdad airport."
    doc = make_doc(text, published="2020-01-10", actors=ACTORS)
    assert default_calendar().context(doc, normalize(doc.text)) is None
    out = _stage()(doc)
    assert out.events and all(e.date == "2020-01" for e in out.events)


def test_month_only_publication_limits_the_anchor() -> None:
    text = "Soleimani was killed in a US drone strike at Baghdad airport."
    doc = make_doc(text, published="2020-01", actors=ACTORS)
    ctx = default_calendar().context(doc, normalize(doc.text))
    assert ctx is not None and ctx.anchor is not None and ctx.anchor.date == "2020-01-03"
    late = make_doc(text, published="2023-05", actors=ACTORS)
    ctx = default_calendar().context(late, normalize(late.text))
    assert ctx is not None and ctx.anchor is None


def test_latest_well_supported_event_anchors() -> None:
    text = (
        "A drone attack on Tower 22 in Jordan killed three US soldiers, the worst loss since "
        "Soleimani was killed at Baghdad airport in a US drone strike with Muhandis.\n"
        "The Tower 22 attack was claimed by the Islamic Resistance in Iraq."
    )
    doc = make_doc(text, published=None, actors=ACTORS)
    doc.entities.append(Entity("Qasem Soleimani", "PERSON"))
    ctx = default_calendar().context(doc, normalize(doc.text))
    assert ctx is not None and ctx.anchor is not None and ctx.anchor.id == "tower_22_attack"


def test_two_named_people_anchor_without_any_cue() -> None:
    text = "Obama ha oggi ricevuto alla Casa Bianca il premier iracheno Nuri al Maliki."
    people = [("Obama", "Barack Obama", "PERSON"), ("Nuri al Maliki", "Nouri al-Maliki", "PERSON")]
    doc = make_doc(text, language="it", published=None, actors=people)
    ctx = default_calendar().context(doc, normalize(doc.text))
    assert ctx is not None and ctx.anchor is not None
    assert ctx.anchor.id == "maliki_white_house_2011"
    # one of the two people is not enough
    alone = make_doc(text, language="it", published=None, actors=people[:1])
    ctx = default_calendar().context(alone, normalize(alone.text))
    assert ctx is not None and ctx.anchor is None


def test_typographic_apostrophes_match_ascii_cues() -> None:
    cal = Calendar(
        [CalendarEvent("a", "2017-09-15", ("ACCUSE",), cues=("Government's intention",))]
    )
    assert normalize("Government’s") == normalize("Government's")
    assert [h[2] for h in cal.hits(normalize("the Regional Government’s intention to"))] == [0]


def test_non_english_hand_built_document() -> None:
    text = "Hizbullah-Chef Nasrallah wurde bei einem israelischen Luftangriff in Beirut getötet."
    actors = [("Nasrallah", "Hassan Nasrallah", "PERSON"), ("Hizbullah", "Hezbollah", "MILITIA")]
    doc = make_doc(text, language="de", published=None, actors=actors)
    out = _stage()(doc)
    assert out.events and out.events[0].date == "2024-09-27"


# ---------------------------------------------------------------- precision guard


def test_unrelated_article_gets_no_calendar_date() -> None:
    text = (
        "Farmers in Iraq said on Monday that the wheat harvest was the best in a decade.\n"
        "The US embassy congratulated Iraq on the harvest and pledged agricultural aid.\n"
        "Iran criticised the plan."
    )
    doc = make_doc(text, published=None, actors=ACTORS)
    ctx = default_calendar().context(doc, normalize(doc.text))
    assert ctx is not None and ctx.anchor is None
    out = _stage()(doc)
    assert all(e.date is None for e in out.events)


def test_unrelated_assault_is_not_dated_by_a_generic_place() -> None:
    text = "Gunmen attacked a checkpoint near Kirkuk, killing two policemen."
    doc = make_doc(text, published=None, actors=ACTORS)
    out = _stage()(doc)
    assert all(e.date is None for e in out.events)


def test_calendar_matching_is_fast() -> None:
    cal = default_calendar()
    text = (K1_TEXT + " Soleimani Tower 22 Nasrallah pagers Abqaiq.\n") * 400
    doc = make_doc(text[:200_000], published=None, actors=ACTORS)
    start = time.perf_counter()
    cal.context(doc, normalize(doc.text))
    assert time.perf_counter() - start < 2.0


def test_cue_words_take_endings_and_hyphens_either_way() -> None:
    cal = Calendar(
        [
            CalendarEvent("a", "2024-01-30", ("CONCEDE",), cues=("suspend military operations",)),
            CalendarEvent("b", "2024-01-28", ("ASSAULT",), cues=("north-eastern Jordan",)),
        ]
    )
    found = cal.hits(normalize("The group is suspending its military operations."))
    assert found == []  # an inserted word is no inflection
    found = cal.hits(normalize("The group announced it is suspending military operations."))
    assert [h[2] for h in found] == [0]
    for text in ("a base in northeastern Jordan", "a base in north eastern Jordan"):
        assert [h[2] for h in cal.hits(normalize(text))] == [1]
    # short words stay exact: "US" must not find "USS"
    cal = Calendar([CalendarEvent("c", "2024-01-28", ("ASSAULT",), cues=("US base",))])
    assert cal.hits(normalize("the USS base")) == []


# ---------------------------------------------------------------- cue precision and coverage

GENERIC_SENTENCES = [
    "US airstrikes hit militia targets in Iraq on Sunday.",
    "A rocket attack targeted a base housing US troops.",
    "Iran condemned the US sanctions.",
    "The Iraqi prime minister met the US ambassador in Baghdad.",
    "The US embassy in Baghdad said foreign troops and the international coalition would stay.",
    "Bashar al-Asad spoke; officials in Sulaymaniyah and Suleimaniyah met.",
    "Protesters gathered in Tahrir Square near Baghdad airport and Makhmur.",
    "قصفت طائرات أمريكية مواقع لفصائل مسلحة في العراق والتقى القائم بالأعمال الأمريكي في السفارة الأمريكية.",
    "في تشرين الأول 2023 أعلن المهندس وزير النفط عن القائمة الانتخابية.",
    "ایران تحریم‌های آمریکا را محکوم کرد و استاندار سلیمانیه با نیروهای خارجی دیدار کرد.",
    "Des frappes américaines ont visé des milices en Irak ; l'ambassade américaine à Bagdad.",
    "US-Luftangriffe trafen Milizen im Irak; die US-Botschaft in Bagdad.",
    "Ataques aéreos de Estados Unidos contra milicias en Irak; la embajada de Estados Unidos.",
    "Американские авиаудары по ополченцам в Ираке. Посольство США в Багдаде. Сулеймания.",
    "美国空袭伊拉克民兵目标。伊朗谴责美国制裁。苏莱曼尼亚省。胡塞武装和也门。",
    "ABD'nin Irak'taki milislere hava saldırısı. Süleymaniye. ABD Büyükelçiliği.",
    "Serangan udara AS terhadap milisi di Irak. Pak Presiden di Kedutaan Besar AS.",
]


@pytest.mark.parametrize("text", GENERIC_SENTENCES)
def test_generic_sentences_hit_no_calendar_cue(text: str) -> None:
    cal = default_calendar()
    hits = [cal.events[owner].id for _, _, owner in cal.hits(normalize(text))]
    assert hits == []


@pytest.mark.parametrize(
    ("text", "event_id"),
    [
        ("جنرل قاسم سلیمانی بغداد میں مارے گئے", "soleimani_killed"),
        ("卡西姆·苏莱曼尼将军在巴格达遇袭", "soleimani_killed"),
        ("Генерал Касем Сулеймани был убит", "soleimani_killed"),
        ("قاسم سلێمانی لە بەغدا کوژرا", "soleimani_killed"),
        ("Kassem Süleymani öldürüldü", "soleimani_killed"),
        ("El ataque contra la Torre 22 en Jordania", "tower_22_attack"),
        ("ABD 85 hedefi vurdu", "us_strikes_feb2_2024"),
        ("Irán lanzó la Operación Promesa Verdadera", "true_promise_1"),
        ("Operation True Promise II began", "true_promise_2"),
        ("عملية الوعد الصادق 2", "true_promise_2"),
        ("la Promesa Verdadera II", "true_promise_2"),
        ("সোলাইমানির মৃত্যুর পর", "soleimani_killed"),
        ("मोसुल का पतन", "mosul_falls_2014"),
        ("Mahsa Amini died in custody", "mahsa_amini_protests"),
    ],
)
def test_multilingual_cues_find_their_event(text: str, event_id: str) -> None:
    cal = default_calendar()
    hits = {cal.events[owner].id for _, _, owner in cal.hits(normalize(text))}
    assert event_id in hits
    if event_id == "true_promise_2":
        assert "true_promise_1" not in hits


def test_photo_caption_date_is_the_reference_around_the_report() -> None:
    text = "The administration demanded Friday that Kurdish leaders cancel the vote."
    doc = make_doc(text, published=None, actors=ACTORS)
    doc.removed.append(
        RemovedLine(
            "Sanders speaks at the White House, Wednesday, Sept. 13, 2017. (AP Photo/K)",
            "photo-caption",
        )
    )
    out = _stage()(doc)
    # the photo was taken Wednesday; "Friday" is the one after it, not the one before
    assert [e.date for e in out.events] == ["2017-09-15"]
    doc.removed[0] = RemovedLine("Subscribe to our newsletter, Sept. 13, 2017", "footer")
    assert [e.date for e in _stage()(doc).events] == [None]


def test_a_cue_in_a_question_does_not_anchor() -> None:
    # a related-article headline left in the text ("Can Israel kill Sinwar?")
    text = (
        "Can Israel really kill Sinwar?\nHezbollah said the strike killed Ibrahim Aqil on Friday."
    )
    actors = [("Sinwar", "Yahya Sinwar", "PERSON"), ("Ibrahim Aqil", "Ibrahim Aqil", "PERSON")]
    doc = make_doc(text, published=None, actors=actors)
    ctx = default_calendar().context(doc, normalize(doc.text))
    assert ctx is not None and ctx.anchor is not None and ctx.anchor.id == "aqil_killed"
