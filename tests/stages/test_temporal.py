"""Event date resolution against the publication date, in several languages."""

from __future__ import annotations

import pytest

from wirewatch.stages.events_lexicon import normalize
from wirewatch.stages.events_units import pick_date
from wirewatch.stages.temporal import date_resolver, default_date, parse_published


def dates(lang: str, text: str, published: str | None) -> list[str]:
    r = date_resolver(lang)
    return [d.value for d in r.find(text, normalize(text), 0, len(text), published)]


@pytest.mark.parametrize(
    ("lang", "text", "published", "expected"),
    [
        ("en", "strikes on Sunday morning", "2019-12-31", "2019-12-29"),
        ("en", "said Sunday", "2020-01-05", "2020-01-05"),  # published on a Sunday
        ("en", "last week", "2020-09-10", "2020-09"),
        ("en", "in late December 2019", "2020-07-01", "2019-12"),
        ("en", "on Dec. 29", "2020-01-05", "2019-12-29"),  # year inferred backwards
        ("en", "Sunday, Jan. 28, 2024", "2024-01-29", "2024-01-28"),
        ("en", "yesterday", "2020-01-05", "2020-01-04"),
        ("en", "in 2003", "2020-01-05", "2003"),
        ("id", "pada Nopember 2019", "2020-02-01", "2019-11"),
        ("id", "Minggu pagi", "2019-12-31", "2019-12-29"),
        ("de", "am Freitag", "2020-01-05", "2020-01-03"),
        ("de", "am 3. Januar", "2020-01-05", "2020-01-03"),
        ("fr", "mercredi 8 janvier 2020", "2020-01-10", "2020-01-08"),
        ("ar", "يوم الأحد", "2020-01-08", "2020-01-05"),
        ("fa", "روز دوشنبه", "2020-01-08", "2020-01-06"),
        ("ru", "3 января", "2020-01-08", "2020-01-03"),
        ("zh", "2020年1月3日", "2020-01-08", "2020-01-03"),
        ("en", "Last fall, Clinton called on Iraq", "2013-03-24", "2012"),  # season over: that year
        ("en", "last spring", "2013-07-01", "2013"),
        ("en", "last summer", "2013-07-01", "2012"),  # this summer is not over yet
        ("de", "im vergangenen Herbst", "2013-12-01", "2013"),
        ("fr", "l'été dernier", "2013-03-24", "2012"),
    ],
)
def test_resolves(lang: str, text: str, published: str, expected: str) -> None:
    assert expected in dates(lang, text, published)


def test_weekday_with_month_only_publication_gives_month() -> None:
    assert dates("de", "am Donnerstag", "2024-01") == ["2024-01"]


def test_weekday_without_publication_is_unresolved() -> None:
    assert dates("en", "on Sunday", None) == []


def test_dates_after_publication_are_ignored() -> None:
    assert dates("en", "self-sufficiency by 2030", "2024-04-16") == []


@pytest.mark.parametrize("text", ["Trump may act soon", "they march on"])
def test_lowercase_month_words_are_not_dates(text: str) -> None:
    assert dates("en", text, "2020-06-01") == []


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2019-12-31", "2019-12"), ("2020-10", "2020-10"), ("2020", None), (None, None)],
)
def test_default_date_is_publication_month(published: str | None, expected: str | None) -> None:
    assert default_date(published) == expected


def test_parse_published_month_only() -> None:
    assert parse_published("2020-10") == (None, "2020-10")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "seit Mitte Oktober"),
        ("ar", "منذ أكتوبر"),
        ("tr", "17 Ekim'den beri"),
        ("fr", "depuis octobre 2019"),
        # "since" a few words before: "since the start of the clashes with Israel in October"
        ("ar", "منذ بدء المواجهات مع إسرائيل في أكتوبر"),
        ("de", "seit Beginn des Krieges im Oktober"),
    ],
)
def test_ongoing_campaign_dates_are_blank(lang: str, text: str) -> None:
    assert dates(lang, text, "2024-01-30") == [""]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # the event reported was on Friday 2021-07-23; the article was written after it
        ("arrived on Sunday", "2021-07-23", "2021-07-25"),
        ("the strike on Friday", "2019-12-29", "2019-12-27"),  # anchor a Sunday: two days back
        ("on Monday", "2019-12-29", "2019-12-30"),
        ("on 13 August", "2018-08-07", "2018-08-13"),  # nearest year, not the year before
        ("on 28 December", "2020-01-03", "2019-12-28"),
        # a month name alone: up to two months after the event, else the months before it
        ("In March, two Marines were killed", "2020-01-03", "2020-03"),
        ("In November, protesters burned", "2020-01-03", "2019-11"),
        ("In June, the talks began", "2020-01-03", "2019-06"),
        # marked as past: the latest before
        ("since last March", "2020-01-03", "2019-03"),
    ],
)
def test_dates_around_a_known_events_day(text: str, anchor: str, expected: str) -> None:
    r = date_resolver("en")
    found = r.find(text, normalize(text), 0, len(text), anchor, around=True)
    assert [d.value for d in found] == [expected]
    # against a publication date, a later day is never the past
    assert all(d.value <= anchor for d in r.find(text, normalize(text), 0, len(text), anchor))


