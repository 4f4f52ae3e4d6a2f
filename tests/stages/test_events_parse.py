"""Roles from the English dependency parse (spaCy via the session `nlp_stage` fixture)."""

from __future__ import annotations

from typing import Any

import pytest
from events_helpers import ACTORS, make_doc

from wirewatch.stages.events import EventStage
from wirewatch.stages.events_lexicon import load_event_lexicons, normalize
from wirewatch.stages.events_parse import dependency_roles

EXTRA = [
    ("Hillary Clinton", "Hillary Clinton", "PERSON"),
    ("Kerry", "John Kerry", "PERSON"),
    ("Qassim Suleimani", "Qasem Soleimani", "PERSON"),
    ("Qasim Soleimani", "Qasem Soleimani", "PERSON"),
    ("Revolutionary Guard Corps", "Islamic Revolutionary Guard Corps", "ORG"),
    ("Islamic State", "Islamic State", "MILITIA"),
    ("Maliki", "Nouri al-Maliki", "PERSON"),
    ("President Bush", "George W. Bush", "PERSON"),
    ("Shinzo Abe", "Shinzo Abe", "PERSON"),
    ("Japanese", "Japan", "GPE"),
    ("Zarif", "Mohammad Javad Zarif", "PERSON"),
    ("U.S.", "United States", "GPE"),
    ("President Biden", "Joe Biden", "PERSON"),
    ("Prime Minister Sudani", "Mohammed Shia' Al Sudani", "PERSON"),
    ("Dawa party", "Islamic Dawa Party", "ORG"),
    ("President Salih", "Barham Salih", "PERSON"),
    ("Russia", "Russia", "GPE"),
    ("Sudan", "Sudan", "GPE"),
    ("France", "France", "GPE"),
    ("government of Iraq", "Government of Iraq", "ORG"),
    ("Iraqi security forces", "Iraqi Security Forces", "ORG"),
    ("Iraqi parliament", "Iraqi Parliament", "ORG"),
    ("General Suleimani", "Qasem Soleimani", "PERSON"),
]


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage(load_event_lexicons(["en"]), classifier=None)


def _events(stage: EventStage, nlp_stage: Any, text: str) -> list[Any]:
    doc = make_doc(text, published="2020-03-12", actors=ACTORS + EXTRA)
    doc = nlp_stage(doc)
    doc.mentions = [m for m in doc.mentions if m.canonical]
    doc.mentions.sort(key=lambda m: m.start)
    return stage(doc).events


