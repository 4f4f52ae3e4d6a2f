"""Cleaning: boilerplate lines go (each recorded with its reason), article text stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared_data import article_for, gold_files, load_gold, shared_path
from wirewatch.errors import ConfigError, NoMainText
from wirewatch.ingest import read_path
from wirewatch.model import Document, RemovedLine
from wirewatch.stages.clean import clean, load_boilerplate_rules, outlet_from_url

BODY = (
    "The US military carried out air strikes on Sunday against militia bases in Iraq, "
    "officials said."
)


def cleaned(raw: str, **meta: str) -> Document:
    return clean(Document(id="t", raw_text=raw, **meta))


# ---- boilerplate lines, one kind at a time --------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("top of page", "page-chrome"),
        ("Bottom of Page", "page-chrome"),
        ("Advertisement", "page-chrome"),
        (
            'READ ALSO  Beijing Readying "Retaliation List" After US Names 6 More Chinese Outlets',
            "related-link",
        ),
        ("Read more: Iraq's parliament votes to expel US troops", "related-link"),
        ("Baca juga: Parlemen Irak minta pasukan AS pergi", "related-link"),
        ("Via Zerohedge", "source-credit"),
        ("via Reuters.", "source-credit"),
        (
            "Protesters outside the US Embassy in Baghdad. (AP Photo/Khalid Mohammed)",
            "photo-caption",
        ),
        ("AP Photo/Majdi Mohammed", "photo-caption"),
        ("Photo: Reuters", "photo-caption"),
        ("Photo credit: Getty Images", "photo-caption"),
        ("Protests near the US Embassy in 2019, via AP.", "photo-caption"),
        ("Share this article", "share"),
        ("Share on Facebook", "share"),
        ("Subscribe to our newsletter", "share"),
        ("Sign up for daily updates", "share"),
        ("Follow us on Twitter", "share"),
        ("Author: Jason Ditz", "byline"),
        ("By: Staff Reporter", "byline"),
        ("Jason Ditz is Senior Editor for Antiwar.com.", "author-bio"),
        ("Jane Q. Public is a contributing writer at Example Review.", "author-bio"),
        ("3 hours ago", "timestamp"),
        ("10:45 AM ET", "timestamp"),
        ("* * *", "decoration"),
        ("———", "decoration"),
    ],
)
def test_boilerplate_line_is_removed_and_recorded(line, reason):
    doc = cleaned(
        f"{BODY}\n\n{line}\n\nIraq condemned the strikes as a violation of its sovereignty."
    )
    assert line.strip() not in doc.text
    assert doc.removed == [RemovedLine(line.strip(), reason)]


@pytest.mark.parametrize(
    "line",
    [
        '"We will not leave Iraq until the job is done," the general said.',
        "“The occupation must end.”",
        "« Nous ne quitterons pas l’Irak », a déclaré le ministre.",
        "Short.",
        "Two rockets hit the base.",
        "Share prices in Baghdad fell sharply on Monday after the attack, traders told Reuters.",
        "By the time the troops arrived, the militia had left the base.",
        "The AP photo shows smoke rising over the base after the strike near Al-Qaim.",
        "Subscribers to the militia's Telegram channel were told to stay away from the area.",
        "Jason Ditz said the strikes were unlikely to end the conflict.",
        "The vote was 170 to 0, according to the speaker of parliament.",
    ],
    ids=[
        "quote",
        "pull-quote",
        "guillemets",
        "one-word",
        "one-line-paragraph",
        "share-prices",
        "by-the-time",
        "ap-in-sentence",
        "subscribers",
        "author-name-in-body",
        "numbers",
    ],
)
def test_article_line_is_kept(line):
    doc = cleaned(f"{BODY}\n\n{line}\n\nIraq condemned the strikes.")
    assert line in doc.text
    assert doc.removed == []


def test_pull_quote_repeating_part_of_a_paragraph_is_kept():
    quote = "“We will not leave Iraq until the job is done.”"
    raw = f"{BODY}\n\n{quote}\n\nThe general said: {quote[1:-1]} He gave no date."
    doc = cleaned(raw)
    assert doc.text.count("We will not leave Iraq") == 2


def test_repeated_short_line_is_removed_as_duplicate():
    doc = cleaned(f"{BODY}\n\nIraq\n\nIraq\n\nThe end of the story came on Monday.")
    assert doc.text.count("Iraq\n") == 1
    assert doc.removed == [RemovedLine("Iraq", "duplicate")]


def test_paragraph_breaks_are_kept_and_collapsed():
    doc = cleaned(f"{BODY}\n\n\n\nSecond paragraph here.\nthird line")
    assert doc.text == f"{BODY}\n\nSecond paragraph here.\nthird line"


def test_windows_line_endings_are_normalised():
    doc = cleaned(f"{BODY}\r\n\r\nShare this\r\nSecond paragraph.")
    assert doc.text == f"{BODY}\n\nSecond paragraph."


def test_inline_rule_keeps_the_rest_of_the_line():
    doc = cleaned(f"{BODY}\n\nContinue reading The ministry said more troops would come.")
    assert "The ministry said more troops would come." in doc.text
    assert doc.removed == [RemovedLine("Continue reading", "promo")]


# ---- metadata in the text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "published", "rest"),
    [
        (
            " date 2019-12-31 Reuters, WASHINGTON and BAGHDAD",
            "2019-12-31",
            "Reuters, WASHINGTON and BAGHDAD",
        ),
        (" date 2024-10 Tel Aviv.", "2024-10", "Tel Aviv."),
        ("date 2020-01-05", "2020-01-05", None),
    ],
)
def test_first_line_date_sets_published_and_keeps_the_rest(first, published, rest):
    doc = cleaned(f"{first}\n\n{BODY}")
    assert doc.published == published
    assert doc.removed[0] == RemovedLine(f"date {published}", "metadata-date")
    assert "date " + published not in doc.text
    if rest is not None:
        assert doc.text.startswith(rest)
    else:
        assert doc.text == BODY


def test_date_line_later_in_the_text_is_not_metadata():
    doc = cleaned(f"{BODY}\n\n date 2019-12-31 was a Tuesday in the story of the conflict here")
    assert doc.published is None


def test_given_published_wins_over_the_first_line():
    doc = cleaned(f" date 2019-12-31 Reuters\n\n{BODY}", published="2020-02-02")
    assert doc.published == "2020-02-02"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("March 24th, 2013", "2013-03-24"),
        ("21 Oktober 2011", "2011-10-21"),
        ("Published: January 5, 2020", "2020-01-05"),
        ("Yayın tarihi: 4 Ocak 2024", "2024-01-04"),
        ("Fecha de publicación: 3 de enero de 2024", "2024-01-03"),
        ("Дата публикации: 4 января 2024", "2024-01-04"),
    ],
)
def test_dateline_sets_published(line, date):
    doc = cleaned(f"{line}\n\n{BODY}")
    assert doc.published == date
    assert doc.removed == [RemovedLine(line, "dateline")]


def test_title_is_the_first_line_without_a_full_stop():
    doc = cleaned(f"US strikes militia in Iraq\n\n{BODY}")
    assert doc.title == "US strikes militia in Iraq"


def test_first_line_sentence_is_not_a_title():
    assert cleaned(BODY).title is None


@pytest.mark.parametrize("end", ["۔", "।", "。"])
def test_first_line_ending_in_a_non_latin_full_stop_is_not_a_title(end: str) -> None:
    assert cleaned("امریکہ نے عراق میں فضائی حملے کیے" + end).title is None


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.reuters.com/world/x", "reuters.com"),
        ("http://antiwar.com/a", "antiwar.com"),
        (None, None),
        ("", None),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


def test_outlet_is_filled_from_the_url():
    assert cleaned(BODY, url="https://www.aljazeera.com/news/1").outlet == "aljazeera.com"


# ---- nothing left -----------------------------------------------------------------------------


def test_only_boilerplate_raises_no_main_text():
    with pytest.raises(NoMainText):
        cleaned("top of page\nShare this\nbottom of page")


# ---- HTML -------------------------------------------------------------------------------------

PARAGRAPHS = [
    BODY,
    "Iraqi security sources said at least 25 fighters were killed and 55 wounded near Al-Qaim.",
    "The Iraqi government condemned the strikes as a violation of its sovereignty on Monday.",
]


def html_page(body: str, head: str = "<title>Strikes in Iraq</title>") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World navigation menu</a></nav>"
        f"{body}<footer>Copyright 2020 Example News. Contact us.</footer></body></html>"
    )


def test_html_keeps_the_article_and_drops_navigation():
    page = html_page("<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>")
    doc = clean(Document(id="h", raw_text=page, raw_format="html"))
    assert all(p in doc.text for p in PARAGRAPHS)
    assert "navigation menu" not in doc.text
    assert "Copyright" not in doc.text


def test_html_metadata_fills_title_and_date():
    head = '<title>Strikes in Iraq</title><meta name="date" content="2019-12-30">'
    page = html_page("<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>", head)
    doc = clean(Document(id="h", raw_text=page, raw_format="html"))
    assert (doc.title, doc.published) == ("Strikes in Iraq", "2019-12-30")


def test_html_is_detected_without_a_declared_format():
    page = html_page("<article>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>")
    doc = clean(Document(id="h", raw_text=page))
    assert "<p>" not in doc.text


@pytest.mark.parametrize(
    "body",
    ["", "<script>var a = 1;</script>", "<div><img src='a.png'></div>"],
    ids=["empty", "script-only", "image-only"],
)
def test_html_without_main_text_raises(body):
    with pytest.raises(NoMainText, match="no main text"):
        clean(Document(id="h", raw_text=html_page(body), raw_format="html"))


@pytest.mark.issue(2)
@pytest.mark.parametrize(
    "body",
    [
        "<ul><li><a href='/a'>World</a></li><li><a href='/b'>Politics</a></li></ul>",
        "<form><label>Login</label><input name='u'><button>Sign in</button></form>",
    ],
    ids=["links-only", "login-wall"],
)
def test_html_with_only_links_or_a_form_raises(body):
    # trafilatura's fallback returned the link/button texts ("World\nPolitics") as main text.
    with pytest.raises(NoMainText):
        clean(Document(id="h", raw_text=f"<html><body>{body}</body></html>", raw_format="html"))


# ---- rule file validation --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules: 3", "'rules' list"),
        ("rules:\n  - reason: x", "needs 'reason' and 'pattern'"),
        ("rules:\n  - {reason: x, pattern: '(', }", "bad regex"),
        ("rules:\n  - {reason: x, pattern: a, colour: red}", "unknown keys"),
    ],
)
def test_bad_rule_file_is_a_config_error(text, message):
    with pytest.raises(ConfigError, match=message):
        load_boilerplate_rules(text, "test.yaml")


def test_packaged_rules_load():
    assert len(load_boilerplate_rules()) > 10


# ---- ../shared: gold evidence survives, listed boilerplate goes ------------------------------


def _raw_and_clean(path: Path) -> tuple[str, Document]:
    (doc,) = list(read_path(path))
    raw = doc.raw_text
    return raw, clean(doc)


@pytest.mark.shared
@pytest.mark.parametrize("gold", gold_files(), ids=lambda p: p.stem)
def test_gold_evidence_survives_cleaning(gold):
    raw, doc = _raw_and_clean(article_for(gold))
    evidence = [e["evidence"] for e in load_gold(gold)["events"] if e.get("evidence")]
    # One gold evidence (in 002) is not in the raw text at all: only what is there can be kept.
    lost = [e for e in evidence if e in raw and e not in doc.text]
    assert lost == []


@pytest.mark.shared
@pytest.mark.parametrize(
    ("relpath", "line_start", "reason"),
    [
        ("seeds/004_ba0d1f7edb4551af.txt", "top of page", "page-chrome"),
        ("seeds/004_ba0d1f7edb4551af.txt", "bottom of page", "page-chrome"),
        ("seeds/003_126ceead3e707954.txt", "READ ALSO", "related-link"),
        ("seeds/003_126ceead3e707954.txt", "Via Zerohedge", "source-credit"),
        ("seeds/001_b29b8c6298354b51.txt", "Author: Jason Ditz", "byline"),
        ("seeds/001_b29b8c6298354b51.txt", "Jason Ditz is Senior Editor", "author-bio"),
        ("corpus/articles/p4-17.txt", "White House press secretary Sarah", "photo-caption"),
        ("corpus/articles/p5-17.txt", "AP Photo/Majdi Mohammed", "photo-caption"),
    ],
)
def test_shared_boilerplate_is_removed(relpath, line_start, reason):
    _, doc = _raw_and_clean(shared_path(relpath))
    hits = [r for r in doc.removed if r.line.startswith(line_start)]
    assert [r.reason for r in hits] == [reason]
    assert not any(line.strip().startswith(line_start) for line in doc.text.split("\n"))


@pytest.mark.shared
def test_shared_first_line_date_sets_published_and_keeps_the_rest():
    _, doc = _raw_and_clean(shared_path("corpus/articles/p1-03.txt"))
    assert doc.published == "2019-12-31"
    assert doc.text.startswith("Reuters, WASHINGTON and BAGHDAD")


@pytest.mark.shared
@pytest.mark.parametrize("gold", gold_files(), ids=lambda p: p.stem)
def test_shared_cleaning_keeps_most_of_the_article(gold):
    raw, doc = _raw_and_clean(article_for(gold))
    assert len(doc.text) >= 0.6 * len(raw.strip())
