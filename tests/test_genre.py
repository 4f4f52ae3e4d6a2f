"""Genre (news or opinion) and the policy position of opinion pieces."""

from __future__ import annotations

import pytest

from shared_data import article_for, gold_files, load_gold
from wirewatch.ingest import read_path
from wirewatch.model import Document
from wirewatch.stages.clean import clean
from wirewatch.stages.genre import classify_genre
from wirewatch.stages.langid import detect_language

NEWS = (
    "The US military carried out air strikes on Sunday, officials said. Iraqi sources told "
    "Reuters that 25 fighters were killed, according to a statement. The Pentagon confirmed "
    "the strikes and a spokesman announced more would follow."
)
OPINION_WITHDRAW = (
    "It is time for Washington to admit what we all know. The United States should withdraw its "
    "troops from Iraq. We must end the mission and bring the troops home. Our presence there "
    "is a recipe for more war, and policymakers must accept the withdrawal. We should get out now."
)
OPINION_STAY = (
    "Washington should not abandon Iraq. We must keep troops there and maintain our presence. "
    "The United States should stay, because a continued engagement is the best option. Our "
    "partnership matters and we need to remain."
)


def genre(text: str, language: str | None = "en") -> Document:
    return classify_genre(Document(id="g", raw_text=text, text=text, language=language))


def test_news_report_is_news():
    doc = genre(NEWS)
    assert (doc.genre, doc.policy_position) == ("news", None)


@pytest.mark.parametrize(
    ("text", "position"), [(OPINION_WITHDRAW, "withdraw"), (OPINION_STAY, "stay")]
)
def test_opinion_piece_and_its_position(text, position):
    doc = genre(text)
    assert (doc.genre, doc.policy_position) == ("opinion", position)


def test_balanced_positions_are_mixed():
    text = (
        "A view from Baghdad\n\nWe must act now. Washington should withdraw from Anbar, we "
        "should stay in Baghdad, and we need to use sanctions and pressure on Tehran."
    )
    doc = genre(text)
    assert (doc.genre, doc.policy_position) == ("opinion", "mixed")


def test_opinion_without_position_cues_has_none():
    text = (
        "We must think again. We should ask what we need to do. "
        "It is time to ask questions. We must."
    )
    doc = genre(text)
    assert (doc.genre, doc.policy_position) == ("opinion", None)


def test_advice_inside_quotes_is_the_source_not_the_article():
    quoted = (
        '"The United States should withdraw. We must end the mission. We should get out," '
        "the cleric said. "
    )
    assert genre(quoted * 3 + NEWS).genre == "news"


@pytest.mark.parametrize("language", ["xx", None, "ku"])
def test_language_without_cues_is_news(language):
    assert genre(OPINION_WITHDRAW, language).genre == "news"


def test_empty_text_is_news():
    assert genre("").genre == "news"


def test_german_opinion():
    text = (
        "Die USA sollten ihre Truppen abziehen. Wir müssen den Abzug jetzt beginnen. Es ist Zeit, "
        "dass Washington handelt. Deutschland sollte den Abzug unterstützen."
    )
    doc = genre(text, "de")
    assert (doc.genre, doc.policy_position) == ("opinion", "withdraw")


@pytest.mark.shared
@pytest.mark.parametrize("gold", gold_files(), ids=lambda p: p.stem)
def test_shared_genre_and_position_match_gold(gold):
    (doc,) = list(read_path(article_for(gold)))
    doc = classify_genre(detect_language(clean(doc)))
    expected = load_gold(gold)
    assert (doc.genre, doc.policy_position) == (expected["genre"], expected.get("policy_position"))