@pytest.mark.parametrize(
    ("text", "etype", "actor", "recipient"),
    [
        # a strong target preposition beats a reason clause ("for supporting ...")
        (
            "The US imposed sanctions on Kataib Hezbollah for supporting Iran's Revolutionary "
            "Guard Corps.",
            "SANCTION",
            "United States",
            "Kata'ib Hezbollah",
        ),
        # the main clause's strike, not the attack of the time adjunct, is the event; the name
        # compounded with the target noun names it before an apposition does
        (
            "Following the attack on Kirkuk in December, the U.S. conducted retaliatory strikes "
            "against the Kataib Hezbollah militia, a branch of the Iraqi security forces.",
            "ASSAULT",
            "United States",
            "Kata'ib Hezbollah",
        ),
        # a finite verb the parser hangs on a named noun as its clause is that noun's act
        (
            "After the death of General Suleimani, the Iraqi parliament called for the "
            "expulsion of all US forces from the country.",
            "REQUEST",
            "Iraqi Parliament",
            None,
        ),
        # the parts named after "including" are the target
        (
            "Mike Pompeo called for a timetable for the withdrawal of all foreign troops, "
            "including those from Iran.",
            "REQUEST",
            "Mike Pompeo",
            "Iran",
        ),
        # a passive participle with "by": the agent acts on the main clause's subject
        (
            "Designated as a terrorist organisation by the US in 2009, Kataib Hezbollah is a "
            "powerful armed faction.",
            "SANCTION",
            "United States",
            "Kata'ib Hezbollah",
        ),
        # a speech act in a participle clause of the object: the main verb's subject speaks
        (
            'Maliki described the strike authorized by President Bush as a "political '
            'assassination".',
            "ACCUSE",
            "Nouri al-Maliki",
            None,
        ),
        # "X said Y must ...": a demand of the speaker on the subject of "must"
        (
            "Russia said on Tuesday that Sudan must return the captured helicopter.",
            "REQUEST",
            "Russia",
            "Sudan",
        ),
        # an announced withdrawal on a condition is a threat; without one a concession
        (
            "Iraq said it will withdraw its troops unless the attacks stop.",
            "THREATEN",
            "Iraq",
            None,
        ),
        ("Iraq said it will withdraw its troops next month.", "CONCEDE", "Iraq", None),
        # a stated readiness to act is an offer
        (
            "France is ready to send 4,000 troops to Iraq, its defence minister said.",
            "AGREE",
            "France",
            None,
        ),
        # a noun trigger as subject: its verb's object is the target, and not the actor too
        (
            "Protesters were burning US flags in Baghdad.",
            "PROTEST",
            None,
            "United States",
        ),
        # a name in apposition to the subject is the actor, not the subject's possessor
        (
            "Last fall, Kerry's predecessor at the State Department, Hillary Clinton, called on "
            "Iraq to take steps.",
            "REQUEST",
            "Hillary Clinton",
            "Iraq",
        ),
        # a noun trigger's relative clause names the target ("a strike that killed X")
        (
            "In January, after a US air strike that killed a senior Iranian military officer, "
            "Major General Qassim Suleimani, the mission was suspended for ten days.",
            "ASSAULT",
            "United States",
            "Qasem Soleimani",
        ),
        # a passive relative clause: its head noun is the target, the "by" phrase acts
        (
            "Qasim Soleimani, who was killed by the U.S. in response to the attack, was a general.",
            "ASSAULT",
            "United States",
            "Qasem Soleimani",
        ),
        # dying while fighting X: X is the attack's actor
        (
            "Two US soldiers were killed while fighting Islamic State in northern Iraq.",
            "ASSAULT",
            "Islamic State",
            "United States",
        ),
        # a visit from a named person: the visitor acts
        (
            "Zarif criticised the timing during a visit to Tehran from Japanese President "
            "Shinzo Abe.",
            "CONSULT",
            "Shinzo Abe",
            None,
        ),
        # a name before a verb like "supported"/"backed" is its subject, not a proxy's patron
        (
            "President Biden supported new investment in Iraq's power grid.",
            "SUPPORT",
            "Joe Biden",
            "Iraq",
        ),
        # "responsible for" names the author; a relative pronoun stands for its noun
        (
            "The Dawa party, a partner of Iran and responsible for the 1983 bombing of the US "
            "embassy, won the vote.",
            "ASSAULT",
            "Islamic Dawa Party",
            None,
        ),
        # "attributed to X" with nobody blaming: X is the attack's actor
        (
            "Two US soldiers were killed in a rocket attack near Baghdad, attributed to "
            "Kataib Hezbollah.",
            "ASSAULT",
            "Kata'ib Hezbollah",
            "United States",
        ),
        # the object of the verb whose purpose clause holds the trigger is its target
        (
            "Mike Pompeo phoned President Salih on Friday to deliver an ultimatum.",
            "THREATEN",
            "Mike Pompeo",
            "Barham Salih",
        ),
        # only a name inside the trigger: a "for" object names the beneficiary
        (
            "President Biden reaffirmed US support for Iraq's efforts to rebuild.",
            "SUPPORT",
            "Joe Biden",
            "Iraq",
        ),
    ],
)
def test_parse_roles(
    stage: EventStage,
    nlp_stage: Any,
    text: str,
    etype: str,
    actor: str | None,
    recipient: str | None,
) -> None:
    evs = [e for e in _events(stage, nlp_stage, text) if e.type == etype]
    assert evs, text
    assert evs[0].actor == actor
    if recipient is not None:
        assert evs[0].recipient == recipient


def test_accord_between_two_parties_has_both_as_actors(stage: EventStage, nlp_stage: Any) -> None:
    text = "That is what the 2008 accord between Maliki and President Bush would require us to do."
    evs = [e for e in _events(stage, nlp_stage, text) if e.type == "AGREE"]
    assert evs
    assert evs[0].actor == ["Nouri al-Maliki", "George W. Bush"]


def test_coordinated_subjects_all_act(stage: EventStage, nlp_stage: Any) -> None:
    text = "President Biden and Prime Minister Sudani met in Washington on Monday."
    evs = [e for e in _events(stage, nlp_stage, text) if e.type == "CONSULT"]
    assert evs
    assert evs[0].actor == ["Joe Biden", "Mohammed Shia' Al Sudani"]


def test_nobody_is_their_own_target(stage: EventStage, nlp_stage: Any) -> None:
    text = "US forces launched airstrikes in Iraq on Thursday against US-backed militia members."
    for e in _events(stage, nlp_stage, text):
        actors = e.actor if isinstance(e.actor, list) else [e.actor]
        assert e.recipient not in actors or e.recipient is None