def test_a_year_modifying_another_noun_does_not_date_the_event() -> None:
    text = "The leaders met, as outlined in the 2008 Strategic Framework Agreement."
    found = date_resolver("en").find(text, normalize(text), 0, len(text), "2024-04-15")
    assert [d.attributive for d in found] == [True]
    assert pick_date(found, text.index("met"), text.index("met") + 3) is None
    text = "Since the 2003 invasion of Iraq, the militias grew."
    found = date_resolver("en").find(text, normalize(text), 0, len(text), "2024-04-15")
    t = text.index("invasion")
    assert pick_date(found, t, t + 8) == "2003"


def _span(text: str, word: str) -> tuple[int, int]:
    return text.index(word), text.index(word) + len(word)


def test_a_date_after_another_events_trigger_is_that_events() -> None:
    text = "Parliament voted to expel US troops after a drone strike ordered last week."
    found = date_resolver("en").find(text, normalize(text), 0, len(text), "2020-01-05")
    voted, strike = _span(text, "voted"), _span(text, "drone strike")
    assert pick_date(found, *voted) == "2019-12"
    assert pick_date(found, *voted, others=[strike]) is None
    assert pick_date(found, *strike, others=[voted]) == "2019-12"
    # a trigger of the same event after the other one takes the date back
    text = "The agreement on the withdrawal was agreed in 2008 by both governments."
    found = date_resolver("en").find(text, normalize(text), 0, len(text), "2011-10-21")
    agreement = _span(text, "agreement")
    withdrawal, agreed = _span(text, "withdrawal"), _span(text, "agreed")
    assert pick_date(found, *agreement, others=[withdrawal]) is None
    assert pick_date(found, *agreement, others=[withdrawal], same=[agreed]) == "2008"
    text = "On Friday the ministry condemned the strike and warned Iran."
    found = date_resolver("en").find(text, normalize(text), 0, len(text), "2020-01-05")
    assert pick_date(found, *_span(text, "warned"), others=[_span(text, "condemned")])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("美国周日对伊拉克发动空袭", ["2024-01-28"]),
        ("伊朗周二表示", ["2024-01-30"]),
        ("一个月前", []),
    ],
)
def test_chinese_weekdays_need_no_spaces(text: str, expected: list[str]) -> None:
    assert dates("zh", text, "2024-01-30") == expected


def test_the_date_of_the_report_stays_with_the_main_event() -> None:
    text = "Katsav refused to meet King Abdullah during his visit, his office said Tuesday."
    found = date_resolver("en").find(text, normalize(text), 0, len(text), "2000-01-01")
    refused, visit = _span(text, "refused"), _span(text, "visit")
    assert pick_date(found, *refused, others=[visit]) is None
    reported = {d.start for d in found}
    assert pick_date(found, *refused, others=[visit], reported=reported) == "1999-12-28"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وفي أكتوبر/تشرين الأول الماضي شنت إسرائيل غارة", "2023-10"),
        ("وفي أكتوبر/تشرين الأول شنت إسرائيل غارة", "2024-10"),
    ],
)
def test_a_month_marked_past_is_before_a_known_events_day(text: str, expected: str) -> None:
    found = date_resolver("ar").find(text, normalize(text), 0, len(text), "2024-09-20", True)
    assert [d.value for d in found] == [expected]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "D'octobre 2019 à juillet 2020, une quarantaine d'attaques ont visé l'ambassade."),
        ("en", "From October 2019 to July 2020, rockets hit the embassy forty times."),
        ("ar", "من أكتوبر 2019 إلى يوليو 2020 استهدفت الصواريخ السفارة."),
    ],
)
def test_a_date_range_spans_a_campaign(lang: str, text: str) -> None:
    found = date_resolver(lang).find(text, normalize(text), 0, len(text), "2020-10-01")
    assert len(found) == 2 and [d.value for d in found] == ["", ""]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("والثلاثاء، وصل وزير الخارجية إلى واشنطن", "2021-07-20"),
        ("وقالت الوزارة بالأمس إن", "2021-07-24"),
        ("ووصل في فبراير 2020", "2020-02"),
    ],
)
def test_arabic_date_words_take_glued_letters(text: str, expected: str) -> None:
    found = date_resolver("ar").find(text, normalize(text), 0, len(text), "2021-07-25")
    assert [d.value for d in found] == [expected]
