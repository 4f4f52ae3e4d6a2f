"""EventStage on hand-built English and Indonesian documents (positional roles, no parser)."""

from __future__ import annotations

import pytest
from events_helpers import make_doc

from wirewatch.model import Event
from wirewatch.stages.events import EventStage, continue_statements
from wirewatch.stages.events_lexicon import load_event_lexicons
from wirewatch.stages.events_roles import quoted_speaker
from wirewatch.stages.events_units import dedupe


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage(load_event_lexicons(["en", "id"]))


@pytest.mark.parametrize(
    ("text", "etype", "mode"),
    [
        ("The US carried out airstrikes against Kataib Hezbollah on Sunday.", "ASSAULT", "aerial"),
        (
            "A drone strike by the US killed two commanders in Baghdad on Friday.",
            "ASSAULT",
            "drone",
        ),
        (
            "Kataib Hezbollah fired rockets at a US base near Kirkuk on Friday.",
            "ASSAULT",
            "heavy-weapons",
        ),
        (
            "Donald Trump threatened to impose deep sanctions on Iraq on Sunday.",
            "THREATEN",
            "restrict",
        ),
        ("Iraqi officials condemned the US strikes on Sunday.", "ACCUSE", "disapprove"),
        ("Mike Pompeo blamed Iran for the attacks on Sunday.", "ACCUSE", "allege"),
        ("Iraqi officials demanded that the US stop the raids on Sunday.", "REQUEST", "change"),
        ("The US imposed sanctions on Kataib Hezbollah on Sunday.", "SANCTION", "discontinue"),
        ("The US announced an arms embargo on Iraq on Sunday.", "SANCTION", "arms embargo"),
        ("Mike Pompeo visited Baghdad on Sunday.", "CONSULT", "visit"),
        ("The US and Iraq agreed to reduce troops on Sunday.", "AGREE", None),
        ("Protesters were burning US flags in Baghdad on Sunday.", "PROTEST", "demo"),
        ("The US said on Sunday it will withdraw all troops from Iraq.", "CONCEDE", None),
        ("US forces withdrew from Kirkuk on Sunday.", "RETREAT", "withdraw"),
    ],
)
def test_event_type_and_mode(stage: EventStage, text: str, etype: str, mode: str | None) -> None:
    events = stage(make_doc(text)).events
    assert [(e.type, e.mode) for e in events][:1] == [(etype, mode)]


@pytest.mark.parametrize(
    "text",
    [
        "The US should sanction Iraq and withdraw its troops.",  # advice
        "If Iran attacks US bases, the US could strike back.",  # hypothetical
        "No Americans were killed in the attack on Sunday.",  # negated
        "Will the US strike Kataib Hezbollah again?",  # question
        "Washington might impose sanctions on Iraq.",  # modal
        "It is time for the US to withdraw from Iraq.",  # advice
    ],
)
def test_not_an_event(stage: EventStage, text: str) -> None:
    assert stage(make_doc(text)).events == []


def test_active_voice_roles(stage: EventStage) -> None:
    ev = stage(
        make_doc("The US carried out airstrikes against Kataib Hezbollah on Sunday.")
    ).events[0]
    assert (ev.actor, ev.recipient) == ("United States", "Kata'ib Hezbollah")


def test_passive_voice_with_agent(stage: EventStage) -> None:
    text = "Two commanders of Kataib Hezbollah were killed by the US in Baghdad on Friday."
    ev = stage(make_doc(text)).events[0]
    assert (ev.actor, ev.recipient) == ("United States", "Kata'ib Hezbollah")


def test_compound_actor_is_a_list(stage: EventStage) -> None:
    ev = stage(make_doc("The US and UK launched airstrikes on Sunday.")).events[0]
    assert ev.actor == ["United States", "United Kingdom"]


def test_state_forces_act_as_their_state(stage: EventStage) -> None:
    ev = stage(make_doc("The US military carried out airstrikes on Sunday.")).events[0]
    assert ev.actor == "United States"