def test_quoted_first_person_takes_the_speaker_after_the_quote(
    stage: EventStage, nlp_stage: Any
) -> None:
    text = (
        "“We will take any action necessary to protect our forces in Iraq,” Mike Pompeo "
        "told reporters."
    )
    evs = [e for e in _events(stage, nlp_stage, text) if e.type == "THREATEN"]
    assert evs and evs[0].actor == "Mike Pompeo"


def test_listed_subjects_all_act(stage: EventStage, nlp_stage: Any) -> None:
    # the parser takes "Turkey" for an apposition of the first name, "Iran" its conjunct
    extra = [
        ("Iraq's central government", "Government of Iraq", "ORG"),
        ("Turkey", "Turkey", "GPE"),
    ]
    doc = make_doc(
        "Iraq's central government, Turkey and Iran condemned the referendum.",
        actors=ACTORS + EXTRA + extra,
    )
    doc = nlp_stage(doc)
    evs = stage(doc).events
    assert [e.actor for e in evs] == [["Government of Iraq", "Turkey", "Iran"]]


@pytest.mark.parametrize(
    ("text", "etype", "date"),
    [
        # a date after a noun modifier ("invasion forces") is still the main verb's
        (
            "The US speeded up the withdrawal of invasion forces from Iraq on Wednesday.",
            "RETREAT",
            "2020-03-11",
        ),
        # a present perfect sums up a campaign: no date; a simple past is of the month
        (
            "The US has launched three rounds of airstrikes against Kataib Hezbollah.",
            "ASSAULT",
            None,
        ),
        (
            "The US launched three rounds of airstrikes against Kataib Hezbollah.",
            "ASSAULT",
            "2020-03",
        ),
        # one inside another event's relative clause is not
        (
            "Iraq's parliament voted to expel US troops in response to a drone strike the "
            "president ordered last month.",
            "SANCTION",
            "2020-03",
        ),
    ],
)
def test_date_of_the_clause(
    stage: EventStage, nlp_stage: Any, text: str, etype: str, date: str | None
) -> None:
    evs = [e for e in _events(stage, nlp_stage, text) if e.type == etype]
    assert [e.date for e in evs] == [date]


def test_no_target_inside_a_relative_clause_of_the_object(nlp_stage: Any) -> None:
    text = (
        "U.S. forces launched airstrikes on Thursday against militia members believed to be "
        "behind a rocket attack that killed British troops."
    )
    extra = [("British troops", "British Armed Forces", "ORG"), ("U.S. forces", "US", "GPE")]
    doc = nlp_stage(make_doc(text, actors=ACTORS + EXTRA + extra))
    start = text.index("launched")
    roles = dependency_roles(doc, normalize(text), None, 0, len(text), start, start + 8, False)
    assert roles is not None and roles.actor == ["US"] and roles.recipient == []


def test_place_of_a_noun_subjects_verb_is_no_target(stage: EventStage, nlp_stage: Any) -> None:
    evs = _events(
        stage, nlp_stage, "A US AC-130 gunship launched strikes in Iraq against militants."
    )
    assert [(e.type, e.actor, e.recipient) for e in evs] == [("ASSAULT", "United States", None)]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # what a demand asks for is its content, not an event of its own
        (
            "We want to see the government of Iraq do more to investigate, to arrest or "
            "prosecute those who are responsible for attacks on US forces.",
            [("REQUEST", "Government of Iraq")],
        ),
        (
            "Many MPs were calling for Iraq to review its ties to the US.",
            [("REQUEST", "Iraq")],
        ),
        # a second verb joined to the demand's complement is the speaker's own act
        (
            "Donald Trump demanded that Iraq pay for the base and threatened very big sanctions.",
            [("REQUEST", "Iraq"), ("THREATEN", None)],
        ),
    ],
)
def test_demanded_act_is_no_event(
    stage: EventStage, nlp_stage: Any, text: str, events: list[tuple[str, str | None]]
) -> None:
    evs = _events(stage, nlp_stage, text)
    assert [e.type for e in evs] == [t for t, _ in events]
    for e, (_, recipient) in zip(evs, events, strict=True):
        if recipient is not None:
            assert e.recipient == recipient


@pytest.mark.parametrize(
    "text",
    [
        "Ultimately, Iran aims to expel US forces from the Middle East.",
        "Withdrawing personnel will give the United States the freedom to tighten sanctions on "
        "Iran.",
        "Iraqi officials will have to answer to the protests.",
    ],
)
def test_intentions_and_abilities_are_no_events(
    stage: EventStage, nlp_stage: Any, text: str
) -> None:
    assert _events(stage, nlp_stage, text) == []
