"""Roles without a parser for non-English text: markers (data/events/roles.yaml) and word order
(events_roles.positional_roles). Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from events_helpers import make_doc

from wirewatch.errors import LexiconError
from wirewatch.model import Mention
from wirewatch.stages.events import EventStage
from wirewatch.stages.events_lexicon import EventLexicon, load_event_lexicons, normalize
from wirewatch.stages.events_markers import load_roles, markers
from wirewatch.stages.events_roles import (
    clause_bounds,
    conjunction_of,
    coref_actor,
    opener_of,
    positional_roles,
)


def role_of(lang: str, text: str, surface: str, label: str = "GPE") -> str | None:
    start = text.index(surface)
    m = Mention(surface, start, start + len(surface), label, canonical=surface)
    return markers(lang).role(normalize(text), m)


@pytest.mark.parametrize(
    ("lang", "text", "surface", "role"),
    [
        # direct markers, the longest one wins ("à l'" recipient over "à" locative)
        ("fr", "Washington a adressé un ultimatum à l'Irak.", "l'Irak", "recipient"),
        ("fr", "Une réunion s'est tenue à Bagdad.", "Bagdad", "locative"),
        ("it", "Washington ha lanciato un ultimatum all'Iraq.", "Iraq", "recipient"),
        ("es", "Las sanciones contra Irán siguen vigentes.", "Irán", "recipient"),
        ("es", "Estados Unidos atacó a Irán el lunes.", "Irán", "recipient"),
        ("pt", "Os ataques contra o Irã continuaram.", "Irã", "recipient"),
        ("nl", "Washington stelde een ultimatum aan Irak.", "Irak", "recipient"),
        ("nl", "De basis werd aangevallen door Iran.", "Iran", "actor"),
        ("pl", "Atak został przeprowadzony przez Izrael.", "Izrael", "actor"),
        ("pl", "Nowe sankcje przeciwko Iranowi ogłoszono wczoraj.", "Iranowi", "recipient"),
        ("ru", "Удар со стороны Израиля был неожиданным.", "Израиля", "actor"),
        ("de", "Der Angriff wurde durch Israel ausgeführt.", "Israel", "actor"),
        ("tr", "Saldırı ABD tarafından düzenlendi.", "ABD", "actor"),
        ("tr", "ABD'nin saldırısı sürüyor.", "ABD", "actor"),
        ("tr", "Askerler Irak'ta konuşlandı.", "Irak", "locative"),
        ("ur", "یہ کارروائی امریکہ کے خلاف تھی۔", "امریکہ", "recipient"),
        ("ur", "حملہ امریکہ کی جانب سے کیا گیا۔", "امریکہ", "actor"),
        ("hi", "यह हमला अमेरिका द्वारा किया गया।", "अमेरिका", "actor"),
        ("bn", "ইসরায়েলের বিরুদ্ধে নতুন হামলা হয়েছে।", "ইসরায়েলের", "recipient"),
        ("id", "Koalisi pimpinan AS melanjutkan operasi.", "AS", "actor"),
        ("ar", "أطلقت الصواريخ من قبل إيران فجرا.", "إيران", "actor"),
        ("fa", "ائتلاف به رهبری آمریکا عملیات را آغاز کرد.", "آمریکا", "actor"),
        ("fa", "حمله به عراق آغاز شد.", "عراق", "recipient"),
        ("ku", "Êrîşa li dijî Tirkiyê berdewam e.", "Tirkiyê", "recipient"),
        ("ku", "Şer li Kerkûkê dest pê kir.", "Kerkûkê", "locative"),
        # partners ("with") are recipients
        ("ar", "نتعاون مع واشنطن لتأمين الحدود", "واشنطن", "recipient"),
        ("de", "Der Iran verhandelte mit Irak über Gas.", "Irak", "recipient"),
        ("es", "Irán firmó un acuerdo con Irak.", "Irak", "recipient"),
        ("tr", "İran Irak ile anlaştı.", "Irak", "recipient"),
        ("hi", "ईरान ने इराक के साथ समझौता किया।", "इराक", "recipient"),
        ("fa", "ایران با عراق توافق کرد.", "عراق", "recipient"),
        # written without spaces: markers sit right against the name
        ("zh", "以色列对伊朗发动空袭", "伊朗", "recipient"),
        ("zh", "基地被伊朗袭击", "伊朗", "actor"),
        # noun-first languages: the marker governs the target noun, the country qualifies it
        ("ar", "ستواصل الجماعة هجماتها ضد القواعد الأمريكية في المنطقة", "الأمريكية", "recipient"),
        ("fr", "Les attaques contre les bases américaines continuent.", "américaines", "recipient"),
        ("id", "Serangan terhadap pangkalan AS terus berlanjut.", "AS", "recipient"),
        # an article may stand between a marker and the name, not a place's marker
        (
            "es",
            "Atacaron contra las fuerzas estadounidenses.",
            "fuerzas estadounidenses",
            "recipient",
        ),
        ("de", "Sie kämpften gegen die Kataib Hisbollah.", "Kataib Hisbollah", "recipient"),
        ("de", "Er starb bei einem US-Luftangriff.", "US", None),
    ],
)
def test_marker_role(lang: str, text: str, surface: str, role: str | None) -> None:
    assert role_of(lang, text, surface) == role


def test_skipped_words_only_before_countries() -> None:
    # "على مقتل سليماني": a person after a noun is that noun's argument, not the marked target
    assert role_of("ar", "ردت إيران على مقتل سليماني", "سليماني", "PERSON") is None


def test_partner_marker_is_never_skipped() -> None:
    # "مع تهديد إيراني": "with an Iranian threat", Iran is the threat's author
    assert role_of("ar", "مع تهديد إيراني باستهداف العمق", "إيراني") is None


def test_skipped_words_stop_at_previous_name() -> None:
    text = "Les frappes contre Bagdad américaines"
    start = text.index("américaines")
    m = Mention("américaines", start, start + 11, "GPE", canonical="United States")
    assert markers("fr").role(normalize(text), m, floor=text.index("Bagdad") + 6) is None


_LEX: dict[str, EventLexicon] = {}


def lexicon(lang: str) -> EventLexicon:
    if lang not in _LEX:
        _LEX.update(load_event_lexicons([lang]))
    return _LEX[lang]


def roles(
    lang: str, text: str, trigger: str, actors: list[tuple[str, str, str]]
) -> tuple[list[str], list[str]]:
    doc = make_doc(text, language=lang, actors=actors)
    t = text.index(trigger)
    r = positional_roles(
        doc, normalize(text), lexicon(lang), 0, len(text), t, t + len(trigger), False
    )
    return r.actor, r.recipient


US, IRAN, IRAQ, ISRAEL = "United States", "Iran", "Iraq", "Israel"


def test_romance_postposed_adjective_is_the_agent() -> None:
    actors = [("L'Iran", IRAN, "GPE"), ("américaines", US, "GPE")]
    text = "L'Iran a condamné les frappes américaines contre des dépôts."
    assert roles("fr", text, "frappes", actors)[0] == [US]


def test_arabic_nisba_adjective_is_the_agent() -> None:
    actors = [("الإيراني", IRAN, "GPE"), ("الأمريكية", US, "GPE")]
    text = "جاء ذلك ردا على الهجوم الإيراني على القواعد الأمريكية"
    assert roles("ar", text, "الهجوم", actors) == ([IRAN], [US])


def test_arabic_name_in_i_is_not_an_adjective() -> None:
    actors = [("إيران", IRAN, "GPE"), ("سليماني", "Qasem Soleimani", "PERSON")]
    text = "ردت إيران على مقتل سليماني في بغداد"
    assert roles("ar", text, "مقتل", actors) == ([IRAN], ["Qasem Soleimani"])


def test_romance_bare_object_is_the_recipient() -> None:
    actors = [("l'Iraq", IRAQ, "GPE")]
    text = "La decisione di invadere l'Iraq fu presa nel 2003."
    assert roles("it", text, "invadere", actors) == ([], [IRAQ])


def test_romance_genitive_stays_the_agent() -> None:
    actors = [("Stati Uniti", US, "GPE")]
    text = "Ieri sono ripresi gli attacchi degli Stati Uniti nella regione."
    assert roles("it", text, "attacchi", actors)[0] == [US]


def test_german_article_less_genitive_is_the_agent() -> None:
    actors = [
        ("Iran", IRAN, "GPE"),
        ("israelischer", ISRAEL, "GPE"),
        ("libanesisches", "Lebanon", "GPE"),
    ]
    text = "Der Iran kritisierte das Vordringen israelischer Truppen auf libanesisches Gebiet."
    assert roles("de", text, "Vordringen", actors) == ([ISRAEL], ["Lebanon"])


def test_german_verb_final_clause_and_instrumental_durch() -> None:
    actors = [("USA", US, "GPE"), ("Saddam Hussein", "Saddam Hussein", "PERSON")]
    text = "Im Jahr 2003 hatten die USA den Machthaber Saddam Hussein durch eine Militäraktion gestürzt."
    assert roles("de", text, "Militäraktion", actors) == ([US], ["Saddam Hussein"])


def test_speaker_claims_when_only_the_target_follows_the_reporting_verb() -> None:
    actors = [("इजरायल", ISRAEL, "GPE"), ("हिजबुल्लाह", "Hezbollah", "MILITIA")]
    text = "इजरायल ने कहा कि उसने हिजबुल्लाह को निशाना बनाया।"
    assert roles("hi", text, "निशाना", actors) == ([ISRAEL], ["Hezbollah"])


def test_passive_keeps_a_postpositional_agent() -> None:
    actors = [("अमेरिका", US, "GPE"), ("इराक", IRAQ, "GPE")]
    text = "अमेरिका द्वारा इराक पर हवाई हमला किया गया।"
    assert roles("hi", text, "हवाई हमला", actors) == ([US], [IRAQ])


def test_turkish_genitive_agent_and_dative_target() -> None:
    actors = [("ABD", US, "GPE"), ("İran", IRAN, "GPE")]
    text = "Dün ABD'nin İran'a saldırısı başladı."
    assert roles("tr", text, "saldırısı", actors) == ([US], [IRAN])


def test_chinese_markers_without_spaces() -> None:
    text = "以色列对伊朗发动空袭。"
    doc = make_doc(text, language="zh", actors=[])
    for surface, name in (("以色列", ISRAEL), ("伊朗", IRAN)):
        i = text.index(surface)
        doc.mentions.append(Mention(surface, i, i + len(surface), "GPE", canonical=name))
    doc.mentions.sort(key=lambda m: m.start)
    t = text.index("空袭")
    r = positional_roles(doc, normalize(text), lexicon("zh"), 0, len(text), t, t + 2, False)
    assert (r.actor, r.recipient) == ([ISRAEL], [IRAN])


def test_relative_clause_after_the_trigger_holds_no_argument() -> None:
    actors = [
        ("US", US, "GPE"),
        ("Kataib Hisbollah", "Kata'ib Hezbollah", "MILITIA"),
        ("Israel", ISRAEL, "GPE"),
    ]
    text = "Ein US-Luftangriff tötete einen Kommandeur, der an Angriffen auf Israel beteiligt war."
    assert roles("de", text, "Luftangriff", actors)[1] == []


def test_marked_target_naming_the_actor_is_skipped() -> None:
    actors = [
        ("US", US, "GPE"),
        ("US-Soldaten", "United States Armed Forces", "ORG"),
        ("Kataib Hisbollah", "Kata'ib Hezbollah", "MILITIA"),
    ]
    text = "Der US-Luftangriff traf Kataib Hisbollah nach Angriffen auf US-Soldaten."
    assert roles("de", text, "Luftangriff", actors) == ([US], ["Kata'ib Hezbollah"])


def test_person_before_an_apposed_title_is_the_actor() -> None:
    actors = [("Yehia Rasool", "Yehia Rasool", "PERSON"), ("Irak", IRAQ, "GPE")]
    text = "Yehia Rasool, juru bicara militer Irak, mengecam serangan itu."
    assert roles("id", text, "mengecam", actors)[0] == ["Yehia Rasool"]


def test_country_listed_after_a_person_with_and_stays() -> None:
    actors = [("Obama", "Barack Obama", "PERSON"), ("Irak", IRAQ, "GPE")]
    text = "Obama, dan Irak mengecam serangan itu."
    assert roles("id", text, "mengecam", actors)[0] == [IRAQ]


@pytest.mark.parametrize(
    "text",
    [
        "US forces launched strikes in western Iraq on Tuesday.",
        "A fighter inspects the site of a US air strike, in Hilla, Iraq, on December 26.",
    ],
)
def test_a_country_in_a_place_phrase_is_no_target(text: str) -> None:
    actors = [("US", US, "GPE"), ("Iraq", IRAQ, "GPE"), ("Hilla", "Hillah", "PLACE")]
    trigger = "strikes" if "strikes" in text else "air strike"
    assert roles("en", text, trigger, actors) == ([US], [])


def test_apposition_after_a_country_adjective_is_no_compound_actor() -> None:
    actors = [("irakien", IRAQ, "GPE"), ("Haider al-Abadi", "Haider al-Abadi", "PERSON")]
    text = "Le Premier ministre irakien, Haider al-Abadi, a condamné les frappes."
    assert roles("fr", text, "condamné", actors)[0] == ["Haider al-Abadi"]


# ---------------------------------------------------------------- roles.yaml and coreference


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ("languages:\n  en: {locative_befor: [in]}\n", 2, "did you mean 'locative_before'"),
        ("languages:\n  en:\n    recipient_before: against\n", 3, "expected a list"),
        ("languages:\n  english: {recipient_before: [on]}\n", 2, "bad language code"),
        ("languages:\n  en: {coref_group: ['']}\n", 2, "empty or non-string"),
    ],
)
def test_roles_file_errors_name_file_line_and_fix(
    tmp_path: Path, body: str, line: int, what: str
) -> None:
    path = tmp_path / "roles.yaml"
    path.write_text("version: 1\n" + body, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_roles(path)
    assert err.value.where == f"{path}:{line + 1}" and what in str(err.value) + str(err.value.fix)


def test_shipped_roles_file_is_valid() -> None:
    roles_by_lang = load_roles()
    assert {"en", "id", "ar", "fa", "fr", "de"} <= set(roles_by_lang)


def test_the_forces_and_the_government_stand_for_states_named_before() -> None:
    actors = [("US", US, "GPE"), ("Iraqi parliament", "Iraqi Parliament", "ORG")]
    text = "Two US soldiers died on Sunday.\nThe forces eliminated four fighters in the caves."
    doc = make_doc(text, actors=actors)
    t = text.index("eliminated")
    s = text.index("The forces")
    assert coref_actor(doc, normalize(text), "en", s, t, s) == [US]
    text = "The Iraqi parliament met after the government accused Washington."
    doc = make_doc(text, actors=actors)
    t = text.index("accused")
    c = text.index("the government")
    assert coref_actor(doc, normalize(text), "en", c, t, 0) == ["Government of Iraq"]


def test_chinese_target_phrase_after_dui_holds_no_actor() -> None:
    text = "美国周日对伊拉克的真主党旅发动空袭。"
    doc = make_doc(text, language="zh", actors=[])
    for surface, name, label in (
        ("美国", US, "GPE"),
        ("伊拉克", IRAQ, "GPE"),
        ("真主党旅", "Kata'ib Hezbollah", "MILITIA"),
    ):
        i = text.index(surface)
        doc.mentions.append(Mention(surface, i, i + len(surface), label, canonical=name))
    doc.mentions.sort(key=lambda m: m.start)
    t = text.index("空袭")
    r = positional_roles(doc, normalize(text), lexicon("zh"), 0, len(text), t, t + 2, False)
    assert (r.actor, r.recipient) == ([US], ["Kata'ib Hezbollah"])


def test_demonym_inside_an_assault_trigger_is_the_doer() -> None:
    actors = [("général Soleimani", "Qasem Soleimani", "PERSON"), ("américaine", US, "GPE")]
    text = "Le général Soleimani a été tué par une frappe américaine à Bagdad vendredi."
    doc = make_doc(text, language="fr", actors=actors)
    events = EventStage(load_event_lexicons(["fr"]), classifier=None)(doc).events
    assert [(e.actor, e.recipient) for e in events] == [(US, "Qasem Soleimani")]


IRGC = "Islamic Revolutionary Guard Corps"
MFA_IRAN = "Ministry of Foreign Affairs (Iran)"


@pytest.mark.parametrize(
    ("lang", "text", "actors", "expected"),
    [
        # VSO: subject and object side by side are both arguments (no modifier dropped)
        (
            "ar",
            "اتهمت إيران الولايات المتحدة بزعزعة استقرار المنطقة.",
            [("إيران", IRAN, "GPE"), ("الولايات المتحدة", US, "GPE")],
            ("ACCUSE", IRAN, US),
        ),
        # the roles sit at the predicate, the first trigger of the type ("برد قاس" is how)
        (
            "ar",
            "وهدد الحرس الثوري الإيراني إسرائيل برد قاس.",
            [("الحرس الثوري الإيراني", IRGC, "ORG"), ("إسرائيل", ISRAEL, "GPE")],
            ("THREATEN", IRGC, ISRAEL),
        ),
        # verb-final: the speech act closing the clause leads, the subject opens it
        (
            "fa",
            "آمریکا ایران را به حمایت از تروریسم متهم کرد.",
            [("آمریکا", US, "GPE"), ("ایران", IRAN, "GPE")],
            ("ACCUSE", US, IRAN),
        ),
        # a condemnation is aimed at the attack's doer, not at its target
        (
            "fa",
            "وزارت خارجه ایران حمله آمریکا به عراق را محکوم کرد.",
            [("وزارت خارجه ایران", MFA_IRAN, "ORG"), ("آمریکا", US, "GPE"), ("عراق", IRAQ, "GPE")],
            ("ACCUSE", MFA_IRAN, US),
        ),
        (
            "fr",
            "Le ministère iranien des Affaires étrangères a condamné l'attaque américaine contre "
            "l'Irak.",
            [
                ("ministère iranien des Affaires étrangères", MFA_IRAN, "ORG"),
                ("américaine", US, "GPE"),
                ("l'Irak", IRAQ, "GPE"),
            ],
            ("ACCUSE", MFA_IRAN, US),
        ),
        (
            "id",
            "Kementerian Luar Negeri Iran mengecam serangan AS terhadap Irak.",
            [
                ("Kementerian Luar Negeri Iran", MFA_IRAN, "ORG"),
                ("AS", US, "GPE"),
                ("Irak", IRAQ, "GPE"),
            ],
            ("ACCUSE", MFA_IRAN, US),
        ),
        # a genitive ending inside the name marks the attack's doer, not the condemner
        (
            "tr",
            "İran Dışişleri Bakanlığı ABD'nin Irak'a yönelik saldırısını kınadı.",
            [
                ("İran Dışişleri Bakanlığı", MFA_IRAN, "ORG"),
                ("ABD'nin", US, "GPE"),
                ("Irak'a", IRAQ, "GPE"),
            ],
            ("ACCUSE", MFA_IRAN, US),
        ),
        # the patron after a proxy word is no party ("milisi yang didukung Iran")
        (
            "id",
            "Serangan drone AS menewaskan komandan milisi yang didukung Iran di Baghdad.",
            [("AS", US, "GPE"), ("Iran", IRAN, "GPE")],
            ("ASSAULT", US, None),
        ),
        # a host receiving a guest: the guest visits (the visitor acts)
        (
            "it",
            "Obama ha oggi ricevuto alla Casa Bianca il premier iracheno Nuri al Maliki.",
            [("Obama", "Barack Obama", "PERSON"), ("Nuri al Maliki", "Nouri al-Maliki", "PERSON")],
            ("CONSULT", "Nouri al-Maliki", "Barack Obama"),
        ),
        (
            "ar",
            "استقبل الرئيس الإيراني حسن روحاني رئيس الوزراء العراقي عادل عبد المهدي في طهران.",
            [
                ("حسن روحاني", "Hassan Rouhani", "PERSON"),
                ("عادل عبد المهدي", "Adil Abdul-Mahdi", "PERSON"),
            ],
            ("CONSULT", "Adil Abdul-Mahdi", "Hassan Rouhani"),
        ),
        # a clause opener after the trigger ends its clause: the statement after ", come ha
        # detto ..." is a second event, not a rival of the visit
        (
            "it",
            "Obama ha oggi ricevuto Nuri al Maliki, come ha detto il presidente aggiungendo che "
            "l'Iraq avrà negli Stati Uniti un partner sicuro e affidabile.",
            [("Obama", "Barack Obama", "PERSON"), ("Nuri al Maliki", "Nouri al-Maliki", "PERSON")],
            ("CONSULT", "Nouri al-Maliki", "Barack Obama"),
        ),
    ],
)
def test_sentence_roles_without_a_parser(
    lang: str, text: str, actors: list[tuple[str, str, str]], expected: tuple[str, str, str]
) -> None:
    doc = make_doc(text, language=lang, actors=actors)
    events = EventStage({lang: lexicon(lang)}, classifier=None)(doc).events
    assert expected in [(e.type, e.actor, e.recipient) for e in events]


def test_the_speaker_of_a_report_is_not_the_target() -> None:
    text = "قالت القيادة المركزية الأمريكية إن طائرة مسيرة أمريكية استهدفت سيارة في بغداد."
    actors = [
        ("القيادة المركزية الأمريكية", "United States Central Command", "ORG"),
        ("أمريكية", US, "GPE"),
    ]
    doc = make_doc(text, language="ar", actors=actors)
    events = EventStage({"ar": lexicon("ar")}, classifier=None)(doc).events
    assert [(e.type, e.actor) for e in events] == [("ASSAULT", US)]
    assert all(e.recipient != "United States Central Command" for e in events)


def test_a_trigger_inside_a_proxy_phrase_is_no_event() -> None:
    # "حمایت" (support) inside "مورد حمایت ایران" (backed by Iran) describes the militias
    text = "شبه‌نظامیان مورد حمایت ایران به پایگاه آمریکا در عراق حمله کردند."
    actors = [("ایران", IRAN, "GPE"), ("آمریکا", US, "GPE"), ("عراق", IRAQ, "GPE")]
    doc = make_doc(text, language="fa", actors=actors)
    events = EventStage({"fa": lexicon("fa")}, classifier=None)(doc).events
    assert [e.type for e in events] == ["ASSAULT"]
    assert all(e.actor != IRAN for e in events)


@pytest.mark.parametrize(
    ("lang", "text", "trigger", "clause"),
    [
        (
            "ar",
            "نفت الحكومة الأردنية وقوع الهجوم، فيما أعلنت القيادة الوسطى مقتل 3 جنود في هجوم بطائرة مسيرة.",
            "بطائرة",
            "فيما أعلنت القيادة الوسطى مقتل 3 جنود في هجوم بطائرة مسيرة.",
        ),
        (
            "fr",
            "Seule l'armée irakienne entrera dans Mossoul, alors que les peshmergas participent à"
            " l'offensive.",
            "offensive",
            "alors que les peshmergas participent à l'offensive.",
        ),
        # a relative pronoun keeps the antecedent before it
        (
            "fr",
            "La milice, qui a attaqué la base, a été visée.",
            "attaqué",
            "La milice, qui a attaqué la base, a été visée.",
        ),
    ],
)
def test_a_conjunction_opens_a_clause_of_its_own(
    lang: str, text: str, trigger: str, clause: str
) -> None:
    norm = normalize(text)
    start = text.index(trigger)
    left, right = clause_bounds(
        norm, 0, len(text), start, start + len(trigger), opener_of(lang), conjunction_of(lang)
    )
    assert text[left:right] == clause