def test_backed_group_is_not_its_patron(stage: EventStage) -> None:
    ev = stage(make_doc("Iran-backed militias fired rockets at the base on Friday.")).events[0]
    assert ev.actor is None


def test_attribution_moves_speaker_to_reported_by(stage: EventStage) -> None:
    text = "Iraqi officials said the US launched airstrikes against Kataib Hezbollah on Sunday."
    ev = stage(make_doc(text)).events[0]
    assert (ev.actor, ev.reported_by) == ("United States", "Government of Iraq")


def test_blame_leaves_attack_actor_null(stage: EventStage) -> None:
    text = "Mike Pompeo blamed Iran for the rocket attack on the US base, officials said Sunday."
    events = stage(make_doc(text)).events
    accuse = [e for e in events if e.type == "ACCUSE"]
    assault = [e for e in events if e.type == "ASSAULT"]
    assert accuse and accuse[0].recipient == "Iran"
    assert all(e.actor is None for e in assault)


def test_date_resolves_weekday_against_published(stage: EventStage) -> None:
    ev = stage(make_doc("The US carried out airstrikes on Sunday.", published="2019-12-31")).events[
        0
    ]
    assert ev.date == "2019-12-29"


def test_undated_event_gets_publication_month(stage: EventStage) -> None:
    text = "Iraqi officials condemned the US airstrikes against Kataib Hezbollah."
    ev = stage(make_doc(text, published="2019-12-31")).events[0]
    assert ev.date == "2019-12"


def test_place_and_coordinates_from_sentence(stage: EventStage) -> None:
    ev = stage(make_doc("The US carried out airstrikes in Kirkuk on Sunday.")).events[0]
    assert (ev.location, ev.lat, ev.lon) == ("Kirkuk", 35.47, 44.39)


def test_evidence_is_exact_substring_at_span(stage: EventStage) -> None:
    doc = stage(
        make_doc(
            "Intro line here is long enough to be a sentence.\n\n"
            "The US carried out airstrikes on Sunday. Then nothing happened."
        )
    )
    ev = doc.events[0]
    assert doc.text[ev.span[0] : ev.span[1]] == ev.evidence
    assert "airstrikes" in ev.evidence


def test_intensity_is_plover_score(stage: EventStage) -> None:
    ev = stage(make_doc("The US carried out airstrikes on Sunday.")).events[0]
    assert ev.intensity == -9.5


def test_casualties_filled(stage: EventStage) -> None:
    text = "US airstrikes killed 25 fighters and wounded 55 in Iraq on Sunday."
    ev = stage(make_doc(text)).events[0]
    assert (ev.fatalities, ev.injured) == (25, 55)


def test_repeated_event_is_deduplicated(stage: EventStage) -> None:
    text = (
        "The US carried out airstrikes against Kataib Hezbollah on Sunday. "
        "The US carried out airstrikes against Kataib Hezbollah on Sunday, officials said."
    )
    assert len(stage(make_doc(text)).events) == 1


def test_headline_is_not_annotated(stage: EventStage) -> None:
    text = "US Strikes Kataib Hezbollah Bases In Iraq\n\nThe weather was mild on Sunday."
    assert stage(make_doc(text)).events == []


def test_language_without_lexicon_or_classifier_gives_no_events() -> None:
    stage = EventStage(lexicons={}, classifier=None)
    assert stage(make_doc("The US carried out airstrikes on Sunday.")).events == []


# ---- Indonesian: di- passive and "oleh" agent
def test_indonesian_active(stage: EventStage) -> None:
    doc = make_doc(
        "AS melancarkan serangan udara terhadap Kataib Hezbollah pada hari Minggu.",
        language="id",
        published="2019-12-31",
    )
    ev = doc_events = stage(doc).events
    assert doc_events and ev[0].type == "ASSAULT" and ev[0].actor == "United States"
    assert ev[0].date == "2019-12-29"


def test_indonesian_passive_oleh(stage: EventStage) -> None:
    doc = make_doc(
        "Kataib Hezbollah diserang oleh AS di Irak pada hari Jumat.",
        language="id",
        published="2019-12-31",
    )
    ev = stage(doc).events[0]
    assert (ev.actor, ev.recipient) == ("United States", "Kata'ib Hezbollah")


def test_indonesian_negation(stage: EventStage) -> None:
    doc = make_doc("AS tidak menyerang Irak pada hari Minggu.", language="id")
    assert stage(doc).events == []


def test_pronoun_subject_takes_the_latest_person(stage: EventStage) -> None:
    text = (
        "Donald Trump spoke to reporters in Baghdad on Sunday. "
        "He blamed Iran for the rocket attack on the base."
    )
    accuse = [e for e in stage(make_doc(text)).events if e.type == "ACCUSE"]
    assert accuse and accuse[0].actor == "Donald Trump"


def test_definite_group_takes_the_latest_group(stage: EventStage) -> None:
    text = (
        "Kataib Hezbollah is an armed faction founded years ago. "
        "The group announced a suspension of military operations against US troops."
    )
    concede = [e for e in stage(make_doc(text)).events if e.type == "CONCEDE"]
    assert concede and concede[0].actor == "Kata'ib Hezbollah"


def test_responsibility_claim_targets_the_subject(stage: EventStage) -> None:
    text = "Mike Pompeo said on Thursday that Iran was responsible for the attack."
    accuse = [e for e in stage(make_doc(text)).events if e.type == "ACCUSE"]
    assert accuse and (accuse[0].actor, accuse[0].recipient) == ("Mike Pompeo", "Iran")


def test_trigger_inside_a_name_is_not_a_trigger(stage: EventStage) -> None:
    doc = make_doc(
        "The Popular Mobilization Forces held a parade in Baghdad on Sunday.",
        actors=[("Popular Mobilization Forces", "Popular Mobilization Forces", "MILITIA")],
    )
    assert [e.type for e in stage(doc).events if e.type == "MOBILIZE"] == []


FA_ACTORS = [("ایالات متحده", "United States", "GPE"), ("بریتانیا", "United Kingdom", "GPE")]


def test_verb_final_compound_actor() -> None:
    text = "ایالات متحده و بریتانیا روز یکشنبه به حوثی‌ها حمله کردند."
    stage = EventStage(load_event_lexicons(["fa"]), classifier=None)
    events = stage(make_doc(text, language="fa", actors=FA_ACTORS)).events
    assert events and events[0].actor == ["United States", "United Kingdom"]


def test_verb_final_sentence_without_names_has_no_actor() -> None:
    stage = EventStage(load_event_lexicons(["fa"]), classifier=None)
    doc = stage(make_doc("دیروز به پایگاه حمله کردند.", language="fa", actors=FA_ACTORS))
    assert [e.actor for e in doc.events] == [None] * len(doc.events)


@pytest.mark.parametrize(
    ("text", "etype", "recipient"),
    [
        # "ke" (to) is a direction, the target of a transfer, not a place phrase
        ("AS mengirim senjata ke Irak pada hari Minggu.", "AID", "Iraq"),
        # "di" (in) stays a place phrase
        ("AS melancarkan serangan udara di Irak pada hari Minggu.", "ASSAULT", None),
    ],
)
def test_indonesian_direction_and_place(
    stage: EventStage, text: str, etype: str, recipient: str | None
) -> None:
    evs = [e for e in stage(make_doc(text, language="id", published="2019-12-31")).events]
    assert evs and evs[0].type == etype and evs[0].actor == "United States"
    assert evs[0].recipient == recipient


OPINION = (
    "Washington should leave Iraq. We must stop this war. I believe the US should withdraw "
    "now. Congress ought to act. "
) * 3


@pytest.mark.parametrize(
    ("text", "genre", "expected"),
    [
        (OPINION, None, True),  # unset genre (the genre stage runs later): computed here
        ("The US struck Kataib Hezbollah on Sunday, officials said.", None, False),
        ("The US struck Kataib Hezbollah on Sunday, officials said.", "opinion", True),
        (OPINION, "news", False),  # a genre already set is trusted
    ],
)
def test_opinion_gate_does_not_need_the_genre_stage(
    text: str, genre: str | None, expected: bool
) -> None:
    from wirewatch.stages.events import is_opinion

    doc = make_doc(text)
    doc.genre = genre
    assert is_opinion(doc) is expected
    assert doc.genre == genre  # no side effect on the document


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a first-person subject inside a quotation: the speaker named before it
        (
            "Mike Pompeo spoke to reporters on Sunday. “As we have shown, we will take any "
            "action necessary to protect our forces in Iraq.”",
            "Mike Pompeo",
        ),
        # outside a quotation "we" is nobody in particular
        (
            "Mike Pompeo spoke to reporters on Sunday. As we have shown, we will take any "
            "action necessary to protect our forces in Iraq.",
            None,
        ),
    ],
)
def test_quoted_first_person_is_the_speaker(
    stage: EventStage, text: str, actor: str | None
) -> None:
    evs = [e for e in stage(make_doc(text)).events if e.type == "THREATEN"]
    assert evs and evs[0].actor == actor


# ---------------------------------------------------------------- one report, one event


def _event(**kw: object) -> Event:
    base: dict[str, object] = dict(
        type="ASSAULT", actor="United States", recipient=None, date="2024-02-07", span=[0, 10]
    )
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def test_restated_strike_is_one_event_with_what_both_reports_tell() -> None:
    first = _event(mode="drone", span=[0, 10])
    second = _event(recipient="Kata'ib Hezbollah", span=[500, 520])
    (merged,) = dedupe([first, second])
    assert merged.recipient == "Kata'ib Hezbollah" and merged.mode == "drone"


def test_an_unnamed_doer_is_the_named_one_of_the_same_day_and_target() -> None:
    named = _event(actor="CIA", recipient="Qasem Soleimani", span=[0, 10])
    unnamed = _event(actor=None, recipient="Qasem Soleimani", span=[900, 910])
    (merged,) = dedupe([unnamed, named])
    assert merged.actor == "CIA"


def test_a_statement_without_speaker_continues_the_one_before() -> None:
    text = "The US warned Iran. Such an attack would have severe consequences for Iran, it said."
    cut = text.index("Such")
    warned = _event(type="THREATEN", recipient="Iran", span=[0, cut - 1])
    said = _event(type="THREATEN", actor=None, recipient="Iran", span=[cut, len(text)])
    continue_statements(text, [warned, said])
    assert said.actor == "United States"


def test_a_statement_after_a_paragraph_break_does_not_continue() -> None:
    text = "The US warned Iran.\n\nSuch an attack would have severe consequences, it said."
    cut = text.index("Such")
    warned = _event(type="THREATEN", recipient="Iran", span=[0, cut - 2])
    said = _event(type="THREATEN", actor=None, span=[cut, len(text)])
    continue_statements(text, [warned, said])
    assert said.actor is None


def test_the_source_of_a_reported_act_goes_on_speaking() -> None:
    text = "America said Iran was preparing an attack. Tehran would face severe consequences."
    cut = text.index("Tehran")
    reported = _event(actor="Iran", reported_by="United States", span=[0, cut - 1])
    said = _event(type="THREATEN", actor=None, recipient="Iran", span=[cut, len(text)])
    continue_statements(text, [reported, said])
    assert said.actor == "United States"


def test_a_reported_source_does_not_go_on_meeting() -> None:
    text = "America said Iran was preparing an attack. Talks with Iran resumed."
    cut = text.index("Talks")
    reported = _event(actor="Iran", reported_by="United States", span=[0, cut - 1])
    talks = _event(type="CONSULT", actor=None, recipient="Iran", span=[cut, len(text)])
    continue_statements(text, [reported, talks])
    assert talks.actor is None


def test_a_warning_too_weak_to_report_still_names_the_next_speaker() -> None:
    text = "The US had warned of an attack. Such an attack would have consequences for Iran."
    cut = text.index("Such")
    warned = _event(type="THREATEN", span=[0, cut - 1])
    said = _event(type="THREATEN", actor=None, recipient="Iran", span=[cut, len(text)])
    events = [said]
    continue_statements(text, events, quiet=[warned])
    assert said.actor == "United States" and events == [said]


def test_talks_between_two_parties_are_one_meeting_whoever_is_named_first() -> None:
    first = _event(type="CONSULT", actor="United States", recipient="Iran", date="2007-05-28")
    second = _event(type="CONSULT", actor="Iran", recipient="United States", date="2007-05-28")
    assert len(dedupe([first, second])) == 1
    other_day = _event(type="CONSULT", actor="Iran", recipient="United States", date="2007-06-02")
    assert len(dedupe([first, other_day])) == 2


def test_a_headline_of_the_month_is_its_lead_of_the_day() -> None:
    headline = _event(actor=None, type="THREATEN", recipient="Iraq", date="2020-01", span=[0, 9])
    lead = _event(
        actor="Donald Trump", type="THREATEN", recipient="Iraq", date="2020-01-05", span=[120, 130]
    )
    (merged,) = dedupe([headline, lead])
    assert (merged.actor, merged.date) == ("Donald Trump", "2020-01-05")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ({"recipient": "Iran"}, {"recipient": "Iraq"}),  # different targets
        # a month and a day of it far apart, or without a shared target, stay two
        (
            {"actor": None, "recipient": "Iraq", "date": "2024-02", "span": [0, 9]},
            {"recipient": "Iraq", "span": [3000, 3010]},
        ),
        ({"actor": None, "date": "2024-02"}, {}),
        ({"actor": "Iran"}, {}),  # different actors
        # an unnamed doer without a shared target, or on a month only, stays apart
        ({"actor": None}, {}),
        (
            {"actor": None, "recipient": "Iran", "date": "2024-02"},
            {"recipient": "Iran", "date": "2024-02"},
        ),
        ({"date": "2024-02-07"}, {"date": "2024-02-09"}),  # different days
        # a month holds many strikes: far apart, one with a target, they stay two
        (
            {"date": "2024-01", "recipient": "Iran", "span": [0, 10]},
            {"date": "2024-01", "span": [2000, 2010]},
        ),
    ],
)
def test_distinct_reports_stay_apart(a: dict[str, object], b: dict[str, object]) -> None:
    assert len(dedupe([_event(**a), _event(**b)])) == 2


def test_arabic_quoted_warning_is_its_speakers_act() -> None:
    actors = [
        ("الحرس الثوري", "Islamic Revolutionary Guard Corps", "ORG"),
        ("أمريكا", "United States", "GPE"),
    ]
    text = "وقال الحرس الثوري يوم الأحد: «نحذر أمريكا من أنها سوف تتعرض للهجوم إذا هاجمت طهران»."
    stage = EventStage(load_event_lexicons(["ar"]), classifier=None)
    evs = stage(make_doc(text, language="ar", actors=actors)).events
    threats = [e for e in evs if e.type == "THREATEN"]
    assert threats and threats[0].actor == "Islamic Revolutionary Guard Corps"


def test_target_named_elsewhere_in_a_sentence_without_parse() -> None:
    text = "Kataib Hezbollah kembali jadi sasaran ketika AS melancarkan serangan udara pada hari Minggu."
    stage = EventStage(load_event_lexicons(["id"]), classifier=None)
    evs = stage(make_doc(text, language="id")).events
    assert evs and evs[0].actor == "United States" and evs[0].recipient == "Kata'ib Hezbollah"


def test_french_quote_spoken_by_a_pronoun_is_the_named_persons_act() -> None:
    actors = [("Fouad Hussein", "Fuad Hussein", "PERSON"), ("Américains", "United States", "GPE")]
    text = (
        "Le ministre Fouad Hussein a reçu l'ambassadeur lundi.\n"
        "«C'est une décision erronée», a-t-il ajouté lundi, en référence aux Américains."
    )
    stage = EventStage(load_event_lexicons(["fr"]), classifier=None)
    evs = [e for e in stage(make_doc(text, language="fr", actors=actors)).events]
    accusations = [e for e in evs if e.type == "ACCUSE"]
    assert accusations and accusations[0].actor == "Fuad Hussein"


def test_visit_host_is_the_country_of_the_place_visited() -> None:
    doc = make_doc("Mike Pompeo made a visit to Baghdad on Sunday.")
    doc.locations[0].country = "IQ"
    evs = EventStage(load_event_lexicons(["en"]), classifier=None)(doc).events
    assert [(e.type, e.actor, e.recipient) for e in evs] == [("CONSULT", "Mike Pompeo", "Iraq")]


def test_name_before_a_quote_without_reporting_verb_is_no_speaker() -> None:
    actors = [("Mahdi", "Adil Abdul-Mahdi", "PERSON"), ("Trump", "Donald Trump", "PERSON")]
    text = 'Mahdi described the strike ordered by Trump as a "political assassination" on Sunday.'
    doc = make_doc(text, actors=actors)
    t = text.index("political")
    lex = load_event_lexicons(["en"])["en"]
    assert quoted_speaker(doc, text.lower(), lex, 0, len(text), t) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Last fall, Mike Pompeo called on Iraq to stop the flights. At the time, Iraq agreed "
            "to inspect the planes.",
            "2012",
        ),
        (
            "id",
            "Pada November 2012, Mike Pompeo mendesak Irak menghentikan penerbangan. Saat itu, "
            "Irak menandatangani perjanjian dengan AS.",
            "2012-11",
        ),
    ],
)
def test_at_the_time_is_the_date_stated_just_before(lang: str, text: str, expected: str) -> None:
    doc = make_doc(text, language=lang, published="2013-03-24")
    stage = EventStage(load_event_lexicons([lang]), classifier=None)
    agreed = [e for e in stage(doc).events if e.type == "AGREE"]
    assert [e.date for e in agreed] == [expected]


def test_at_the_time_needs_the_date_in_the_sentence_right_before() -> None:
    text = (
        "Last fall, Mike Pompeo called on Iraq to stop the flights.\n\nAt the time, Iraq "
        "agreed to inspect the planes."
    )
    doc = make_doc(text, published="2013-03-24")
    stage = EventStage(load_event_lexicons(["en"]), classifier=None)
    agreed = [e for e in stage(doc).events if e.type == "AGREE"]
    assert [e.date for e in agreed] == ["2013-03"]


def test_undated_acts_in_an_opinion_piece_are_background() -> None:
    # an opinion piece narrates background: an act with no date in its sentence gets none; a
    # statement is reported as recent and gets the publication month (corpus P1, P5)
    doc = make_doc(
        "The US imposed sanctions on Kataib Hezbollah. Iraqi officials demanded the withdrawal "
        "of US troops.",
        published="2024-01-30",
    )
    doc.genre = "opinion"
    stage = EventStage(load_event_lexicons(["en"]), classifier=None)
    dates = {e.type: e.date for e in stage(doc).events}
    assert dates == {"SANCTION": None, "REQUEST": "2024-01"}
    doc.genre = "news"
    doc.events = []
    dates = {e.type: e.date for e in stage(doc).events}
    assert dates == {"SANCTION": "2024-01", "REQUEST": "2024-01"}


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Militias carried out repeated rocket attacks on the US embassy in Baghdad.", None),
        ("Militias carried out a rocket attack on the US embassy in Baghdad.", "2024-01"),
    ],
)
def test_a_series_of_attacks_has_no_one_date(text: str, date: str | None) -> None:
    doc = make_doc(text, published="2024-01-30")
    stage = EventStage(load_event_lexicons(["en"]), classifier=None)
    assert [e.date for e in stage(doc).events if e.type == "ASSAULT"] == [date]
